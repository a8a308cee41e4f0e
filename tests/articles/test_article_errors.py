"""Files that are not articles: every problem is an ArticleImportError that names the file."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtracker.articles import MAX_ARTICLE_BYTES, parse_article, read_article
from claimtracker.errors import ArticleImportError

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89" + b"\x00\x00\x00\nIDAT" + zlib.compress(b"\x00\x00\x00\x00\x00")
)


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (PNG, "photo.txt", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "scan.md", "JPEG image"),
        (b"PK\x03\x04\x14\x00\x06\x00" + os.urandom(64), "report.docx", "ZIP archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "old.doc", "Microsoft Office"),
        (b"{\\rtf1\\ansi Hello}", "letter.rtf", "RTF document"),
        (b"text\x00with\x00\x00\x01binary\x00\x02\x03junk\x00\x00\x00\x00", "junk.txt", "NUL"),
        (bytes(range(1, 32)) * 40, "controls.txt", "control characters"),
        (b"", "empty.txt", "empty"),
        (b" \n\r\n\t ", "blank.md", "empty"),
    ],
)
def test_files_that_are_not_text(data: bytes, filename: str, message: str) -> None:
    with pytest.raises(ArticleImportError, match=message) as caught:
        parse_article(data, filename=filename)

    assert caught.value.path == filename
    assert str(caught.value).startswith(f"{filename}: ")


def test_random_binary_renamed_txt() -> None:
    junk = bytes((i * 7919 + 13) % 256 for i in range(4096))

    with pytest.raises(ArticleImportError) as caught:
        parse_article(junk, filename="random.txt")

    assert caught.value.path == "random.txt"


def test_file_larger_than_the_limit_is_refused() -> None:
    data = b"a" * (MAX_ARTICLE_BYTES + 1)

    with pytest.raises(ArticleImportError, match="larger than 50 MB"):
        parse_article(data, filename="huge.txt")


def test_read_article_refuses_large_files_without_reading_them_whole(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(MAX_ARTICLE_BYTES + 10)  # sparse: no 50 MB written to disk

    with pytest.raises(ArticleImportError, match="larger than 50 MB"):
        read_article(path)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.md"

    with pytest.raises(ArticleImportError, match="does not exist") as caught:
        read_article(path)

    assert caught.value.path == str(path)


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleImportError, match="folder"):
        read_article(tmp_path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=2048),
        st.text(max_size=1024).map(str.encode),
        st.builds(lambda body: b"<html><body>" + body + b"</body></html>", st.binary(max_size=512)),
        st.builds(lambda body: b"%PDF-1.4\n" + body, st.binary(max_size=512)),
    ),
    suffix=st.sampled_from([".txt", ".md", ".html", ".pdf", ".xhtml", ""]),
)
def test_any_bytes_give_an_article_or_an_article_import_error(data: bytes, suffix: str) -> None:
    try:
        article = parse_article(data, filename=f"fuzz{suffix}")
    except ArticleImportError:
        return
    assert isinstance(article.text, str)
    assert article.text.strip()
    assert "\r" not in article.text


def test_unexpected_library_failure_becomes_an_import_error(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise KeyError("/Root")

    monkeypatch.setattr("claimtracker.articles.parsing.parse_markdown", explode)

    with pytest.raises(ArticleImportError, match="unexpected KeyError") as caught:
        parse_article(b"# Title\n\ntext\n", filename="odd.md")

    assert caught.value.path == "odd.md"
    assert "unexpected failure reading the article odd.md" in caplog.text
