"""Streaming the ids of a claim query into the table, off the GUI thread.

The database sorts and filters; a worker reads the resulting ids with a streaming cursor and
hands them to the model in chunks: a small first chunk at once (the rows on screen), then the
rest every ~0.1 s. A newer query cancels the older one (``Connection.interrupt``) and anything
the older one still sends is ignored by its generation number.

After the first chunk the worker waits (briefly) until the table has painted those rows: the
rest of a large result is read in Python, and while it is the GUI thread has to take turns
with it for the interpreter, which made each keystroke's first rows ~15 ms slower to appear.

One worker thread keeps one read connection open for the project, so each keystroke's query
starts at once on a warm page cache instead of opening the file again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Generator, Iterator
from itertools import islice

from PySide6.QtCore import QObject, QThreadPool, Signal

from claimtracker.query import ClaimFilter, ClaimOrder
from claimtracker.query.opening import Connection
from claimtracker.query.streaming import stream_ids
from ui.claims.ids import id_array, joined
from ui.runtime.ops import InterruptibleJob

log = logging.getLogger(__name__)

#: Enough rows to fill a tall window; sent as soon as they are read.
FIRST_CHUNK = 256
#: How often later chunks are handed over while a large result streams in.
CHUNK_INTERVAL = 0.1
#: Ids read between two looks at whether the query was superseded (a server's chunk).
_READ_SLICE = 2_000
#: The longest the worker waits for the first rows to be painted (a hidden table paints none).
FIRST_PAINT_WAIT = 0.1
#: How long the rest of a large result waits after its first rows (seconds): while the analyst
#: types on, each keystroke only asks for a first page, and the rest (the exact count, the
#: scroll bar), read in Python while the GUI thread paints, is asked for once the typing
#: pauses, instead of started and stopped at every key (on a server, a statement each time).
REST_DELAY = 0.25


class _Signals(QObject):
    chunk = Signal(int, object, bool)  # generation, array('q'), is_first
    finished = Signal(int, int)  # generation, total
    failed = Signal(int, object)  # generation, exception
    released = Signal(object)  # the job, once its thread no longer needs it


class _WorkerConnection:
    """The worker thread's connection, opened on first use and reopened for another project."""

    def __init__(self) -> None:
        self._connect: Callable[[], Connection] | None = None
        self.connection: Connection | None = None

    def get(self, connect: Callable[[], Connection]) -> Connection:
        # ``==``, not ``is``: each ``project.connect`` is a new bound method object, equal to
        # the last one for the same project (``is`` made every query open a new connection).
        if self.connection is None or connect != self._connect:
            self.close()
            self.connection = connect()
            self._connect = connect
        return self.connection

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
        self.connection = None
        self._connect = None


class _StreamJob(InterruptibleJob):
    def __init__(
        self,
        generation: int,
        connect: Callable[[], Connection],
        claim_filter: ClaimFilter,
        order: ClaimOrder,
        signals: _Signals,
        worker: _WorkerConnection,
    ) -> None:
        super().__init__()
        self.generation = generation
        self._worker = worker
        self._connect = connect
        self._filter = claim_filter
        self._order = order
        self._signals = signals
        #: The first chunk reached the model (set on the GUI thread).
        self.delivered = False
        #: The table painted the first chunk's rows, or the job was cancelled.
        self.first_shown = threading.Event()
        self._superseded = threading.Event()

    def cancel(self) -> None:
        super().cancel()
        self.first_shown.set()
        self._superseded.set()

    def run(self) -> None:
        try:
            if self.cancelled:
                return
            try:
                connection = self._worker.get(self._connect)
            except Exception as exc:
                self._signals.failed.emit(self.generation, exc)
                return
            with self.using(connection):
                self._stream(connection)
        except Exception as exc:  # an interrupted statement, or a real failure
            if not self.cancelled:
                self._signals.failed.emit(self.generation, exc)
        finally:
            self._signals.released.emit(self)

    def _stream(self, connection: Connection) -> None:
        ids = stream_ids(connection, self._filter, self._order)
        try:
            self._read(ids)
        finally:
            if isinstance(ids, Generator):
                ids.close()  # resets the statement before the connection runs the next one

    def _read(self, ids: Iterator[int]) -> None:
        first = id_array(islice(ids, FIRST_CHUNK))
        if self.cancelled:
            return
        self._signals.chunk.emit(self.generation, first, True)
        total = len(first)
        if total == FIRST_CHUNK:
            self.first_shown.wait(FIRST_PAINT_WAIT)
            if self._superseded.wait(REST_DELAY):
                return  # a newer query came first: the rest was never asked for
            # Gathered in an array (4 bytes an id), not a list of int objects (~36 bytes):
            # a chunk can hold hundreds of thousands, and a list that size left the
            # allocator holding memory after it was freed.
            pending = id_array()
            handed_over = time.monotonic()
            while part := id_array(islice(ids, _READ_SLICE)):
                if self.cancelled:
                    return
                pending = joined(pending, part)
                total += len(part)
                if time.monotonic() - handed_over >= CHUNK_INTERVAL:
                    self._signals.chunk.emit(self.generation, pending, False)
                    pending = id_array()
                    handed_over = time.monotonic()
            if pending and not self.cancelled:
                self._signals.chunk.emit(self.generation, pending, False)
        if not self.cancelled:
            self._signals.finished.emit(self.generation, total)


class IdStream(QObject):
    """Runs one claim query at a time and forwards its ids; the newest query wins."""

    chunkLoaded = Signal(int, object, bool)
    finished = Signal(int, int)
    failed = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)  # the thread, and its connection, stay
        self._worker = _WorkerConnection()
        # Jobs stay referenced until their thread is done with them (Python owns them).
        self._alive: set[_StreamJob] = set()
        self._signals = _Signals(self)
        self._signals.chunk.connect(self._on_chunk)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.released.connect(self._alive.discard)
        self._generation = 0
        self._job: _StreamJob | None = None

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def running(self) -> bool:
        return self._job is not None

    def start(
        self,
        connect: Callable[[], Connection],
        claim_filter: ClaimFilter,
        order: ClaimOrder,
    ) -> int:
        self.cancel()
        self._generation += 1
        self._job = _StreamJob(
            self._generation, connect, claim_filter, order, self._signals, self._worker
        )
        self._alive.add(self._job)
        self._pool.start(self._job)
        return self._generation

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None

    def first_rows_shown(self) -> None:
        """The table painted the rows of the current query's first chunk: read on."""
        job = self._job
        if job is not None and job.delivered:
            job.first_shown.set()

    def wait(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)

    def close(self) -> None:
        """Stop, and close the worker's connection (the project is closing)."""
        self.cancel()
        self._pool.waitForDone()
        self._worker.close()

    def _on_chunk(self, generation: int, ids: object, first: bool) -> None:
        if generation == self._generation and self._job is not None:
            self._job.delivered = self._job.delivered or first
            self.chunkLoaded.emit(generation, ids, first)

    def _on_finished(self, generation: int, total: int) -> None:
        if generation == self._generation and self._job is not None:
            self._job = None
            self.finished.emit(generation, total)

    def _on_failed(self, generation: int, error: object) -> None:
        if generation == self._generation and self._job is not None:
            self._job = None
            self.failed.emit(generation, error)
