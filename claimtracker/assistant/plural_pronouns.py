"""Whom a "they" or an "it" speaker stands for, when the speakers quoted so far do not say.

News names a group and then goes on with "they": "Many union members made it clear they did
not agree", "Since the merger, company executives have kept quiet. Nor have they said ...",
"Two economists -- A at X and B at Y -- studied the plants. They found ...". The group is the
plural subject of a clause before the pronoun in its own sentence ("NP said they ..."), else
the plural subject that opens one of the sentences before it, past sentences that themselves
open with "They" (the same group going on). "It" goes to the company, network, campaign or
piece of writing that opens its sentence or the one before ("The company settled. It did not
admit wrongdoing."). Only people, groups and bodies are offered: "Wages remain low" opens a
sentence, but wages say nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from claimtracker.assistant import cues
from claimtracker.assistant.cues import words

#: Plural nouns that name no one: stretches of time, things counted.
_NOT_PEOPLE = words(
    """
    days weeks months years decades hours minutes times things results numbers markets wages
    prices costs taxes jobs issues questions problems points votes dollars cents rates terms
    ways words rules laws bills plans policies states countries cities places areas parts
    """
)
#: Plural nouns for people with no agent ending.
_PEOPLE_WORDS = words(
    "candidates delegates advocates graduates allies leaders people staff men women"
)
#: Endings of plural nouns for people ("economists", "unionists", "conservatives", "leaders").
_PEOPLE_ENDINGS = ("ists", "ers", "ors", "ants", "ents", "ians", "ives", "ees", "ans", "ats")
_DETERMINER = (
    r"(?:[Tt]he|[Mm]any|[Ss]ome|[Mm]ost|[Oo]ther|[Ss]everal|[Tt]hese|[Tt]hose|[Bb]oth|[Aa]ll|"
    r"[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Dd]ozens\s+of|"
    r"[Hh]undreds\s+of|[Tt]housands\s+of|\d[\d,.]*(?:\s+percent|%)?(?:\s+of)?)"
)
#: Words that join or open clauses, never part of a noun phrase before its head.
_FUNCTION = (
    r"(?i:but|and|or|nor|so|yet|before|after|of|in|on|at|to|for|with|by|from|as|than|that|which|"
    r"who|while|when|if|because|since|until|is|are|was|were|be|been|has|have|had|will|would|"
    r"can|could|may|might|should|do|does|did|not|also|it|they|he|she|we|there|here|what)"
)
_MODIFIER = rf"(?:(?!{_FUNCTION}\b)[A-Za-z][\w'’\-]*)"
_PLURAL_HEAD = (
    rf"(?:(?!{_FUNCTION}\b)[A-Za-z][\w\-]{{2,}}(?<!ss)(?<!us)(?<!is)s|[Pp]eople|[Ss]taff|[Mm]en|"
    r"[Ww]omen)"
)
#: A plural noun phrase, perhaps joined to another with "and" ("the senator and his allies").
_PLURAL_NP = (
    rf"(?:(?:[Tt]he\s+)?{_MODIFIER}\s+and\s+)?(?:{_DETERMINER}\s+)?(?:{_MODIFIER}\s+){{0,3}}"
    rf"{_PLURAL_HEAD}"
)
#: Two names joined by "and": "Ada Kowal and Jan Nowak".
_NAMES = r"[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*)*\s+and\s+[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*)*"
#: Words after a noun phrase that show it is no subject.
_NOT_VERBS = words(
    """
    the a an of in on at to for with by from and or but that which who whom whose this these
    those as than into over about after before because if when while
    """
)
_WORD = re.compile(r"[A-Za-z][\w'’\-]*")
#: The subject of a clause, then its verb, then at most a few words before "they".
_SUBJECT_BEFORE = re.compile(
    rf"(?<![\w'’\-])(?P<np>{_PLURAL_NP})\s+(?P<verb>[a-z][\w'’]*)\b", re.IGNORECASE
)
#: What may open a sentence before its subject: quote marks, a fronted phrase and its comma.
_FRONTED = r"[\s\"“‘'(]*(?:[A-Z][^,;:!?\"“”]{0,80}?,\s+)??"
_OPENING_GROUP = re.compile(
    _FRONTED + rf"(?P<np>{_NAMES}|{_PLURAL_NP})(?=\s*(?:--|—|–|,|\(|\s+[a-z]))"
)
_OPENING_THEY = re.compile(_FRONTED + r"[Tt]hey\b")
#: The bodies and writings an "it" may stand for, named with a determiner.
_BODY_HEADS = (
    cues.ORGANISATION_HEADS
    | cues.MEDIA_HEADS
    | words("piece network agency administration government ministry department court")
)
_OPENING_BODY = re.compile(
    _FRONTED + r"(?P<np>(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w'’\-]+\s+){0,2}?"
    r"(?P<head>[a-z][\w\-]*))\b(?!['’])"
)
#: How many sentences back a group may have been named, not counting those that open with
#: "They", and how many at most.
_SENTENCES_BACK = 3
_MAX_SENTENCES = 8
#: A pronoun and its verb closed by a comma or the sentence's end: "..., they said."
_TRAILING = re.compile(r"\w+\s+(?:[a-z][\w'’]*\s+){0,2}?[a-z][\w'’]*\s*(?:[,.;:!?—–)\"”]|--|$)")
_CLAUSE_BREAK = re.compile(r"--|[—–:;]")
#: How many words may stand between a clause's verb and a "they" it introduces.
_MAX_GAP_WORDS = 6


def people(np: str) -> bool:
    """Whether a plural noun phrase names people, bodies or writings, not things or time."""
    if re.fullmatch(_NAMES, np):
        return True
    parts = np.split()
    if not parts:
        return False
    head = parts[-1].lower()
    if head in _NOT_PEOPLE:
        return False
    known = head in cues.DESCRIBED_SOURCE_HEADS or head in _PEOPLE_WORDS
    if len(parts) > 1 and parts[-1].islower() and all(w[:1].isupper() for w in parts[:-1]):
        # "Clinton aides", but "Ada Kowal considers" is a name and its verb.
        return known
    singular = head[:-3] + "y" if head.endswith("ies") else head[:-1]
    return (
        known
        or head in cues.DOCUMENT_HEADS
        or head.endswith(_PEOPLE_ENDINGS)
        or singular in cues.ORGANISATION_HEADS
        or singular in cues.GOVERNMENT_HEADS
    )


class GroupAntecedents:
    """The groups and bodies an article names, looked up from where a pronoun speaks."""

    def __init__(self, text: str, sentence_starts: list[int]) -> None:
        self._text = text
        self._starts = sentence_starts or [0]

    def _sentence(self, at: int) -> int:
        return max(0, bisect_right(self._starts, at) - 1)

    def group_for(self, at: int, speakers: tuple[str, ...] = ()) -> str | None:
        """The group "they" at offset ``at`` stands for, if the text shows one; None when one
        of the plural ``speakers`` quoted so far spoke in a sentence before it (they go on)."""
        k = self._sentence(at)
        if not self.trails(at):
            own = self._subject_in_sentence(self._starts[k], at)
            if own is not None:
                return own
        back = 0
        for j in range(k - 1, max(-1, k - 1 - _MAX_SENTENCES), -1):
            lo, hi = self._starts[j], self._starts[j + 1]
            if any(name in self._text[lo:hi] for name in speakers):
                return None
            if _OPENING_THEY.match(self._text, lo, hi) is not None:
                continue  # the same group going on: look further back
            found = _OPENING_GROUP.match(self._text, lo, hi)
            if found is not None and people(found.group("np")):
                return _trimmed(found.group("np"))
            back += 1
            if back >= _SENTENCES_BACK:
                break
        return None

    def trails(self, at: int) -> bool:
        """Whether the pronoun at ``at`` and its verb come after what they say ("..., they
        said."): the sentence's own subject is then part of the words reported."""
        if _TRAILING.match(self._text, at) is None:
            return False
        # "Allies bristle at it -- it's fair, they insist": the words reported begin after the
        # dash, the subject before it is not among them.
        lo = self._starts[self._sentence(at)]
        return _CLAUSE_BREAK.search(self._text, lo, at) is None

    def looks_back_from(self, at: int) -> int:
        """Where to look back from for the pronoun at ``at``: the start of its sentence when it
        trails what it says, else the pronoun itself."""
        return self._starts[self._sentence(at)] if self.trails(at) else at

    def _subject_in_sentence(self, lo: int, at: int) -> str | None:
        """ "Many union members made it clear they ...": the nearest plural subject whose verb
        comes a few words before the pronoun."""
        best: str | None = None
        for found in _SUBJECT_BEFORE.finditer(self._text, lo, at):
            if found.group("verb").lower() in _NOT_VERBS:
                continue
            gap = _WORD.findall(self._text, found.end("verb"), at)
            np = found.group("np")
            if (
                len(gap) <= _MAX_GAP_WORDS
                and people(np)
                and not _quoted_between(self._text, found.end("verb"), at)
            ):
                best = _trimmed(np)
        return best

    def body_for(self, at: int) -> str | None:
        """The body or writing "it" at offset ``at`` stands for: one that opens its sentence
        before the pronoun, or the sentence before."""
        k = self._sentence(at)
        for j in (k, k - 1):
            if j < 0:
                break
            lo = self._starts[j]
            hi = at if j == k else self._starts[j + 1]
            found = _OPENING_BODY.match(self._text, lo, hi)
            if (
                found is not None
                and found.end("np") < at
                and found.group("head") in _BODY_HEADS
                and self._text[found.end("np") : found.end("np") + 1] in (" ", ",")
            ):
                return found.group("np")
        return None


def _quoted_between(text: str, start: int, end: int) -> bool:
    return any(mark in text[start:end] for mark in '"“”')


def _trimmed(np: str) -> str:
    return " ".join(np.split())
