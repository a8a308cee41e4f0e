"""What a journal entry records was done to a record (light: no ORM, for the app's first paint)."""

CREATED, CHANGED, DELETED, RESTORED, PURGED = "created", "changed", "deleted", "restored", "purged"
