"""A dossier as one self-contained HTML page: inline CSS, no scripts, no network, no files.

The same page is what the PDF prints (``reports.pdf``, CSS paged media: the marking on every
page, page numbers, a claim and its counter-claims kept together) and what the app previews.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape

from claimtracker.query import ClaimRow
from claimtracker.query.reading import QuoteInContext
from claimtracker.reports.dossier import CounterClaim, Dossier, DossierEntry
from claimtracker.vocabulary import ATTRIBUTIONS, CONFIDENCES, LIKELIHOODS, MARKINGS, STATUSES

#: FIRST TLP 2.0 colours (text on a black background).
MARKING_COLOURS = {
    "clear": "#FFFFFF",
    "green": "#33FF00",
    "amber": "#FFC000",
    "amber+strict": "#FFC000",
    "red": "#FF2B2B",
}
_STATUS_COLOURS = {
    "verified": ("#1e6b35", "#e3f4e8"),
    "false": ("#9b1c1c", "#fbe4e4"),
    "misleading": ("#8a4b00", "#fdf0dc"),
    "disputed": ("#6b3fa0", "#efe7f9"),
    "inconclusive": ("#444444", "#ececec"),
    "in_progress": ("#1f4e8c", "#e2ecf8"),
    "unstarted": ("#555555", "#f1f1f1"),
}


def _marking_css() -> str:
    rules = [
        f".tlp-{code.replace('+', '-')} {{ color: {colour}; background-color: #000000; }}"
        for code, colour in MARKING_COLOURS.items()
    ]
    rules += [
        f".status-{code} {{ color: {fg}; background-color: {bg}; }}"
        for code, (fg, bg) in _STATUS_COLOURS.items()
    ]
    return "\n".join(rules)


def _page_css(marking: str | None) -> str:
    label = MARKINGS.label(marking) if marking else ""
    colour = MARKING_COLOURS.get(marking or "", "#000000")
    top_right = (
        f'@top-right {{ content: "{label}"; color: {colour}; background: #000000;'
        " font-weight: bold; font-size: 8.5pt; padding: 1mm 2mm; }"
        if label
        else ""
    )
    return f"""
