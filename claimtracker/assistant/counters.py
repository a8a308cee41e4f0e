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
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from claimtracker.assistant import cues
from claimtracker.assistant.cues import words
from claimtracker.assistant.speakers import Speaker, affiliation

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
#: The same words in ASCII text, where a letter is [a-zA-Z] and ``\w`` [a-zA-Z0-9_]: a plain
#: character class, which ``re`` matches about a third faster than Unicode categories.
_ASCII_WORD = re.compile(r"[a-zA-Z][a-zA-Z0-9_'\-]*")
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
#: Any of these anywhere in a claim's text (in lower case) may make it a counter-claim.
_GATE_PHRASES = ("n't", *cues.CONTRADICTION_PHRASES)
#: Those that can occur in ASCII text.
_ASCII_GATE_PHRASES = tuple(p for p in _GATE_PHRASES if p.isascii())
#: Between the texts searched at once: in no phrase, so no phrase is found across two texts.
_SEPARATOR = "\x00"
#: A quick test before the closer look: any word that can make a counter-claim.
_HINT_WORDS = cues.DENIAL_VERBS | cues.NEGATIONS
_CONDITION = re.compile(r"(?i)\b(?:if|unless|whether|until|если|пока)\b")
_CONDITION_WORDS = ("if", "unless", "whether", "until")
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


_CYRILLIC_LOWER = re.compile("[а-я]")


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if not w.isascii() and _CYRILLIC_LOWER.search(w):
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


def _words(text: str) -> list[str]:
    """The words of ``text`` (as ``_WORD.findall``), the most frequent work of this module."""
    return (_ASCII_WORD if text.isascii() else _WORD).findall(text)


def _content_stems(text: str) -> set[str]:
    return _stems_of(_words(text))


def _stems_of(words: list[str]) -> set[str]:
    """The content stems of ``words`` (added in their order, as a set comprehension would)."""
    return set(filter(None, map(_content_stem, words)))


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


def _may_counter(claim: ClaimView) -> bool:
    """Whether a claim can be a counter at all: only an attributed one can."""
    return claim.speaker is not None and claim.attribution != "unattributed"


def _holding_phrase(lowered_texts: Sequence[str]) -> set[int]:
    """The indices of the texts that hold "n't" or a phrase that calls something false,
    anywhere (as ``phrase in text`` tests): one substring search of each phrase over all the
    texts at once, not one in each text."""
    joined = _SEPARATOR.join(lowered_texts)
    starts: list[int] = []
    at = 0
    for text in lowered_texts:
        starts.append(at)
        at += len(text) + len(_SEPARATOR)
    found: set[int] = set()
    for phrase in _ASCII_GATE_PHRASES if joined.isascii() else _GATE_PHRASES:
        at = joined.find(phrase)
        while at >= 0:
            k = bisect_right(starts, at) - 1
            found.add(k)
            if k + 1 == len(starts):
                break
            at = joined.find(phrase, starts[k + 1])  # the next text that holds it
    return found


def _counter_cue(claim: ClaimView, lowered_words: list[str], has_phrase: bool) -> _Cue | None:
    """``lowered_words``: the words of the claim's text in lower case; ``has_phrase``: whether
    its text in lower case holds "n't" or a phrase that calls something false."""
    if not _may_counter(claim):
        return None
    if _HINT_WORDS.isdisjoint(lowered_words) and not has_phrase:
        return None  # no denial verb, no negation, nothing called false: the common case
    words: list[str] | None = None  # the claim's words as written: found when needed
    referent: str | None = None
    owner: frozenset[str] = frozenset()
    proximate = False
    explicit = False
    # A denial verb with a claim, a gerund or a that-clause for object: "denied the report",
    # "rejected the accusation", "denied hitting", "отверг обвинения Москвы". A denial of
    # anything else ("rejected a Russian proposal") is no counter-claim.
    if not cues.DENIAL_VERBS.isdisjoint(lowered_words):
        for k, word in enumerate(lowered_words):
            if word not in cues.DENIAL_VERBS:
                continue
            obj = lowered_words[k + 1 : k + 7]
            for n, noun in enumerate(obj):
                if noun in cues.CLAIM_NOUNS:
                    referent = cues.CLAIM_NOUNS[noun]
                    if words is None:
                        words = _words(claim.text)
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
            part_words = _words(part)
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
        owner = frozenset(w.lower() for w in _words(answered.group("who")))
        return _Cue(True, "claim", owner, False)
    # A negation in a condition ("if commitments were not met") denies nothing.
    main = _before_condition(claim.content, content)
    main_words = _words(main)
    main_lowered = [w.lower() for w in main_words]
    # "would not bow", "will not be dissuaded", "won't": an intention or refusal, not a denial
    # of what was said.
    first = next(
        (
            k
            for k, w in enumerate(main_lowered)
            if (w in cues.NEGATIONS or w.endswith("n't"))
            and w not in _MODAL_NEGATIONS
            and (k == 0 or main_lowered[k - 1] not in _MODALS)
        ),
        None,
    )
    if first is None:
        return None
    # "the study did not reflect ...": a report or claim is the subject of the negation.
    for n in range(max(0, first - 3), first):
        word = main_lowered[n]
        between = set(main_lowered[n:first])
        if word in cues.CLAIM_NOUNS and not between & {"but", "and", "or", "но", "и"}:
            owner = _owner(main_words[max(0, n - 2) : n + 3], min(n, 2))
            return _Cue(True, cues.CLAIM_NOUNS[word], owner, False)
    return _Cue(False, None, frozenset(), False)


