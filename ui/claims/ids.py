"""Arrays of claim ids: 4 bytes an id while ids fit in 32 bits (4 MB for a million rows), 8 when
one does not."""

from __future__ import annotations

from array import array
from collections.abc import Iterable

NARROW = "i"
WIDE = "q"


def id_array(values: Iterable[int] = ()) -> array[int]:
    items = values if isinstance(values, list | tuple | array) else list(values)
    try:
        return array(NARROW, items)
    except OverflowError:
        return array(WIDE, items)


def widened(ids: array[int]) -> array[int]:
    return ids if ids.typecode == WIDE else array(WIDE, ids)


def joined(head: array[int], tail: array[int]) -> array[int]:
    """``head`` extended by ``tail`` (in place when both are of one width)."""
    if head.typecode != tail.typecode:
        head = widened(head)
        tail = widened(tail)
    head.extend(tail)
    return head


def inserted(ids: array[int], position: int, claim_id: int) -> array[int]:
    try:
        ids.insert(position, claim_id)
    except OverflowError:
        ids = widened(ids)
        ids.insert(position, claim_id)
    return ids
