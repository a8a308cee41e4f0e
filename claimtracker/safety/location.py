"""Is the database somewhere SQLite cannot keep it safe? Network shares and cloud-sync folders.

SQLite relies on the operating system's file locks and on writes reaching the disk in order.
Network file systems (NFS, SMB/CIFS, SSHFS and other FUSE mounts, 9p...) often get locking
wrong, so two computers can write at once; sync clients (OneDrive, Dropbox, Google Drive,
iCloud Drive, Syncthing) copy the file while it is being written and may bring back an older or
"conflicted" copy. Either can silently lose or damage work. :func:`location_risk` tells, with a
message that explains the risk; the CLI prints it on standard error and the app shows it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

#: File-system types (as in /proc/mounts) that live on another computer.
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "davfs",
        "webdav",
        "afpfs",
        "fuse.sshfs",
        "sshfs",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.gcsfuse",
        "fuse.davfs",
        "fuse.glusterfs",
        "fuse.cephfs",
    }
)
#: Folder names that sync clients create (compared case-insensitively), with the service.
CLOUD_FOLDER_NAMES = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "icloud~com~apple~clouddocs": "iCloud Drive",
    "com~apple~clouddocs": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "pcloud drive": "pCloud",
    "box sync": "Box",
}
#: Marker files or folders a sync client keeps at the top of what it syncs.
CLOUD_MARKERS = {
    ".stfolder": "Syncthing",
    ".dropbox": "Dropbox",
    ".dropbox.cache": "Dropbox",
    ".sync": "Resilio Sync",
}
_ONEDRIVE_ENV = ("OneDrive", "OneDriveConsumer", "OneDriveCommercial")


@dataclass(frozen=True)
class LocationRisk:
    kind: str  # "network" or "cloud"
    #: What the place is: "nfs4 at /mnt/team", "Dropbox".
    place: str
    message: str


def location_risk(path: Path, *, mounts: str | None = None) -> LocationRisk | None:
    """The risk of keeping a database at ``path``, or None for a local, unsynced folder.

    ``mounts`` is the text of /proc/mounts (read from the system when None; tests pass their
    own).
    """
    path = Path(path).expanduser().absolute()
    network = _network_place(path, mounts)
    if network is not None:
        return LocationRisk(
            kind="network",
            place=network,
            message=(
                f"{path} is on a network share ({network}). SQLite cannot lock a file on a "
                "network share reliably: if two computers use it at once, or the connection "
                "drops during a save, the database can be damaged. Keep it on this computer's "
                "own disk, and share exported reports instead."
            ),
        )
    service = _cloud_service(path)
    if service is not None:
        return LocationRisk(
            kind="cloud",
            place=service,
            message=(
                f"{path} is in a folder synced by {service}. Sync programs copy a database while "
                'it is being written and may bring back an older or "conflicted" copy, which '
                "can lose or damage your work. Keep the database outside synced folders; "
                "ClaimTracker's backups stay on this computer."
            ),
        )
    return None


def location_warning(path: Path) -> str | None:
    """The message to show for ``path``, if any (see :func:`location_risk`)."""
    risk = location_risk(path)
    return risk.message if risk else None


# --- network shares --------------------------------------------------------------------------


def _network_place(path: Path, mounts: str | None) -> str | None:
    if sys.platform == "win32":
        return _windows_network_place(path)
    table = parse_mounts(mounts if mounts is not None else _read_mounts())
    best: tuple[str, str] | None = None
    text = str(path)
    for mount_point, fs_type in table:
        inside = text == mount_point or text.startswith(mount_point.rstrip("/") + "/")
        if inside and (best is None or len(mount_point) > len(best[0])):
            best = (mount_point, fs_type)
    if best is None:
        return None
    mount_point, fs_type = best
    if is_network_filesystem(fs_type):
        return f"{fs_type} at {mount_point}"
    return None


def is_network_filesystem(fs_type: str) -> bool:
    fs_type = fs_type.lower()
    return fs_type in NETWORK_FILESYSTEMS or fs_type.split(".")[0] in NETWORK_FILESYSTEMS


def parse_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, file-system type) pairs from /proc/mounts or the output of ``mount``."""
    table = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3 and " on " not in line:  # /proc/mounts: device point type options
            table.append((_unescape(parts[1]), parts[2]))
        elif " on " in line and "(" in line:  # macOS/BSD: device on point (type, options)
            _device, _, rest = line.partition(" on ")
            point, _, options = rest.rpartition(" (")
            table.append((point, options.split(",")[0].strip(" )")))
    return table


def _unescape(field: str) -> str:
    # /proc/mounts writes spaces, tabs, newlines and backslashes in octal (\040...).
    return field.encode("latin-1", "backslashreplace").decode("unicode_escape")


def _read_mounts() -> str:
    try:
        return Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        pass
    try:
        return subprocess.run(
            ["mount"], capture_output=True, text=True, timeout=5, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def _windows_network_place(path: Path) -> str | None:
    text = str(path)
    if text.startswith("\\\\"):
        return "a network path"
    drive = path.drive
    if not drive:
        return None
    try:
        import ctypes

        drive_remote = 4
        kind = ctypes.windll.kernel32.GetDriveTypeW(f"{drive}\\")  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return None
    return f"network drive {drive}" if kind == drive_remote else None


# --- sync folders ----------------------------------------------------------------------------


def _cloud_service(path: Path) -> str | None:
    for root in _onedrive_roots():
        if path == root or root in path.parents:
            return "OneDrive"
    folders = [path.parent, *path.parent.parents]
    for folder in folders:
        name = folder.name.casefold()
        for known, service in CLOUD_FOLDER_NAMES.items():
            if name == known or name.startswith((f"{known} - ", f"{known}-")):
                return service
    for folder in folders:
        for marker, service in CLOUD_MARKERS.items():
            try:
                if (folder / marker).exists():
                    return service
            except OSError:
                continue
    return None


def _onedrive_roots() -> list[Path]:
    return [Path(os.environ[name]) for name in _ONEDRIVE_ENV if os.environ.get(name)]
