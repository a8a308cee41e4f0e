"""Opening a team project off the GUI thread: the connection dialog and Open Recent (or the
command line, or the last session) both go through here.

Connecting can take seconds (a server far away, or one that does not answer until the
connection times out), and the keyring can take longer still (a locked one waits for its owner
to unlock it): both happen on a worker, so the window stays drawn and answers meanwhile. What
goes wrong comes back as one line for the dialog to show.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from claimtracker.server.address import TeamAddress, forget_password, remember_password
from ui.runtime.ops import Runner
from ui.runtime.project import Project


def open_team_project(
    address: TeamAddress, password: str | None, *, remember: bool | None = None
) -> tuple[Project, str | None]:
    """Open the team project at ``address`` (on a worker: it may wait for the server and the
    keyring). Without ``password``, the keyring's, else ``~/.pgpass``'s. ``remember`` True
    keeps a given password in the keyring, False forgets the one kept, None leaves it. Returns
    the project and why the password could not be kept (None when it was, or was not asked)."""
    project = Project.open_server(address, password or None)
    problem = None
    if remember and password:
        problem = remember_password(address, password)
    elif remember is False:
        forget_password(address)
    return project, problem


def failure_line(error: BaseException) -> str:
    """What went wrong, in one line (the errors' first line says it)."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def connect_in_background(
    runner: Runner,
    owner: QObject,
    address: TeamAddress,
    password: str | None,
    opened: Callable[[tuple[Project, str | None]], None],
    failed: Callable[[str], None],
    *,
    remember: bool | None = None,
) -> None:
    """:func:`open_team_project` on a worker; ``opened(result)`` or ``failed(line)`` on the GUI
    thread while ``owner`` lives."""
    runner.call(
        owner,
        lambda: open_team_project(address, password, remember=remember),
        opened,
        lambda error: failed(failure_line(error)),
    )
