"""The assistant's reading held after its first part, for tests of what happens while it reads.

On a quiet machine the assistant reads a two-million-character test article in under two
seconds, so "cancel while it reads" raced the reading. A slot connected directly to the reading
op's progress runs on the op's own thread and waits there until released: the article reads as
a long one does on a slow machine, and nothing of the app is replaced.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from ui.runtime.ops import Runner, WriteOp

#: The longest a reading is held (a test that forgets to release it still ends).
HOLD_SECONDS = 30


class HeldReading:
    def __init__(self, runner: Runner) -> None:
        self._go = threading.Event()
        runner.started.connect(self._hold)

    def _hold(self, op: WriteOp) -> None:
        op.signals.progressed.connect(self._wait, Qt.ConnectionType.DirectConnection)

    def _wait(self, done: int, total: int, _text: str) -> None:
        if 0 < done < total:
            self._go.wait(HOLD_SECONDS)

    def release(self) -> None:
        """Let the reading go on (it then sees a cancel, if there was one)."""
        self._go.set()

    def hold_again(self) -> None:
        """Hold the next reading after its first part too."""
        self._go.clear()