@page {{
  size: A4;
  margin: 20mm 16mm 20mm 16mm;
  font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
  @top-left {{ content: "ClaimTracker dossier"; font-size: 8.5pt; color: #666666; }}
  {top_right}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font-size: 8.5pt;
                   color: #666666; }}
  @bottom-left {{ content: string(generated); font-size: 8.5pt; color: #666666; }}
}}
"""


STYLE = """
body { font-family: "DejaVu Sans", "Liberation Sans", "Noto Sans", Arial, Helvetica, sans-serif;
       font-size: 9.5pt; line-height: 1.4; color: #1a1a1a; margin: 0; }
.cover { border-bottom: 2px solid #1a1a1a; padding-bottom: 8pt; margin-bottom: 14pt; }
.kicker { font-size: 8.5pt; letter-spacing: 0.08em; text-transform: uppercase; color: #555555;
          margin: 0 0 4pt 0; }
h1 { font-family: "DejaVu Serif", Georgia, "Times New Roman", serif; font-size: 18pt;
     line-height: 1.2; margin: 0 0 6pt 0; font-weight: bold; }
h2 { font-size: 12pt; margin: 18pt 0 6pt 0; border-bottom: 1px solid #999999;
     padding-bottom: 2pt; }
.meta { color: #444444; margin: 0; }
.generated { string-set: generated content(); }
.notice { margin: 6pt 0 0 0; color: #7a4a00; }
.marking { display: inline-block; font-weight: bold; padding: 2pt 6pt; font-size: 9pt; }
table { border-collapse: collapse; }
table.pair { width: 100%; margin: 0 0 10pt 0; }
table.pair td { vertical-align: top; padding: 0; }
table.pair tr { page-break-inside: avoid; }
td.side { width: 50%; }
td.gap { width: 3%; }
.card { border: 1px solid #b9b9b9; border-left: 4px solid #1a1a1a; padding: 6pt 8pt;
        margin: 0 0 6pt 0; page-break-inside: avoid; }
.card.counter { border-left-color: #9b1c1c; }
.card.related { border-left-color: #777777; }
.head { font-size: 8.5pt; color: #555555; margin: 0 0 3pt 0; }
.relation { font-weight: bold; color: #9b1c1c; }
.claim { font-family: "DejaVu Serif", Georgia, "Times New Roman", serif; font-size: 11pt;
         font-weight: bold; margin: 0 0 4pt 0; }
.quote { margin: 0 0 5pt 0; padding: 3pt 0 3pt 7pt; border-left: 2px solid #cccccc;
         color: #333333; }
.exact { background-color: #fff2b3; color: #000000; }
.facts { font-size: 8.5pt; margin: 0; line-height: 1.45; }
.key { color: #666666; font-size: 7.5pt; text-transform: uppercase; letter-spacing: 0.04em; }
.badge { font-size: 7.5pt; font-weight: bold; padding: 0 3pt; }
.none { color: #777777; font-style: italic; margin: 0; }
.note { font-size: 8.5pt; color: #444444; margin: 3pt 0 0 0; }
table.sources { width: 100%; font-size: 8.5pt; }
table.sources th { text-align: left; border-bottom: 1px solid #999999; padding: 2pt 6pt 2pt 0; }
table.sources td { border-bottom: 1px solid #e0e0e0; padding: 2pt 6pt 2pt 0;
                   vertical-align: top; }
table.sources tr { page-break-inside: avoid; }
.url { word-break: break-all; color: #1f4e8c; }
"""


def _badge(marking: str | None) -> str:
    if not marking:
        return ""
    css = f"tlp-{marking.replace('+', '-')}"
    return f'<span class="badge {css}">{escape(MARKINGS.label(marking))}</span>'


def _status(code: str) -> str:
    return f'<span class="badge status-{code}">{escape(STATUSES.label(code))}</span>'


def _quote(context: QuoteInContext) -> str:
    if context.is_empty:
        return ""
    return (
        '<p class="quote">'
        f"{escape(context.before)}"
        f'<span class="exact">{escape(context.exact)}</span>'
        f"{escape(context.after)}</p>"
    )


def _dates(row: ClaimRow) -> str:
    parts = [
        f"{label} {value}"
        for label, value in (
            ("said", row.said_on),
            ("reported", row.reported_on),
            ("event", row.event_on),
        )
        if value
    ]
    return ", ".join(parts)


def _fields(row: ClaimRow, dossier: Dossier) -> str:
    attribution = ATTRIBUTIONS.label(row.attribution)
    if row.descriptor:
        attribution += f" — “{row.descriptor}”"
    if row.source_count is not None:
        attribution += f" ({row.source_count} source{'s' if row.source_count != 1 else ''})"
    assessment = ", ".join(
        part
        for part in (
            f"rating {row.rating}" if row.rating else "",
            LIKELIHOODS.label(row.likelihood) if row.likelihood else "",
            f"{CONFIDENCES.label(row.confidence).lower()} confidence" if row.confidence else "",
        )
        if part
    )
    source = ""
    if row.source_id is not None:
        number = dossier.source_numbers.get(row.source_id)
        source = f"[{number}] " if number else ""
        source += row.source_title or f"source #{row.source_id}"
        if row.outlet:
            source += f" ({row.outlet})"
    judgement = dossier.judgements.get(row.id)
    rows = [
        ("Speaker", row.speaker or "—"),
        ("Attribution", attribution),
        ("Assessment", assessment),
        ("Independence", judgement.verdict if judgement else ""),
        ("Dates", _dates(row)),
        ("Source", source),
        ("Tags", ", ".join(row.tags)),
    ]
    # Lines of text rather than a nested table: a third of the layout time at 1,000 claims.
    lines = "<br>".join(
        f'<span class="key">{label}</span> {escape(value)}' for label, value in rows if value
    )
    return f'<p class="facts">{lines}</p>'


def _opinions(row: ClaimRow, dossier: Dossier) -> str:
    judgement = dossier.judgements.get(row.id)
    if judgement is None or not judgement.opinions:
        return ""
    lines = "<br>".join(escape(line) for line in judgement.opinion_lines)
    return (
        f'<p class="note"><span class="key">Opinions</span> '
        f"({escape(judgement.opinion_summary)})<br>{lines}</p>"
    )


#: Qt's rich text (the app's preview) draws no borders around blocks: there a card is a
#: one-cell table, which it does draw. WeasyPrint lays out a bordered block much faster.
_QT_CARD = (
    '<table width="100%" cellspacing="0" cellpadding="7" border="1" '
    'style="border-color: {colour}; border-style: solid; margin-bottom: 8px;"><tr>'
    '<td style="padding: 7px;">'
)
_QT_CARD_COLOURS = {"": "#1a1a1a", "counter": "#9b1c1c", "related": "#777777"}


def _card(
    row: ClaimRow,
    context: QuoteInContext,
    dossier: Dossier,
    kind: str,
    head: str,
    *,
    note: str | None = None,
) -> str:
    notes = f'<p class="note">Note: {escape(row.notes)}</p>' if row.notes else ""
    if note:
        notes += f'<p class="note">Link note: {escape(note)}</p>'
    notes += _opinions(row, dossier)
    content = (
        f'<p class="head">{head} Claim #{row.id} {_status(row.status)} {_badge(row.marking)}</p>'
        f'<p class="claim">{escape(row.text)}</p>'
        f"{_quote(context)}{_fields(row, dossier)}{notes}"
    )
    if dossier.for_qt:
        return _QT_CARD.format(colour=_QT_CARD_COLOURS[kind]) + content + "</td></tr></table>"
    return f'<div class="card {kind}">{content}</div>'


def _counter(counter: CounterClaim, dossier: Dossier) -> str:
    head = f'<span class="relation">{escape(counter.relation)}</span> ·'
    kind = "counter" if counter.opposing else "related"
    return _card(counter.row, counter.context, dossier, kind, head, note=counter.note)


def _entry(entry: DossierEntry, dossier: Dossier) -> str:
    """The claim beside its first counter-claim, the others below that one: a row per pair, so
    that a page breaks between pairs, never inside a card."""
    claim = _card(entry.row, entry.context, dossier, "", "")
    if not entry.counters:
        return f'<table class="pair"><tr><td>{claim}</td></tr></table>'
    rows = "".join(
        f'<tr><td class="side">{claim if index == 0 else ""}</td><td class="gap"></td>'
        f'<td class="side">{_counter(counter, dossier)}</td></tr>'
        for index, counter in enumerate(entry.counters)
    )
    return f'<table class="pair">{rows}</table>'


def _sources(dossier: Dossier) -> str:
    if not dossier.sources:
        return ""
    rows = "".join(
        "<tr>"
        f"<td>{source.number}</td>"
        f"<td>{escape(source.title or f'Source #{source.id}')}</td>"
        f"<td>{escape(source.outlet or '')}</td>"
        f"<td>{escape(source.published_on or '')}</td>"
        f'<td class="url">{escape(source.url or "")}</td>'
        f"<td>{_badge(source.marking)}</td>"
        "</tr>"
        for source in dossier.sources
    )
    return (
        "<h2>Sources</h2>"
        '<table class="sources"><thead><tr><th>#</th><th>Title</th><th>Outlet</th>'
        f"<th>Published</th><th>Address</th><th>Marking</th></tr></thead><tbody>{rows}</tbody>"
        "</table>"
    )


def _cover(dossier: Dossier) -> str:
    marking = dossier.marking
    banner = (
        f'<p><span class="marking tlp-{marking.replace("+", "-")}">'
        f"{escape(MARKINGS.label(marking))}</span></p>"
        if marking
        else ""
    )
    generated = dossier.generated_at.strftime("%d %B %Y, %H:%M UTC").lstrip("0")
    sources = len(dossier.sources)
    counts = (
        f"{dossier.claim_count} claim{'s' if dossier.claim_count != 1 else ''}, "
        f"{sources} source{'s' if sources != 1 else ''}"
    )
    notice = ""
    if dossier.left_out:
        notice = (
            f'<p class="notice">{dossier.left_out} claim{"s" if dossier.left_out != 1 else ""} '
            f"marked above {escape(MARKINGS.label(dossier.max_tlp))} "
            f"{'were' if dossier.left_out != 1 else 'was'} left out.</p>"
        )
    return (
        '<div class="cover">'
        f"{banner}"
        '<p class="kicker">ClaimTracker dossier</p>'
        f"<h1>{escape(dossier.title)}</h1>"
        f'<p class="meta">{escape(dossier.scope)} · {counts}</p>'
        f'<p class="meta generated">Generated {escape(generated)}</p>'
        f"{notice}"
        "</div>"
    )


def render_html(dossier: Dossier, *, for_qt: bool = False) -> str:
    """The dossier as a complete HTML document (``for_qt``: as Qt's rich text draws it best,
    for the app's preview and its printing)."""
    dossier = replace(dossier, for_qt=for_qt) if for_qt != dossier.for_qt else dossier
    body = "".join(_entry(entry, dossier) for entry in dossier.entries)
    if not dossier.entries:
        body = '<p class="none">No claims to report.</p>'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(dossier.title)}</title>"
        '<meta name="generator" content="ClaimTracker">'
        # Qt's rich text drops a whole style sheet that holds paged-media rules.
        f"<style>{'' if for_qt else _page_css(dossier.marking)}{STYLE}{_marking_css()}</style>"
        f"</head><body>{_cover(dossier)}{body}{_sources(dossier)}</body></html>\n"
    )
