"""Counter-claims: which suggestion denies, rejects or contradicts which.

A suggestion is a counter when the article makes it plain: a denial verb with a claim for object
("denied the report", "rejected the accusation", "denied hitting ..."), a phrase that calls
something false ("no evidence", "staged", "an outright lie", "не соответствуют действительности"),
or a negated statement by the party the other claim accuses (VOCABULARY.md: "denies — B is a denial
of A by the accused party").

Its targets are the claims of other parties that it is most plainly about: shared content words
(weighted by how rare they are in the article), the accused party named in the target, the kind of
claim the denial refers back to ("the report" → what an outlet or unnamed sources said), the
article's lede, and allegation words ("allegedly"). Earlier claims are preferred; a denial in the
lede may point forward to the report it denies.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from claimtracker.assistant import cues
from claimtracker.assistant.cues import words
from claimtracker.assistant.speakers import Speaker, affiliation

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_MAX_TARGETS = 3
_CONTRADICTION = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(p) for p in sorted(cues.CONTRADICTION_PHRASES, key=len, reverse=True))
    + r")(?!\w)"
)
_AS_SUGGESTED = re.compile(
    r"(?i)\b(?:not|no|never|rather than)\b[^.;]*?,?\s+(?:as|like)\s+(?P<who>(?:\w+\s+){1,4}?)"
    r"(?:had\s+|have\s+|has\s+)?(?:suggested|claimed|alleged|reported|speculated|said)\b"
)
#: Tested with ``in``: each a fast substring search, quicker than one regex of them all.
_AS_SUGGESTED_VERBS = ("suggested", "claimed", "alleged", "reported", "speculated", "said")
_ANY_CONTRADICTION = tuple(cues.CONTRADICTION_PHRASES)
#: A quick test before the closer look: any word that can make a counter-claim.
_HINT_WORDS = cues.DENIAL_VERBS | cues.NEGATIONS
_CONDITION = re.compile(r"(?i)\b(?:if|unless|whether|until|если|пока)\b")
_MODALS = words("will would shall should can could may might must будет будут")
_MODAL_NEGATIONS = words("won't wouldn't can't cannot couldn't shouldn't mustn't")
_DEMONSTRATIVES = words("that this these those such такие эти это этих")
#: How close to the best target another must score to be linked as well.
_SHARE_OF_BEST = 0.6
_EXPLICIT_THRESHOLD = 1.5
_MIN_SHARED = 1.0
#: What "the report(s)" most likely refers to.
_REPORT_BONUS = {"secondhand": 2.5, "anonymous": 1.5, "official_statement": 0.5}
_WEAK_THRESHOLD = 3.5


@dataclass(frozen=True, slots=True)
class ClaimView:
    """What counter detection needs to know about one suggestion."""

    text: str
    content: str  # the text without its attribution phrase
    speaker: Speaker | None
    attribution: str
    cue: str | None


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if any("а" <= ch <= "я" for ch in w):
        return w[:5]
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", "e"),
        ("es", "e"),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)] + repl
            break
    return w[:6]


def _content_stems(text: str) -> set[str]:
    return {s for s in map(_content_stem, _WORD.findall(text)) if s}


@lru_cache(maxsize=16384)
def _content_stem(word: str) -> str:
    """The stem of a word that says what a claim is about; "" for function words and verbs."""
    lowered = word.lower()
    if len(word) <= 2 or lowered in cues.STOPWORDS or lowered in cues.REPORTING_VERBS:
        return ""
    return _stem(word)


def _party(claim: ClaimView) -> frozenset[str]:
    if claim.speaker is None:
        return frozenset()
    parts = set(claim.speaker.affiliation)
    if claim.speaker.name:
        parts |= affiliation(claim.speaker.name)
    return frozenset(parts)


@dataclass(frozen=True, slots=True)
class _Cue:
    explicit: bool
    referent: str | None  # "report" | "claim" | None
    owner: frozenset[str]  # whose claim: "the group's claim", "обвинения Москвы"
    proximate: bool  # "that claim", "this account": the claim just before


def _counter_cue(claim: ClaimView, lowered_words: list[str]) -> _Cue | None:
    """``lowered_words``: the words of the claim's text in lower case."""
    if claim.speaker is None or claim.attribution == "unattributed":
        return None
    lowered_text = claim.text.lower()
    if (
        _HINT_WORDS.isdisjoint(lowered_words)
        and "n't" not in lowered_text
        and not any(phrase in lowered_text for phrase in _ANY_CONTRADICTION)
    ):
        return None  # no denial verb, no negation, nothing called false: the common case
    words = _WORD.findall(claim.text)
    referent: str | None = None
    owner: frozenset[str] = frozenset()
    proximate = False
    explicit = False
    # A denial verb with a claim, a gerund or a that-clause for object: "denied the report",
    # "rejected the accusation", "denied hitting", "отверг обвинения Москвы". A denial of
    # anything else ("rejected a Russian proposal") is no counter-claim.
    for k, word in enumerate(lowered_words):
        if word not in cues.DENIAL_VERBS:
            continue
        obj = lowered_words[k + 1 : k + 7]
        for n, noun in enumerate(obj):
            if noun in cues.CLAIM_NOUNS:
                referent = cues.CLAIM_NOUNS[noun]
                owner = _owner(words[k + 1 : k + n + 4], n)
                proximate = bool(set(obj[:n]) & _DEMONSTRATIVES)
                explicit = True
                break
        else:
            explicit = bool(obj) and (
                obj[0].endswith("ing") or obj[0] in ("that", "any", "it", "что", "свою")
            )
        if explicit:
            break
    # A phrase that calls something false: "no evidence that the group's claim was genuine".
    content = claim.content.lower()
    hit = _CONTRADICTION.search(content)
    if hit is not None:
        explicit = True
        # The claim it refers to comes after the phrase ("no evidence that the group's claim")
        # or, failing that, anywhere in the content ("these allegations are false").
        after = claim.content[hit.start() :]
        for part in (after, claim.content):
            if referent is not None:
                break
            part_words = _WORD.findall(part)
            part_lowered = [w.lower() for w in part_words]
            for n, noun in enumerate(part_lowered):
                if noun in cues.CLAIM_NOUNS:
                    referent = cues.CLAIM_NOUNS[noun]
                    owner = _owner(part_words[max(0, n - 2) : n + 3], min(n, 2))
                    proximate = n > 0 and part_lowered[n - 1] in _DEMONSTRATIVES
                    break
    if explicit:
        return _Cue(True, referent, owner, proximate)
    # "... and not by a cyberattack, as some researchers had suggested": whose claim is named.
    answered = (
        _AS_SUGGESTED.search(claim.content)
        # Its verbs, in ASCII text (where no other letter folds to theirs): else no match.
        if not claim.content.isascii() or any(v in content for v in _AS_SUGGESTED_VERBS)
        else None
    )
    if answered is not None:
        owner = frozenset(w.lower() for w in _WORD.findall(answered.group("who")))
        return _Cue(True, "claim", owner, False)
    # A negation in a condition ("if commitments were not met") denies nothing.
    main = _CONDITION.split(claim.content, maxsplit=1)[0]
    main_words = _WORD.findall(main)
    # "would not bow", "will not be dissuaded", "won't": an intention or refusal, not a denial
    # of what was said.
    negated = [
        k
        for k, w in enumerate(main_words)
        if (w.lower() in cues.NEGATIONS or w.lower().endswith("n't"))
        and w.lower() not in _MODAL_NEGATIONS
        and (k == 0 or main_words[k - 1].lower() not in _MODALS)
    ]
    if not negated:
        return None
    # "the study did not reflect ...": a report or claim is the subject of the negation.
    first = negated[0]
    for n in range(max(0, first - 3), first):
        word = main_words[n]
        between = {w.lower() for w in main_words[n:first]}
        if word.lower() in cues.CLAIM_NOUNS and not between & {"but", "and", "or", "но", "и"}:
            owner = _owner(main_words[max(0, n - 2) : n + 3], min(n, 2))
            return _Cue(True, cues.CLAIM_NOUNS[word.lower()], owner, False)
    return _Cue(False, None, frozenset(), False)


