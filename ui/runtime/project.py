"""An open claim database, as the app uses it.

Every change the app makes goes through :meth:`Project.write`, its single write path: one
transaction, whose change set (read from the journal by the core) is announced once, with its
initiator, through :attr:`Project.announce` (the hub's), and remembered in :attr:`own_entries`
so that the watcher for other programs' changes does not announce it again.

The window paints its first rows from a plain sqlite3 connection (``reader``) before SQLModel
and SQLAlchemy are imported; the :class:`~claimtracker.store.Store`, which every change goes
through, is opened on a background thread right after. A file that does not exist yet, has no
schema or needs a migration is opened through the Store first (that path is rare and may take
the extra third of a second).

A team project on a PostgreSQL server opens the same way from its URL: the reader is a
:class:`~claimtracker.server.reader.ServerReader` (psycopg, no SQLAlchemy), the Store follows on
the thread. Its :attr:`path` is None; :attr:`address` says where it is, :attr:`target` is the
URL without the password (what the settings keep).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from claimtracker.errors import ClaimTrackerError, StorageError
from claimtracker.journal.changes import ChangeSet, OwnEntries
from claimtracker.query.folding import Folding, server_folding
from claimtracker.query.opening import (
    Connection,
    DatabaseError,
    connect_reader,
    open_reader,
    open_server_reader,
    translated,
)
from claimtracker.server.address import TeamAddress, is_server_url, stored_password
from claimtracker.server.reader import ServerReader

if TYPE_CHECKING:
    from sqlmodel import Session

    from claimtracker.store import Store

log = logging.getLogger(__name__)

#: How long closing waits for a Store that is still being opened (seconds).
LOADER_WAIT_SECONDS = 10.0


class Project:
    """One open database: a reader for the GUI thread, fresh readers for workers, the Store."""

    def __init__(
        self,
        path: Path | None,
        reader: Connection,
        store: Store | None = None,
        *,
        address: TeamAddress | None = None,
        password: str | None = None,
    ) -> None:
        #: The database file (None for a team project on a server).
        self.path = path
        #: Where a team project is (None for a file).
        self.address = address
        self._password = password
        self.reader = reader
        self._store = store
        self._store_error: BaseException | None = None
        self._store_ready = threading.Event()
        self._loader: threading.Thread | None = None
        #: Called once per write with its change set and initiator (the window sets the hub's).
        self.announce: Callable[[ChangeSet, object], None] | None = None
        #: The journal entries this window wrote (the watcher skips them).
        self.own_entries = OwnEntries()
        self._closing = threading.Lock()
        self._closed = False
        #: Why the team server cannot be reached now (set while it does not answer: writes are
        #: refused at once with these words, and kept by the app to be saved later).
        self.unreachable: str | None = None
        #: How a team server folds words, once read (:meth:`read_folding`); None on a file.
        self.folding: Folding | None = None
        if store is not None:
            self._store_ready.set()

    # -- opening --------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path) -> Project:
        """Open ``path`` (a file, or a team server's URL), creating or upgrading it through the
        Store when needed.

        Raises :class:`~claimtracker.errors.ClaimTrackerError` for a file that cannot be used
        (damaged, not a ClaimTracker database, made by a newer version, not readable), or a
        server that does not answer, refuses the password or holds no ClaimTracker project.
        """
        if isinstance(path, str) and is_server_url(path):
            address, password = TeamAddress.from_url(path)
            return cls.open_server(address, password)
        path = Path(path).expanduser().resolve()
        if path.is_dir():
            raise StorageError(f"{path} is a folder, not a ClaimTracker database file.")
        if not path.exists() or path.stat().st_size == 0:
            return cls._open_through_store(path)
        reader = open_reader(path)
        return cls(path, reader) if reader is not None else cls._open_through_store(path)

    @classmethod
    def _open_through_store(cls, path: Path) -> Project:
        from claimtracker.store import Store

        log.info("Opening %s through the Store (new file or schema upgrade)", path)
        store = Store.open(path)
        try:
            reader = connect_reader(path)
        except DatabaseError as exc:
            store.close()
            raise translated(exc, path) from exc
        return cls(path, reader, store)

    @classmethod
    def open_server(cls, address: TeamAddress, password: str | None = None) -> Project:
        """Open the team project at ``address``; without ``password``, the one the keyring
        keeps, else libpq's own (``~/.pgpass``)."""
        if password is None:
            password = stored_password(address)
        reader = open_server_reader(address, password)
        if reader is not None:
            return cls(None, reader, address=address, password=password)
        from claimtracker.store import Store

        log.info("Opening %s through the Store (new schema or upgrade)", address.describe())
        store = Store.open(address.url(password))
        try:
            reader = open_server_reader(address, password)
        except ClaimTrackerError:
            store.close()
            raise
        if reader is None:  # the Store has just made the schema: cannot happen
            store.close()
            raise StorageError(f"{address.describe()} has no ClaimTracker schema.")
        return cls(None, reader, store, address=address, password=password)

    @property
    def password(self) -> str | None:
        """The team server's password this window connected with (never written anywhere)."""
        return self._password

    @property
    def target(self) -> str:
        """What opens this project again: the file's path, or the URL without a password."""
        if self.address is not None:
            return self.address.url()
        assert self.path is not None
        return str(self.path)

    @property
    def on_server(self) -> bool:
        return self.address is not None

    def _store_target(self) -> str | Path:
        if self.address is not None:
            return self.address.url(self._password)
        assert self.path is not None
        return self.path

    # -- the Store, loaded in the background -----------------------------------------------

    def load_store_in_background(
        self, done: Callable[[BaseException | None], None] | None = None
    ) -> None:
        """Import the ORM and open the Store on a thread, so the first edit does not wait.

        Opening the Store also checks the file (after an unclean shutdown, SQLite's quick
        check); ``done`` is called on that thread with the error, if any (a Qt signal's
        ``emit`` is the usual callback).
        """
        if self._store_ready.is_set() or self._loader is not None:
            if done is not None and self._store_ready.is_set():
                done(self._store_error)
            return
        self._loader = threading.Thread(
            target=self._load_store, args=(done,), name="claimtracker-store-loader", daemon=True
        )
        self._loader.start()

    def _load_store(self, done: Callable[[BaseException | None], None] | None = None) -> None:
        try:
            from claimtracker.store import Store

            store = Store.open(self._store_target())
            with self._closing:
                if self._closed:  # the window let go of it while the file was checked
                    store.close()
                    return
                self._store = store
        except BaseException as exc:  # handed to whoever asks for the store
            self._store_error = exc
        finally:
            self._store_ready.set()
        if done is not None:
            done(self._store_error)

    @property
    def store_loaded(self) -> bool:
        return self._store_ready.is_set() and self._store is not None

    @property
    def store(self) -> Store:
        """The Store (waits for the background load, or opens it now)."""
        if not self._store_ready.is_set() and self._loader is None:
            self._load_store()
        self._store_ready.wait()
        if self._store is None:
            error = self._store_error
            self._store_error = None
            self._store_ready.clear()
            self._loader = None
            if isinstance(error, ClaimTrackerError):
                raise error
            raise StorageError(
                f"{self.display_name} cannot be opened for writing ({error})."
            ) from error
        return self._store

    @contextmanager
    def write(self, initiator: object = None) -> Iterator[Session]:
        """One user action's transaction (see ``Store.change``); when it is committed, what it
        changed is announced once, as asked by ``initiator``."""
        if self.unreachable is not None:
            raise StorageError(self.unreachable)
        with self.store.change() as transaction:
            yield transaction.session
        self.changed(transaction.changes, initiator)

    def changed(self, changes: ChangeSet, initiator: object = None) -> None:
        """A write of this window (also a bulk one, made outside :meth:`write`) was committed."""
        self.own_entries.add(changes)
        if self.announce is not None:
            self.announce(changes, initiator)

    # -- connections for workers ----------------------------------------------------------

    def read_folding(self) -> Folding | None:
        """Read how the team server folds words, so that the app marks the words its search
        found (``claimtracker.query.folding``): one statement on a connection of its own, for
        a worker thread. None on a file, whose index folds as the app does."""
        if self.address is None:
            return None
        connection = self.connect()
        try:
            self.folding = server_folding(connection)
        finally:
            connection.close()
        return self.folding

    def connect(self) -> Connection:
        """A new read-only connection, for a worker thread."""
        if self.address is not None:
            return ServerReader(self.address, self._password)
        assert self.path is not None
        return connect_reader(self.path)

    @property
    def display_name(self) -> str:
        """The file's name, or the team project's ("claims on db.example.org (anna)")."""
        if self.address is not None:
            return self.address.describe()
        assert self.path is not None
        return self.path.name

    @property
    def location(self) -> str:
        """Where the project is, in full, for the status bar: a path or a server address."""
        return self.address.describe() if self.address is not None else str(self.path)

    def close(self, *, wait_for_loader: float = LOADER_WAIT_SECONDS) -> None:
        """Close the Store and the reader. A Store still being opened (the check of a large
        file after an unclean shutdown) is waited for ``wait_for_loader`` seconds at most;
        after that its thread closes it when it is done (it does not keep the app running)."""
        if self._loader is not None:
            self._loader.join(timeout=wait_for_loader)
            with self._closing:
                self._closed = True
            self._loader = None
        if self._store is not None:
            self._store.close()
            self._store = None
        self.reader.close()
