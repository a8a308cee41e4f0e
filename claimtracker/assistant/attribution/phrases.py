"""What a chunk of a sentence is: an adverbial ("In a statement Saturday"), a relative clause, a
run of capitalised names, a title ("Harbor Club Chairman"), a participle, or a noun phrase that
can be a subject (:func:`looks_like_subject`); and whether the words after a trailing verb are
only adjuncts ("on Thursday", "of the mayor").
"""

from __future__ import annotations

from claimtracker.assistant import cues
from claimtracker.assistant.attribution.tokens import ALL_REPORTING_VERBS, _words, first_words
from claimtracker.assistant.attribution.vocabulary import (
    ADVERBIAL_STARTERS,
    FINITE_NON_REPORTING,
    IRREGULAR_PAST,
    MAX_SUBJECT_WORDS,
    NOUN_MARKERS,
    RELATIVE_STARTERS,
    SUBORDINATORS,
)
from claimtracker.assistant.cues import words

_MAX_TAIL_WORDS = 14


_FOCUS_WORDS = words("even also only")


def is_adverbial(masked: str, start: int, end: int) -> bool:
    words = _words(masked, start, end)
    if not words:
        return True
    first = words[0].lower()
    if first in _FOCUS_WORDS and len(words) > 1 and words[1][0].isupper():
        return False  # "Even Rendell, a supporter, said": the name, with a focus word
    if first in ADVERBIAL_STARTERS:
        return True
    if len(words) == 1 and first.endswith("ly"):
        return True  # "Separately, ...", "Notably, ..."
    # "Speaking to reporters, ...", "Alarmed by the unrest, ...", "Asked about it, ...".
    return first.endswith(("ing", "ed")) and len(words) > 1 and words[0][0].isupper()


def is_relative(masked: str, start: int, end: int) -> bool:
    words = _words(masked, start, end)
    return bool(words) and words[0].lower() in RELATIVE_STARTERS


def is_name_chunk(text: str, start: int, end: int) -> bool:
    all_words = _words(text, start, end)
    words = [w for w in all_words if w.lower() not in cues.NAME_PARTICLES]
    if not words and len(all_words) == 1 and all_words[0][:1].isupper():
        words = all_words  # "of Dover, Del., said": a state's abbreviation, not a particle
    if not words or len(words) > 6:
        return False
    return all(w[0].isupper() or w[0].isdigit() for w in words)


_RELATIVE_WORDS = frozenset(["who", "which", "whose", "который", "которая", "которые"])


def looks_like_subject(masked: str, start: int, end: int) -> bool:
    """A noun phrase, not a clause: no finite verb, not too long, no ``that``."""
    words = _words(masked, start, end)
    lowered = [w.lower() for w in words]
    # A relative clause inside the chunk belongs to it: "a cardiologist at King's College London
    # who was not involved in the study".
    for k in range(2, len(words)):
        word = lowered[k]
        # "the Dutch firm that dominates the market": "that" after a noun starts a relative
        # clause too, but only after the head has been named.
        if word in _RELATIVE_WORDS or (word == "that" and words[k - 1].islower()):
            words = words[:k]
            lowered = lowered[:k]
            break
    if not words or len(words) > MAX_SUBJECT_WORDS:
        return False
    if words[0][0].islower() and lowered[0] in cues.REPORTING_VERBS:
        return False
    for k in range(1, len(words)):
        # "the ministry said ...": a clause. "A report in ...", "the company's statement": nouns.
        previous = lowered[k - 1]
        if (
            words[k][0].islower()
            and lowered[k] in ALL_REPORTING_VERBS
            and previous not in NOUN_MARKERS
            and not previous.endswith(("'s", "’s"))
            and previous not in ("new", "latest", "recent", "separate", "joint", "written")
        ):
            return False
    for k, word in enumerate(lowered):
        if word in FINITE_NON_REPORTING and not words[k][0].isupper():
            return False  # "Will Rogers" is a name
        if word in SUBORDINATORS and words[k][0].islower():
            return False  # "two hours after outlets": a clause, not a subject
        if k > 0 and word in IRREGULAR_PAST and word not in ("said", "told", "thought"):
            return False  # "The deal came with help from X": a clause, not a subject
        if word in ("that", "что") and k > 0:
            return False
        if (
            k > 0
            and word.endswith("ed")
            and "-" not in word
            and words[k][0].islower()
            and word not in cues.DESCRIPTIVE_PARTICIPLES
        ):
            return False  # "U.S. warships fired ...": a clause, not a subject
    return not (len(words) == 1 and lowered[0] in NOUN_MARKERS)


def is_title_chunk(masked: str, start: int, end: int) -> bool:
    """ "Time's Assistant Managing Editor", "Harbor Club Chairman": a title, not a name."""
    words = _words(masked, start, end)
    return bool(words) and (
        any(w.endswith(("'s", "’s")) for w in words[:-1])
        or words[-1].lower().rstrip(".") in cues.TITLE_WORDS
    )


def is_participle(masked: str, start: int, end: int) -> bool:
    """ "speaking on condition of anonymity", "based on interviews with 86 witnesses"."""
    words = _words(masked, start, end)
    if not words or words[0][0].isupper():
        return False
    first = words[0].lower()
    return first.endswith(("ing", "ed")) or first in cues.DESCRIPTIVE_PARTICIPLES


def tail_is_adjunct(masked: str, start: int, end: int, names_quoted: bool = False) -> bool:
    """Whether the words after a trailing "X said" are adjuncts: "on Thursday", "told reporters".

    With ``names_quoted`` (the tail is the speaker itself: "пишет «Коммерсантъ»") a short quoted
    name is allowed; otherwise a quote in the tail means the verb introduces it.
    """
    # At most one word more than a tail may have: "X said" + a whole clause is read no further.
    words = first_words(masked, start, end, _MAX_TAIL_WORDS + 1)
    if len(words) > _MAX_TAIL_WORDS:
        return False
    quoted = [w for w in words if set(w) == {"_"}] if "_" in masked[start:end] else []
    if quoted and not (names_quoted and all(len(w) <= 40 for w in quoted)):
        return False
    lowered = [w.lower() for w in words]
    if "that" in lowered or ":" in masked[start:end] or "что" in lowered:
        return False
    # "said Will Doyle", "said May Kowal": a capitalised word after the verb is a name
    return not any(w.lower() in FINITE_NON_REPORTING and not w[0].isupper() for w in words)
