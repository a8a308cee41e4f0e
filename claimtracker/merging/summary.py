"""What a merge did, as the command line and the app tell it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimtracker.journal.changes import ChangeSet

_PLURAL = {
    "claim": "claims",
    "link": "links",
    "source": "sources",
    "actor": "actors",
    "opinion": "opinions",
}


def _count(kind_counts: dict[str, int], verb: str) -> list[str]:
    return [
        f"{n} {(_PLURAL[kind] if n != 1 else kind)} {verb}" for kind, n in kind_counts.items() if n
    ]


@dataclass
class MergeSummary:
    peer: str
    added: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    trashed: dict[str, int] = field(default_factory=dict)
    restored: dict[str, int] = field(default_factory=dict)
    conflicts: int = 0
    alias_offers: int = 0
    #: Conflicts of earlier merges settled as agreed: both sides hold one value now.
    agreed: int = 0
    #: Records the other side changed that this side deleted for good: left out.
    skipped: int = 0
    dry_run: bool = False
    run_id: int | None = None
    backup: str | None = None
    changes: ChangeSet = field(default_factory=ChangeSet)

    def count(self, tally: dict[str, int], kind: str) -> None:
        tally[kind] = tally.get(kind, 0) + 1

    @property
    def nothing_new(self) -> bool:
        return not (
            any(self.added.values())
            or any(self.changed.values())
            or any(self.trashed.values())
            or any(self.restored.values())
            or self.conflicts
            or self.alias_offers
            or self.agreed
        )

    def describe(self) -> str:
        """ "12 claims added, 3 changed, 2 conflicts" (one line)."""
        if self.nothing_new:
            text = f"Nothing new from {self.peer}"
        else:
            parts = (
                _count(self.added, "added")
                + _count(self.changed, "changed")
                + _count(self.trashed, "moved to the trash")
                + _count(self.restored, "brought back")
            )
            if self.conflicts:
                parts.append(f"{self.conflicts} conflict{'s' if self.conflicts != 1 else ''}")
            if self.alias_offers:
                parts.append(
                    f"{self.alias_offers} possible alias{'es' if self.alias_offers != 1 else ''}"
                )
            if self.agreed:
                parts.append(
                    f"{self.agreed} conflict{'s' if self.agreed != 1 else ''} agreed on both sides"
                )
            text = f"From {self.peer}: " + ", ".join(parts)
        if self.skipped:
            text += f" ({self.skipped} left out: deleted for good here)"
        if self.dry_run:
            text += " — dry run, nothing was changed"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "peer": self.peer,
            "added": self.added,
            "changed": self.changed,
            "trashed": self.trashed,
            "restored": self.restored,
            "conflicts": self.conflicts,
            "alias_offers": self.alias_offers,
            "agreed": self.agreed,
            "skipped": self.skipped,
            "dry_run": self.dry_run,
            "run_id": self.run_id,
            "backup": self.backup,
            "summary": self.describe(),
        }
