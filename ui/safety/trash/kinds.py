"""The kinds of things in the trash as the app names them: "Claim #12", "Link #3 (#5 denies #4)"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.common.local_time import local_time

if TYPE_CHECKING:
    from claimtracker.services.trash import TrashItem

KINDS = ("claim", "link", "source", "actor")
KIND_LABELS = {"claim": "Claim", "link": "Link", "source": "Source", "actor": "Actor"}
#: Besides claims (which the table shows), what the trash can hold.
OTHER_KINDS = ("link", "source", "actor")


def deleted_text(item: TrashItem) -> str:
    return local_time(item.deleted_at)


def item_title(item: TrashItem) -> str:
    """ "Claim #12", "Link #3 (#5 denies #4)"."""
    if item.kind == "link":
        return f"Link #{item.id} ({item.label})"
    return f"{KIND_LABELS.get(item.kind, item.kind)} #{item.id}"
