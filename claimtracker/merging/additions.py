"""Records new to this side, and the records the other side's references name.

A record the other side created since the ancestor is added with its journal (its analysts,
its times), its references made this side's (a referenced record this side lacks is added
too, so that no reference is lost); a claim comes with its tags, an actor with its aliases. An
added actor spelled like one of this side's is offered as an alias, and a link the other side
made to a claim in this side's trash makes that claim's deletion a conflict.
"""

from __future__ import annotations

from typing import Any

from claimtracker.journal.actions import CREATED
from claimtracker.merging.kinds import ALIAS, SPECS, TRASH, KindSpec
from claimtracker.merging.similar_names import similar_actor
from claimtracker.merging.state import MergeState
from claimtracker.merging.trails import Trail
from claimtracker.services.links import ordered_pair


class Additions(MergeState):
    def _my_ref(self, kind: str, their_id: int | None) -> int | None:
        """This side's id of the record the other side's ``their_id`` names (added if this
        side lacks it, so that a reference is never lost)."""
        uuid = self.theirs.uuid_of(kind, their_id)
        if uuid is None:
            return None
        found = self.mine.id_of(kind, uuid) or self.matched[kind].get(uuid)
        if found is not None or their_id is None:
            return found
        row = self.theirs.row(kind, their_id)
        if row is None:
            return None
        return self._add(kind, their_id, row)

    def _translated(self, spec: KindSpec, name: str, value: Any) -> Any:
        target = spec.references.get(name)
        if target is None or value is None:
            return value
        return self._my_ref(target, int(value))

    def _add(self, kind: str, their_id: int, row: dict[str, Any]) -> int | None:
        spec = SPECS[kind]
        columns = set(self.mine.columns(kind))
        values = {
            name: self._translated(spec, name, value)
            for name, value in row.items()
            if name in columns and name != "id"
        }
        if any(values.get(name) is None for name in spec.identity):
            self.summary.skipped += 1  # a link or opinion whose claim is not to be had
            return None
        if kind == "link":
            values["claim_a_id"], values["claim_b_id"] = ordered_pair(
                values["claim_a_id"], values["claim_b_id"], values["relation"]
            )
        if kind == "actor" and self._actor_name_taken(values["name"]):
            values["name"] = f"{values['name']} ({self.peer.name})"
        if kind == "source" and values.get("sha256") and self._sha_taken(values["sha256"]):
            values["sha256"] = None
        my_id = self.writer.insert(kind, values)
        self.mine.remember(kind, my_id, row["uuid"])
        if kind == "claim":
            self.writer.set_tags(my_id, self.theirs.tags([their_id])[their_id])
        trail = self.their_trails[kind].get(their_id)
        if trail is not None and trail.entries:
            self._copy(spec, my_id, trail.entries)
        else:
            self.writer.entry(
                changed_at=str(row.get("created_at") or self.now),
                analyst=self.analyst,
                kind=kind,
                record_id=my_id,
                action=CREATED,
                note=self.note,
                origin=self.peer.identity,
            )
        self.summary.count(self.summary.added, kind)
        if kind == "actor":
            self._copy_aliases(my_id, their_id)
            self._offer_alias(my_id, values["name"])
        self._check_links_to_trash(spec, values, trail)
        return my_id

    def _copy_aliases(self, my_id: int, their_id: int) -> None:
        """A new actor's aliases come with it (their journal entries were copied with it)."""
        for (alias,) in self.theirs.execute(
            "SELECT alias FROM actor_alias WHERE actor_id = ?", (their_id,)
        ):
            if not self._actor_name_taken(str(alias)):
                self.connection.execute(
                    "INSERT INTO actor_alias (actor_id, alias) VALUES (?, ?)", (my_id, alias)
                )

    def _offer_alias(self, actor_id: int, name: str) -> None:
        match = similar_actor(name, self.actor_names)
        if match is None:
            return
        known_name, mine_id = match
        self.replaced += self.writer.conflict(
            run_id=self.run_id,
            kind="actor",
            record_id=actor_id,
            field=ALIAS,
            mine=mine_id,
            theirs=name,
            theirs_analyst=None,
            theirs_changed_at=None,
            peer_name=self.peer.name,
            note=f"“{name}” from {self.peer.name} is spelled like “{known_name}” here",
        )
        self.summary.alias_offers += 1

    def _check_links_to_trash(
        self, spec: KindSpec, values: dict[str, Any], trail: Trail | None
    ) -> None:
        """A link the other side made to a claim this side moved to the trash: a conflict on
        that claim (the deletion meets the other side's use of it)."""
        if spec.kind != "link":
            return
        for end in ("claim_a_id", "claim_b_id"):
            claim = self.mine.row("claim", values[end])
            if claim is None or claim["deleted_at"] is None:
                continue
            when = trail.entries[0] if trail is not None and trail.entries else None
            self._conflict(
                "claim",
                claim["id"],
                TRASH,
                mine=claim["deleted_at"],
                theirs=None,
                entry=when,
                note="the other side linked it",
            )
