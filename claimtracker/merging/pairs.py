"""A record both sides hold, merged field by field against the ancestor.

A field only the other side changed is taken (with its journal entries); one both changed two
ways is a conflict and this side's value stands; a derived field (a claim's anchor) follows the
other side only where this side left it alone. A claim's tags merge as a set, an actor's
aliases are added. A deletion that meets an edit (or a link made to the deleted claim) is a
conflict on the record's place in the trash.
"""

from __future__ import annotations

from typing import Any

from claimtracker.journal.actions import DELETED, RESTORED
from claimtracker.journal.entries import decode
from claimtracker.merging.additions import Additions
from claimtracker.merging.kinds import TAGS, TRASH, KindSpec
from claimtracker.merging.state import same
from claimtracker.merging.trails import Trail

_NO_TRAIL = Trail()


class PairMerging(Additions):
    def _merge_pair(
        self,
        spec: KindSpec,
        mine: dict[str, Any],
        theirs: dict[str, Any],
        *,
        natural: bool,
        tags: tuple[list[str], list[str]],
    ) -> None:
        kind, my_id = spec.kind, int(mine["id"])
        their_trail = self.their_trails[kind].get(int(theirs["id"]), _NO_TRAIL)
        my_trail = self.my_trails[kind].get(my_id, _NO_TRAIL)
        unknown_base = natural or not self.ancestor.related
        updates: dict[str, Any] = {}
        for name in spec.merged:
            if name not in mine or name not in theirs:
                continue
            theirs_value = self._translated(spec, name, theirs[name])
            if same(mine[name], theirs_value):
                continue
            if natural:
                if name in spec.derived:
                    continue
                theirs_changed = theirs_value not in (None, "")
                mine_changed = mine[name] not in (None, "")
            elif unknown_base:
                theirs_changed = mine_changed = True
            else:
                # A source's new text is journaled by its SHA-256 (the texts are not copied).
                key = "sha256" if kind == "source" and name == "text" else name
                theirs_changed = their_trail.changed(key, theirs[key])
                mine_changed = self._mine_changed(kind, my_id, name, mine[name], my_trail, key)
            if not theirs_changed:
                continue
            if name in spec.derived:
                if not mine_changed:
                    updates[name] = theirs_value
                    if name != "text":
                        self._copy_field(spec, my_id, name, mine[name], theirs_value, their_trail)
            elif not mine_changed and self._can_take(spec, mine, name, theirs_value):
                updates[name] = theirs_value
                self._copy_field(spec, my_id, name, mine[name], theirs_value, their_trail)
            else:
                self._conflict(
                    kind,
                    my_id,
                    name,
                    mine=mine[name],
                    theirs=theirs_value,
                    entry=their_trail.last_entry_of(name) or their_trail.last_entry(),
                )
        if kind == "source" and "text" in updates:
            self._take_text(spec, mine, theirs, updates, their_trail)
        tags_changed = kind == "claim" and self._merge_tags(my_id, tags, their_trail, unknown_base)
        if kind == "actor" and (
            unknown_base or their_trail.created or "aliases" in their_trail.fields
        ):
            tags_changed = self._add_aliases(my_id, int(theirs["id"]), their_trail)
        self._merge_trash(spec, mine, theirs, their_trail, my_trail, unknown_base)
        if my_id in self.pending_trash:
            updates["deleted_at"] = self.pending_trash.pop(my_id)
        if updates or tags_changed:
            self.writer.update(kind, my_id, updates)
            if tags_changed or set(updates) - {"deleted_at"}:
                self.summary.count(self.summary.changed, kind)

    def _mine_changed(
        self, kind: str, my_id: int, name: str, value: Any, trail: Trail, key: str
    ) -> bool:
        """Whether this side's value differs from what both last agreed on. A field that was in
        conflict agreed last on the other side's value then: kept (or settled with a value of
        one's own), this side's stands as a change; taken, only a later edit here counts."""
        held = self.conflict_bases.get((kind, my_id, name))
        if held is not None:
            return not same(value, held[0])
        return trail.changed(key, value)

    def _take_text(
        self,
        spec: KindSpec,
        mine: dict[str, Any],
        theirs: dict[str, Any],
        updates: dict[str, Any],
        trail: Trail,
    ) -> None:
        """A corrected text from the other side: its SHA-256 with it, and the claims of the
        source found again in it after the merge (as a corrected article does)."""
        my_id, sha = int(mine["id"]), theirs.get("sha256")
        if sha and self._sha_taken(sha):
            del updates["text"]  # that text is another source here: keep this one's
            self._conflict(
                "source",
                my_id,
                "text",
                mine=None,
                theirs=None,
                entry=trail.last_entry_of("sha256"),
                note="the other side's text is another source here",
            )
            return
        updates["sha256"] = sha
        self._copy_field(spec, my_id, "sha256", mine["sha256"], sha, trail)
        # The text itself goes into the journal too, so that undoing the merge can put it back.
        self._changed_entry(
            trail.last_entry_of("sha256"),
            "source",
            my_id,
            "text",
            mine["text"],
            theirs["text"],
        )
        self.reanchor[my_id] = str(theirs["text"])

    def _can_take(self, spec: KindSpec, mine: dict[str, Any], name: str, value: Any) -> bool:
        """Whether the other side's value fits here (names and texts are unique)."""
        if spec.kind == "actor" and name == "name":
            owner = self.mine.find(
                "SELECT id FROM actor WHERE name = ? AND id <> ? UNION ALL"
                " SELECT actor_id FROM actor_alias WHERE alias = ? AND actor_id <> ?",
                (value, mine["id"], value, mine["id"]),
            )
            return owner is None
        if spec.kind == "link" and name == "relation":
            return (
                self.mine.find(
                    "SELECT id FROM link WHERE claim_a_id = ? AND claim_b_id = ? AND relation = ?",
                    (mine["claim_a_id"], mine["claim_b_id"], value),
                )
                is None
            )
        return True

    def _copy_field(
        self, spec: KindSpec, my_id: int, name: str, before: Any, after: Any, trail: Trail
    ) -> None:
        """The journal of a field taken from the other side: its own entries when they start
        from this side's value, else one entry under the last analyst who changed it there."""
        entries = trail.fields.get(name, [])
        if entries and same(decode(self._entry_value(spec, name, entries[0].old_value)), before):
            self._copy(spec, my_id, entries)
            return
        self._changed_entry(
            entries[-1] if entries else None,
            spec.kind,
            my_id,
            name,
            before,
            after,
        )

    def _merge_tags(
        self,
        my_id: int,
        tags: tuple[list[str], list[str]],
        their_trail: Trail,
        unknown_base: bool,
    ) -> bool:
        """Tags either side added or removed since the ancestor; True if this side's changed."""
        mine, theirs = tags
        if same(mine, theirs):
            return False
        folded = {name.casefold(): name for name in mine}
        if unknown_base or their_trail.created:
            base: list[str] = []
        elif their_trail.changed(TAGS, theirs):
            base = list(their_trail.value_at_mark(TAGS) or [])
        else:
            return False
        base_folded = {name.casefold() for name in base}
        theirs_folded = {name.casefold(): name for name in theirs}
        for key, name in theirs_folded.items():
            if key not in base_folded:
                folded.setdefault(key, name)
        for key in base_folded - set(theirs_folded):
            folded.pop(key, None)
        result = sorted(folded.values(), key=str.casefold)
        if same(result, mine):
            return False
        self.writer.set_tags(my_id, result)
        self._changed_entry(
            their_trail.last_entry_of(TAGS),
            "claim",
            my_id,
            TAGS,
            sorted(mine, key=str.casefold),
            result,
        )
        return True

    def _merge_trash(
        self,
        spec: KindSpec,
        mine: dict[str, Any],
        theirs: dict[str, Any],
        their_trail: Trail,
        my_trail: Trail,
        unknown_base: bool,
    ) -> None:
        kind, my_id = spec.kind, int(mine["id"])
        mine_deleted, theirs_deleted = mine["deleted_at"], theirs["deleted_at"]
        trail_entries = their_trail.trash or their_trail.entries
        entry = trail_entries[-1] if trail_entries else None
        if (mine_deleted is None) == (theirs_deleted is None):
            return
        if unknown_base:
            self._conflict(
                kind, my_id, TRASH, mine=mine_deleted, theirs=theirs_deleted, entry=entry
            )
            return
        theirs_moved = their_trail.trash_changed(theirs_deleted is not None)
        mine_moved = my_trail.trash_changed(mine_deleted is not None)
        if theirs_moved:
            if theirs_deleted is not None and (
                mine_moved or self._edited_here(spec, mine, my_trail)
            ):
                self._conflict(
                    kind,
                    my_id,
                    TRASH,
                    mine=None,
                    theirs=theirs_deleted,
                    entry=entry,
                    note="edited here, deleted there",
                )
            elif theirs_deleted is None and mine_moved:
                self._conflict(
                    kind,
                    my_id,
                    TRASH,
                    mine=mine_deleted,
                    theirs=None,
                    entry=entry,
                    note="deleted here, kept there",
                )
            else:
                self._trash(spec, my_id, theirs_deleted, their_trail)
        elif (
            mine_moved
            and mine_deleted is not None
            and self._edited_there(spec, theirs, their_trail)
        ):
            self._conflict(
                kind,
                my_id,
                TRASH,
                mine=mine_deleted,
                theirs=None,
                entry=their_trail.entries[-1] if their_trail.entries else None,
                note="deleted here, edited there",
            )

    def _edited_here(self, spec: KindSpec, mine: dict[str, Any], trail: Trail) -> bool:
        if any(trail.changed(name, mine.get(name)) for name in trail.fields if name in mine):
            return True
        return spec.kind == "claim" and mine["uuid"] in self.my_link_ends

    def _edited_there(self, spec: KindSpec, theirs: dict[str, Any], trail: Trail) -> bool:
        if any(trail.changed(name, theirs.get(name)) for name in trail.fields if name in theirs):
            return True
        return spec.kind == "claim" and theirs["uuid"] in self.their_link_ends

    def _trash(self, spec: KindSpec, my_id: int, deleted_at: Any, trail: Trail) -> None:
        self.pending_trash[my_id] = deleted_at
        self._copy(spec, my_id, trail.trash)
        if not trail.trash:
            self.writer.entry(
                changed_at=self.now,
                analyst=self.analyst,
                kind=spec.kind,
                record_id=my_id,
                action=DELETED if deleted_at is not None else RESTORED,
                note=self.note,
                origin=self.peer.identity,
            )
        tally = self.summary.trashed if deleted_at is not None else self.summary.restored
        self.summary.count(tally, spec.kind)

    def _add_aliases(self, my_id: int, their_id: int, trail: Trail) -> bool:
        """The other side's aliases of an actor join this side's (aliases are only ever added);
        one that names another actor here is left out. True if any was added."""
        theirs = [
            str(row[0])
            for row in self.theirs.execute(
                "SELECT alias FROM actor_alias WHERE actor_id = ? ORDER BY alias", (their_id,)
            )
        ]
        before = [
            str(row[0])
            for row in self.mine.execute(
                "SELECT alias FROM actor_alias WHERE actor_id = ? ORDER BY alias", (my_id,)
            )
        ]
        added = [alias for alias in theirs if not self._actor_name_taken(alias)]
        if not added:
            return False
        self.connection.executemany(
            "INSERT INTO actor_alias (actor_id, alias) VALUES (?, ?)",
            [(my_id, alias) for alias in added],
        )
        self._changed_entry(
            trail.last_entry_of("aliases"),
            "actor",
            my_id,
            "aliases",
            before,
            sorted([*before, *added], key=str.casefold),
        )
        return True
