"""Light and dark palettes, and the colours that carry meaning (badges, highlights).

The Fusion style with our own palettes looks the same on every platform and follows the system
colour scheme when the user chooses "System". Colours for statuses, attributions and credibility
are defined once here as accents; badges and reader highlights derive their tints from them so
both palettes stay readable.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ui import resources

log = logging.getLogger(__name__)

THEMES = ("system", "light", "dark")

STATUS_ACCENTS = {
    "unstarted": "#8c959f",
    "in_progress": "#2f81f7",
    "verified": "#1a7f37",
    "false": "#cf222e",
    "misleading": "#c4520a",
    "disputed": "#a16207",
    "inconclusive": "#8250df",
}
ATTRIBUTION_ACCENTS = {
    "on_record": "#0e7c86",
    "official_statement": "#2f6fdf",
    "anonymous": "#b7791f",
    "secondhand": "#8250df",
    "unattributed": "#c2366b",
    "unknown": "#8c959f",
}
CREDIBILITY_ACCENTS = {
    "1": "#1a7f37",
    "2": "#4d8f29",
    "3": "#a16207",
    "4": "#c4520a",
    "5": "#cf222e",
    "6": "#8c959f",
}
#: TLP 2.0 markings, after FIRST's colours (toned for a light or dark table).
MARKING_ACCENTS = {
    "clear": "#57606a",
    "green": "#1a7f37",
    "amber": "#b35c00",
    "amber+strict": "#9a4700",
    "red": "#cf222e",
}
NEUTRAL_ACCENT = "#8c959f"
ACCENTS = {
    "marking": MARKING_ACCENTS,
    "status": STATUS_ACCENTS,
    "attribution": ATTRIBUTION_ACCENTS,
    "credibility": CREDIBILITY_ACCENTS,
}

_LIGHT = {
    QPalette.ColorRole.Window: "#f3f4f6",
    QPalette.ColorRole.WindowText: "#1f2328",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f7f8fa",
    QPalette.ColorRole.Text: "#1f2328",
    QPalette.ColorRole.Button: "#f6f7f9",
    QPalette.ColorRole.ButtonText: "#1f2328",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#2f6fdf",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#0b5cc9",
    QPalette.ColorRole.LinkVisited: "#6639ba",
    QPalette.ColorRole.ToolTipBase: "#ffffff",
    QPalette.ColorRole.ToolTipText: "#1f2328",
    QPalette.ColorRole.PlaceholderText: "#8a939d",
    QPalette.ColorRole.Light: "#ffffff",
    QPalette.ColorRole.Midlight: "#e4e7eb",
    QPalette.ColorRole.Mid: "#c9d0d8",
    QPalette.ColorRole.Dark: "#9aa4af",
    QPalette.ColorRole.Shadow: "#6b7480",
}
_DARK = {
    QPalette.ColorRole.Window: "#202327",
    QPalette.ColorRole.WindowText: "#e3e6ea",
    QPalette.ColorRole.Base: "#17191c",
    QPalette.ColorRole.AlternateBase: "#1c1f23",
    QPalette.ColorRole.Text: "#e3e6ea",
    QPalette.ColorRole.Button: "#2b2f35",
    QPalette.ColorRole.ButtonText: "#e3e6ea",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#3b78e0",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#6cb0ff",
    QPalette.ColorRole.LinkVisited: "#b392f0",
    QPalette.ColorRole.ToolTipBase: "#2b2f35",
    QPalette.ColorRole.ToolTipText: "#e3e6ea",
    QPalette.ColorRole.PlaceholderText: "#7d8590",
    QPalette.ColorRole.Light: "#3a3f46",
    QPalette.ColorRole.Midlight: "#31353b",
    QPalette.ColorRole.Mid: "#3d434b",
    QPalette.ColorRole.Dark: "#121417",
    QPalette.ColorRole.Shadow: "#000000",
}


def _palette(colours: dict[QPalette.ColorRole, str], dark: bool) -> QPalette:
    palette = QPalette()
    for role, value in colours.items():
        palette.setColor(role, QColor(value))
    disabled_text = QColor("#6e7681" if dark else "#a0a8b1")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled_text)
    palette.setColor(
        QPalette.ColorGroup.Disabled,
        QPalette.ColorRole.Highlight,
        QColor(colours[QPalette.ColorRole.Mid]),
    )
    palette.setColor(
        QPalette.ColorGroup.Inactive,
        QPalette.ColorRole.Highlight,
        QColor("#3b5f9c" if dark else "#cfdcf5"),
    )
    palette.setColor(
        QPalette.ColorGroup.Inactive,
        QPalette.ColorRole.HighlightedText,
        QColor(colours[QPalette.ColorRole.Text]),
    )
    return palette


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return bool(hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark)


def resolve(mode: str) -> str:
    """``light`` or ``dark`` for a user's choice of ``system``, ``light`` or ``dark``."""
    if mode == "system":
        return "dark" if system_prefers_dark() else "light"
    return mode if mode in ("light", "dark") else "light"


