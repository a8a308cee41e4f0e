"""Claims: the table, its model and filters, the sidebar, the detail pane and editor, links, the
side-by-side comparison, and the claim and link commands."""
