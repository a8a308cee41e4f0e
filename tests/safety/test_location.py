"""A database on a network share or in a cloud-sync folder gets a warning that explains why."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtracker.cli import main
from claimtracker.safety.location import location_risk, parse_mounts

MOUNTS = """\
/dev/vda / ext4 rw,relatime 0 0
server:/export/team /mnt/team nfs4 rw,relatime 0 0
//nas/analysts /mnt/nas cifs rw 0 0
analyst@box:/home /mnt/box fuse.sshfs rw,nosuid 0 0
hostshare /mnt/host 9p rw,trans=virtio 0 0
/dev/vdb /mnt/team/local ext4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
/dev/vdc /mnt/with\\040space ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "place"),
    [
        ("/mnt/team/claims.db", "nfs4 at /mnt/team"),
        ("/mnt/nas/2018/claims.db", "cifs at /mnt/nas"),
        ("/mnt/box/claims.db", "fuse.sshfs at /mnt/box"),
        ("/mnt/host/claims.db", "9p at /mnt/host"),
    ],
)
def test_network_shares_are_recognised(path: str, place: str) -> None:
    risk = location_risk(Path(path), mounts=MOUNTS)
    assert risk is not None and risk.kind == "network" and risk.place == place
    assert "network share" in risk.message and "damaged" in risk.message
    assert path in risk.message


@pytest.mark.parametrize(
    "path", ["/home/jane/claims.db", "/tmp/claims.db", "/mnt/team/local/claims.db"]
)
def test_local_disks_are_fine(path: str) -> None:
    assert location_risk(Path(path), mounts=MOUNTS) is None


def test_mount_points_with_spaces_and_bsd_style_tables() -> None:
    assert ("/mnt/with space", "ext4") in parse_mounts(MOUNTS)
    bsd = "//jane@nas/team on /Volumes/team (smbfs, nodev, nosuid)\n/dev/disk1 on / (apfs, local)"
    assert parse_mounts(bsd) == [("/Volumes/team", "smbfs"), ("/", "apfs")]
    risk = location_risk(Path("/Volumes/team/claims.db"), mounts=bsd)
    assert risk is not None and risk.place == "smbfs at /Volumes/team"


@pytest.mark.parametrize(
    ("folder", "service"),
    [
        ("OneDrive - Contoso/Research", "OneDrive"),
        ("Dropbox/claims", "Dropbox"),
        ("Google Drive/My Drive", "Google Drive"),
        ("Library/Mobile Documents/com~apple~CloudDocs", "iCloud Drive"),
        ("iCloud Drive", "iCloud Drive"),
    ],
)
def test_cloud_folders_are_recognised_by_name(tmp_path: Path, folder: str, service: str) -> None:
    risk = location_risk(tmp_path / folder / "claims.db", mounts="")
    assert risk is not None and risk.kind == "cloud" and risk.place == service
    assert f"synced by {service}" in risk.message and "conflicted" in risk.message


def test_a_syncthing_folder_is_recognised_by_its_marker(tmp_path: Path) -> None:
    (tmp_path / "shared" / ".stfolder").mkdir(parents=True)
    (tmp_path / "shared" / "work").mkdir()
    risk = location_risk(tmp_path / "shared" / "work" / "claims.db", mounts="")
    assert risk is not None and risk.place == "Syncthing"
    assert location_risk(tmp_path / "claims.db", mounts="") is None


def test_onedrive_is_found_through_its_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OneDrive", str(tmp_path / "Work Files"))
    risk = location_risk(tmp_path / "Work Files" / "claims.db", mounts="")
    assert risk is not None and risk.place == "OneDrive"


def test_the_command_line_warns_on_standard_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "Dropbox" / "claims.db"
    assert main(["list", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert "warning:" in err and "synced by Dropbox" in err
    assert "Dropbox" not in out