def apply_theme(app: QApplication, mode: str) -> str:
    """Style the whole app; returns the palette actually used (``light`` or ``dark``)."""
    resolved = resolve(mode)
    dark = resolved == "dark"
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(_palette(_DARK if dark else _LIGHT, dark))
    _muted_brush.clear()
    _app_is_dark.clear()
    app.setStyleSheet(resources.style_sheet("app"))
    app.setProperty("claimtrackerTheme", resolved)
    return resolved


def is_dark(palette: QPalette | None = None) -> bool:
    if palette is None:
        # Asked for every badge a table paints: the app's palette changes only in apply_theme.
        if not _app_is_dark:
            _app_is_dark.append(_base_is_dark(QApplication.palette()))
        return _app_is_dark[0]
    return _base_is_dark(palette)


def _base_is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


_app_is_dark: list[bool] = []


def blend(top: QColor, bottom: QColor, alpha: float) -> QColor:
    """``top`` laid over ``bottom`` at ``alpha`` (0–1), as an opaque colour."""
    return QColor(
        round(top.red() * alpha + bottom.red() * (1 - alpha)),
        round(top.green() * alpha + bottom.green() * (1 - alpha)),
        round(top.blue() * alpha + bottom.blue() * (1 - alpha)),
    )


@dataclass(frozen=True)
class BadgeColours:
    background: QColor
    foreground: QColor
    border: QColor


_badge_cache: dict[tuple[str, str, bool], BadgeColours] = {}


def accent(kind: str, code: str | None) -> QColor:
    return QColor(ACCENTS.get(kind, {}).get(code or "", NEUTRAL_ACCENT))


def badge_colours(kind: str, code: str | None) -> BadgeColours:
    """Colours of a badge for a vocabulary code, for the current palette."""
    dark = is_dark()
    key = (kind, code or "", dark)
    found = _badge_cache.get(key)
    if found is not None:
        return found
    tone = accent(kind, code)
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    if dark:
        colours = BadgeColours(
            background=blend(tone, base, 0.30),
            foreground=tone.lighter(175) if tone.lightness() < 110 else tone.lighter(140),
            border=blend(tone, base, 0.55),
        )
    else:
        colours = BadgeColours(
            background=blend(tone, base, 0.13),
            foreground=tone.darker(135),
            border=blend(tone, base, 0.38),
        )
    _badge_cache[key] = colours
    return colours


def highlight_colour(attribution: str, *, strong: bool = False) -> QColor:
    """The reader's background for a quote, tinted by its attribution."""
    tone = accent("attribution", attribution)
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    if is_dark():
        return blend(tone, base, 0.55 if strong else 0.32)
    return blend(tone, base, 0.42 if strong else 0.20)


_muted_brush: list[QBrush] = []


def muted_brush() -> QBrush:
    """The brush for secondary text in item views (cached until the theme changes)."""
    if not _muted_brush:
        _muted_brush.append(QApplication.palette().brush(QPalette.ColorRole.PlaceholderText))
    return _muted_brush[0]


def muted_text(palette: QPalette | None = None) -> QColor:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.PlaceholderText)


def difference_colour() -> QColor:
    """Background for a field that differs between a claim and its counter-claim."""
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    return blend(QColor("#d4a72c"), base, 0.28 if is_dark() else 0.18)
