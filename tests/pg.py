"""A real, throwaway PostgreSQL server for the tests (loaded by tests/conftest.py).

One cluster per test session: ``initdb`` into a temporary folder, started with ``pg_ctl`` on a
free port with its unix socket in that folder, stopped (``-m immediate``) and deleted when the
session ends. PostgreSQL refuses to run as root, so as root (CI) the cluster belongs to
``nobody`` and its programs run through ``runuser -u nobody --``. Durability is switched off
(``fsync=off``): the cluster never outlives the session.

Authentication: ``trust`` on the unix socket (every role, no password) and a password
(``scram-sha-256``) on 127.0.0.1, so that wrong-password behaviour can be tested.

Fixtures
--------
``pg_server`` (session)
    A :class:`PgServer`: ``host`` (the socket folder), ``port``, ``superuser``, ``bindir`` and
    ``url(dbname, user=None, password=None)`` — an SQLAlchemy URL through the socket, or,
    when a password is given, through 127.0.0.1 where the password is checked.
    ``admin(sql, dbname="postgres")`` runs one statement as the superuser; ``dbname(url)`` is
    the database a URL names.
``pg_url`` (function)
    The URL of a fresh, empty database for this test (dropped afterwards).
``pg_migrated_url`` (function)
    The URL of a fresh database already at the newest schema: a copy of a template migrated
    once per session (``CREATE DATABASE x TEMPLATE t``, a few ms instead of a migration).
``db_target`` (function, parametrised ``sqlite`` / ``postgresql``)
    What ``Store.open`` / ``--db`` take: a new SQLite file's path in ``tmp_path``, or a fresh
    database's URL (from ``pg_migrated_url``), so that one behaviour test runs on both. Use it
    through ``store_both`` (tests/conftest.py) for a ``Store``, or pass it to ``--db``.

When the PostgreSQL programs are missing the PostgreSQL tests are skipped, except on CI (the
environment variable ``CI`` is set), where they fail with one line saying what is missing.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest

#: The account that owns and runs the cluster when the tests run as root.
UNPRIVILEGED = "nobody"
SUPERUSER = "claimtracker_test"
TEMPLATE_DB = "claimtracker_migrated"


def find_bindir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or None when PostgreSQL is not installed."""
    candidates: list[str] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        candidates.append(found.stdout.strip())
    candidates += sorted((str(p) for p in Path("/usr/lib/postgresql").glob("*/bin")), reverse=True)
    for folder in candidates:
        if folder and (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PgServer:
    host: str
    port: int
    superuser: str
    bindir: Path
    _names: Iterator[int] = field(default_factory=itertools.count)

    def url(self, dbname: str, *, user: str | None = None, password: str | None = None) -> str:
        """An SQLAlchemy URL for ``dbname``: through the socket (trusted), or through 127.0.0.1
        with ``password`` (checked by the server)."""
        who = quote(user or self.superuser, safe="")
        if password is not None:
            return (
                f"postgresql+psycopg://{who}:{quote(password, safe='')}@127.0.0.1:{self.port}/"
                f"{dbname}"
            )
        return f"postgresql+psycopg://{who}@/{dbname}?host={quote(self.host)}&port={self.port}"

    @staticmethod
    def dbname(url: str) -> str:
        """The database a URL names."""
        from sqlalchemy import make_url

        return str(make_url(url).database)

    def admin(self, sql: str, dbname: str = "postgres") -> None:
        """Run one statement as the superuser, outside a transaction (CREATE DATABASE ...)."""
        import psycopg

        with psycopg.connect(
            host=self.host, port=self.port, user=self.superuser, dbname=dbname, autocommit=True
        ) as connection:
            connection.execute(sql.encode())

    def new_database(self, template: str = "template0") -> str:
        """Create an empty database (or a copy of ``template``) and return its name."""
        name = f"t{os.getpid()}_{next(self._names)}"
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", UNPRIVILEGED, "--", *command]
    return command


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(_as_owner(command), capture_output=True, text=True)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise RuntimeError(f"{what} failed: {detail[-1] if detail else done.returncode}")


def start_cluster(bindir: Path, folder: Path, options: str) -> None:
    """Start the cluster in ``folder`` (data in ``folder/data``) with ``options`` for postgres."""
    _run(
        [
            str(bindir / "pg_ctl"),
            "-D",
            str(folder / "data"),
            "-l",
            str(folder / "server.log"),
            "-o",
            options,
            "-w",
            "start",
        ],
        "pg_ctl start",
    )


def stop_cluster(bindir: Path, folder: Path) -> None:
    """Stop the cluster in ``folder`` at once (as a crash or a pulled cable would)."""
    _run(
        [str(bindir / "pg_ctl"), "-D", str(folder / "data"), "-m", "immediate", "stop"],
        "pg_ctl stop",
    )


def create_cluster(bindir: Path, folder: Path, settings: Sequence[str] = ()) -> PgServer:
    """Create a cluster in ``folder`` (data in ``folder/data``; the folder must be new or empty)
    and start it on a free port; ``settings`` are extra ``name=value`` server settings (a bulk
    load's ``max_wal_size=…``). Stopped with :func:`stop_cluster`."""
    data = folder / "data"
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(folder, user=UNPRIVILEGED)
    folder.chmod(0o700)
    port = _free_port()
    _run(
        [
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            SUPERUSER,
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ],
        "initdb",
    )
    # Trust on the socket; a checked password on 127.0.0.1 only (initdb's defaults, narrowed).
    (data / "pg_hba.conf").write_text(
        "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n", encoding="utf-8"
    )
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    options += "".join(f" -c {setting}" for setting in settings)
    start_cluster(bindir, folder, options)
    return PgServer(host=str(folder), port=port, superuser=SUPERUSER, bindir=bindir)


@contextmanager
def throwaway_cluster(
    bindir: Path, *, parent: Path | None = None, settings: Sequence[str] = ()
) -> Iterator[PgServer]:
    """A new cluster on a free port (in a new folder under ``parent``, default the system's
    temporary folder), stopped and deleted afterwards (also used by bench/)."""
    folder = Path(tempfile.mkdtemp(prefix="ctpg-", dir=parent))
    server: PgServer | None = None
    try:
        server = create_cluster(bindir, folder, settings)
        yield server
    finally:
        if server is not None:
            stop_cluster(bindir, folder)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    bindir = find_bindir()
    if bindir is None:
        reason = "PostgreSQL server programs (initdb, pg_ctl) not found: apt-get install postgresql"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    with throwaway_cluster(bindir) as server:
        yield server


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    name = pg_server.new_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer) -> str:
    """A database migrated to the newest schema once per session, to be copied."""
    from claimtracker.store import Store

    pg_server.admin(f'CREATE DATABASE "{TEMPLATE_DB}" TEMPLATE template0')
    Store.open(pg_server.url(TEMPLATE_DB)).close()
    return TEMPLATE_DB


@pytest.fixture
def pg_migrated_url(pg_server: PgServer, pg_template: str) -> Iterator[str]:
    name = pg_server.new_database(template=pg_template)
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new SQLite file's path, or the URL of a fresh database at the newest schema (what
    opening a new file gives; copied from the template, faster than migrating each time)."""
    if request.param == "sqlite":
        return str(tmp_path / "claims.db")
    url: str = request.getfixturevalue("pg_migrated_url")
    return url
