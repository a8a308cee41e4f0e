"""Decoding: byte-order marks, strict UTF-8, detection, explicit encodings, line endings."""

from __future__ import annotations

import codecs

import pytest

from claimtracker.articles import parse_article
from claimtracker.errors import ArticleImportError

RUSSIAN = (
    "Россия обеспокоена угрозой нового военного удара по Сирии, заявил заместитель министра "
    "иностранных дел Сергей Рябков. По его словам, в Идлибе готовится провокация с применением "
    "химического оружия, и Москва предупредила об этом Вашингтон на встрече в Женеве.\n"
)
ENGLISH = (
    "The U.S. has told Russia it is ready to take strong military action against Syria if "
    "President Bashar Assad uses chemical weapons, according to four people familiar with the "
    "discussions.\n"
)


@pytest.mark.parametrize(
    ("prefix", "codec", "expected_encoding"),
    [
        (b"", "utf-8", "utf-8"),
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
def test_unicode_with_and_without_byte_order_mark(
    prefix: bytes, codec: str, expected_encoding: str
) -> None:
    text = "Title\n\n" + RUSSIAN + ENGLISH

    article = parse_article(prefix + text.encode(codec), filename="article.txt")

    assert article.text == text  # the mark is gone, nothing else changed
    assert article.encoding == expected_encoding


def test_utf16_without_byte_order_mark_is_recognised() -> None:
    article = parse_article(ENGLISH.encode("utf-16-le"), filename="article.txt")

    assert article.text == ENGLISH
    assert article.encoding == "utf-16-le"


def test_cp1251_russian_is_detected() -> None:
    article = parse_article(RUSSIAN.encode("cp1251"), filename="statement.txt")

    assert article.text == RUSSIAN
    assert article.encoding == "cp1251"
    assert article.language == "ru"


def test_cp1251_russian_given_explicitly() -> None:
    article = parse_article(RUSSIAN.encode("cp1251"), filename="statement.txt", encoding="cp1251")

    assert article.text == RUSSIAN
    assert article.encoding == "cp1251"


def test_latin1_with_explicit_encoding() -> None:
    text = "Déclaration du ministère\n\nLe ministère a publié un communiqué à Genève.\n"

    article = parse_article(text.encode("latin-1"), filename="note.txt", encoding="latin-1")

    assert article.text == text
    assert article.encoding == "iso8859-1"


def test_explicit_encoding_overrides_what_the_bytes_look_like() -> None:
    data = "naïve café".encode()  # valid UTF-8, read as latin-1 because the user says so

    article = parse_article(data, filename="note.txt", encoding="latin-1")

    assert article.text == data.decode("latin-1")


def test_bad_byte_with_explicit_encoding_names_file_line_and_column() -> None:
    data = "first line\nsecond line\nthird é line\n".encode()
    bad = data.replace("é".encode(), b"\xff")

    with pytest.raises(ArticleImportError) as caught:
        parse_article(bad, filename="broken.txt", encoding="utf-8")

    error = caught.value
    assert error.path == "broken.txt"
    assert (error.line, error.column) == (3, 7)
    assert str(error).startswith("broken.txt, line 3, column 7: ")
    assert "0xff" in str(error)


def test_bad_byte_position_counts_characters_not_bytes() -> None:
    data = "Россия\r\nМосква ".encode() + b"\xff"

    with pytest.raises(ArticleImportError) as caught:
        parse_article(data, filename="broken.txt", encoding="utf-8")

    assert (caught.value.line, caught.value.column) == (2, 8)


def test_invalid_bytes_after_a_byte_order_mark_are_an_error() -> None:
    data = codecs.BOM_UTF8 + b"good\n\xc3\x28 bad\n"

    with pytest.raises(ArticleImportError) as caught:
        parse_article(data, filename="bom.txt")

    assert (caught.value.line, caught.value.column) == (2, 1)
    assert "byte-order mark" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("no-such-codec", "unknown text encoding 'no-such-codec'"),
        ("", "unknown text encoding ''"),
        ("base64", "'base64' is not a text encoding"),
        ("rot13", "'rot13' is not a text encoding"),
    ],
)
def test_unknown_encoding_name_is_an_error(name: str, message: str) -> None:
    with pytest.raises(ArticleImportError, match=message):
        parse_article(b"hello", filename="note.txt", encoding=name)


def test_line_endings_are_normalised() -> None:
    data = b"Title\r\n\r\nfirst\r\nsecond\rthird\n\rfourth\r"

    article = parse_article(data, filename="mixed.txt")

    assert article.text == "Title\n\nfirst\nsecond\nthird\n\nfourth\n"


def test_nothing_else_is_changed() -> None:
    # No NFC, no trimming, no tab expansion, no collapsing of spaces or blank lines.
    text = "  Cafe\u0301  \t\n\n\n\u00a0indented\u2028x  \n"

    article = parse_article(text.encode(), filename="raw.txt")

    assert article.text == text


def test_html_declared_charset_is_used() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        f"<title>Заявление</title></head><body><p>{RUSSIAN}</p></body></html>"
    )

    article = parse_article(page.encode("cp1251"), filename="page.html")

    assert article.encoding == "cp1251"
    assert RUSSIAN.strip() in article.text
    assert article.title == "Заявление"


def test_html_declared_latin1_is_read_as_windows_1252() -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Quotes</title></head>'
        "<body><p>He said \u201cno\u201d \u2013 twice.</p></body></html>"
    )

    article = parse_article(page.encode("cp1252"), filename="page.htm")

    assert article.encoding == "cp1252"
    assert "He said \u201cno\u201d \u2013 twice." in article.text
