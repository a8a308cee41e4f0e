"""Keeping an analyst's database file safe: backups, integrity, location, locks.

Plain functions without Qt, called by the command line (``claimtracker.cli.safety``) and the app:

- :mod:`~claimtracker.safety.backup` — verified backups through SQLite's backup API, rotation,
  restore;
- :mod:`~claimtracker.safety.integrity` — checks before use and on demand, repair of the index;
- :mod:`~claimtracker.safety.location` — a warning for network shares and cloud-sync folders;
- :mod:`~claimtracker.safety.locks` — one process at a time for whole-file work.

It works on the file and imports neither the services nor the store's Store: the history of
changes is the journal (``claimtracker.journal``), the trash a service
(``claimtracker.services.trash``).
"""
