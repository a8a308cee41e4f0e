"""The window's actions: names, icons, shortcuts and tips in one place (menus, toolbar, panes
and the shortcuts dialog all use these same objects)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from ui.icons import icon

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu


def _action(
    parent: QObject,
    text: str,
    *,
    icon_name: str | None = None,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
    icon_text: str | None = None,
    checkable: bool = False,
) -> QAction:
    action = QAction(text, parent)
    if icon_name:
        action.setIcon(icon(icon_name))
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if icon_text:
        action.setIconText(icon_text)
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip or text.rstrip('…')}" + (f" ({keys})" if keys else ""))
    action.setStatusTip(tip or text.rstrip("…"))
    action.setCheckable(checkable)
    return action


def name_step(action: QAction, verb: str, step: str) -> None:
    """Undo or Redo named for ``step`` in the menu and tooltip; the toolbar keeps ``verb``."""
    action.setText(f"&{verb} {step}" if step else f"&{verb}")
    action.setIconText(verb)
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{verb} {step}".strip() + (f" ({keys})" if keys else ""))


@dataclass
class Actions:
    new_project: QAction
    open_project: QAction
    open_sample: QAction
    import_articles: QAction
    import_csv: QAction
    export_csv: QAction
    export_report: QAction
    backups: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    new_claim: QAction
    delete: QAction
    restore: QAction
    empty_trash: QAction
    find: QAction
    clear_filters: QAction
    preferences: QAction
    open_reader: QAction
    link_counter: QAction
    side_by_side: QAction
    suggest_claims: QAction
    edit_source: QAction
    show_sidebar: QAction
    show_detail: QAction
    show_reader: QAction
    show_history: QAction
    show_assistant: QAction
    reload: QAction
    theme_system: QAction
    theme_light: QAction
    theme_dark: QAction
    user_guide: QAction
    shortcuts: QAction
    about: QAction

    @classmethod
    def create(cls, parent: QObject) -> Actions:
        a = _action
        actions = cls(
            new_project=a(
                parent,
                "&New Project…",
                icon_name="new-database",
                shortcut=QKeySequence.StandardKey.New,
                tip="Create an empty claims database",
            ),
            open_project=a(
                parent,
                "&Open Project…",
                icon_name="open",
                shortcut=QKeySequence.StandardKey.Open,
                tip="Open a claims database (you can also drop a .db file on the window)",
            ),
            open_sample=a(
                parent,
                "Open &Sample Project",
                icon_name="sample",
                tip="Open the sample project: one article, its claims and counter-claims",
            ),
            import_articles=a(
                parent,
                "&Import Articles…",
                icon_name="import",
                shortcut="Ctrl+I",
                icon_text="Import",
                tip="Import article files (text, Markdown, HTML, PDF); "
                "dropping them on the window works too",
            ),
            import_csv=a(
                parent,
                "Import &CSV…",
                icon_name="table",
                tip="Import claims from a CSV report, with a preview first",
            ),
            export_csv=a(
                parent,
                "&Export CSV…",
                icon_name="export",
                shortcut="Ctrl+E",
                icon_text="Export",
                tip="Export claims or claim pairs as CSV",
            ),
            export_report=a(
                parent,
                "Export &Report…",
                icon_name="export",
                shortcut="Ctrl+Shift+E",
                tip="A report to read (HTML or PDF, or printed): claims beside "
                "their counter-claims, with quotes, sources and markings",
            ),
            backups=a(
                parent,
                "&Backups…",
                icon_name="history",
                tip="See the project's backups, make one now, or restore one",
            ),
            quit=a(parent, "&Quit", shortcut=QKeySequence.StandardKey.Quit),
            undo=a(
                parent,
                "&Undo",
                icon_name="undo",
                shortcut=QKeySequence.StandardKey.Undo,
                icon_text="Undo",
            ),
            redo=a(
                parent,
                "&Redo",
                icon_name="redo",
                shortcut=QKeySequence.StandardKey.Redo,
                icon_text="Redo",
            ),
            new_claim=a(
                parent,
                "&New Claim",
                icon_name="new-claim",
                shortcut="Ctrl+Shift+N",
                icon_text="New claim",
                tip="Add a claim without a source text",
            ),
            delete=a(
                parent,
                "Move to &Trash",
                icon_name="delete",
                shortcut=QKeySequence.StandardKey.Delete,
                tip="Move the selected claims to the trash (undo brings them back)",
            ),
            restore=a(
                parent,
                "&Restore from Trash",
                icon_name="restore",
                shortcut="Ctrl+Shift+R",
                tip="Bring the selected claims back from the trash",
            ),
            empty_trash=a(
                parent,
                "&Empty Trash…",
                icon_name="trash",
                tip="Delete the claims in the trash for good",
            ),
            find=a(
                parent,
                "&Find",
                icon_name="search",
                shortcut=QKeySequence.StandardKey.Find,
                tip="Search the claims",
            ),
            clear_filters=a(
                parent,
                "&Clear Filters",
                icon_name="clear",
                shortcut="Ctrl+Shift+F",
                tip="Show every claim again",
            ),
            preferences=a(
                parent,
                "&Preferences…",
                shortcut=QKeySequence.StandardKey.Preferences,
                tip="Your name in the history, and the theme",
            ),
            open_reader=a(
                parent,
                "Open Source in &Reader",
                icon_name="reader",
                shortcut="Ctrl+R",
                icon_text="Reader",
                tip="Read the claim's source with its claims highlighted",
            ),
            link_counter=a(
                parent,
                "&Link Counter-claim…",
                icon_name="link",
                shortcut="Ctrl+L",
                icon_text="Link",
                tip="Link this claim to another that opposes or supports it",
            ),
            side_by_side=a(
                parent,
                "&Side by Side",
                icon_name="compare",
                shortcut="Ctrl+D",
                icon_text="Side by side",
                tip="Compare the claim with its counter-claims and step through "
                "the disputes of the current filter",
            ),
            suggest_claims=a(
                parent,
                "S&uggest Claims",
                icon_name="assistant",
                shortcut="Ctrl+Shift+S",
                icon_text="Suggest",
                tip="Let the assistant propose the claims of the source in the "
                "reader, to accept, correct or reject",
            ),
            edit_source=a(
                parent,
                "Source &Details…",
                icon_name="edit",
                tip="Correct the title, outlet, byline, date, URL or language of the "
                "source in the reader",
            ),
            show_sidebar=a(parent, "&Sources and Actors", shortcut="Ctrl+1", checkable=True),
            show_detail=a(parent, "Claim &Details", shortcut="Ctrl+2", checkable=True),
            show_reader=a(parent, "&Reader", shortcut="Ctrl+3", checkable=True),
            show_history=a(parent, "Undo &History", icon_name="history", checkable=True),
            show_assistant=a(parent, "&Assistant", shortcut="Ctrl+4", checkable=True),
            reload=a(
                parent,
                "Re&load",
                shortcut=QKeySequence.StandardKey.Refresh,
                tip="Read the project again (after changes made elsewhere, e.g. the command line)",
            ),
            theme_system=a(parent, "Follow the &System", checkable=True),
            theme_light=a(parent, "&Light", checkable=True),
            theme_dark=a(parent, "&Dark", checkable=True),
            user_guide=a(
                parent,
                "User &Guide",
                icon_name="info",
                shortcut=QKeySequence.StandardKey.HelpContents,
                tip="How to work with ClaimTracker, from the first article to a report",
            ),
            shortcuts=a(parent, "&Keyboard Shortcuts", icon_name="keyboard", shortcut="Ctrl+/"),
            about=a(parent, "&About ClaimTracker", icon_name="info"),
        )
        actions.delete.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence(Qt.Key.Key_Backspace)]
        )
        return actions

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]


def _menu_of(action: QAction) -> QMenu | None:
    from PySide6.QtWidgets import QMenu

    for owner in action.associatedObjects():
        if isinstance(owner, QMenu):
            return owner
    return None


def insert_after(anchor: QAction, action: QAction) -> None:
    """Put a feature's ``action`` in the menu of ``anchor``, just after it."""
    menu = _menu_of(anchor)
    if menu is None:
        return
    actions = menu.actions()
    following = actions[actions.index(anchor) + 1 :]
    if following:
        menu.insertAction(following[0], action)
    else:
        menu.addAction(action)
