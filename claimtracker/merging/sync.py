"""A team project taken offline and brought back: checkout and sync with a team server.

:func:`checkout` makes a new project file from the project on a server: a first merge from
the server (every record added, with its journal), then the marks that make the server's state
at that moment the common ancestor of every later sync. The copy gets an identity of its own
(each analyst's copy is one side, so that the journal's ``origin`` tells whose change came
from where); the file remembers the server's URL (without its password) as the peer it was
checked out from. The copy is verified: it holds every record of the server, by UUID.

:func:`sync` exchanges changes both ways with the same rules as a merge: first the server's
work into the file (pull, one file transaction, a verified backup first), then the file's
work into the server (push, one server transaction; the server's backups are its
administrator's). Each side keeps its own mark of the other; what a merge brought in from a
side is never sent back to it. Conflicts are held on the side they arise on and settled the
same way (``claimtracker conflicts``, ``resolve``). A side that refuses a write (a viewer's
role) is said in one line, and the file keeps its changes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from claimtracker import bulk
from claimtracker.errors import MergeInputError, StorageError
from claimtracker.journal.changes import sqlite_execute
from claimtracker.merging.ancestry import last_entry
from claimtracker.merging.identity import project_identity
from claimtracker.merging.merge_file import merge_peer
from claimtracker.merging.peer import Peer
from claimtracker.merging.server_peer import (
    is_server_url,
    open_peer_server,
    open_server_store,
    server_refusal,
    url_without_password,
)
from claimtracker.merging.state import Progress
from claimtracker.merging.summary import MergeSummary
from claimtracker.merging.trails import MERGED_KINDS, merged_from, read_trails
from claimtracker.store import Store
from claimtracker.store.dbapi import POSTGRESQL

_SERVER_SCHEMES = ("postgresql", "postgres")


@dataclass(frozen=True)
class SyncStatus:
    """What the app shows beside Sync: where the file syncs with, when it last did, conflicts."""

    url: str | None
    last_synced: datetime | None
    conflicts: int

    def describe(self) -> str:
        if self.url is None:
            return "Not checked out from a team server"
        when = "never"
        if self.last_synced is not None:
            local = self.last_synced.replace(tzinfo=UTC).astimezone()
            when = local.strftime("%Y-%m-%d %H:%M")
        held = f", {self.conflicts} conflict{'s' if self.conflicts != 1 else ''}"
        return f"Last synced {when}{held if self.conflicts else ''}"


@dataclass
class SyncResult:
    url: str
    pulled: MergeSummary
    pushed: MergeSummary | None
    #: Why nothing was sent (None: sent, or nothing to send).
    refused: str | None = None

    def lines(self) -> list[str]:
        lines = [f"Pulled: {self.pulled.describe()}"]
        if self.refused is not None:
            lines.append(f"Not pushed: {self.refused}")
        elif self.pushed is None:
            lines.append(f"Pushed: nothing new for {self.url}")
        else:
            lines.append(
                f"Pushed: {self.pushed.describe().replace('From ', 'To the server from ', 1)}"
            )
        return lines

    @property
    def conflicts(self) -> int:
        return self.pulled.conflicts + (self.pushed.conflicts if self.pushed else 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "pulled": self.pulled.to_dict(),
            "pushed": self.pushed.to_dict() if self.pushed else None,
            "refused": self.refused,
        }


@dataclass(frozen=True)
class Checkout:
    url: str
    path: Path
    summary: MergeSummary
    #: Records of each kind the copy holds, each found on the server by UUID.
    verified: dict[str, int]
    #: False when the server did not let this analyst note the copy (a viewer): it pulls only.
    can_push: bool

    def describe(self) -> str:
        counts = ", ".join(f"{count} {kind}s" for kind, count in self.verified.items() if count)
        text = f"Checked out {self.url} into {self.path}: {counts or 'an empty project'} (verified)"
        if not self.can_push:
            text += "; your role on the server lets this copy pull changes, not send them"
        return text


# -- Refusals -----------------------------------------------------------------------------------


def refused_message(url: str, reason: str) -> str:
    return (
        f"{url} refused your changes ({reason}); your role there does not allow them. "
        "They stay in this file; ask the server's lead for the role that does."
    )


# -- Where a file syncs with ----------------------------------------------------------------------


def _server_marks(execute: Any) -> list[tuple[str, str, int, int, str]]:
    """The file's marks of the servers it merged with (peer, URL, their mark, my mark, when)."""
    return [
        (str(row[0]), str(row[1]), int(row[2]), int(row[3]), str(row[4]))
        for row in execute(
            "SELECT peer_uuid, peer_name, their_mark, my_mark, merged_at FROM merge_peer"
            " ORDER BY merged_at DESC",
            (),
        )
        if str(row[1]).startswith(_SERVER_SCHEMES)
    ]


def sync_status(store: Store) -> SyncStatus:
    """Where ``store`` (a project file) syncs with, when it last did, how many conflicts wait."""
    with store.raw() as connection:
        execute = sqlite_execute(connection)
        marks = _server_marks(execute)
        conflicts = int(
            execute("SELECT count(*) FROM merge_conflict WHERE settled_at IS NULL", ())[0][0]
        )
    if not marks:
        return SyncStatus(None, None, conflicts)
    return SyncStatus(marks[0][1], datetime.fromisoformat(marks[0][4]), conflicts)


def checked_out_from(store: Store) -> str | None:
    return sync_status(store).url


# -- Checkout ---------------------------------------------------------------------------------


