"""Widgets of the main window: filter bar, table, sidebar, detail pane, status bar."""
