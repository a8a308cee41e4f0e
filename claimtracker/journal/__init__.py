"""The journal: every change of a claim, link, source or actor, who made it and when.

- :mod:`~claimtracker.journal.entries` — writing it, in the transaction of each change;
- :mod:`~claimtracker.journal.changes` — what a write (or another program) changed, read back
  from it as a :class:`~claimtracker.journal.changes.ChangeSet`;
- :mod:`~claimtracker.journal.reading` — a record's history, as the app and the CLI list it;
- :mod:`~claimtracker.journal.analyst` — the analyst's name written into it.

It belongs with the store and the services (it is written in their transactions); putting an
earlier value back is a service (``claimtracker.services.restoring``).
"""
