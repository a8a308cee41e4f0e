"""An actor the other side added that may be one of this side's under another name.

"S. Ryabkov" and "Sergei Ryabkov", "Ministry of Defence" and "Ministry of Defense": close
spellings (rapidfuzz) or the same surname with a matching initial. Only ever *offered*: the
analyst settles it (an alias, or two actors).
"""

from __future__ import annotations

from rapidfuzz import fuzz, process, utils

#: How close two names must be (0-100, rapidfuzz's WRatio) to be offered as one actor.
CLOSE_ENOUGH = 90


def _initial_and_surname(name: str) -> tuple[str, str] | None:
    words = [w.strip(".,") for w in name.split()]
    words = [w for w in words if w]
    if len(words) < 2 or len(words[-1]) < 3:
        return None
    return words[0][0].casefold(), words[-1].casefold()


def similar_actor(name: str, known: dict[str, int]) -> tuple[str, int] | None:
    """The known name (and its actor's id) that ``name`` may be another spelling of."""
    if not known or name in known:
        return None
    found = process.extractOne(
        name,
        list(known),
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        score_cutoff=CLOSE_ENOUGH,
    )
    if found is not None and found[0].casefold() != name.casefold():
        return found[0], known[found[0]]
    short = _initial_and_surname(name)
    if short is None:
        return None
    for other, actor_id in known.items():
        if other.casefold() != name.casefold() and _initial_and_surname(other) == short:
            return other, actor_id
    return None
