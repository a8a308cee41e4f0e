"""Bringing claims, links, sources and actors back from the trash, as one undoable step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.runtime.commands import CommandContext, ProjectCommand, shorten
from ui.safety.trash.kinds import KIND_LABELS

if TYPE_CHECKING:
    from claimtracker.services.trash import TrashItem


def _text(items: list[TrashItem]) -> str:
    if len(items) == 1:
        item = items[0]
        return f"Restore {KIND_LABELS[item.kind].lower()} “{shorten(item.label)}” from the trash"
    return f"Restore {len(items):,} items from the trash"


class RestoreFromTrashCommand(ProjectCommand):
    def __init__(self, context: CommandContext, items: list[TrashItem]) -> None:
        super().__init__(context, _text(items))
        self.items = [(item.kind, item.id) for item in items]

    def apply(self) -> None:
        from claimtracker.services.trash import restore_from_trash

        with self.write() as session:
            for kind, record_id in self.items:
                restore_from_trash(session=session, kind=kind, record_id=record_id)

    def revert(self) -> None:
        from claimtracker import services

        trash = {
            "claim": lambda session, i: services.delete_claim(session=session, claim_id=i),
            "link": lambda session, i: services.delete_link(session=session, link_id=i),
            "source": lambda session, i: services.delete_source(session=session, source_id=i),
            "actor": lambda session, i: services.delete_actor(session=session, actor_id=i),
        }
        with self.write() as session:
            for kind, record_id in self.items:
                trash[kind](session, record_id)
