"""Where the article names people, and whether it calls each of them "he" or "she".

A pronoun speaker ("he said") most often stands for a person the text has just named, not only
for the last person quoted: "Trump attacked Kasich on Monday. He said ..." The mentions give the
candidates of the last three sentences; the gender evidence rules out those the article calls by
the other pronoun, and the rest are weighed: a nearer sentence, the sentence's subject (named
first, at its start), the last person quoted and anyone quoted before, a full name and a known
gender each count for a candidate (:data:`_WEIGHTS`). The evidence is read
from the article itself: a courtesy title ("Mr.", "Mrs.", "Ms.") before the name, and the
subject pronoun ("he", "she") that next follows a mention before any other name does.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from claimtracker.assistant import cues
from claimtracker.assistant.attribution import ADVERBIAL_STARTERS
from claimtracker.assistant.speakers import NameIndex

_RUN = re.compile(
    r"(?=[A-ZÀ-ÖØ-Þ])"  # a fast scan to the next capital
    r"(?<![\w'’])(?P<title>(?:Mr|Mrs|Ms|Miss|Sen|Rep|Gov|Dr)\.?\s+)?"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’\-]*(?:[ \t]+(?:[A-Z]\.[ \t]+)?[A-ZÀ-ÖØ-Þ][\w'’\-]*)*)"
)
#: A subject pronoun: "his" and "her" after a name are as often someone else's ("Kowal
#: criticised her rival"), and "her" is an object too.
_PRONOUN = re.compile(r"\b(?:(?P<m>he|himself)|(?P<f>she|herself))\b", re.I)
_MALE_TITLES = frozenset(["Mr", "Mr."])
_FEMALE_TITLES = frozenset(["Mrs", "Mrs.", "Ms", "Ms.", "Miss"])
#: A sentence that opens with a plural noun phrase and its verb: "Senate Democrats blocked",
#: "Other Republican candidates said", "Prosecutors said", after an adverbial and a comma.
_PLURAL_SUBJECT = re.compile(
    r"[\s\"“‘'(]*(?:(?:[A-Z]\w*|[a-z]\w*ly|[Ii]n\s[\w\s]{1,30}?|[Oo]n\s[\w\s]{1,30}?),\s+)?"
    r"(?P<np>(?:(?:[Tt]he|[Mm]any|[Ss]ome|[Mm]ost|[Oo]ther|[Ss]everal|[Tt]hese|[Tt]hose|[Bb]oth|"
    r"[A-Z][\w'’.\-]*|[a-z][\w\-]*(?:al|an|ic|ive|ing|ed|ary|ern|ior))\s+){0,3}"
    r"(?:[A-Z][a-z]+(?:ans|ats|ives|als|ists|ors|ers|ents|ies)|[a-z]{3,}(?<!ss)(?<!us)(?<!is)s))"
    r"\s+(?:also\s+|have\s+|had\s+|are\s+|were\s+|will\s+|would\s+|may\s+)?"
    r"(?=[a-z]+(?:ed|s|d|t)?\b)"
)
#: What may stand between a name and a noun phrase in apposition to it: a party label, a
#: place ("Ada Kowal (D-Ohio), a senator", "Ada Kowal of Ohio, the senator").
_APPOSITION_GAP = re.compile(
    r"(?:[ \t]*\([^()\n]{1,20}\))?(?:[ \t]+of[ \t]+[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,2})?,[ \t]*"
)
#: A sentence opening with "he" or "she", perhaps after a fronted phrase and its comma.
_OPENING_PRONOUN = re.compile(r"[\s\"“‘'(]*(?:[A-Z][^,.;:!?\"“”]{0,40}?,\s+)?(?P<p>[Hh]e|[Ss]he)\b")
_CHAIN_DEPTH = 2
_BODY_DOCUMENTS = frozenset(["statement", "statements", "release", "releases"])
#: A document named with its determiner and a few modifiers: "a detailed six-page letter",
#: "the council's memo". A statement or release is its body's: "it" stays the body.
_DOCUMENT_MODIFIER = (
    r"(?:[A-Z][\w.'’\-]*|\w+-[\w\-]+|\d[\w\-]*|new|recent|private|public|internal|official|"
    r"written|leaked|secret|joint|final|first|latest|detailed|lengthy|brief|short|long|full|"
    r"draft|staff|federal|annual|weekly|daily|online|confidential|classified)"
)
_OPENING_DOCUMENT = re.compile(
    r"[\s\"“‘'(]*(?:[A-Z][^,.;:!?\"“”]{0,40}?,\s+)?(?P<doc>(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w.\-]*['’]s?)[ \t]+"
    rf"(?:{_DOCUMENT_MODIFIER},?[ \t]+){{0,3}}(?:"
    + "|".join(sorted(cues.DOCUMENT_HEADS - _BODY_DOCUMENTS, key=len, reverse=True))
    + r"))\b"
)
#: What opens a clause, not a group of people ("If Kowal loses", "While these talks"), or a
#: stretch of time ("The last two weeks").
_NOT_A_GROUP = re.compile(
    r"^(?:If|Unless|While|When|Whether|Although|Though|Because|Since|As|After|Before|That|"
    r"It['’]s|There)\b|\b(?:days|weeks|months|years|decades|hours|minutes)$"
)
#: How far after a mention its pronoun may come.
_PRONOUN_REACH = 160
_SENTENCES_BACK = 3
_POSSESSIVE = re.compile(r"['’]s?$")
_INITIAL = re.compile(r"[A-Z]\.?")
#: A capitalised compound that modifies the name after it: "Texas-born", "Ohio-based".
_MODIFIER_COMPOUND = re.compile(
    r"\w-(?:born|based|area|bred|raised|led|owned|run|backed|funded|aligned|leaning|allied)$"
)
#: Capitalised at a sentence's start, never the first word of a name.
_NOT_NAME_START = ADVERBIAL_STARTERS | frozenset(
    ["the", "a", "an", "this", "that", "he", "she", "said", "says", "added", "wrote", "tweeted"]
)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    name: str  # the full name, as the article gives it at its fullest


class Mentions:
    """The people an article names, in text order, with what the article says of their gender."""

    def __init__(self, text: str, index: NameIndex) -> None:
        self._text = text
        self._index = index
        self._sentence_starts: list[int] = [0]
        self._built = False
        self.mentions: list[Mention] = []
        self.gender: dict[str, str] = {}
        self._starts: list[int] = []
        self._quoted: list[tuple[int, int]] = []
        self._quote_starts: list[int] = []

    def _build(self) -> None:
        """Read the article once, when a pronoun first asks (many articles never do)."""
        self._built = True
        text, index = self._text, self._index
        votes: dict[str, list[int]] = {}  # name → [he, she]
        latest: dict[str, str] = {}  # surname → the full name last given with it
        for match in _RUN.finditer(text):
            words = [_POSSESSIVE.sub("", w) for w in match.group("name").split()]
            name = _full_name(words, index, latest)
            if name is None:
                continue
            latest[_key(name)] = name
            mention = Mention(match.start("name"), match.end("name"), name)
            self.mentions.append(mention)
            tally = votes.setdefault(name, [0, 0])
            title = match.group("title")
            if title:
                title = title.strip()
                if title in _MALE_TITLES:
                    tally[0] += 2
                elif title in _FEMALE_TITLES:
                    tally[1] += 2
        # Votes first, while a person named inside a quote still stops the reach of the one
        # named before ('Kowal said: "Ada lied. She ..."' says nothing of Kowal).
        for k, mention in enumerate(self.mentions):
            limit = mention.end + _PRONOUN_REACH
            if k + 1 < len(self.mentions):
                limit = min(limit, self.mentions[k + 1].start)
            pronoun = _PRONOUN.search(text, mention.end, limit)
            if pronoun is not None and not self._quoted_at(pronoun.start()):
                votes[mention.name][0 if pronoun.group("m") else 1] += 1
        self.mentions = [m for m in self.mentions if not self._quoted_at(m.start)]
        self._starts = [m.start for m in self.mentions]
        by_surname: dict[str, list[int]] = {}
        for name, (he, she) in votes.items():
            both = by_surname.setdefault(_key(name), [0, 0])
            both[0] += he
            both[1] += she
            if he != she:
                self.gender[name] = "m" if he > she else "f"
        people = Counter(_key(name) for name in votes if " " in name)
        for surname, (he, she) in by_surname.items():
            # "Trump" says nothing of Ivanka Trump's gender when Donald Trump is named too.
            if he != she and people[surname] <= 1:
                self.gender.setdefault(surname, "m" if he > she else "f")

    def set_sentences(self, starts: list[int], quoted: list[tuple[int, int]] | None = None) -> None:
        """Where the sentences start, and the quoted stretches: a person named inside a quote
        is seldom the one a pronoun outside it stands for."""
        self._sentence_starts = starts
        self._quoted = sorted(quoted or [])
        self._quote_starts = [q[0] for q in self._quoted]

    def _quoted_at(self, offset: int) -> bool:
        k = bisect_right(self._quote_starts, offset) - 1
        return k >= 0 and self._quoted[k][0] <= offset < self._quoted[k][1]

    def named_before(
        self,
        at: int,
        pronoun: str,
        last_speaker: str | None = None,
        spoken: frozenset[str] = frozenset(),
        _chain: int = 0,
    ) -> str | None:
        """The person "he" or "she" at offset ``at`` most likely stands for, if any: of the
        people named in the last three sentences whom the article could call so, the one
        :func:`_weight` rates highest (``spoken``: the names quoted so far). A sentence there
        that opens with the same pronoun offers whom that pronoun stands for, as its subject
        ("Kowal met Nowak. Later she criticised him. She said ..." — Kowal, not Nowak)."""
        if not self._built:
            self._build()
        best: str | None = None
        best_weight = float("-inf")
        k = bisect_right(self._sentence_starts, at) - 1
        for distance in range(_SENTENCES_BACK):
            j = k - distance
            if j < 0:
                break
            lo = self._sentence_starts[j]
            hi = at if distance == 0 else self._sentence_starts[j + 1]
            first = bisect_right(self._starts, lo - 1)
            candidates = [
                (mention.name, position, self._opens(lo, mention))
                for position, mention in enumerate(self._within(first, hi, at))
            ]
            opener = _OPENING_PRONOUN.match(self._text, lo, hi)
            if (
                opener is not None
                and _chain < _CHAIN_DEPTH
                and opener.group("p").lower() == pronoun
                and opener.start("p") < at
            ):
                # Only a pronoun before the verb: the person it stands for opened the sentence.
                earlier = self.named_before(
                    opener.start("p"), pronoun, last_speaker, spoken, _chain + 1
                )
                if earlier is not None:
                    candidates.append((earlier, 0, True))
            for name, position, opens in candidates:
                if not self.agrees(name, pronoun):
                    continue
                weight = _weight(
                    distance=distance,
                    position=position,
                    opens=opens,
                    last=name == last_speaker,
                    spoke=name in spoken,
                    full=" " in name,
                    gendered=self._gender_of(name) is not None,
                )
                if weight > best_weight:
                    best, best_weight = name, weight
        return best

    def _opens(self, lo: int, mention: Mention) -> bool:
        """Whether ``mention`` opens the sentence starting at ``lo``, as its subject: a name
        in a phrase that opens with a preposition ("At Kowal Hall, ...") is none."""
        return not self._text[lo : mention.start].strip(_OPENING_JUNK) and not (
            _LEADING_PREPOSITION.match(self._text, mention.start)
        )

    def _within(self, first: int, hi: int, at: int) -> list[Mention]:
        found = []
        for mention in self.mentions[first:]:
            if mention.start >= hi or mention.end > at:
                break
            found.append(mention)
        return found

    def apposed_to(self, at: int, end: int) -> str | None:
        """The person the noun phrase ``text[at:end]`` stands in apposition to, if a name and a
        comma come before it and a comma closes it: "Ada Kowal, a former mayor, said" — the
        former mayor is Ada Kowal ("Ada Kowal, a voter said" is a list or a new clause)."""
        if not self._text.startswith(",", end):
            return None  # no closing comma: no need to read the article's names
        if not self._built:
            self._build()
        k = bisect_right(self._starts, at) - 1
        if k < 0 or self.mentions[k].end > at:
            return None
        mention = self.mentions[k]
        return mention.name if _APPOSITION_GAP.fullmatch(self._text, mention.end, at) else None

    def document_before(self, at: int) -> str | None:
        """The document "it" at offset ``at`` most likely stands for: one that opens its
        sentence, or the sentence before ("A memo from the council surfaced. It said ...");
        a document named after the verb is seldom the subject "it" continues."""
        k = bisect_right(self._sentence_starts, at) - 1
        for j in (k, k - 1):
            if j < 0:
                break
            lo = self._sentence_starts[j]
            found = _OPENING_DOCUMENT.match(self._text, lo, at)
            if found is not None and found.end() < at:
                return found.group("doc")
        return None

    def plural_subject_before(self, at: int, speakers: tuple[str, ...] = ()) -> str | None:
        """The group "they" at offset ``at`` most likely stands for: the plural noun phrase
        that opens its sentence before it ("Senate Democrats blocked the bill because they
        said"), else the one that opens the sentence before ("Prosecutors asked for ten years.
        They cited ..."), unless one of the plural ``speakers`` quoted so far (latest first)
        spoke in that sentence ("X happened, two employees said. They said ...")."""
        k = bisect_right(self._sentence_starts, at) - 1
        for j in (k, k - 1):
            if j < 0:
                break
            lo = self._sentence_starts[j]
            hi = at if j == k else self._sentence_starts[j + 1]
            if j < k and any(name in self._text[lo:hi] for name in speakers):
                return None
            found = _PLURAL_SUBJECT.match(self._text, lo, hi)
            if (
                found is not None
                and found.end("np") < at
                and not _NOT_A_GROUP.search(found.group("np"))
            ):
                return found.group("np")
        return None

    def last_named(self, at: int, pronoun: str) -> str | None:
        """The last person named anywhere before offset ``at`` whom the article could call by
        ``pronoun``: the fallback when no one was named or quoted nearby."""
        if not self._built:
            self._build()
        k = bisect_right(self._starts, at) - 1
        while k >= 0:
            name = self.mentions[k].name
            if self.mentions[k].end <= at and self.agrees(name, pronoun):
                return name
            k -= 1
        return None

    def agrees(self, name: str | None, pronoun: str) -> bool:
        """Whether the article could call ``name`` by ``pronoun`` (he or she)."""
        if not name:
            return True
        if not self._built:
            self._build()
        gender = self._gender_of(name)
        return gender is None or gender == ("m" if pronoun == "he" else "f")

    def _gender_of(self, name: str) -> str | None:
        return self.gender.get(name) or self.gender.get(_key(name))


#: What makes a named person the likelier antecedent of "he" or "she" (measured on news text):
#: each sentence further back costs, each person named before in the same sentence costs less;
#: opening the sentence (its subject), being the last person quoted or any earlier speaker, a
#: full name and a gender the article shows each count for.
_WEIGHTS = {
    "distance": -3.0,
    "position": -1.5,
    "opens": 3.0,
    "last": 3.0,
    "spoke": 2.0,
    "full": 1.0,
    "gendered": 1.0,
}
_OPENING_JUNK = " \t\n\"“‘'«(—–-"
_LEADING_PREPOSITION = re.compile(
    r"(?:At|In|On|From|For|With|By|After|Before|During|Since|Under|Over|Of|To|Inside|Outside|"
    r"Near|Like|Unlike|Despite)\s"
)


def _weight(**features: float) -> float:
    return sum(_WEIGHTS[name] * value for name, value in features.items())


def _key(name: str) -> str:
    return _POSSESSIVE.sub("", name.split()[-1]).lower() if name.split() else ""


def _full_name(words: list[str], index: NameIndex, latest: dict[str, str]) -> str | None:
    for k in range(len(words) - 1, -1, -1):
        if _MODIFIER_COMPOUND.search(words[k]):
            words = words[k + 1 :]  # "Texas-born Ada Kowal", "Lakeside-area Kowal"
            break
    while words and words[0].lower() in _NOT_NAME_START:
        words = words[1:]  # "Later Kowal", "The Kowal campaign"
    if len(words) >= 3:
        # "Ada B. Kowal" is Ada Kowal: a middle initial would pass for an acronym.
        words = [words[0], *(w for w in words[1:-1] if not _INITIAL.fullmatch(w)), words[-1]]
    if len(words) >= 2:
        names = index.names_in_run(words)
        if names:
            return names[-1]  # "Bill Clinton" stays Bill, even after "Hillary Clinton"
    if words:
        # A surname alone is the person last named in full with it.
        return latest.get(words[-1].lower()) or index.person(words[-1])
    return None
