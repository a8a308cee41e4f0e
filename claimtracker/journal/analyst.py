"""The analyst's own preferences kept by the core: the name written into the history.

A small JSON file in the user's configuration folder (platformdirs), shared by the command line
and the app. The name is set once and defaults to the login name; ``$CLAIMTRACKER_ANALYST``
overrides it for one run (scripts, shared accounts).
"""

from __future__ import annotations

import getpass
import json
import logging
import os
from pathlib import Path
from typing import Any

import platformdirs

from claimtracker.errors import StorageError, ValidationError
from claimtracker.paths import APP_NAME

log = logging.getLogger(__name__)

ANALYST_ENV_VAR = "CLAIMTRACKER_ANALYST"
MAX_NAME_LENGTH = 100
FALLBACK_NAME = "analyst"


def preferences_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "preferences.json"


def _load() -> dict[str, Any]:
    path = preferences_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        # A damaged preferences file must not stop anyone from working: fall back to defaults.
        log.warning("Ignoring unreadable preferences %s: %s", path, exc)
        return {}
    return data if isinstance(data, dict) else {}


def login_name() -> str:
    try:
        return getpass.getuser() or FALLBACK_NAME
    except (OSError, KeyError, ImportError):
        return FALLBACK_NAME


def analyst_name() -> str:
    """Who is working: the environment override, else the saved name, else the login name."""
    from_env = os.environ.get(ANALYST_ENV_VAR, "").strip()
    if from_env:
        return from_env[:MAX_NAME_LENGTH]
    saved = _load().get("analyst")
    if isinstance(saved, str) and saved.strip():
        return saved.strip()
    return login_name()


def set_analyst_name(name: str) -> str:
    """Save ``name`` as the analyst's name; returns it as saved (an empty name means the login
    name again)."""
    cleaned = " ".join(name.split())
    if len(cleaned) > MAX_NAME_LENGTH:
        raise ValidationError(
            f"The analyst name is too long ({len(cleaned)} characters, at most {MAX_NAME_LENGTH})",
            field="analyst",
        )
    data = _load()
    if cleaned:
        data["analyst"] = cleaned
    else:
        data.pop("analyst", None)
    _write(preferences_path(), data)
    return cleaned or login_name()


def _write(path: Path, data: dict[str, Any]) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise StorageError(f"Cannot save the preferences in {path}: {exc.strerror or exc}") from exc
