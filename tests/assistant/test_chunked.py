"""The assistant on long texts (issue 9, item 4): paragraph-aligned chunks, offsets into the
whole text, progress, cancel, and a clear refusal above the size it reads."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from claimtracker.assistant import suggest
from claimtracker.assistant.chunked import (
    MAX_CHARS,
    SuggestCancelled,
    TextTooLong,
    chunk_bounds,
    suggest_in_chunks,
)
from claimtracker.cli import main


def test_an_article_is_one_chunk_and_gets_exactly_what_suggest_gives(sample_text: str) -> None:
    assert list(chunk_bounds(sample_text)) == [(0, len(sample_text))]
    assert suggest_in_chunks(sample_text) == suggest(sample_text)


def test_chunks_end_at_paragraphs_and_offsets_point_into_the_whole_text(sample_text: str) -> None:
    text = "\n\n".join([sample_text] * 3)
    size = len(sample_text) + 10
    bounds = list(chunk_bounds(text, size))
    assert len(bounds) == 3
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(text[end - 2 : end] == "\n\n" for _start, end in bounds[:-1])

    found = suggest_in_chunks(text, chunk_chars=size)
    one = suggest(sample_text)
    assert len(found) == 3 * len(one)
    for item in found:
        assert text[item.start : item.end] == item.text
    # The third copy's suggestions: the same as the article's own, shifted, with counter
    # links among themselves.
    third = found[2 * len(one) :]
    shift = 2 * (len(sample_text) + 2)
    assert [(s.start - shift, s.end - shift) for s in third] == [(s.start, s.end) for s in one]
    assert [tuple(i - 2 * len(one) for i in s.counter_to) for s in third] == [
        s.counter_to for s in one
    ]
    assert any(s.counter_to for s in one)


def test_a_text_without_paragraphs_is_cut_at_sentence_ends_or_spaces() -> None:
    text = "The minister said the plan would fail. " * 500
    bounds = list(chunk_bounds(text, 1000))
    assert all(end - start <= 1000 for start, end in bounds)
    assert all(text[end - 2 : end] == ". " for _start, end in bounds[:-1])
    assert "".join(text[a:b] for a, b in bounds) == text
    words = "x" * 5000
    assert next(iter(chunk_bounds(words, 1000))) == (0, 1000)  # nowhere to cut: at the size


def test_progress_is_reported_and_cancel_stops_between_chunks(sample_text: str) -> None:
    text = "\n\n".join([sample_text] * 4)
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    suggest_in_chunks(text, progress, chunk_chars=len(sample_text) + 10)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert seen[0] == (0, len(text)) and seen[-1] == (len(text), len(text))
    assert len(seen) == 5

    calls: list[int] = []

    def stop_after_two(done: int, _total: int) -> bool:
        calls.append(done)
        return len(calls) < 3

    with pytest.raises(SuggestCancelled):
        suggest_in_chunks(text, stop_after_two, chunk_chars=len(sample_text) + 10)
    assert len(calls) == 3  # two chunks read, the third never started


def test_a_text_longer_than_the_assistant_reads_is_declined_with_one_line() -> None:
    with pytest.raises(TextTooLong) as caught:
        suggest_in_chunks("word " * (MAX_CHARS // 5 + 1))
    message = str(caught.value)
    assert "\n" not in message
    assert f"{MAX_CHARS + 5:,} characters" in message
    assert f"up to {MAX_CHARS:,}" in message


def test_the_command_line_declines_a_huge_article_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "dump.txt"
    article.write_text("The minister said the plan would fail.\n\n" * (MAX_CHARS // 40 + 10))
    code = main(["suggest", str(article), "--db", str(tmp_path / "claims.db")])
    _out, err = capsys.readouterr()
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("claimtracker: error: This text has ")
    assert "Split it into articles" in lines[0]
