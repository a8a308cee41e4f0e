"""Keeping an analyst's database safe: backups, integrity, location, history, trash.

Plain functions without Qt, called by the command line (``claimtracker.cli.safety``) and the app:

- :mod:`~claimtracker.safety.backup` — verified backups through SQLite's backup API, rotation,
  restore;
- :mod:`~claimtracker.safety.integrity` — checks before use and on demand, repair of the index;
- :mod:`~claimtracker.safety.location` — a warning for network shares and cloud-sync folders;
- :mod:`~claimtracker.journal.entries` — every change recorded, listed and undone field by field;
- :mod:`~claimtracker.safety.trash` — what is in the trash, restored or emptied;
- :mod:`~claimtracker.safety.preferences` — the analyst's name written into the history.

The modules are imported one by one (nothing here), so that the services can use the history
without loading the rest.
"""
