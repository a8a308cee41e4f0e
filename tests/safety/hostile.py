"""Random and malformed CSV and HTML for the importers, and the property they must keep.

The property: an import either succeeds or raises the core's own error (a ClaimTrackerError,
naming the file), and a failed import adds nothing to the database. Used by
``test_hostile_input.py`` (a few hundred examples) and ``bench/safety_fuzz.py`` (thousands).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from claimtracker import services
from claimtracker.articles import parse_article
from claimtracker.csvio import CsvImportOptions, import_csv
from claimtracker.csvio.mapping import FIELDS
from claimtracker.errors import ClaimTrackerError, InputFileError
from claimtracker.store import Store

TABLES = ("claim", "actor", "actor_alias", "source", "tag", "claim_tag", "link", "history")

# --- CSV ---------------------------------------------------------------------------------------

_HEADERS = [*FIELDS, "Statement", "Who", "Verdict", "Date", "Link", "", " ", "=cmd|'/C calc'!A0"]
_CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "disputed",
            "anonymous",
            "B2",
            "Z9",
            "7",
            "-1",
            "2018-08-25",
            "25.08.2018",
            "2018-02-30",
            "99999-01-01",
            "0b7a6a53-3b8e-4c59-9a1c-9f6f0c1d2e3f",
            "denies 0b7a6a53-3b8e-4c59-9a1c-9f6f0c1d2e3f",
            "denied_by 0b7a6a53-3b8e-4c59-9a1c-9f6f0c1d2e3f; nonsense",
            '=HYPERLINK("http://evil.example")',
            "'=1+1",
            "+1",
            "@SUM(A1)",
            "Ryabkov",
            "RYABKOV",
            "Straße",
            "STRASSE",
            "ı",
            "İ",
            "a;b,c",
            '"quoted"',
            "line\nbreak",
            "tab\there",
            "\u202eright-to-left",
            "\ufeffbom inside",
            "x" * 5000,
            "99999999999999999999999",
            "1e5",
            "0",
            "4",
            "ok",
            "orphan",
            "2018-08-25T10:00:00Z",
            "not a time",
            "http://example.org/a",
        ]
    ),
    st.text(max_size=40),
)
_ANY_ENCODING = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251", "latin-1"])
_ANY_MUTATIONS = st.integers(0, 3)
_COIN = st.booleans()


_WORDS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(str.strip)
_UUIDS = st.uuids().map(str)
#: Values a column of each field usually holds, so that many generated files import.
_VALID = {
    "claim": _WORDS,
    "quote": _WORDS,
    "speaker": st.sampled_from(["Ryabkov", "U.S. officials", "TASS", "Bolton", "ryabkov"]),
    "attribution": st.sampled_from(["on_record", "Anonymous / described source", "unknown"]),
    "status": st.sampled_from(["disputed", "verified", "In progress", "false"]),
    "rating": st.sampled_from(["B2", "c5", "F6", "A1"]),
    "credibility": st.sampled_from(["1", "3", "6"]),
    "said_on": st.dates().map(str),
    "reported_on": st.sampled_from(["25.08.2018", "2018/08/25", "25 August 2018"]),
    "source_title": _WORDS,
    "url": st.sampled_from(["https://example.org/a", "https://example.org/b"]),
    "tags": st.sampled_from(["Idlib", "Idlib; chemical", "a,b"]),
    "notes": _WORDS,
    "uuid": _UUIDS,
    "source_count": st.integers(0, 9).map(str),
}


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    """A CSV that is often nearly right: known and odd headers, odd cells, odd encodings."""
    if draw(st.booleans()):
        return draw(plausible_csv_files())
    width = draw(st.integers(1, 8))
    header = [draw(st.sampled_from(_HEADERS)) for _ in range(width)]
    rows = [
        [draw(_CELLS) for _ in range(draw(st.integers(0, width + 2)))]
        for _ in range(draw(st.integers(0, 6)))
    ]
    return draw(_encoded(header, rows))


@st.composite
def plausible_csv_files(draw: st.DrawFn) -> bytes:
    """A report as another tool writes one: known columns, mostly good values, some bad."""
    others = draw(st.lists(st.sampled_from(sorted(_VALID)), max_size=6, unique=True))
    header = ["claim", *(name for name in others if name != "claim")]
    rows = [
        [draw(_VALID[name]) if draw(st.integers(0, 9)) else draw(_CELLS) for name in header]
        for _ in range(draw(st.integers(1, 8)))
    ]
    return draw(
        _encoded(
            header,
            rows,
            header_kept=st.just(True),
            encodings=st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16"]),
            mutations=st.sampled_from([0, 0, 0, 1, 2]),
        )
    )


@st.composite
def _encoded(
    draw: st.DrawFn,
    header: list[str],
    rows: list[list[str]],
    *,
    header_kept: st.SearchStrategy[bool] = _COIN,
    encodings: st.SearchStrategy[str] = _ANY_ENCODING,
    mutations: st.SearchStrategy[int] = _ANY_MUTATIONS,
) -> bytes:
    """The rows as a file: any delimiter, quoting, line ends, encoding, then mutations."""
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    lines = []
    for row in [header, *rows] if draw(header_kept) or not rows else rows:
        cells = []
        for cell in row:
            if draw(st.integers(0, 4)) == 0 or any(ch in cell for ch in f'{delimiter}"\n\r'):
                cells.append('"' + cell.replace('"', '""') + '"')
            else:
                cells.append(cell)
        lines.append(delimiter.join(cells))
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)
    data = text.encode(draw(encodings), errors="replace")
    return draw(mutated(data, mutations))


@st.composite
def mutated(
    draw: st.DrawFn, data: bytes, mutations: st.SearchStrategy[int] = _ANY_MUTATIONS
) -> bytes:
    """``data``, or with a few bytes flipped, inserted, deleted, or cut short."""
    for _ in range(draw(mutations)):
        if not data:
            break
        where = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "quote", "nul"]))
        if kind == "flip":
            data = (
                data[:where] + bytes([data[where] ^ draw(st.integers(1, 255))]) + data[where + 1 :]
            )
        elif kind == "insert":
            data = data[:where] + draw(st.binary(min_size=1, max_size=8)) + data[where:]
        elif kind == "delete":
            data = data[:where] + data[where + 1 :]
        elif kind == "truncate":
            data = data[:where]
        elif kind == "quote":
            data = data[:where] + b'"' + data[where:]
        else:
            data = data[:where] + b"\x00" + data[where:]
    return data


csv_inputs = st.one_of(csv_files(), st.binary(max_size=600))
csv_options = st.builds(
    CsvImportOptions,
    encoding=st.sampled_from([None, None, "utf-8", "cp1251", "utf-16", "no-such-encoding"]),
    delimiter=st.sampled_from([None, None, ",", ";", "tab", "\t", "ab", "\n"]),
    has_header=st.sampled_from([None, True, False]),
    mapping=st.lists(
        st.sampled_from(
            ["1=claim", "2=speaker", "Who=speaker", "9=claim", "x=nonsense", "=claim", "claim"]
        ),
        max_size=2,
    ).map(tuple),
)


def table_counts(store: Store) -> dict[str, int]:
    with store.raw() as connection:
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def check_csv_import(store: Store, path: Path, data: bytes, options: CsvImportOptions) -> str:
    """The property for one CSV file; returns "imported" or "refused"."""
    path.write_bytes(data)
    before = table_counts(store)
    try:
        import_csv(store, path, options, dry_run=False)
    except ClaimTrackerError as error:
        assert table_counts(store) == before, f"a failed import changed the database: {error}"
        if isinstance(error, InputFileError) and "--map" not in str(error):
            assert error.path == str(path), f"the error does not name the file: {error}"
        return "refused"
    with store.raw() as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    return "imported"


# --- HTML --------------------------------------------------------------------------------------

_TAGS = [
    "html",
    "head",
    "body",
    "title",
    "meta",
    "article",
    "main",
    "div",
    "p",
    "span",
    "a",
    "b",
    "script",
    "style",
    "noscript",
    "iframe",
    "svg",
    "math",
    "template",
    "form",
    "table",
    "td",
    "h1",
    "time",
    "br",
    "img",
    "object",
    "embed",
    "base",
    "link",
    "textarea",
    "xmp",
    "plaintext",
]
_ATTRIBUTES = [
    'onload="alert(1)"',
    'href="javascript:alert(1)"',
    'src="http://evil.example/x.js"',
    'charset="utf-16"',
    'http-equiv="refresh" content="0;url=http://evil.example"',
    'property="article:published_time" content="2018-02-30"',
    'name="author" content="<b>x</b>"',
    'content="' + "A" * 3000 + '"',
    "style=\"background:url('javascript:1')\"",
    "hidden",
    'x="""',
]
_TEXTS = st.one_of(
    st.sampled_from(
        [
            'Ryabkov said Russia is "very concerned".',
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "&#0;&#xD800;&#x110000;&bogus;",
            "<![CDATA[ hidden ]]>",
            "<!-- comment -- -->",
            "<?php echo 1; ?>",
            "\u0000\u0001\u200b",
            "Провокации готовятся.",
            "x" * 3000,
        ]
    ),
    st.text(max_size=60),
)


