"""The window's menu bar and toolbar, built from its actions."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QSizePolicy, QToolBar, QWidget

from ui.actions import Actions
from ui.icons import icon


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


def build_toolbar(window: QMainWindow, a: Actions) -> QToolBar:
    toolbar = QToolBar("Main toolbar", window)
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
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    return toolbar