def _before_condition(text: str, lowered: str) -> str:
    """``text`` up to its first condition word ("if", "unless", ...); ``lowered``: it in lower
    case. In ASCII text a condition word is one in lower case too: else nothing to split."""
    if text.isascii() and not any(w in lowered for w in _CONDITION_WORDS):
        return text
    return _CONDITION.split(text, maxsplit=1)[0]


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
        best = max(scored)[0]
        threshold = _EXPLICIT_THRESHOLD if cue.explicit else _WEAK_THRESHOLD
        if best < threshold:
            result.append(())
            continue
        # Only the best and those close to it count: sort those alone (best first, then the
        # earliest), not every claim of the article.
        floor = max(threshold, best * _SHARE_OF_BEST)
        ranked = sorted(
            (pair for pair in scored if pair[0] >= floor), key=lambda pair: (-pair[0], pair[1])
        )
        first = ranked[0][1]
        # A second or third target must share content with the counter, not only its position.
        others = [j for _, j in ranked[1:] if scorer.overlap(i, j) >= _MIN_SHARED]
        targets = [first, *others][:_MAX_TARGETS]
        # "These claims are untrue," said right after a denial by the same side: the same targets.
        if i > 0 and result and result[-1] and scorer.overlap(i, first) < _MIN_SHARED:
            previous = scorer.cues[i - 1]
            if previous is not None and previous.explicit and cue.explicit and not cue.owner:
                targets = list(result[-1])
        result.append(tuple(sorted(targets)))
    return result