def _owner(window: Sequence[str], noun_at: int) -> frozenset[str]:
    """Whose claim a denial names: "the group's claim" → group, "обвинения Москвы" → russia."""
    found: set[str] = set()
    for k, word in enumerate(window):
        lowered = word.lower().replace("’", "'")
        if lowered.endswith("'s") and k <= noun_at:
            found.add(lowered[:-2])
        elif k == noun_at + 1 and word[:1].isupper():
            found.add(lowered)
    result: set[str] = set()
    for word in found:
        result.add(cues.COUNTRY_ALIASES.get(word, word))
    return frozenset(result)


def find_counters(claims: Sequence[ClaimView]) -> list[tuple[int, ...]]:
    """For each claim, the indices of the claims it counters (possibly none)."""
    scorer = _Scorer(claims)
    result: list[tuple[int, ...]] = []
    for i in range(len(claims)):
        cue = scorer.cues[i]
        scored = scorer.targets(i)
        if cue is None or not scored:
            result.append(())
            continue
        best = max(score for score, _ in scored)
        threshold = _EXPLICIT_THRESHOLD if cue.explicit else _WEAK_THRESHOLD
        if best < threshold:
            result.append(())
            continue
        ranked = sorted(scored, key=lambda pair: (-pair[0], pair[1]))
        first = ranked[0][1]
        # A second or third target must share content with the counter, not only its position.
        floor = max(threshold, best * _SHARE_OF_BEST)
        others = [
            j for score, j in ranked[1:] if score >= floor and scorer.overlap(i, j) >= _MIN_SHARED
        ]
        targets = [first, *others][:_MAX_TARGETS]
        # "These claims are untrue," said right after a denial by the same side: the same targets.
        if i > 0 and result and result[-1] and scorer.overlap(i, first) < _MIN_SHARED:
            previous = scorer.cues[i - 1]
            if previous is not None and previous.explicit and cue.explicit and not cue.owner:
                targets = list(result[-1])
        result.append(tuple(sorted(targets)))
    return result


