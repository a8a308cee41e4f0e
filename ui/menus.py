"""The window's menu bar and toolbar, built from its actions."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QResizeEvent
from PySide6.QtWidgets import QMainWindow, QMenu, QSizePolicy, QToolBar, QToolButton, QWidget

from ui.actions import Actions
from ui.icons import icon

#: Room kept for the toolbar's own "more" button.
EXTENSION_ROOM = 12


@dataclass
class Menus:
    recent: QMenu
    columns: QMenu
    toolbar: QToolBar


def build_menus(window: QMainWindow, a: Actions) -> Menus:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([a.new_project, a.open_project])
    recent = file_menu.addMenu(icon("history"), "Open &Recent")
    file_menu.addAction(a.open_sample)
    file_menu.addSeparator()
    file_menu.addActions([a.import_articles, a.import_csv, a.export_csv, a.export_report])
    file_menu.addSeparator()
    file_menu.addAction(a.backups)
    file_menu.addSeparator()
    file_menu.addAction(a.quit)
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([a.undo, a.redo])
    edit_menu.addSeparator()
    edit_menu.addActions([a.new_claim, a.delete, a.restore, a.empty_trash])
    edit_menu.addSeparator()
    edit_menu.addActions([a.find, a.clear_filters])
    edit_menu.addSeparator()
    edit_menu.addAction(a.preferences)
    claim_menu = bar.addMenu("&Claim")
    claim_menu.addActions([a.open_reader, a.link_counter, a.side_by_side])
    claim_menu.addSeparator()
    claim_menu.addActions([a.suggest_claims, a.edit_source])
    view_menu = bar.addMenu("&View")
    view_menu.addActions([a.show_sidebar, a.show_detail, a.show_reader, a.show_assistant])
    view_menu.addAction(a.show_history)
    view_menu.addSeparator()
    view_menu.addAction(a.reload)
    columns = view_menu.addMenu(icon("columns"), "&Columns")
    theme_menu = view_menu.addMenu("&Theme")
    group = QActionGroup(window)
    for action in (a.theme_system, a.theme_light, a.theme_dark):
        group.addAction(action)
        theme_menu.addAction(action)
    help_menu = bar.addMenu("&Help")
    help_menu.addActions([a.user_guide, a.shortcuts, a.about])
    window.addActions(a.all())
    return Menus(recent=recent, columns=columns, toolbar=build_toolbar(window, a))


class FittedToolBar(QToolBar):
    """Buttons keep their names while they fit in one row; in a narrower window the least
    needed lose theirs first (each still named by its tooltip), so every button stays in
    sight down to a small laptop screen."""

    def __init__(self, title: str, parent: QWidget) -> None:
        super().__init__(title, parent)
        #: Actions in the order their buttons give up their names.
        self.shed_order: list[QAction] = []
        #: Each button's width with its name and without, measured the first time.
        self._widths: dict[QAction, tuple[int, int]] = {}

    def _buttons(self) -> list[tuple[QAction, QToolButton]]:
        return [
            (action, widget)
            for action in self.actions()
            if action.isVisible()
            and isinstance(widget := self.widgetForAction(action), QToolButton)
        ]

    def _measure(self, action: QAction, button: QToolButton) -> tuple[int, int]:
        widths = self._widths.get(action)
        if widths is None:
            style = button.toolButtonStyle()
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            named = button.sizeHint().width()
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            bare = button.sizeHint().width()
            button.setToolButtonStyle(style)
            widths = self._widths[action] = (named, bare)
        return widths

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.fit(event.size().width())
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            # Another theme or font: the buttons' widths are measured again.
            self._widths.clear()
            QTimer.singleShot(0, self, lambda: self.fit(self.width()))

    def fit(self, width: int) -> None:
        """Name as many buttons as fit in ``width``, the most needed first."""
        layout = self.layout()
        spacing = layout.spacing() if layout is not None else 0
        margins = self.contentsMargins()
        buttons = self._buttons()
        widths = {action: self._measure(action, button) for action, button in buttons}
        fixed = sum(
            widget.sizeHint().width() + spacing
            for action in self.actions()
            if action.isVisible()
            and action not in widths
            and (widget := self.widgetForAction(action)) is not None
            and widget.sizePolicy().horizontalPolicy() != QSizePolicy.Policy.Expanding
        )
        room = width - margins.left() - margins.right() - fixed - EXTENSION_ROOM
        needed = sum(widths[action][0] + spacing for action, _ in buttons)
        bare: set[QAction] = set()
        for action in self.shed_order + [action for action, _ in buttons]:
            if needed <= room:
                break
            if action in widths and action not in bare:
                bare.add(action)
                needed -= widths[action][0] - widths[action][1]
        changed = False
        for action, button in buttons:
            style = (
                Qt.ToolButtonStyle.ToolButtonIconOnly
                if action in bare
                else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            )
            if button.toolButtonStyle() != style:
                button.setToolButtonStyle(style)
                changed = True
        if changed and layout is not None:
            layout.invalidate()  # which buttons fit is decided again with their new widths


def build_toolbar(window: QMainWindow, a: Actions) -> QToolBar:
    toolbar = FittedToolBar("Main toolbar", window)
    toolbar.setObjectName("MainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.setIconSize(toolbar.iconSize() * 0.85)
    toolbar.addAction(a.import_articles)
    toolbar.addAction(a.new_claim)
    toolbar.addAction(a.suggest_claims)
    toolbar.addSeparator()
    toolbar.addAction(a.undo)
    toolbar.addAction(a.redo)
    toolbar.addSeparator()
    toolbar.addAction(a.open_reader)
    toolbar.addAction(a.link_counter)
    toolbar.addAction(a.side_by_side)
    toolbar.addSeparator()
    toolbar.addAction(a.delete)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    toolbar.addWidget(spacer)
    toolbar.addAction(a.export_csv)
    # The buttons that give up their names first in a narrow window: those whose icons say
    # enough, then those used less often.
    toolbar.shed_order = [a.redo, a.undo, a.delete, a.link_counter, a.open_reader]
    toolbar.shed_order += [a.side_by_side, a.export_csv, a.suggest_claims, a.import_articles]
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    return toolbar
