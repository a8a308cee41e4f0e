"""Closing the window ends the app's background work, within a bounded time (issue 9).

Background work runs as ops (``ui.runtime.ops``), and each kind ends so:

- write ops (imports, exports, backups, the sample; on the window's runner and the assistant's):
  cancelled (the work checks between files, rows or chunks), then waited for;
- read ops (counts, sidebar lists, the external-changes look) and the table's id stream:
  cancelled by interrupting their SQL, then waited for (``close_project``);
- one-off calls (history, trash): short reads on the application's pool;
- the Store's loader thread (``ui.runtime.project``): joined when the project closes;
- the CSV dialog's checks: end with the modal dialog, which is closed before the window can be.

:func:`ask_to_stop` is the question asked when the window closes (or another project opens)
while a task runs: it says what runs and what stopping keeps. :func:`end_background_work` runs
after the event loop: anything still running after :data:`SHUTDOWN_WAIT_MS` (work that does
not look at its cancel flag) no longer keeps the process alive — everything acknowledged is
committed by then, and SQLite rolls back a transaction that was cut short.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from collections.abc import Callable

    from ui.runtime.ops import Runner, WriteOp

log = logging.getLogger(__name__)

#: How long quitting waits for cancelled work to end (milliseconds).
SHUTDOWN_WAIT_MS = 5000


def ask_to_stop(parent: QWidget, tasks: list[WriteOp]) -> bool:
    """ "Importing 6 articles… is still running (3 of 6)": stop it? True to stop."""
    lines = []
    for task in tasks:
        done, total, _text = task.context.last_progress
        where = f" ({done:,} of {total:,})" if total else ""
        lines.append(f"{task.title.rstrip('.…')}{where}")
    notes = [task.if_cancelled for task in tasks if task.if_cancelled]
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Work in progress",
        ("This is still running: " if len(lines) == 1 else "These are still running: ")
        + "; ".join(lines)
        + ".",
        parent=parent,
    )
    box.setInformativeText(
        " ".join([*notes, "Stop it now, or let it finish and close afterwards?"])
    )
    stop = box.addButton("Stop It", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Let It Finish", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    return clicked is stop


def end_background_work(
    ops: Runner, cancel_others: Callable[[], None], msecs: int = SHUTDOWN_WAIT_MS
) -> bool:
    """Cancel everything still running on ``ops`` (and, by ``cancel_others``, elsewhere: the
    assistant's reading) and wait up to ``msecs``; False if something did not end in time (the
    caller then ends the process without waiting for it)."""
    deadline = time.monotonic() + msecs / 1000
    ops.cancel_all()
    cancel_others()
    ops.cancel_queries()

    def left() -> int:
        return max(0, int((deadline - time.monotonic()) * 1000))

    ended = ops.wait_for_reads(left()) and QThreadPool.globalInstance().waitForDone(left())
    if not ended:
        log.warning("Background work did not end within %d ms of quitting", msecs)
    return ended
