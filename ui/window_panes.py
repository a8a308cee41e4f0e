"""The main window's panes at every width: side by side when there is room, tabs when not.

The claim editor is a dock on the right; tool panels (the assistant, the undo history) dock
beside it. A wide window shows them all side by side. A narrower one folds the sidebar away,
then stacks the editor and the tools as tabs of one column (a 1024-pixel laptop screen, or a
large one at 2× scaling), so the claims table and the reader keep a width to read in. Widened
again, the window goes back to side by side and unfolds the sidebar; a pane the analyst shows
or hides by hand stays so.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabWidget, QWidget

from ui.common.screen_fit import keep_on_screen

RIGHT = Qt.DockWidgetArea.RightDockWidgetArea

#: Comfortable widths (logical pixels) of the panes, used to decide what fits.
SIDEBAR_WIDTH = 230
CENTRE_WIDTH = 600
DETAIL_WIDTH = 360
TOOL_WIDTH = 390


@dataclass(frozen=True)
class Arrangement:
    """How the panes share the window's width."""

    #: The editor and the tool panels are tabs of one column.
    tabbed: bool
    #: The sidebar is folded away (the View menu's tick says so).
    sidebar_folded: bool


def arrangement_for(width: int, *, tools_shown: bool) -> Arrangement:
    """What fits in ``width`` logical pixels. With a tool shown, the sidebar folds first (the
    editor and the tool stay side by side), then they become tabs (with the sidebar back if it
    fits beside them)."""
    if not tools_shown:
        return Arrangement(False, width < SIDEBAR_WIDTH + CENTRE_WIDTH + DETAIL_WIDTH)
    side_by_side = CENTRE_WIDTH + DETAIL_WIDTH + TOOL_WIDTH
    if width >= side_by_side:
        return Arrangement(False, width < SIDEBAR_WIDTH + side_by_side)
    return Arrangement(True, width < SIDEBAR_WIDTH + CENTRE_WIDTH + TOOL_WIDTH)


