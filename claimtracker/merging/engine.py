"""The three-way, field-level merge of the other side's work into this project, by UUID.

For each record the other side changed since the ancestor (:mod:`~claimtracker.merging.ancestry`)
the merge compares, field by field, what each side changed since then
(:mod:`~claimtracker.merging.trails`):

- changed on the other side only → taken, with the other side's journal entries for it (their
  analysts, their times);
- changed on both sides to the same value → nothing to do; to different values → a
  **conflict**: this side's value stands, the other's is held in ``merge_conflict``;
- a claim's tags merge as a set (what either side added or removed);
- a deletion that meets an edit (or a new link to the deleted claim) → a conflict on the
  record's place in the trash, never a silent loss;
- records new on the other side are added, unless this side already holds the same one under
  another UUID: a source with the same text (SHA-256), an actor with the same name or alias, a
  link with the same claims and relation, an opinion of the same analyst on the same claim.
  An added actor whose name is close to one of this side's is *offered* as an alias (a
  conflict to settle), never merged silently.

Records both sides hold with no known ancestor (two projects begun apart) have every differing
field in conflict. Everything is written through one connection, in the caller's transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from claimtracker import bulk
from claimtracker.errors import MergeCancelled
from claimtracker.journal.actions import CHANGED, CREATED, DELETED, RESTORED
from claimtracker.journal.analyst import analyst_name
from claimtracker.journal.changes import sqlite_execute
from claimtracker.journal.entries import decode, encode
from claimtracker.merging.ancestry import find_ancestor, last_entry
from claimtracker.merging.identity import project_identity
from claimtracker.merging.kinds import ALIAS, SPECS, TAGS, TRASH, KindSpec
from claimtracker.merging.peer import Peer
from claimtracker.merging.records import SideRecords
from claimtracker.merging.similar_names import similar_actor
from claimtracker.merging.summary import MergeSummary
from claimtracker.merging.trails import (
    MERGED_KINDS,
    Entry,
    Trail,
    comparable,
    read_trails,
)
from claimtracker.merging.writer import MergeWriter
from claimtracker.services.links import ordered_pair

#: Called with (steps done, steps in all); False cancels the merge.
Progress = Callable[[int, int], bool]

_NO_TRAIL = Trail()


def _same(a: Any, b: Any) -> bool:
    return bool(comparable(a) == comparable(b))


class Merger:
    """One merge of ``peer`` into the project on ``connection`` (inside its transaction)."""

    def __init__(
        self, connection: sqlite3.Connection, peer: Peer, *, progress: Progress | None = None
    ) -> None:
        self.connection = connection
        self.peer = peer
        self.progress = progress
        self.mine = SideRecords(sqlite_execute(connection))
        self.theirs = SideRecords(peer.execute)
        self.now = bulk.timestamp()
        self.analyst = analyst_name()
        self.writer = MergeWriter(connection, now=self.now)
        self.summary = MergeSummary(peer=peer.name)
        self.note = f"merged from {peer.name}"
        #: Their UUID → this side's id, for records matched by content (same text, name ...).
        self.matched: dict[str, dict[str, int]] = {kind: {} for kind in MERGED_KINDS}
        self.replaced: list[int] = []
        self.reanchor: dict[int, str] = {}
        self.run_id = 0
        #: Records to move in or out of the trash with the pair's other updates.
        self.pending_trash: dict[int, Any] = {}
        #: The conflicts this merge holds (kind, record id, field): each counted once.
        self.held: set[tuple[str, int, str]] = set()

    # -- the whole merge -------------------------------------------------------------------

    def run(self) -> MergeSummary:
        my_identity = project_identity(self.mine.execute)
        self.my_identity = my_identity
        self.ancestor = find_ancestor(
            self.mine.execute,
            self.peer.execute,
            my_identity=my_identity,
            their_identity=self.peer.identity,
        )
        self.started = last_entry(self.mine.execute)
        self.tags_before = self._max_id("tag")
        self.run_id = self._open_run()
        self.their_trails = read_trails(
            self.peer.execute,
            self.ancestor.their_mark,
            has_origin=self.peer.has_origin,
            skip_origin=my_identity,
        )
        self.my_trails = read_trails(self.mine.execute, self.ancestor.my_mark)
        if not self.ancestor.related:
            self._everything_is_new()
        self.actor_names = self._actor_names()
        self.my_link_ends = self._link_ends(self.mine, self.my_trails)
        self.their_link_ends = self._link_ends(self.theirs, self.their_trails)
        steps = len(MERGED_KINDS) + 1
        for step, kind in enumerate(MERGED_KINDS):
            self._step(step, steps)
            self._merge_kind(kind)
            self.writer.flush_entries()
        self._step(len(MERGED_KINDS), steps)
        return self.summary

    def _step(self, done: int, total: int) -> None:
        if self.progress is not None and not self.progress(done, total):
            raise MergeCancelled("The merge was cancelled; nothing was changed")

    def _max_id(self, table: str) -> int:
        return int(self.mine.execute(f"SELECT coalesce(max(id), 0) FROM {table}", ())[0][0])

    def _open_run(self) -> int:
        previous = self.ancestor.previous
        cursor = self.connection.execute(
            "INSERT INTO merge_run (peer_uuid, peer_name, merged_at, analyst, after_entry,"
            " last_entry, previous_their_mark, previous_my_mark) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self.peer.identity,
                self.peer.name,
                self.now,
                self.analyst,
                self.started,
                self.started,
                previous[0] if previous else None,
                previous[1] if previous else None,
            ),
        )
        assert cursor.lastrowid is not None
        return int(cursor.lastrowid)

    def close_marks(self) -> None:
        """Note how far both journals stand: the ancestor of the next merge with this peer."""
        self.connection.execute(
            "INSERT INTO merge_peer (peer_uuid, peer_name, their_mark, my_mark, merged_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (peer_uuid) DO UPDATE SET"
            " peer_name = excluded.peer_name, their_mark = excluded.their_mark,"
            " my_mark = excluded.my_mark, merged_at = excluded.merged_at",
            (
                self.peer.identity,
                self.peer.name,
                last_entry(self.peer.execute),
                last_entry(self.mine.execute),
                self.now,
            ),
        )

    def finish_run(self) -> None:
        """Note what undoing this merge needs (after everything it writes)."""
        new_tags = [
            int(row[0])
            for row in self.mine.execute("SELECT id FROM tag WHERE id > ?", (self.tags_before,))
        ]
        summary = self.summary.to_dict() | {"replaced_conflicts": self.replaced}
        self.connection.execute(
            "UPDATE merge_run SET last_entry = ?, new_tag_ids = ?, summary = ? WHERE id = ?",
            (
                last_entry(self.mine.execute),
                json.dumps(new_tags),
                json.dumps(summary, default=str),
                self.run_id,
            ),
        )
        self.summary.run_id = self.run_id

    def _everything_is_new(self) -> None:
        """Two projects begun apart: every record of the other side is new to this one."""
        for kind in MERGED_KINDS:
            trails = self.their_trails[kind]
            for record_id in self.theirs.ids(kind):
                trails.setdefault(record_id, Trail()).created = True

    def _actor_names(self) -> dict[str, int]:
        names = {
            str(name): int(actor_id)
            for actor_id, name in self.mine.execute(
                "SELECT id, name FROM actor WHERE deleted_at IS NULL", ()
            )
        }
        for actor_id, alias in self.mine.execute("SELECT actor_id, alias FROM actor_alias", ()):
            names.setdefault(str(alias), int(actor_id))
        return names

    def _link_ends(self, side: SideRecords, trails: dict[str, dict[int, Trail]]) -> set[str]:
        """The UUIDs of the claims at either end of the links a side created since the ancestor
        (a new link to a claim counts as an edit of it, against a deletion)."""
        created = [record_id for record_id, trail in trails["link"].items() if trail.created]
        ends: set[str] = set()
        for row in side.rows("link", created).values():
            for end in ("claim_a_id", "claim_b_id"):
                uuid = side.uuid_of("claim", row[end])
                if uuid:
                    ends.add(uuid)
        return ends

    # -- one kind --------------------------------------------------------------------------

    def _merge_kind(self, kind: str) -> None:
        trails = self.their_trails[kind]
        their_rows = self.theirs.rows(kind, trails)
        pairs: list[tuple[int, int, bool]] = []
        for their_id, row in their_rows.items():
            my_id = self.mine.id_of(kind, row["uuid"])
            natural = False
            if my_id is None:
                my_id = self._same_content(kind, row)
                natural = my_id is not None
                if my_id is not None:
                    self.matched[kind][row["uuid"]] = my_id
            if my_id is not None:
                pairs.append((my_id, their_id, natural))
            elif trails[their_id].created:
                self._add(kind, their_id, row)
            else:
                self.summary.skipped += 1
        if not pairs:
            return
        my_rows = self.mine.rows(kind, [my_id for my_id, _, _ in pairs])
        my_tags = self.mine.tags(my_rows) if kind == "claim" else {}
        their_tags = self.theirs.tags(their_rows) if kind == "claim" else {}
        for my_id, their_id, natural in pairs:
            self._merge_pair(
                SPECS[kind],
                my_rows[my_id],
                their_rows[their_id],
                natural=natural,
                tags=(my_tags.get(my_id, []), their_tags.get(their_id, [])),
            )

    def _same_content(self, kind: str, row: dict[str, Any]) -> int | None:
        """This side's record that is the other's under another UUID, if any."""
        find = self.mine.find
        if kind == "source" and row.get("sha256"):
            return find("SELECT id FROM source WHERE sha256 = ?", (row["sha256"],))
        if kind == "actor":
            return find(
                "SELECT id FROM actor WHERE name = ? UNION ALL"
                " SELECT actor_id FROM actor_alias WHERE alias = ? LIMIT 1",
                (row["name"], row["name"]),
            )
        if kind == "link":
            a, b = (
                self._my_ref("claim", row["claim_a_id"]),
                self._my_ref("claim", row["claim_b_id"]),
            )
            if a is None or b is None:
                return None
            a, b = ordered_pair(a, b, row["relation"])
            return find(
                "SELECT id FROM link WHERE claim_a_id = ? AND claim_b_id = ? AND relation = ?",
                (a, b, row["relation"]),
            )
        if kind == "opinion":
            claim = self._my_ref("claim", row["claim_id"])
            return find(
                "SELECT id FROM opinion WHERE claim_id = ? AND analyst = ?",
                (claim, row["analyst"]),
            )
        return None

    # -- references ------------------------------------------------------------------------

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

    def _entry_value(self, spec: KindSpec, name: str | None, text: str | None) -> str | None:
        """A copied journal value, its record ids made this side's."""
        if name is None or name not in spec.references or text is None:
            return text
        value = decode(text)
        if not isinstance(value, int):
            return text
        uuid = self.theirs.uuid_of(spec.references[name], value)
        target = spec.references[name]
        mine = (self.mine.id_of(target, uuid) or self.matched[target].get(uuid)) if uuid else None
        return encode(mine)

    def _copy(self, spec: KindSpec, my_id: int, entries: list[Entry]) -> None:
        for entry in entries:
            self.writer.entry(
                changed_at=entry.changed_at,
                analyst=entry.analyst,
                kind=spec.kind,
                record_id=my_id,
                action=entry.action,
                field=entry.field,
                old=self._entry_value(spec, entry.field, entry.old_value),
                new=self._entry_value(spec, entry.field, entry.new_value),
                encoded=True,
                note=f"{self.note}: {entry.note}" if entry.note else self.note,
                origin=entry.origin or self.peer.identity,
            )

    # -- a record new to this side ---------------------------------------------------------

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

    def _copy_aliases(self, my_id: int, their_id: int) -> None:
        """A new actor's aliases come with it (their journal entries were copied with it)."""
        for (alias,) in self.theirs.execute(
            "SELECT alias FROM actor_alias WHERE actor_id = ?", (their_id,)
        ):
            if not self._actor_name_taken(str(alias)):
                self.connection.execute(
                    "INSERT INTO actor_alias (actor_id, alias) VALUES (?, ?)", (my_id, alias)
                )

    def _actor_name_taken(self, name: str) -> bool:
        return (
            self.mine.find(
                "SELECT 1 FROM actor WHERE name = ? UNION ALL SELECT 1 FROM actor_alias WHERE alias = ?",
                (name, name),
            )
            is not None
        )

    def _sha_taken(self, sha: str) -> bool:
        return self.mine.find("SELECT 1 FROM source WHERE sha256 = ?", (sha,)) is not None

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

    # -- a record both sides hold ----------------------------------------------------------

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
            if _same(mine[name], theirs_value):
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
                mine_changed = my_trail.changed(key, mine[key])
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
                    entry=their_trail.last_entry_of(name),
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
        if entries and _same(decode(self._entry_value(spec, name, entries[0].old_value)), before):
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

    def _changed_entry(
        self, last: Entry | None, kind: str, record_id: int, name: str, old: Any, new: Any
    ) -> None:
        """A field change the merge makes, under the analyst (and time) who last changed it on
        the other side (``last``), else this one's."""
        self.writer.entry(
            changed_at=last.changed_at if last else self.now,
            analyst=last.analyst if last else self.analyst,
            kind=kind,
            record_id=record_id,
            action=CHANGED,
            field=name,
            old=old,
            new=new,
            note=self.note,
            origin=(last.origin if last else None) or self.peer.identity,
        )

    def _conflict(
        self,
        kind: str,
        my_id: int,
        name: str,
        *,
        mine: Any,
        theirs: Any,
        entry: Entry | None,
        note: str | None = None,
    ) -> None:
        if (kind, my_id, name) in self.held:
            return
        self.held.add((kind, my_id, name))
        self.replaced += self.writer.conflict(
            run_id=self.run_id,
            kind=kind,
            record_id=my_id,
            field=name,
            mine=mine,
            theirs=theirs,
            theirs_analyst=entry.analyst if entry else None,
            theirs_changed_at=entry.changed_at if entry else None,
            peer_name=self.peer.name,
            note=note,
        )
        self.summary.conflicts += 1

    def _merge_tags(
        self,
        my_id: int,
        tags: tuple[list[str], list[str]],
        their_trail: Trail,
        unknown_base: bool,
    ) -> bool:
        """Tags either side added or removed since the ancestor; True if this side's changed."""
        mine, theirs = tags
        if _same(mine, theirs):
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
        if _same(result, mine):
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
