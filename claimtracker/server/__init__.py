"""A desk of analysts on one PostgreSQL server (issue 11).

- :mod:`~claimtracker.server.roles` — the three roles (viewer, analyst, lead) and the owner:
  who the current connection is, and what each may do (with the reason when not).
- :mod:`~claimtracker.server.setup` — ``claimtracker server init``: extensions, schema, group
  roles and their grants;
- :mod:`~claimtracker.server.enforcement` — the functions and triggers through which the server
  enforces what grants cannot say (verdicts are the lead's; who wrote the history);
- :mod:`~claimtracker.server.analysts` — adding, listing, re-roling and removing analysts.
- :mod:`~claimtracker.server.address` — where a team project is, and the analyst's password
  (keyring, ``~/.pgpass``).
- :mod:`~claimtracker.server.reader` — the app's read connection to a team project.
- :mod:`~claimtracker.server.live` — the journal's triggers (writers in order, NOTIFY) and the
  listener that hears other analysts' changes.
"""
