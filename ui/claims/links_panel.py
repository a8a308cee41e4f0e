"""A claim's links, read from its side ("Denied by #15 …"), with ways to add and remove them."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from claimtracker.query import LinkRow
from claimtracker.vocabulary import RELATIONS
from ui import theme
from ui.icons import icon


class LinksPanel(QWidget):
    #: Show this other claim (its id).
    claimRequested = Signal(int)
    removeRequested = Signal(object)  # LinkRow
    relationChangeRequested = Signal(object, str)  # LinkRow, new relation code

    def __init__(
        self, link_action: QAction, compare_action: QAction, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._links: list[LinkRow] = []
        self.title = QLabel("LINKS")
        self.title.setObjectName("SectionTitle")
        add = QToolButton()
        add.setDefaultAction(link_action)
        add.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        add.setAutoRaise(True)
        compare = QToolButton()
        compare.setDefaultAction(compare_action)
        compare.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        compare.setAutoRaise(True)
        self.list = QTreeWidget()
        self.list.setObjectName("LinksList")
        self.list.setColumnCount(3)
        self.list.setHeaderLabels(["Relation", "Claim", "Speaker"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # The speaker takes at most a quarter of the width, so the claim is never squeezed
        # to "…" by a long described source ("four people familiar with the discussions").
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.list.itemActivated.connect(self._on_activated)
        self.list.customContextMenuRequested.connect(self._on_menu)
        self.empty = QLabel("No links yet. Link a counter-claim to compare them side by side.")
        self.empty.setObjectName("FieldHint")
        self.empty.setWordWrap(True)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addStretch(1)
        heading.addWidget(add)
        heading.addWidget(compare)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(heading)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)

    def set_links(self, links: list[LinkRow]) -> None:
        self._links = list(links)
        self.list.clear()
        for link in sorted(self._links, key=lambda link: (not link.opposing, link.link_id)):
            item = QTreeWidgetItem(
                [
                    link.label,
                    f"#{link.other_id}  {' '.join(link.other_text.split())}",
                    link.other_speaker or "",
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, link)
            item.setToolTip(1, link.other_text + (f"\n\nNote: {link.note}" if link.note else ""))
            if link.opposing:
                item.setForeground(0, QBrush(theme.accent("status", "false")))
            self.list.addTopLevelItem(item)
        self._fit_speaker_column()
        self.title.setText(f"LINKS ({len(links)})" if links else "LINKS")
        self.list.setVisible(bool(links))
        self.empty.setVisible(not links)
        rows = max(1, min(len(links), 6))
        self.list.setFixedHeight(
            self.list.header().height() + rows * (self.fontMetrics().height() + 10) + 6
        )

    def _fit_speaker_column(self) -> None:
        self.list.resizeColumnToContents(2)
        widest = max(80, self.list.viewport().width() // 4)
        if self.list.columnWidth(2) > widest:
            self.list.setColumnWidth(2, widest)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_speaker_column()

    def _link_at(self, item: QTreeWidgetItem | None) -> LinkRow | None:
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _on_activated(self, item: QTreeWidgetItem) -> None:
        link = self._link_at(item)
        if link is not None:
            self.claimRequested.emit(link.other_id)

    def _on_menu(self, point: QPoint) -> None:
        link = self._link_at(self.list.itemAt(point))
        if link is None:
            return
        menu = QMenu(self)
        go = menu.addAction(f"Go to claim #{link.other_id}")
        go.triggered.connect(lambda: self.claimRequested.emit(link.other_id))
        change = menu.addMenu("Change relation")
        for term in RELATIONS:
            action = change.addAction(term.label)
            action.setCheckable(True)
            action.setChecked(term.code == link.relation)
            action.triggered.connect(
                lambda _c=False, code=term.code: self.relationChangeRequested.emit(link, code)
            )
        menu.addSeparator()
        remove = menu.addAction(icon("unlink"), "Remove link")
        remove.triggered.connect(lambda: self.removeRequested.emit(link))
        menu.exec(self.list.viewport().mapToGlobal(point))

    @property
    def links(self) -> list[LinkRow]:
        return list(self._links)
