"""Finding the app's files in ``resources/`` (icons, style sheets, the sample)."""

from __future__ import annotations

import functools
from pathlib import Path


@functools.cache
def resources_dir() -> Path:
    import resources

    return Path(resources.__file__).resolve().parent


def icon_path(name: str) -> Path:
    return resources_dir() / "icons" / f"{name}.svg"


@functools.cache
def style_sheet(name: str) -> str:
    path = resources_dir() / "styles" / f"{name}.qss"
    return path.read_text(encoding="utf-8") if path.exists() else ""