def _remove_new_file(path: Path) -> None:
    """A checkout that failed leaves no half-made file behind (no connection is open to it)."""
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def _uuids(execute: Any, kind: str) -> set[str]:
    return {str(row[0]) for row in execute(f"SELECT uuid FROM {kind}", ())}


def _verify(store: Store, peer: Peer) -> dict[str, int]:
    """Every record the server holds is in the copy, by UUID, and nothing else is."""
    counts: dict[str, int] = {}
    with store.raw() as connection:
        mine = sqlite_execute(connection)
        for kind in MERGED_KINDS:
            theirs, ours = _uuids(peer.execute, kind), _uuids(mine, kind)
            if theirs != ours:
                raise StorageError(
                    f"The copy of {peer.name} does not hold what the server holds "
                    f"({len(theirs ^ ours)} {kind}s differ); it was not kept"
                )
            counts[kind] = len(ours)
    return counts


def _note_copy(url: str, *, identity: str, name: str, file_mark: int, server_mark: int) -> bool:
    """The server notes the copy's marks (the ancestor of its first push); False if the
    analyst's role does not allow it."""
    server = open_server_store(url)
    try:
        with server.raw(write=True) as connection:
            connection.execute(
                "INSERT INTO merge_peer (peer_uuid, peer_name, their_mark, my_mark, merged_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (identity, name, file_mark, server_mark, bulk.timestamp()),
            )
    except Exception as exc:
        if server_refusal(exc) is None:
            raise
        return False
    finally:
        server.close()
    return True


def checkout(url: str, path: Path, *, progress: Progress | None = None) -> Checkout:
    """A new project file ``path`` holding the team project on the server ``url``."""
    path = Path(path).expanduser()
    if not is_server_url(url):
        raise MergeInputError(f"cannot check out {url}: it is not a server URL (postgresql://…)")
    if path.exists():
        raise MergeInputError(
            f"cannot check out into {path}: the file exists already; give a new file's name"
        )
    shown = url_without_password(url)
    with open_peer_server(url) as peer:
        try:
            with Store.open(path, before_upgrade=None) as store:
                summary = merge_peer(store, peer, progress=progress, backup=False, keep_empty=True)
                verified = _verify(store, peer)
                with store.raw() as connection:
                    execute = sqlite_execute(connection)
                    identity = project_identity(execute)
                    file_mark = last_entry(execute)
            server_mark = last_entry(peer.execute)
        except BaseException:
            _remove_new_file(path)
            raise
    can_push = _note_copy(
        url, identity=identity, name=path.name, file_mark=file_mark, server_mark=server_mark
    )
    return Checkout(shown, path, summary, verified, can_push)


# -- Sync --------------------------------------------------------------------------------------


def _has_news(peer: Peer, server_identity: str, server_marks: list[Any]) -> bool:
    """Whether the file holds work the server has not had: its journal after the server's mark
    of it, less what came from the server."""
    after = int(server_marks[0][0]) if server_marks else 0
    trails = read_trails(
        peer.execute,
        after,
        skip_origin=server_identity,
        skip_ranges=merged_from(peer, server_identity),
    )
    return any(trails[kind] for kind in MERGED_KINDS)


@contextlib.contextmanager
def _this_file(store: Store) -> Iterator[Peer]:
    """The project file ``store`` as the other side of a merge into its server, read in one
    snapshot (the process holding it open, such as the app, reads it so)."""
    assert store.path is not None
    with store.raw() as connection:
        connection.execute("BEGIN")
        execute = sqlite_execute(connection)
        yield Peer(
            execute=execute,
            name=store.path.name,
            identity=project_identity(execute),
            has_origin=True,
        )


def _push(
    store: Store, url: str, progress: Progress | None
) -> tuple[MergeSummary | None, str | None]:
    server = open_server_store(url)
    try:
        with _this_file(store) as peer:
            with server.raw() as connection:
                execute = sqlite_execute(connection)
                server_identity = project_identity(execute, POSTGRESQL)
                marks = execute(
                    "SELECT their_mark FROM merge_peer WHERE peer_uuid = ?", (peer.identity,)
                )
            if not _has_news(peer, server_identity, marks):
                return None, None
            try:
                # The marks move on even when the server held all of it already (the same link
                # made on both sides), so that the next sync does not weigh it again.
                pushed = merge_peer(server, peer, progress=progress, keep_empty=True)
                return (None if pushed.nothing_new else pushed), None
            except Exception as exc:
                reason = server_refusal(exc)
                if reason is None:
                    raise
                return None, refused_message(url_without_password(url), reason)
    finally:
        server.close()


def sync(
    store: Store,
    url: str | None = None,
    *,
    progress: Progress | None = None,
) -> SyncResult:
    """Exchange changes between the project file ``store`` and the server it was checked out
    from (or ``url``): the server's work first, then this file's."""
    if store.path is None:
        raise MergeInputError(
            "sync runs on a project file checked out from a team server, not on a server "
            "itself (use `claimtracker checkout URL FILE` first)"
        )
    url = url or checked_out_from(store)
    if url is None:
        raise MergeInputError(
            f"{store.path.name} was not checked out from a team server: give the server's URL "
            "(`claimtracker sync URL`) or take a copy with `claimtracker checkout URL FILE`"
        )
    with open_peer_server(url) as peer:
        pulled = merge_peer(store, peer, progress=progress)
        server_identity = peer.identity
    pushed, refused = _push(store, url, progress)
    with store.raw(write=True) as connection:
        connection.execute(
            "UPDATE merge_peer SET merged_at = ? WHERE peer_uuid = ?",
            (bulk.timestamp(), server_identity),
        )
    return SyncResult(url_without_password(url), pulled, pushed, refused)
