"""Merging two analysts' project files: three-way and field by field, by UUID (issue 12).

- :mod:`~claimtracker.merging.identity` — which project a file holds (shared by its copies);
- :mod:`~claimtracker.merging.ancestry` — the common ancestor: both journals' marks;
- :mod:`~claimtracker.merging.trails` — what each side changed since, from its journal;
- :mod:`~claimtracker.merging.peer` — the other side, read through plain DB-API SQL;
- :mod:`~claimtracker.merging.engine` — the merge itself, built on :mod:`~.state` (what it holds,
  the journal entries and conflicts it writes, through :mod:`~.writer`), :mod:`~.additions`
  (records new here) and :mod:`~.pairs` (records both hold, field by field);
- :mod:`~claimtracker.merging.merge_file` — checked, backed up, one transaction;
- :mod:`~claimtracker.merging.conflicts` — conflicts listed and settled;
- :mod:`~claimtracker.merging.undo` — the whole merge undone as one step.
"""