class _Scorer:
    """Scores every other claim as the target of a counter; see the module docstring."""

    def __init__(self, claims: Sequence[ClaimView]) -> None:
        self.claims = claims
        lowered_words = [_WORD.findall(c.text.lower()) for c in claims]  # once for each claim
        self.cues = [_counter_cue(c, w) for c, w in zip(claims, lowered_words, strict=True)]
        if not any(self.cues):
            return  # nothing counters anything: skip the comparisons
        self.stems = [_content_stems(c.content) for c in claims]
        #: Whether each claim holds an allegation word ("allegedly"): asked for every pair.
        self.alleged = [not cues.ALLEGATION_MARKERS.isdisjoint(w) for w in lowered_words]
        self.parties = [_party(c) for c in claims]
        self.speakers = [c.speaker for c in claims]
        #: Attributed claims, and the author's own allegations: what a counter may target.
        self.open = [
            c.attribution != "unattributed" or alleged
            for c, alleged in zip(claims, self.alleged, strict=True)
        ]
        self.mentioned = [affiliation(c.content) for c in claims]
        df: dict[str, int] = {}
        self.weight: dict[str, float] = {}
        for group in self.stems:
            for stem in group:
                df[stem] = df.get(stem, 0) + 1
        total = max(len(claims), 2)
        self.weight.update((stem, math.log(total / n) + 0.2) for stem, n in df.items())

    def targets(self, i: int) -> list[tuple[float, int]]:
        """(score, index) of the claims that claim ``i`` may counter."""
        cue = self.cues[i]
        if cue is None:
            return []
        party = self.parties[i]
        scored: list[tuple[float, int]] = []
        proximate_seen = False
        # Walk the nearest earlier claims first so that "that claim" finds the one just before.
        order = list(range(i - 1, -1, -1)) + list(range(i + 1, len(self.claims)))
        eligible = self._eligible(i)
        lede = next((j for j, ok in enumerate(eligible) if ok), None)
        earlier_exists = lede is not None and lede < i
        for j in order:
            other = self.claims[j]
            accused = bool(party and self.mentioned[j] & party)
            if (not cue.explicit and not accused) or not eligible[j]:
                if j < i and eligible[j]:
                    proximate_seen = True
                continue
            alleged = self.alleged[j]
            other_cue = self.cues[j]
            overlap = self.overlap(i, j)
            score = overlap
            if other_cue is not None and other_cue.explicit:
                score -= 1.0  # a denial is seldom what another denial denies
            if accused:
                # The accused party answering (VOCABULARY.md "denies"); weaker when the denial
                # already says what it refers to ("the report").
                score += 1.0 if cue.referent else 2.0
            if cue.referent == "report":
                score += _REPORT_BONUS.get(other.attribution, 0.0)
            elif cue.referent == "claim" and other.attribution != "unattributed":
                score += 1.0
            if cue.owner and (_party(other) & cue.owner or _owner_matches(other, cue.owner)):
                score += 3.0
            if cue.proximate and j < i and not proximate_seen:
                score += 4.0  # "that claim", "these allegations": the nearest one before
            if j < i:
                proximate_seen = True
            if j == lede:
                score += 1.5  # a denial that does not say what it denies usually denies the lede
            if alleged:
                score += 1.0
            if j > i and earlier_exists:
                score -= 1.5  # prefer what came before; a denial in the lede points forward
            scored.append((score, j))
        return scored

    def _eligible(self, i: int) -> list[bool]:
        """For each claim, whether it can be what claim ``i`` counters at all: not claim ``i``
        itself, not one of the same party's (the same name, or a side in common), and an
        attributed claim or the author's own allegation."""
        a = self.speakers[i]
        if a is None:
            eligible = list(self.open)
        else:
            party = self.parties[i]
            eligible = [
                is_open
                and not (b is not None and ((a.name and a.name == b.name) or bool(party & sides)))
                for is_open, b, sides in zip(self.open, self.speakers, self.parties, strict=True)
            ]
        eligible[i] = False
        return eligible

    def overlap(self, i: int, j: int) -> float:
        """How much two claims share of the words that are rare in this article."""
        return sum(self.weight[s] for s in self.stems[i] & self.stems[j])


def _owner_matches(claim: ClaimView, owner: frozenset[str]) -> bool:
    if claim.speaker is None or claim.speaker.head is None:
        return False
    return claim.speaker.head in owner or any(
        word in owner for word in (claim.speaker.name or "").lower().split()
    )
