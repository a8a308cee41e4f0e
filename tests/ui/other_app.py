"""A second ClaimTracker app, in its own process (``tests.ui.app_process``), for tests."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class OtherApp:
    """Starts the app on ``db`` offscreen, sends it commands and reads its answers."""

    def __init__(self, db: Path, home: Path) -> None:
        env = dict(os.environ)
        env.update(
            QT_QPA_PLATFORM="offscreen",
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_DATA_HOME=str(home / "data"),
        )
        env.pop("CLAIMTRACKER_DB", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.ui.app_process", str(db)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.pid = int(self.expect("ready").split()[1])

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line.strip())

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def expect(self, prefix: str, timeout: float = 60) -> str:
        """The next answer starting with ``prefix`` (a hang fails instead of blocking)."""
        while True:
            try:
                line = self._lines.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"the other app did not answer {prefix!r}") from None
            if line.startswith(prefix):
                return line

    def ask(self, command: str, answer: str) -> str:
        self.send(command)
        return self.expect(answer)

    def wait(self, timeout: float) -> int:
        return self.process.wait(timeout=timeout)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
