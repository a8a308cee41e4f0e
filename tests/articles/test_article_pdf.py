"""PDF articles: text layer, document information, and the ways a PDF can be unreadable."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pypdf
import pytest

from claimtracker.articles import parse_article, read_article
from claimtracker.errors import ArticleImportError

PAGE_ONE = [
    "Moscow warns of a provocation in Idlib",
    "The Russian defense ministry said on Saturday that a provo-",
    "cation using chemical weapons was being prepared by An-Nusra.",
]
PAGE_TWO = ["Talks in Geneva addressed the removal of American troops from a base in Syria."]
INFO = {
    "Title": "Moscow warns of provocation",
    "Author": "Anna Petrova",
    "CreationDate": "D:20180826091500+03'00'",
}


def minimal_pdf(
    pages: list[list[str]], *, info: dict[str, str] | None = None, lang: str | None = None
) -> bytes:
    """A small, valid PDF with one Helvetica text line per string, written by hand."""
    objects: list[bytes] = [
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"",  # the page tree, filled in below
    ]
    page_numbers = []
    for lines in pages:
        operators = [b"BT /F1 12 Tf 72 720 Td 14 TL"]
        for line in lines:
            escaped = line.encode("cp1252").replace(b"\\", b"\\\\")
            escaped = escaped.replace(b"(", b"\\(").replace(b")", b"\\)")
            operators.append(b"(" + escaped + b") Tj T*")
        operators.append(b"ET")
        stream = b"\n".join(operators)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 1 0 R >> >> /Contents %d 0 R >>" % len(objects)
        )
        page_numbers.append(len(objects))
    kids = b" ".join(b"%d 0 R" % number for number in page_numbers)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_numbers))
    language = b" /Lang (%s)" % lang.encode() if lang else b""
    objects.append(b"<< /Type /Catalog /Pages 2 0 R%s >>" % language)
    catalog = len(objects)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1 + bool(info), catalog)
    if info:
        entries = b" ".join(
            b"/%s (%s)" % (k.encode(), v.encode("latin-1")) for k, v in info.items()
        )
        objects.append(b"<< %s >>" % entries)
        trailer += b" /Info %d 0 R" % len(objects)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n%s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    return bytes(out)


def encrypted(data: bytes, *, user_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(minimal_pdf([PAGE_ONE, PAGE_TWO], info=INFO, lang="en-GB"))

    article = read_article(path)

    assert article.format == "pdf"
    assert article.text == "\n".join(PAGE_ONE) + "\n\n" + "\n".join(PAGE_TWO)
    assert "provo-\ncation" in article.text  # hyphenation kept as extracted
    assert article.title == "Moscow warns of provocation"
    assert article.byline == "Anna Petrova"
    assert article.published_on == datetime.date(2018, 8, 26)
    assert article.language == "en"
    assert article.encoding is None


def test_pdf_without_information_reads_title_from_text_and_detects_language() -> None:
    article = parse_article(minimal_pdf([PAGE_ONE, PAGE_TWO]), filename="report.pdf")

    assert article.title == "Moscow warns of a provocation in Idlib"
    assert article.byline is None
    assert article.language == "en"


def test_pdf_is_recognised_by_its_magic_whatever_the_name() -> None:
    article = parse_article(minimal_pdf([PAGE_ONE]), filename="download.txt")

    assert article.format == "pdf"


def test_encrypted_pdf_is_an_error() -> None:
    data = encrypted(minimal_pdf([PAGE_ONE]), user_password="secret")

    with pytest.raises(ArticleImportError, match="encrypted") as caught:
        parse_article(data, filename="locked.pdf")

    assert caught.value.path == "locked.pdf"


def test_pdf_encrypted_only_against_editing_opens() -> None:
    data = encrypted(minimal_pdf([PAGE_ONE]), user_password="")

    assert parse_article(data, filename="restricted.pdf").text == "\n".join(PAGE_ONE)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n%%EOF\n",
        b"%PDF-1.7\n" + bytes(range(256)) * 20,
        minimal_pdf([PAGE_ONE])[:300],
    ],
    ids=["empty", "garbage", "truncated"],
)
def test_damaged_pdf_is_an_error(data: bytes) -> None:
    with pytest.raises(ArticleImportError, match="damaged") as caught:
        parse_article(data, filename="broken.pdf")

    assert str(caught.value).startswith("broken.pdf: ")


def test_pdf_without_text_layer_is_an_error() -> None:
    with pytest.raises(ArticleImportError, match="no text layer"):
        parse_article(minimal_pdf([[], []]), filename="scan.pdf")


def test_file_named_pdf_that_is_not_one() -> None:
    with pytest.raises(ArticleImportError, match="not a PDF"):
        parse_article(b"<html><body>Error 404</body></html>", filename="article.pdf")
