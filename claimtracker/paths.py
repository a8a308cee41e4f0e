"""Where things live: the default database, the bundled resources.

Deliberately light (no SQLAlchemy, no Qt) so that the app can find its database before the
storage layer is imported.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "ClaimTracker"
DB_ENV_VAR = "CLAIMTRACKER_DB"
DEFAULT_DB_NAME = "claims.db"


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    """The database used when neither ``--db`` nor ``CLAIMTRACKER_DB`` names one."""
    return user_data_dir() / DEFAULT_DB_NAME


def database_target(explicit: str | os.PathLike[str] | None = None) -> str:
    """The database to open: ``explicit``, else ``$CLAIMTRACKER_DB``, else the default file.

    The result is either an SQLAlchemy URL (it contains ``://``) or a file path.
    """
    if explicit:
        return os.fspath(explicit)
    from_env = os.environ.get(DB_ENV_VAR)
    if from_env:
        return from_env
    return str(default_database_path())


def is_url(target: str) -> bool:
    return "://" in target


def sqlite_path_of(target: str) -> Path | None:
    """The file behind an SQLite target, or None for another database or an in-memory one."""
    if not is_url(target):
        return Path(target).expanduser().resolve()
    if target.startswith("sqlite:///") and len(target) > len("sqlite:///"):
        path = target[len("sqlite:///") :].split("?", 1)[0]
        return Path(path).expanduser().resolve() if path != ":memory:" else None
    return None


def resources_dir() -> Path:
    """The ``resources/`` folder, in a source checkout and in an installed copy alike."""
    import resources

    return Path(resources.__file__).parent