@st.composite
def html_documents(draw: st.DrawFn) -> bytes:
    def element(depth: int) -> str:
        tag = draw(st.sampled_from(_TAGS))
        attributes = " ".join(draw(st.lists(st.sampled_from(_ATTRIBUTES), max_size=2)))
        inner = "".join(
            element(depth + 1) if depth < 6 and draw(st.booleans()) else draw(_TEXTS)
            for _ in range(draw(st.integers(0, 3)))
        )
        close = "" if draw(st.integers(0, 5)) == 0 else f"</{tag}>"
        return f"<{tag} {attributes}>{inner}{close}"

    doctype = draw(st.sampled_from(["<!DOCTYPE html>", "", "<?xml version='1.0'?>"]))
    body = "".join(element(0) for _ in range(draw(st.integers(0, 4))))
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "cp1251", "latin-1"]))
    return draw(mutated((doctype + body).encode(encoding, errors="replace")))


html_inputs = st.one_of(html_documents(), st.binary(max_size=600))


def check_article_import(store: Store, data: bytes, filename: str) -> str:
    """The property for one article file: parsed and stored, or refused with nothing stored.
    Returns "imported" or "refused"."""
    before = table_counts(store)
    try:
        article = parse_article(data, filename=filename)
        with store.write() as session:
            services.import_article(session=session, article=article, origin=filename)
    except ClaimTrackerError as error:
        assert table_counts(store) == before, f"a failed import changed the database: {error}"
        if isinstance(error, InputFileError):
            assert error.path == filename, f"the error does not name the file: {error}"
        return "refused"
    for value in (article.title, article.byline, article.outlet, article.url):
        assert value is None or "<script" not in value.casefold()
    return "imported"


def fresh_store(folder: Path) -> Store:
    folder.mkdir(parents=True, exist_ok=True)
    return Store.open(folder / "fuzz.db")