class _Scorer:
    """Scores every other claim as the target of a counter; see the module docstring.

    Most claims are no counter at all, so what only scoring needs (content words, their weights,
    the parties each claim mentions) is worked out the first time it is asked for.
    """

    def __init__(self, claims: Sequence[ClaimView]) -> None:
        self.claims = claims
        lowered = [c.text.lower() if _may_counter(c) else "" for c in claims]
        #: The words of each claim in lower case; those of a claim that cannot be a counter are
        #: found only when some claim is one (for ``alleged``).
        some_words: list[list[str] | None] = [_words(t) if t else None for t in lowered]
        undecided = [
            k for k, w in enumerate(some_words) if w is not None and _HINT_WORDS.isdisjoint(w)
        ]
        with_phrase = {undecided[k] for k in _holding_phrase([lowered[k] for k in undecided])}
        self.cues = [
            _counter_cue(c, w, k in with_phrase) if w is not None else None
            for k, (c, w) in enumerate(zip(claims, some_words, strict=True))
        ]
        if not any(self.cues):
            return  # nothing counters anything: skip the comparisons
        lowered_words = [
            w if w is not None else _words(c.text.lower())
            for c, w in zip(claims, some_words, strict=True)
        ]
        self._lowered_words = lowered_words
        #: Whether each claim holds an allegation word ("allegedly"): asked for every pair.
        self.alleged = [not cues.ALLEGATION_MARKERS.isdisjoint(w) for w in lowered_words]
        self.parties = [_party(c) for c in claims]
        self.names = [c.speaker.name if c.speaker is not None else None for c in claims]
        #: Attributed claims, and the author's own allegations: what a counter may target.
        self.open = [
            c.attribution != "unattributed" or alleged
            for c, alleged in zip(claims, self.alleged, strict=True)
        ]
        #: Whether each claim is an explicit denial itself.
        self._denies = [cue is not None and cue.explicit for cue in self.cues]
        self._mentioned: list[frozenset[str]] | None = None
        self._mentioning: dict[str, list[int]] = {}
        self._stems: list[set[str]] | None = None
        self.weight: dict[str, float] = {}
        #: Per speaker (name, party): whether each claim may be its target, the claim itself
        #: aside; and the first two that may.
        self._eligible_of: dict[tuple[str | None, frozenset[str]], tuple[list[bool], int, int]] = {}

    @property
    def mentioned(self) -> list[frozenset[str]]:
        """The sides each claim's content names ("Russian", "the Kremlin" → russia); none for
        a claim that no counter may target (the author's own, without an allegation word)."""
        if self._mentioned is None:
            self._mentioned = [
                affiliation(c.content) if is_open else frozenset()
                for c, is_open in zip(self.claims, self.open, strict=True)
            ]
            for j, sides in enumerate(self._mentioned):
                for side in sides:
                    self._mentioning.setdefault(side, []).append(j)
        return self._mentioned

    @property
    def stems(self) -> list[set[str]]:
        """The content stems of each claim; also weighs them (rare in the article: heavier)."""
        if self._stems is None:
            # A claim without an attribution phrase is all content: its words are known. In
            # ASCII a word has the stem of its lower case (the same letters, as many).
            self._stems = [
                _stems_of(words)
                if c.content == c.text and c.text.isascii()
                else _content_stems(c.content)
                for c, words in zip(self.claims, self._lowered_words, strict=True)
            ]
            df: dict[str, int] = {}
            for group in self._stems:
                for stem in group:
                    df[stem] = df.get(stem, 0) + 1
            total = max(len(self.claims), 2)
            self.weight.update((stem, math.log(total / n) + 0.2) for stem, n in df.items())
        return self._stems

    def targets(self, i: int) -> list[tuple[float, int]]:
        """(score, index) of the claims that claim ``i`` may counter."""
        cue = self.cues[i]
        if cue is None:
            return []
        party = self.parties[i]
        if not cue.explicit:
            # A plain negation counters only what names the speaker's side (the accused).
            if not party:
                return []
            mentioned = self.mentioned
            accused: set[int] = set()
            for side in party:
                accused.update(self._mentioning.get(side, ()))
            if not accused:
                return []
            order = sorted((j for j in accused if j < i), reverse=True)
            order += sorted(j for j in accused if j > i)
        else:
            mentioned = self.mentioned if party else []
            order = [*range(i - 1, -1, -1), *range(i + 1, len(self.claims))]
        eligible, first, second = self._eligible(i)
        lede = first if first != i else second
        earlier_exists = 0 <= lede < i
        stems = self.stems
        stems_i = stems[i]
        weight_of = self.weight.__getitem__
        claims, parties, alleged, denies = self.claims, self.parties, self.alleged, self._denies
        referent, owner, proximate = cue.referent, cue.owner, cue.proximate
        # The accused party answering (VOCABULARY.md "denies"); weaker when the denial already
        # says what it refers to ("the report").
        accused_bonus = 1.0 if referent else 2.0
        scored: list[tuple[float, int]] = []
        proximate_seen = False
        # Walk the nearest earlier claims first so that "that claim" finds the one just before.
        # The terms are added in this order, always: a sum in another order could differ in
        # its last bit, and so the ranking of two near-equal targets.
        for j in order:
            if not eligible[j]:
                continue
            # How much the two claims share of the words that are rare in this article.
            score = sum(map(weight_of, stems_i & stems[j]))
            if denies[j]:
                score -= 1.0  # a denial is seldom what another denial denies
            if party and mentioned[j] & party:
                score += accused_bonus
            if referent == "report":
                score += _REPORT_BONUS.get(claims[j].attribution, 0.0)
            elif referent == "claim" and claims[j].attribution != "unattributed":
                score += 1.0
            if owner and (parties[j] & owner or _owner_matches(claims[j], owner)):
                score += 3.0
            if j < i:
                if proximate and not proximate_seen:
                    score += 4.0  # "that claim", "these allegations": the nearest one before
                proximate_seen = True
            if j == lede:
                score += 1.5  # a denial that does not say what it denies usually denies the lede
            if alleged[j]:
                score += 1.0
            if j > i and earlier_exists:
                score -= 1.5  # prefer what came before; a denial in the lede points forward
            scored.append((score, j))
        return scored

    def _eligible(self, i: int) -> tuple[list[bool], int, int]:
        """For each claim, whether it can be what claim ``i`` counters at all: not one of the
        same party's (the same name, or a side in common), and an attributed claim or the
        author's own allegation; then the first two indices that can (-1: none). Claim ``i``
        itself is the caller's to leave out."""
        name, party = self.names[i], self.parties[i]
        key = (name, party)
        known = self._eligible_of.get(key)
        if known is not None:
            return known
        # A claim without a speaker has no name and no sides (its party is empty).
        if name:
            eligible = [
                is_open and other != name and party.isdisjoint(sides)
                for is_open, other, sides in zip(self.open, self.names, self.parties, strict=True)
            ]
        elif party:
            eligible = [
                is_open and party.isdisjoint(sides)
                for is_open, sides in zip(self.open, self.parties, strict=True)
            ]
        else:
            eligible = self.open
        first = next((j for j, ok in enumerate(eligible) if ok), -1)
        second = next((j for j, ok in enumerate(eligible[first + 1 :], first + 1) if ok), -1)
        known = (eligible, first, second) if first >= 0 else (eligible, -1, -1)
        self._eligible_of[key] = known
        return known

    def overlap(self, i: int, j: int) -> float:
        """How much two claims share of the words that are rare in this article."""
        stems = self.stems
        return sum(map(self.weight.__getitem__, stems[i] & stems[j]))


def _owner_matches(claim: ClaimView, owner: frozenset[str]) -> bool:
    if claim.speaker is None or claim.speaker.head is None:
        return False
    return claim.speaker.head in owner or any(
        word in owner for word in (claim.speaker.name or "").lower().split()
    )
