"""Reading records of either side by id or UUID, through plain DB-API SQL."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from claimtracker.journal.changes import Execute
from claimtracker.merging.identity import table_columns
from claimtracker.store.dbapi import SQLITE, Dialect

_CHUNK = 500


class SideRecords:
    """One side's records: rows by id, ids by UUID, a claim's tags; maps loaded on first use."""

    def __init__(self, execute: Execute, dialect: Dialect = SQLITE, *, lock: bool = False) -> None:
        self.execute = execute
        self.dialect = dialect
        #: Rows are read locked (this side, on a server: a merge compares what it then writes).
        self._lock = " ORDER BY id FOR NO KEY UPDATE" if lock and dialect != SQLITE else ""
        self._columns: dict[str, list[str]] = {}
        self._by_uuid: dict[str, dict[str, int]] = {}
        self._uuid_of: dict[str, dict[int, str]] = {}

    def columns(self, kind: str) -> list[str]:
        if kind not in self._columns:
            self._columns[kind] = table_columns(self.execute, kind, self.dialect)
        return self._columns[kind]

    def _load(self, kind: str) -> None:
        if kind not in self._by_uuid:
            rows = self.execute(f"SELECT id, uuid FROM {kind}", ())
            self._by_uuid[kind] = {uuid: record_id for record_id, uuid in rows}
            self._uuid_of[kind] = {record_id: uuid for record_id, uuid in rows}

    def id_of(self, kind: str, uuid: str) -> int | None:
        self._load(kind)
        return self._by_uuid[kind].get(uuid)

    def uuid_of(self, kind: str, record_id: int | None) -> str | None:
        if record_id is None:
            return None
        self._load(kind)
        return self._uuid_of[kind].get(record_id)

    def ids(self, kind: str) -> list[int]:
        self._load(kind)
        return sorted(self._uuid_of[kind])

    def remember(self, kind: str, record_id: int, uuid: str) -> None:
        """A record this side just gained (a merge inserted it)."""
        self._load(kind)
        self._by_uuid[kind][uuid] = record_id
        self._uuid_of[kind][record_id] = uuid

    def rows(self, kind: str, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        columns = self.columns(kind)
        wanted = sorted(set(ids))
        found: dict[int, dict[str, Any]] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            for row in self.execute(
                f"SELECT * FROM {kind} WHERE id IN ({marks}){self._lock}", chunk
            ):
                found[row[0]] = dict(zip(columns, row, strict=True))
        return found

    def row(self, kind: str, record_id: int) -> dict[str, Any] | None:
        return self.rows(kind, [record_id]).get(record_id)

    def tags(self, claim_ids: Iterable[int]) -> dict[int, list[str]]:
        wanted = sorted(set(claim_ids))
        tags: dict[int, list[str]] = {claim_id: [] for claim_id in wanted}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            for claim_id, name in self.execute(
                "SELECT ct.claim_id, t.name FROM claim_tag ct JOIN tag t ON t.id = ct.tag_id"
                f" WHERE ct.claim_id IN ({marks}) ORDER BY t.name",
                chunk,
            ):
                tags[claim_id].append(name)
        return tags

    def find(self, sql: str, params: tuple[Any, ...]) -> int | None:
        rows = self.execute(sql, params)
        return int(rows[0][0]) if rows else None