def detail_width(window_width: int) -> int:
    """The claim editor's width beside the table when no tool is open."""
    return min(420, max(DETAIL_WIDTH, window_width * 27 // 100))


class WindowPanes(QObject):
    """Keeps ``window``'s right-hand docks and its sidebar arranged for the window's width."""

    def __init__(
        self, window: QMainWindow, detail: QDockWidget, sidebar: QWidget, show_sidebar: QAction
    ) -> None:
        super().__init__(window)
        self._window = window
        self._detail = detail
        self._sidebar = sidebar
        self._show_sidebar = show_sidebar
        self._tools: list[QDockWidget] = []
        self._current: Arrangement | None = None
        self._placed: tuple[QDockWidget, ...] = ()
        self._arranging = False
        self._watching_screen = False
        #: The sidebar is hidden because the window is narrow, not because the analyst hid it.
        self.sidebar_folded = False
        window.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowNestedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
        )
        window.setTabPosition(RIGHT, QTabWidget.TabPosition.North)
        show_sidebar.toggled.connect(self._on_sidebar_toggled)
        window.installEventFilter(self)

    @property
    def tabbed(self) -> bool:
        """The editor and the shown tools are tabs of one column."""
        return self._current is not None and self._current.tabbed

    def add_tool(self, dock: QDockWidget) -> None:
        """A tool panel docks beside the editor (or as its tab when the window is narrow)."""
        self._tools.append(dock)
        dock.hide()
        if not self._window.restoreDockWidget(dock):
            self._window.addDockWidget(RIGHT, dock)
        dock.visibilityChanged.connect(self._on_tool_visibility)
        dock.topLevelChanged.connect(self._on_tool_visibility)

    def raise_instead_of_hiding(self, dock: QDockWidget, action: QAction) -> bool:
        """``action`` (Claim Details, Assistant… in the View menu) was unticked to hide ``dock``:
        if another tab hides it, bring it to the front instead, tick ``action`` again and
        return True."""
        if dock.isHidden() or dock.isFloating() or _in_front(dock):
            return False
        if not self._window.tabifiedDockWidgets(dock):
            return False
        dock.raise_()
        blocked = action.blockSignals(True)
        action.setChecked(True)
        action.blockSignals(blocked)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            handle = self._window.windowHandle()
            if handle is not None and not self._watching_screen:
                self._watching_screen = True
                handle.screenChanged.connect(self._on_screen_changed)
            self.arrange()
        return False

    @Slot()
    def _on_screen_changed(self) -> None:
        """Moved to another screen: arrange for its width (the window may be wider, and its
        minimum width that of panes side by side), then fit the window within it."""
        screen = self._window.screen()
        if screen is not None:
            self.arrange(min(self._window.width(), screen.availableGeometry().width()))
        QTimer.singleShot(0, self, lambda: keep_on_screen(self._window))

    # -- arranging -------------------------------------------------------------------------

    def arrange(self, width: int | None = None) -> None:
        """Arrange the panes when the window crossed a width or a tool was shown or hidden
        (for ``width`` rather than the window's, if given)."""
        if self._arranging or not self._window.isVisible():
            return
        tools = self._docked_tools()
        room = self._window.width() if width is None else width
        wanted = arrangement_for(room, tools_shown=bool(tools))
        if wanted == self._current and tools == self._placed:
            return
        self._arranging = True
        try:
            self._place_docks(wanted, tools)
            self._fold_sidebar(wanted.sidebar_folded)
            self._current, self._placed = wanted, tools
        finally:
            self._arranging = False

    def _docked_tools(self) -> tuple[QDockWidget, ...]:
        """The shown tool panels docked on the right (one floating or moved is left alone)."""
        return tuple(
            dock
            for dock in self._tools
            if not dock.isHidden()
            and not dock.isFloating()
            and self._window.dockWidgetArea(dock) == RIGHT
        )

    def _place_docks(self, wanted: Arrangement, tools: tuple[QDockWidget, ...]) -> None:
        window, detail = self._window, self._detail
        if not tools:
            # The room of a tool that closed went to the editor: back to the table with it.
            window.resizeDocks([detail], [detail_width(window.width())], Qt.Orientation.Horizontal)
            return
        new = [dock for dock in tools if dock not in self._placed]
        front = new[-1] if new else next((d for d in tools if _in_front(d)), tools[-1])
        # Each to a column of its own first (moved, never hidden: a hidden assistant would stop
        # reading), since Qt splits a tab group only when it holds one dock.
        for dock in tools:
            window.addDockWidget(RIGHT, dock, Qt.Orientation.Horizontal)
        for position, dock in enumerate(tools):
            if wanted.tabbed:
                window.tabifyDockWidget(detail, dock)
            elif position == 0:
                window.splitDockWidget(detail, dock, Qt.Orientation.Horizontal)
            else:
                window.tabifyDockWidget(tools[0], dock)
        front.raise_()
        # Qt makes the tab bar of a new group when it next lays the docks out: ask again then.
        QTimer.singleShot(0, front, front.raise_)
        if wanted.tabbed:
            window.resizeDocks([detail], [TOOL_WIDTH], Qt.Orientation.Horizontal)
        else:
            window.resizeDocks(
                [detail, tools[0]], [DETAIL_WIDTH, TOOL_WIDTH], Qt.Orientation.Horizontal
            )

    def _fold_sidebar(self, fold: bool) -> None:
        if fold and self._show_sidebar.isChecked():
            self.sidebar_folded = True
            self._show_sidebar.setChecked(False)
        elif not fold and self.sidebar_folded:
            self.sidebar_folded = False
            self._show_sidebar.setChecked(True)

    # -- slots -----------------------------------------------------------------------------

    @Slot(bool)
    def _on_sidebar_toggled(self, shown: bool) -> None:
        if not self._arranging:
            self.sidebar_folded = False  # the analyst's own choice stands
        self._sidebar.setVisible(shown)

    @Slot()
    def _on_tool_visibility(self) -> None:
        # Also when a tab is merely chosen: arrange() sees that nothing was shown or hidden.
        if not self._arranging:
            QTimer.singleShot(0, self, self.arrange)


def _in_front(dock: QDockWidget) -> bool:
    """The dock is the page shown of its tab group (or in no group)."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()
