"""The desktop app in a process of its own (offscreen), driven line by line on its stdin.

    python -m tests.ui.app_process DATABASE

It runs ``ui.app.main`` — the real start, event loop and quit — and answers on stdout:
``ready PID`` once the project and its Store are open, then one line per command:

- ``new-claim``: make a claim in the window as the analyst does; answers ``created ID``.
- ``count``: look for other programs' changes now; answers ``rows N`` (the table's rows).
- ``suggest SOURCE_ID``: open the source in the reader and ask the assistant; answers
  ``reading`` once the assistant has read its first chunk.
- ``stubborn``: start a task that never looks at its cancel flag (no answer).
- ``quit``: close the window as File ▸ Quit does; any "still running" question is answered
  "Stop It". After the event loop the assistant's last progress is printed as
  ``assistant DONE TOTAL`` and the process exits.
"""

from __future__ import annotations

import os
import sys
import threading
import time

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import ui.app
from tests.ui.held_reading import HeldReading
from ui.main_window import MainWindow
from ui.runtime.ops import OpContext, WriteOp

_window: list[MainWindow] = []
_last_progress = [0, 0]
_held: list[HeldReading] = []


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _when_ready(window: MainWindow) -> None:
    project = window.project
    if project is not None and project.store_loaded and not window.claims.loading:
        say(f"ready {QApplication.applicationPid()}")
        return
    QTimer.singleShot(50, lambda: _when_ready(window))


def _on_assistant_progress(done: int, total: int, _text: str) -> None:
    if done and not _last_progress[0]:
        say("reading")
    _last_progress[:] = [done, total]


def _answer_questions() -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        for button in box.buttons():
            if button.text() == "Stop It":
                button.click()
    QTimer.singleShot(50, _answer_questions)


def _run(line: str) -> None:
    window = _window[0]
    command, _, argument = line.strip().partition(" ")
    if command == "new-claim":
        window.new_claim()
        say(f"created {window.detail.claim_id}")
    elif command == "count":
        external = window.safety.external
        external.checked.connect(lambda: say(f"rows {window.claims.rowCount()}"))
        external.check_now()
    elif command == "suggest":
        window.open_reader(int(argument))
        assistant = window.source_tools.assistant
        assistant._tasks.progressed.connect(_on_assistant_progress)
        _held.append(HeldReading(assistant._tasks))
        window.source_tools.suggest_claims()
    elif command == "stubborn":

        def ignore_cancel(_context: OpContext) -> None:
            while True:
                time.sleep(0.05)

        window.ops.start(WriteOp("Counting sheep", ignore_cancel))
    elif command == "quit":
        _answer_questions()
        # The held reading goes on once quitting has begun: it finds the cancel at its next part.
        for held in _held:
            threading.Timer(0.5, held.release).start()
        window.close()


def _launch(*args: object, **kwargs: object) -> MainWindow:
    window = _original_launch(*args, **kwargs)  # type: ignore[arg-type]
    _window.append(window)
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read, window)
    pending = bytearray()

    def read() -> None:
        # Unbuffered: every line that arrived is run now (a buffered readline would keep a
        # second line until more input came).
        data = os.read(sys.stdin.fileno(), 65536)
        if not data:
            notifier.setEnabled(False)
            window.close()
            return
        pending.extend(data)
        while b"\n" in pending:
            line, _, rest = bytes(pending).partition(b"\n")
            pending[:] = rest
            _run(line.decode())

    notifier.activated.connect(read)
    _when_ready(window)
    return window


_original_launch = ui.app.launch

if __name__ == "__main__":
    ui.app.launch = _launch  # type: ignore[assignment]
    code = ui.app.main([sys.argv[1]])
    say(f"assistant {_last_progress[0]} {_last_progress[1]}")
    sys.exit(code)
