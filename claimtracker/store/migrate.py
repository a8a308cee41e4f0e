"""Schema versions, managed by the Alembic migrations in ``claimtracker/migrations``.

Opening a database upgrades it in place to ``SCHEMA_HEAD``; an older file is never
recreated. Checking the revision needs only one query, so Alembic itself is imported only when
there is something to upgrade.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from claimtracker.errors import StorageError
from claimtracker.store.version import SCHEMA_HEAD

if TYPE_CHECKING:
    from alembic.config import Config

    from claimtracker.store.dbapi import ServerConnection

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def schema_revision(connection: Connection) -> str | None:
    """The database's schema revision, or None for an empty database."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _foreign_tables(connection: Connection) -> list[str]:
    """Tables in a database that has no ClaimTracker schema (SQLite's own excepted)."""
    return sorted(
        name for name in inspect(connection).get_table_names() if not name.startswith("sqlite_")
    )


def foreign_database_error(tables: list[str]) -> StorageError:
    """The refusal of a database that holds ``tables`` and no ClaimTracker schema."""
    listed = ", ".join(tables[:3]) + (", …" if len(tables) > 3 else "")
    return StorageError(
        f"This database belongs to another application (it holds the tables {listed} "
        "and no ClaimTracker schema); give an empty database or a ClaimTracker one."
    )


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(
    engine: Engine,
    *,
    revision: str = "head",
    before_upgrade: Callable[[str | None], None] | None = None,
) -> bool:
    """Bring the schema up to ``revision``; True if anything was done.

    ``before_upgrade`` is called with the current revision before a database that already
    holds a schema is changed (the backup hook).
    """
    with engine.connect() as connection:
        current = schema_revision(connection)
        if current == revision or (revision == "head" and current == SCHEMA_HEAD):
            return False
        if current is not None and current > SCHEMA_HEAD:
            raise StorageError(
                f"This database was made by a newer ClaimTracker (schema {current}); "
                "update ClaimTracker to open it."
            )
        if current is None and (foreign := _foreign_tables(connection)):
            raise foreign_database_error(foreign)
        if current is not None and engine.dialect.name == "postgresql":
            _refuse_upgrade_by_analyst(connection, current)
    if current is not None and before_upgrade is not None:
        before_upgrade(current)
    from alembic import command

    from claimtracker.store.engine import writing

    config = alembic_config()
    with writing(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        if engine.dialect.name == "postgresql":
            from claimtracker.server.setup import reapply_after_migration

            reapply_after_migration(_server_connection(connection))
    log.info("Upgraded database schema from %s to %s", current, revision)
    return True


def _server_connection(connection: Connection) -> ServerConnection:
    from claimtracker.store.dbapi import ServerConnection

    return ServerConnection(connection.connection.driver_connection)  # type: ignore[arg-type]


def _refuse_upgrade_by_analyst(connection: Connection, current: str) -> None:
    """On a team server only the owner changes the schema: an analyst's ClaimTracker, newer
    than the project, says who upgrades it instead of failing half-way."""
    from claimtracker.server.roles import article, role_of

    role = role_of(_server_connection(connection))
    if role != "owner":
        raise StorageError(
            f"This project's schema ({current}) is older than this ClaimTracker's "
            f"({SCHEMA_HEAD}), and you are {article(role)} {role} on it: its owner upgrades it "
            "with `claimtracker server init URL`."
        )
