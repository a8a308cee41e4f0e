"""Background work ends with the app (issue 9, item 4): quitting while the assistant reads a
long article, or while a task ignores its cancel flag, ends the process; Cancel in the
assistant's panel and in the close question really cancels, and says what it keeps."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from claimtracker.assistant.chunked import MAX_CHARS
from claimtracker.paths import resources_dir
from tests.ui.helpers import when_modal
from tests.ui.other_app import OtherApp
from ui.main_window import MainWindow
from ui.runtime.ops import Cancelled, OpContext, OpSignals
from ui.runtime.project import Project
from ui.transfer.files import ArticleImportResult, import_articles_work

SAMPLE = resources_dir() / "sample" / "us-warns-russia-2018-08-25.md"


def long_article(folder: Path, characters: int) -> Path:
    """The sample article again and again, as one text file of about ``characters``."""
    text = SAMPLE.read_text(encoding="utf-8")
    copies = characters // (len(text) + 2) + 1
    path = folder / "long-article.txt"
    path.write_text("\n\n".join([text] * copies), encoding="utf-8")
    return path


def add_source(db: Path, article: Path) -> int:
    from claimtracker.articles import read_article
    from claimtracker.services import import_article
    from claimtracker.store import Store

    with Store.open(db) as store, store.write() as session:
        source, _ = import_article(session=session, article=read_article(article), origin=article)
        assert source.id is not None
        return source.id


def source_count(db: Path) -> int:
    connection = sqlite3.connect(db)
    try:
        return int(connection.execute("SELECT count(*) FROM source").fetchone()[0])
    finally:
        connection.close()


@pytest.mark.slow
def test_quitting_while_the_assistant_reads_ends_the_process(
    tmp_path: Path, sample_db: Path
) -> None:
    source_id = add_source(sample_db, long_article(tmp_path, MAX_CHARS - 50_000))
    other = OtherApp(sample_db, tmp_path / "other")
    try:
        other.send(f"suggest {source_id}")
        other.expect("reading")
        other.send("quit")
        done, total = map(int, other.expect("assistant").split()[1:])
        assert 0 < done < total  # stopped part-way: the reading was cancelled, not finished
        assert other.wait(timeout=60) == 0
    finally:
        other.stop()


@pytest.mark.slow
def test_quitting_ends_the_process_even_if_a_task_ignores_cancel(
    tmp_path: Path, sample_db: Path
) -> None:
    other = OtherApp(sample_db, tmp_path / "other")
    try:
        other.send("stubborn")
        other.send("quit")
        # The task never returns; the process ends anyway, with the window's own exit code.
        assert other.wait(timeout=90) == 0
    finally:
        other.stop()


def _context_cancelling_at(file_number: int) -> OpContext:
    """A task context whose cancel is set when the import reports reaching ``file_number``
    (on the import's own thread, so the moment is exact)."""
    signals = OpSignals()
    context = OpContext(signals)

    def on_progress(done: int, _total: int, _text: str) -> None:
        if done == file_number:
            context.cancel()

    signals.progressed.connect(on_progress, Qt.ConnectionType.DirectConnection)
    context._keep_signals = signals  # type: ignore[attr-defined]
    return context


def test_a_cancelled_article_import_keeps_whole_files_only(tmp_path: Path, empty_db: Path) -> None:
    paths = []
    for number in range(6):
        path = tmp_path / f"article-{number}.md"
        path.write_text(f"# Article {number}\n\nThe minister said plan {number} would fail.\n")
        paths.append(path)
    project = Project.open(empty_db)
    try:
        kept = ArticleImportResult()
        with pytest.raises(Cancelled):
            import_articles_work(project, paths, kept)(_context_cancelling_at(2))
        assert [item.origin for item in kept.imported] == ["article-0.md", "article-1.md"]
    finally:
        project.close()
    assert source_count(empty_db) == 2


def test_closing_during_an_import_says_what_stops_and_stop_saves_nothing_half(
    qtbot: QtBot, make_window: Callable[..., MainWindow], empty_db: Path, tmp_path: Path
) -> None:
    window = make_window(empty_db)
    qtbot.waitUntil(lambda: window.project is not None and window.project.store_loaded)
    paths = []
    for number in range(6):
        path = tmp_path / f"article-{number}.md"
        path.write_text(f"# Article {number}\n\nThe minister said the plan would fail.\n")
        paths.append(path)
    # Another program holds the write lock: the import waits inside its first file.
    blocker = sqlite3.connect(empty_db, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    release = threading.Timer(1.0, blocker.rollback)
    questions: list[str] = []

    def stop_it(box: QMessageBox) -> None:
        questions.append(f"{box.text()} {box.informativeText()}")
        release.start()  # the import goes on a second after "Stop It"
        next(b for b in box.buttons() if b.text() == "Stop It").click()

    try:
        task = window.files.import_articles(paths)
        assert task is not None
        qtbot.waitUntil(lambda: task.context.last_progress[1] == 6)  # inside the first file
        seen = when_modal(QMessageBox, stop_it)
        window.close()
        assert seen
    finally:
        release.join()
        blocker.close()
    assert "Importing 6 articles (0 of 6)" in questions[0]
    assert "the article being read is not saved" in questions[0]
    assert not window.isVisible()
    assert source_count(empty_db) == 0


def test_let_it_finish_keeps_the_window_open(
    qtbot: QtBot, make_window: Callable[..., MainWindow], empty_db: Path, tmp_path: Path
) -> None:
    window = make_window(empty_db)
    qtbot.waitUntil(lambda: window.project is not None and window.project.store_loaded)
    path = tmp_path / "article.md"
    path.write_text("# Article\n\nThe minister said the plan would fail.\n")
    blocker = sqlite3.connect(empty_db, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        window.files.import_articles([path])
        when_modal(
            QMessageBox,
            lambda box: next(b for b in box.buttons() if b.text() == "Let It Finish").click(),
        )
        window.close()
        assert window.isVisible()
    finally:
        blocker.rollback()
        blocker.close()
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=20_000)
    assert source_count(empty_db) == 1
