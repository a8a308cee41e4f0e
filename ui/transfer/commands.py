"""The undo steps of imports made by background tasks: articles (their new sources) and CSV files
(everything the import created or changed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ui.runtime.commands import CommandContext, ProjectCommand, shorten

if TYPE_CHECKING:
    from claimtracker.csvio.undo import ImportStep


@dataclass(frozen=True)
class ImportedArticle:
    source_id: int
    created: bool
    title: str
    origin: str


class ImportArticlesCommand(ProjectCommand):
    """Articles imported by a background task; undo moves the new sources to the trash."""

    def __init__(self, context: CommandContext, imported: list[ImportedArticle]) -> None:
        created = [item for item in imported if item.created]
        if len(created) == 1:
            text = f"Import article “{shorten(created[0].title or created[0].origin)}”"
        else:
            text = f"Import {len(created)} articles"
        super().__init__(context, text)
        self.created = created

    def apply(self) -> None:
        from claimtracker import services

        with self.write() as session:
            for item in self.created:
                services.restore_source(session=session, source_id=item.source_id)

    def revert(self) -> None:
        from claimtracker import services

        with self.write() as session:
            for item in self.created:
                services.delete_source(session=session, source_id=item.source_id)


class ImportCsvCommand(ProjectCommand):
    """A CSV import a background task made; undo takes back all of it (new claims, actors,
    sources, links and tags, and the fields it changed), redo brings back the same records."""

    def __init__(self, context: CommandContext, text: str, done: ImportStep) -> None:
        super().__init__(context, text)
        self.step = done

    def apply(self) -> None:
        from claimtracker.csvio.undo import redo_import

        self.step = redo_import(
            self.context.project.store, self.step, note=self.step_note or self.text()
        )
        self.context.project.changed(self.step.changes)

    def revert(self) -> None:
        from claimtracker.csvio.undo import undo_import

        self.step = undo_import(
            self.context.project.store, self.step, note=self.step_note or self.text()
        )
        self.context.project.changed(self.step.changes)
