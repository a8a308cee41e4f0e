"""Qt item models: ids and frozen row snapshots from ``claimtracker.query``, never ORM objects."""
