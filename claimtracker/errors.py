"""The core's own error types.

Every error an analyst can understand and act on derives from :class:`ClaimTrackerError`; the CLI
prints its message on one line and the app shows it in a dialog. Anything else escaping the core is
a bug and is reported as such.
"""

from __future__ import annotations

from pathlib import Path


class ClaimTrackerError(Exception):
    """An error the user can understand and usually fix."""


class ValidationError(ClaimTrackerError):
    """A value given to a service is not acceptable."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class VocabularyError(ValidationError):
    """A value is not one of the codes of a vocabulary."""


class AnchorError(ValidationError):
    """A quote does not occur in its source where the anchor says it does."""


class NotFoundError(ClaimTrackerError):
    """A claim, source, actor or link with the given id does not exist."""


class ConflictError(ClaimTrackerError):
    """Someone else changed the record since it was loaded (a stale edit)."""

    def __init__(self, message: str, *, current_version: int | None = None) -> None:
        super().__init__(message)
        self.current_version = current_version


class InputFileError(ClaimTrackerError):
    """A file given to an importer cannot be read; names the file, line and column."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | str | None = None,
    ) -> None:
        self.reason = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        super().__init__(self._format())

    def _format(self) -> str:
        where = []
        if self.path:
            where.append(self.path)
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.reason}" if where else self.reason


class CsvImportError(InputFileError):
    """A CSV file cannot be imported; nothing from it was saved.

    ``problems`` lists every problem found (line, column, reason), the first of which is the
    error's own message.
    """

    problems: list[tuple[int | None, str | None, str]]

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | str | None = None,
        problems: list[tuple[int | None, str | None, str]] | None = None,
    ) -> None:
        super().__init__(message, path=path, line=line, column=column)
        self.problems = problems or [(line, None if column is None else str(column), message)]


class ArticleImportError(InputFileError):
    """An article file cannot be imported; nothing from it was saved."""


class PermissionDeniedError(ClaimTrackerError):
    """The server refused something beyond the analyst's role on a team project.

    ``action`` names what was refused in the terms of :mod:`claimtracker.server.roles`
    (``edit_claims``, ``set_verdict``, ``empty_trash``, ``manage_analysts``), when known;
    ``role`` is the analyst's role once it has been looked up.
    """

    def __init__(self, message: str, *, action: str | None = None, role: str | None = None):
        super().__init__(message)
        self.action = action
        self.role = role


class StorageError(ClaimTrackerError):
    """The database file cannot be used as asked (environmental, not a bug)."""


class DatabaseDamagedError(StorageError):
    """The file is not a database or fails SQLite's integrity check.

    ``path`` is the damaged file (left as it is), ``problem`` what is wrong with it, and
    ``backup`` the newest backup that passes its own check, if there is one, for the user to
    restore.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        problem: str | None = None,
        backup: Path | None = None,
    ) -> None:
        super().__init__(message)
        self.path = str(path) if path is not None else None
        self.problem = problem
        self.backup = backup


class DatabaseBusyError(StorageError):
    """Another program holds the database for longer than we are willing to wait."""


class DiskFullError(StorageError):
    """There is no space left to write the database."""


class ReadOnlyDatabaseError(StorageError):
    """The database file or its folder cannot be written."""


class BackupError(StorageError):
    """A backup could not be made or restored; the database and the other backups are intact."""


class DatabaseInUseError(StorageError):
    """Another program has the database open, so it cannot be replaced now."""


class UnsupportedDatabaseError(StorageError):
    """A feature needs SQLite and the database is another kind."""


class MergeInputError(InputFileError):
    """The other side of a merge cannot be merged (not a project, newer, in use ...); nothing
    was changed."""


class MergeCancelled(ClaimTrackerError):
    """A merge stopped before it finished; nothing was changed."""
