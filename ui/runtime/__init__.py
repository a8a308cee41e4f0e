"""The app's runtime: the hub (what changed), the open project (the single write path), the
undo commands' base and the command path (editing), and background work."""
