"""Before Qt aborts for want of a display or a system library, the app says what is missing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ui.platform_check import debian_package, library_problem, window_problem


def test_debian_package_names_follow_the_sonames() -> None:
    assert debian_package("libxcb-cursor.so.0") == "libxcb-cursor0"
    assert debian_package("libxcb-icccm.so.4") == "libxcb-icccm4"
    assert debian_package("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert debian_package("libEGL.so.1") == "libegl1"


@pytest.mark.skipif(shutil.which("gcc") is None, reason="needs a C compiler")
def test_a_missing_system_library_is_named_with_its_package(tmp_path: Path) -> None:
    # A real library that needs another one, which is then taken away.
    (tmp_path / "gone.c").write_text("int gone(void) { return 1; }\n")
    (tmp_path / "plugin.c").write_text("int gone(void);\nint plugin(void) { return gone(); }\n")
    subprocess.run(
        ["gcc", "-shared", "-fPIC", "-o", "libgone.so.3", "gone.c", "-Wl,-soname,libgone.so.3"],
        cwd=tmp_path,
        check=True,
    )
    subprocess.run(
        ["gcc", "-shared", "-fPIC", "-o", "libplugin.so", "plugin.c", "./libgone.so.3"],
        cwd=tmp_path,
        check=True,
    )
    (tmp_path / "libgone.so.3").unlink()
    problem = library_problem(tmp_path / "libplugin.so")
    assert problem is not None
    assert "libgone.so.3" in problem and "apt install libgone3" in problem
    assert "\n" not in problem


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is Linux's")
def test_no_display_is_told_in_one_line() -> None:
    problem = window_problem({})
    assert problem is not None and "DISPLAY" in problem and "\n" not in problem
    assert window_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert window_problem({"WAYLAND_DISPLAY": "wayland-0"}) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is Linux's")
def test_the_app_exits_with_the_message_instead_of_aborting(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "ui", str(tmp_path / "claims.db")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "ClaimTracker cannot open its window: there is no display (DISPLAY is not set). "
        "Start it from a desktop session, or use the command line: claimtracker --help"
    ]
    assert not (tmp_path / "claims.db").exists()
