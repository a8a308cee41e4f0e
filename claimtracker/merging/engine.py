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
from typing import Any

from claimtracker.errors import MergeCancelled
from claimtracker.journal.deferred import journal_turn, lock_records
from claimtracker.merging.ancestry import find_ancestor, last_entry
from claimtracker.merging.identity import project_identity
from claimtracker.merging.kinds import ALIAS, SPECS, TRASH
from claimtracker.merging.pairs import PairMerging
from claimtracker.merging.records import SideRecords
from claimtracker.merging.state import Progress, same
from claimtracker.merging.summary import MergeSummary
from claimtracker.merging.trails import MERGED_KINDS, Trail, merged_from, read_trails
from claimtracker.merging.writer import returned_id
from claimtracker.services.links import ordered_pair
from claimtracker.store.dbapi import SQLITE

__all__ = ["Merger", "Progress"]


class Merger(PairMerging):
    """The whole merge: the ancestor, each kind in turn, the bookkeeping of the run."""

    # -- the whole merge -------------------------------------------------------------------

    def run(self) -> MergeSummary:
        my_identity = project_identity(self.mine.execute, self.dialect)
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
            skip_ranges=merged_from(self.peer, my_identity),
        )
        self._lock_mine()
        self.my_trails = read_trails(self.mine.execute, self.ancestor.my_mark)
        if not self.ancestor.related:
            self._everything_is_new()
        self.actor_names = self._actor_names()
        self._load_conflict_bases()
        self.my_link_ends = self._link_ends(self.mine, self.my_trails)
        self.their_link_ends = self._link_ends(self.theirs, self.their_trails)
        steps = len(MERGED_KINDS) + 1
        for step, kind in enumerate(MERGED_KINDS):
            self._step(step, steps)
            self._merge_kind(kind)
            if self.dialect == SQLITE:  # on a server the entries wait: write_journal
                self.writer.flush_entries()
        self._settle_agreed()
        self._step(len(MERGED_KINDS), steps)
        return self.summary

    def _lock_mine(self) -> None:
        """On a server, lock this side's records the other side changed, before reading this
        side's journal: a colleague's save of one under way is waited for and is then in the
        trails, so it meets the other side's change as a conflict (``journal.deferred``)."""
        if self.dialect == SQLITE:
            return
        for kind in MERGED_KINDS:
            uuids = (self.theirs.uuid_of(kind, their_id) for their_id in self.their_trails[kind])
            mine = (self.mine.id_of(kind, uuid) for uuid in uuids if uuid is not None)
            lock_records(self.connection, kind, (my_id for my_id in mine if my_id is not None))

    def write_journal(self) -> None:
        """The merge's turn at the journal, once every row is written (``journal.deferred``):
        on a server its entries were kept until now, and the run begins at the mark."""
        mark = journal_turn(self.connection)
        if self.dialect != SQLITE:
            self.started = mark
            self.connection.execute(
                "UPDATE merge_run SET after_entry = ? WHERE id = ?", (mark, self.run_id)
            )
        self.writer.flush_entries()

    def _settle_agreed(self) -> None:
        """Conflicts held from this peer's earlier merges whose field both sides now hold alike
        (one side settled it, the other took that value): settled as agreed. The undo of this
        merge opens them again."""
        rows = self.mine.execute(
            "SELECT c.id, c.kind, c.record_id, c.field FROM merge_conflict c"
            " JOIN merge_run r ON r.id = c.run_id"
            " WHERE c.settled_at IS NULL AND r.peer_uuid = ? AND c.run_id <> ?",
            (self.peer.identity, self.run_id),
        )
        agreed: list[int] = []
        for conflict_id, kind, my_id, name in rows:
            if kind not in SPECS or name in (TRASH, ALIAS):
                continue
            mine = self.mine.row(str(kind), int(my_id))
            uuid = self.mine.uuid_of(str(kind), int(my_id))
            their_id = self.theirs.id_of(str(kind), uuid) if uuid else None
            theirs = self.theirs.row(str(kind), their_id) if their_id is not None else None
            if mine is None or theirs is None or name not in mine or name not in theirs:
                continue
            if same(mine[name], self._translated(SPECS[str(kind)], str(name), theirs[name])):
                agreed.append(int(conflict_id))
        for conflict_id in agreed:
            self.connection.execute(
                "UPDATE merge_conflict SET settled_at = ?, settled_how = 'agreed', settled_by = ?"
                " WHERE id = ?",
                (self.now, self.analyst, conflict_id),
            )
        self.replaced += agreed
        self.summary.agreed += len(agreed)

    def _step(self, done: int, total: int) -> None:
        if self.progress is not None and not self.progress(done, total):
            raise MergeCancelled("The merge was cancelled; nothing was changed")

    def _open_run(self) -> int:
        previous = self.ancestor.previous
        return returned_id(
            self.connection,
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
