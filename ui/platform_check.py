"""Can Qt open a window here? Asked before Qt tries, because Qt aborts the process when it cannot.

On Linux, Qt's X11 plugin needs a dozen system libraries (libxcb-cursor0, libxcb-icccm4, ...)
that a minimal system lacks; Qt then prints a paragraph about plugins and aborts. Loading the
plugin's library first tells which library is missing, so the analyst reads one line naming the
package to install instead.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

_MISSING = re.compile(r"([\w.+-]+\.so(?:\.\d+)*): cannot open shared object file")


def debian_package(soname: str) -> str:
    """The Debian package that ships ``soname``, by Debian's naming policy.

    ``libxcb-cursor.so.0`` → ``libxcb-cursor0``; ``libxkbcommon-x11.so.0`` → ``libxkbcommon-x11-0``.
    """
    name, _, version = soname.partition(".so")
    version = version.lstrip(".").split(".")[0]
    joiner = "-" if name[-1:].isdigit() and version else ""
    return f"{name}{joiner}{version}".lower()


def library_problem(library: Path) -> str | None:
    """The system library that ``library`` needs and cannot find, as a sentence; None if it loads."""
    try:
        ctypes.CDLL(str(library))
    except OSError as error:
        found = _MISSING.search(str(error))
        if found is None:
            return f"{library.name} cannot be loaded ({error})"
        soname = found.group(1)
        return (
            f"it needs {soname}, which is not installed (on Debian or Ubuntu: "
            f"apt install {debian_package(soname)}; README lists every package the window needs)"
        )
    return None


def _xcb_plugin() -> Path:
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"


def window_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Why no window can open here, as one line; None when nothing stands in the way."""
    environ = os.environ if environ is None else environ
    platform = environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or (platform and not platform.startswith("xcb")):
        return None
    if not platform and environ.get("WAYLAND_DISPLAY"):
        return None
    if not environ.get("DISPLAY"):
        return (
            "ClaimTracker cannot open its window: there is no display (DISPLAY is not set). "
            "Start it from a desktop session, or use the command line: claimtracker --help"
        )
    plugin = _xcb_plugin()
    if not plugin.exists():
        return None
    problem = library_problem(plugin)
    return f"ClaimTracker cannot open its window: Qt's X11 plugin {problem}" if problem else None
