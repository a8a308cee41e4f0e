"""Who speaks: turning the words before or after a reporting verb into a speaker.

A speaker phrase such as "Russian Deputy Foreign Minister Sergei Ryabkov", "two of the people
familiar with the talks" or "A report in the Sunday Telegraph" becomes a :class:`Speaker`: the name
to show, the kind of actor, how many sources the article says there are, and what is needed to
resolve a later "he", "they", "the official" or "Ryabkov" back to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol

from claimtracker.assistant import cues, plural_pronouns
from claimtracker.assistant.attribution import ADVERBIAL_STARTERS
from claimtracker.assistant.cues import words
from claimtracker.assistant.phrase_cut import cut_speaker_phrase
from claimtracker.assistant.place_names import names_no_person
from claimtracker.assistant.plural_pronouns import GroupAntecedents
from claimtracker.assistant.title_runs import is_title_case, lower_case_words, name_pieces

_TOKEN = re.compile(r"[\w][\w'’.\-]*[\w.]|[\w]")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EDGE_JUNK = " \t\n,;:.—–-\"“”«»'‘’()*_[]"
_POSSESSIVE = re.compile(r"['’]s$|['’]$")
_DIGITS = re.compile(r"^\d[\d,]*$")

_LEADING_FILLERS = words(
    """
    but and however meanwhile still yet also so now earlier later separately instead though then
    indeed moreover ранее также однако впрочем
    """
)
_DETERMINERS = words("the a an this that these those some такой этот эти")
_POSTMODIFIER_STARTERS = words(
    """
    of in at with from for on familiar close briefed who which whose that knowledgeable involved
    speaking representing based aware working calling known called named by under inside within
    to near across around throughout like в на из с при от по со у
    """
)
_QUANTIFIER_OF = re.compile(
    r"^(?P<q>\w+|a\s+few|a\s+number|several|some|most|many|all|both|none|one|another)\s+of\s+"
    r"(?P<rest>.+)$",
    re.IGNORECASE,
)
_RUSSIAN_SINGULAR_SOURCE = words("источник источника собеседник собеседника эксперт эксперта")


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker as the article describes them, before and after resolution."""

    name: str | None
    kind: str
    count: int | None = None
    plural: bool = False
    head: str | None = None
    pronoun: str | None = None
    anonymous: bool = False
    document: bool = False
    spokesperson: bool = False
    affiliation: frozenset[str] = frozenset()


UNKNOWN = Speaker(None, "unknown")


def tokens(phrase: str) -> list[str]:
    return _TOKEN.findall(phrase)


def _bare(token: str) -> str:
    if "'" not in token and "’" not in token:
        return token.lower()  # no apostrophe, no possessive: the common case, without a regex
    return _POSSESSIVE.sub("", token).lower()


def _is_capitalised(token: str) -> bool:
    return bool(token) and token[0].isupper()


def clean_phrase(phrase: str) -> str:
    """The phrase without Markdown link syntax, edge punctuation or leading fillers ("But",
    "Ранее"); a name in guillemets keeps them: «Вёрстка»."""
    if "](" in phrase:
        phrase = _MARKDOWN_LINK.sub(r"\1", phrase)
    phrase = " ".join(phrase.split()).strip(" ,;:.")
    while True:
        first, _, rest = phrase.partition(" ")
        if rest and first.lower().rstrip(",") in _LEADING_FILLERS:
            phrase = rest.strip(" ,;:.")
            continue
        break
    if _GUILLEMETS.fullmatch(phrase):
        return phrase
    return phrase.strip(_EDGE_JUNK)


@lru_cache(maxsize=64)
def _names_pattern(names: tuple[str, ...] | frozenset[str]) -> re.Pattern[str]:
    """One alternation for a list of names; short ASCII acronyms are left to :func:`_acronym_in`."""
    usable = sorted(
        (n for n in names if not (len(n) <= 3 and n.isalpha() and n.isascii())),
        key=lambda n: (-len(n), n),
    )
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in usable) + r")(?!\w)")


def _phrase_in(phrase_lower: str, names: tuple[str, ...] | frozenset[str]) -> str | None:
    match = _names_pattern(names).search(phrase_lower)
    return match.group(0) if match else None


def _acronym_in(phrase: str, names: tuple[str, ...] | frozenset[str]) -> str | None:
    for token in tokens(phrase):
        bare = _POSSESSIVE.sub("", token)
        if bare.isupper() and bare.lower() in names:
            return bare
    return None


_MULTIWORD_COUNTRIES = tuple((a, c) for a, c in cues.COUNTRY_ALIASES.items() if " " in a)


_CAPITALISED_TOKEN = re.compile(r"(?<![\w'’.\-])[A-ZÀ-ÖØ-ÞА-ЯЁ](?:[\w'’.\-]*[\w.])?")


@lru_cache(maxsize=8192)
def _token_sides(token: str) -> tuple[str, ...]:
    """What one capitalised word says about a side: a country code, a name, a Russian stem."""
    bare = _bare(token)
    sides: list[str] = []
    country = cues.COUNTRY_ALIASES.get(bare)
    if country is not None and (len(bare) > 2 or token.isupper() or "." in token):
        sides.append(country)
    if _is_cyrillic(bare) and len(bare) > 3:
        sides.append(bare[:5])  # case endings: Молдавию, Молдавии
    elif (
        len(bare) > 2
        and bare not in cues.TITLE_WORDS
        and bare not in _NOT_NAME_START
        and bare not in cues.NUMBER_WORDS
        and bare not in cues.DESCRIBED_SOURCE_HEADS
        and bare not in cues.DOCUMENT_HEADS
        and bare not in cues.QUANTITY_WORDS
    ):
        sides.append(bare)
    return tuple(sides)


@lru_cache(maxsize=4096)
def affiliation(phrase: str) -> frozenset[str]:
    """Countries and named actors a speaker phrase ties the speaker to ("Russian ..." → russia)."""
    lowered = phrase.lower()
    found: set[str] = set()
    for alias, code in _MULTIWORD_COUNTRIES:
        if alias in lowered:
            found.add(code)
    for token in _CAPITALISED_TOKEN.findall(phrase):
        found.update(_token_sides(token))
    return frozenset(found)


_ORGANISATION_EVIDENCE = re.compile(
    # The lookahead names every letter a match can start with: a fast scan to the next one.
    r"(?=[A-ZÀ-ÖØ-Þsceu])"
    r"(?:\b(?:[Ss]hares|[Ss]tock|[Ss]hareholders|[Cc]ustomers|[Uu]sers|[Ee]mployees)\s+(?:of|in|at)\s+"
    r"(?P<a>[A-ZÀ-ÖØ-Þ][\w&.\-]*(?: [A-ZÀ-ÖØ-Þ][\w&.\-]*)*)"
    r"|\b(?P<b>[A-ZÀ-ÖØ-Þ][\w&.\-]*)['’]s\s+(?:chief executive|CEO|shares|stock|board|"
    r"spokes\w+|employees|staff|customers|users|headquarters|founder|executives|share price|"
    r"products)\b)"
)


_MIDDLE_INITIAL = re.compile(r"[A-Z]\.")


class NameIndex:
    """Full names met anywhere in the article, so that "Ryabkov" can become "Sergei Ryabkov"."""

    _RUN = re.compile(
        r"(?=[A-ZÀ-ÖØ-ÞА-ЯЁ])"  # a fast scan to the next capital
        r"(?<![\w'’])(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’\-]*)"
        r"(?:[ \t]+(?:[A-Z]\.[ \t]+)?(?:(?:van|von|der|de|del|della|di|da|dos|du|le|la|bin|ibn|al|el|ter|den)[ \t]+)*"
        r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’\-]*)*"
    )

    def __init__(self, text: str) -> None:
        self.people: dict[str, str] = {}
        self.given: dict[str, str] = {}  # first word → full name, where only one name has it
        self.organisations: dict[str, str] = {}
        ambiguous: set[str] = set()
        self.ordinary = lower_case_words(text)  # the words it writes in lower case
        later: list[str] = []  # names from a headline's longer runs: the body's come first
        # One scan of the whole text: a run never crosses a line break.
        line_end = -1  # the end of the line of the last run judged for title case
        headline = False
        for match in self._RUN.finditer(text):
            run = [
                w
                for w in match.group(0).split()
                if not (len(w) == 2 and _MIDDLE_INITIAL.fullmatch(w))
            ]
            person = person_name(run)
            if not (person and len(person.split()) >= 2):
                self._add_organisation(run)
                continue
            if match.start() > line_end:  # judged once a line, for a line that names someone
                line_start = text.rfind("\n", 0, match.start()) + 1
                line_end = text.find("\n", match.end())
                if line_end < 0:
                    line_end = len(text)
                headline = is_title_case(text[line_start:line_end])
            if headline and (person != " ".join(run) or len(run) > 3):
                later.extend(self.names_in_run(run))
            else:
                for name in self.names_in_run(run):
                    self._add_person(name, ambiguous)
        for person in later:
            self._add_person(person, ambiguous)
        for first in ambiguous:
            del self.given[first]
        # "Shares of Cloudwise", "Cloudwise's chief executive": a company, whatever its name.
        for match in _ORGANISATION_EVIDENCE.finditer(text):
            name = match.group("a") or match.group("b")
            key = _bare(name.split()[0])
            if key not in self.people:
                self.organisations.setdefault(key, name)

    def names_in_run(self, run: list[str]) -> list[str]:
        """The full names (two words or more) in a run of capitalised words; a headline run is
        cut at its ordinary words first ("Kowal Backs Ada Nowak": Ada Nowak)."""
        pieces = name_pieces(run, self.ordinary)
        found = []
        for piece in pieces:
            person = person_name(piece)
            if person and len(pieces) > 1 and len(person.split()) > 3:
                person = person_name(person.split()[-2:])
            if person and len(person.split()) >= 2:
                found.append(person)
        return found

    def _add_organisation(self, run: list[str]) -> None:
        org = _organisation_name(run)
        if org:
            self.organisations.setdefault(_bare(org.split()[0]), org)

    def _add_person(self, person: str, ambiguous: set[str]) -> None:
        surname = _bare(person.split()[-1])
        self.people.setdefault(surname, person)
        first = _bare(person.split()[0])
        if self.given.get(first, person) != person:
            ambiguous.add(first)
        self.given.setdefault(first, person)

    @property
    def sole_organisation(self) -> str | None:
        """The one organisation the article names, if it names only one."""
        names = set(self.organisations.values())
        return names.pop() if len(names) == 1 else None

    def person(self, token: str) -> str | None:
        key = _bare(token)
        if key in self.people:
            return self.people[key]
        if key in self.given:
            return self.given[key]  # "Wang" for "Wang Lin": the family name comes first
        if _is_cyrillic(key) and len(key) >= 4:
            # Russian case endings: Рябкова, Рябкову → Рябков.
            for surname, full in self.people.items():
                common = _common_prefix(surname, key)
                if common >= 4 and abs(len(surname) - len(key)) <= 2 and common >= len(surname) - 2:
                    return full
        return None

    def organisation(self, token: str) -> str | None:
        return self.organisations.get(_bare(token))


_CYRILLIC = re.compile("[а-яё]")
_ANONYMITY = re.compile("|".join(re.escape(p) for p in cues.ANONYMITY_PHRASES))


def _is_cyrillic(word: str) -> bool:
    """Whether a lower-case word has Russian letters."""
    return _CYRILLIC.search(word) is not None


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


_NOT_NAME_START = (
    words(
        """
    the a an but and in at on as if when while after before this that these those his her their
    its our my your we he she they it there here what why how who according asked speaking for
    from by with of to under over since during said says added adds wrote writes tweeted
    explained continued recalled january february march april may june july august
    september october november december monday tuesday wednesday thursday friday saturday sunday
    even only also yet still meanwhile however therefore thus nor instead indeed sometimes
    often perhaps maybe though although neither either both whether unless because
    does did do is are was were has have had can could should
    """
    )
    | ADVERBIAL_STARTERS
)  # "Later Kowal", "Though Delaware": a sentence's first word, no name


@lru_cache(maxsize=4096)
def _is_non_name_word(token: str) -> bool:
    bare = _bare(token)
    return (
        bare in cues.TITLE_WORDS
        or bare in cues.COUNTRY_ALIASES
        or bare in cues.GOVERNMENT_HEADS
        or bare in cues.MEDIA_HEADS
        or bare in cues.ORGANISATION_HEADS
        or bare in _NOT_NAME_START
        or bare in cues.DESCRIBED_SOURCE_HEADS
        or bare in cues.DOCUMENT_HEADS
        or _phrase_in(bare, cues.GOVERNMENT_NAMES) is not None
        or _phrase_in(bare, cues.MEDIA_NAMES) is not None
        or _phrase_in(bare, cues.ORGANISATION_NAMES) is not None
        or (token.isupper() and len(token) > 1)
    )


def person_name(words: list[str]) -> str | None:
    """The personal name at the end of a run of words, titles and nationalities dropped."""
    return _person_name(tuple(words))


@lru_cache(maxsize=8192)
def _person_name(words: tuple[str, ...]) -> str | None:
    cut = 0
    for k, word in enumerate(words):
        if not word[:1].isupper():
            particle = word.lower() in cues.NAME_PARTICLES
            if not (particle and k + 1 < len(words) and words[k + 1][:1].isupper()):
                cut = k + 1
        elif _is_non_name_word(word):
            cut = k + 1
    name_words = words[cut:]
    if not name_words or not name_words[0][:1].isupper():
        return None
    if (
        cut > 1
        and words[cut - 1].lower() in ("and", "of", "for", "&")
        and words[cut - 2][:1].isupper()
    ):
        return None  # "Centers for Disease Control and Prevention": one name, not a person
    if len(name_words) > 2 and all(_is_cyrillic(w.lower()) for w in name_words):
        # Russian names are "Имя Фамилия" or "Имя Отчество Фамилия"; anything before is a
        # place or a body in the genitive ("Министр энергетики Молдавии Виктор Парликов").
        patronymic = name_words[-2].lower().endswith(("вич", "вна", "ична"))
        name_words = name_words[-3:] if patronymic else name_words[-2:]
    cleaned = [w.rstrip(".,") for w in name_words]
    cleaned[-1] = _POSSESSIVE.sub("", cleaned[-1])
    if any(not w for w in cleaned):
        return None
    joined = " ".join(cleaned)
    if joined.lower() in cues.COUNTRY_ALIASES or _phrase_in(joined.lower(), cues.MEDIA_NAMES):
        return None
    if names_no_person(joined):
        return None  # "North Haven", "New Dover"
    return joined


def _organisation_name(words: list[str]) -> str | None:
    if len(words) < 2:
        return None
    last = _bare(words[-1])
    if last in cues.ORGANISATION_HEADS and words[0].lower() not in _NOT_NAME_START:
        return " ".join([*words[:-1], _POSSESSIVE.sub("", words[-1])])
    return None


def _split_postmodifier(words: list[str]) -> tuple[list[str], list[str]]:
    """Head phrase and the post-modifier: "four people" | "familiar with the discussions".

    "of" and "for" inside a proper name ("Office for National Statistics") do not split it.
    """
    for k, word in enumerate(words):
        lower = word.lower()
        participle = (
            k > 0
            and word.islower()
            and (lower.endswith(("ed", "ing")) or lower in _IRREGULAR_PARTICIPLES)
            and "-" not in lower
            # "polling reported by CNN": a reporting verb's participle with its agent
            and (lower not in cues.REPORTING_VERBS or words[k + 1 : k + 2] == ["by"])
            and lower not in cues.DOCUMENT_HEADS  # "national polling" is a document
            and not _premodifies(words, k)  # "a newly released memo", "the leaked memo"
        )
        time_words = (  # "a poll last week", not "the next series"
            k > 0
            and word.islower()
            and lower in _TIME_STARTERS
            and words[k - 1].lower() not in _DETERMINERS
        )
        # "an account she gave to reporters": a relative clause without "that"
        contact = k > 0 and word.islower() and lower in _CLAUSE_SUBJECTS
        if participle and _is_adverb(words[k - 1]) and k > 1:
            k -= 1  # "an email previously kept secret": the adverb goes with the participle
        if (
            lower == "like"
            and not words[k - 1].islower()
            and _bare(words[k - 1]) not in cues.DESCRIBED_SOURCE_HEADS
        ):
            continue  # "Looks like someone": a verb, not "critics like Kowal"
        if k > 0 and (lower in _POSTMODIFIER_STARTERS or participle or time_words or contact):
            # "of"/"for" between a body's head and its name stay: "Office for National
            # Statistics", "Ministry of Defence"; "John McNeil of Monash University" splits.
            inside_name = (
                lower in ("of", "for", "on")
                and _is_capitalised(words[k - 1])
                and k + 1 < len(words)
                and _is_capitalised(words[k + 1])
                and _is_body_word(words[k - 1])
            )
            if not inside_name:
                return words[:k], words[k:]
    return words, []


#: Participles that do not end in -ed: "a poll taken last week", "a memo written by aides".
_IRREGULAR_PARTICIPLES = words(
    "taken written given shown seen made held done sent drawn kept found available"
)
#: Time words after a head: "a poll last month", "a survey out this week", "the memo earlier".
_CLAUSE_SUBJECTS = words("he she they we i you it")
_TIME_STARTERS = words("last this next earlier out yesterday today")


def _premodifies(words: list[str], k: int) -> bool:
    """Whether the participle ``words[k]`` modifies the noun that follows it: after a determiner
    or after an adverb that opens the phrase ("the leaked memo", "another ranking", "a newly
    released poll", "recently hacked emails"; not "an email previously kept secret")."""
    before = words[k - 1].lower()
    if before in _PREMODIFYING_DETERMINERS:
        return True
    return _is_adverb(words[k - 1]) and (
        k == 1 or words[k - 2].lower() in _PREMODIFYING_DETERMINERS
    )


def _is_adverb(word: str) -> bool:
    return word.islower() and word.endswith("ly") and len(word) > 4


_PREMODIFYING_DETERMINERS = _DETERMINERS | words(
    "another every each no his her their its our my your"
)


def _is_body_word(word: str) -> bool:
    bare = _bare(word)
    return (
        _head_in(bare, cues.GOVERNMENT_HEADS)
        or _head_in(bare, cues.ORGANISATION_HEADS)
        or bare in cues.TITLE_WORDS
        or bare in cues.MEDIA_HEADS
    )


def _head_in(word: str, heads: frozenset[str]) -> bool:
    """Whether ``word`` is one of ``heads``; Russian words match in any case ending."""
    if word in heads:
        return True
    if _is_cyrillic(word) and len(word) >= 5:
        return any(
            _is_cyrillic(head) and len(head) >= 5 and word[:-1].startswith(head[:-1])
            for head in heads
        )
    return False


def _count(words: list[str]) -> int | None:
    if not words:
        return None
    first = words[0].lower()
    if _DIGITS.match(first):
        return int(first.replace(",", ""))
    if first in cues.NUMBER_WORDS:
        return cues.NUMBER_WORDS[first]
    return None


def _kind_of_name(phrase: str, index: NameIndex | None) -> str | None:
    kind, single = _kind_of_words(phrase)
    if kind is not None or single is None:
        return kind
    if index is not None:
        if index.person(single):
            return "person"
        if index.organisation(single):
            return "organisation"
    if single.isupper() and len(single) > 1:
        return "organisation"
    return None


@lru_cache(maxsize=8192)
def _kind_of_words(phrase: str) -> tuple[str | None, str | None]:
    """What :func:`_kind_of_name` can tell from the words alone (the same in every article),
    and the phrase's one word, if it has only one, for the article's names to settle."""
    lowered = phrase.lower()
    stripped = lowered.removeprefix("the ")
    if _phrase_in(lowered, cues.MEDIA_NAMES) or _acronym_in(phrase, cues.MEDIA_NAMES):
        return "media_outlet", None
    if _phrase_in(lowered, cues.GOVERNMENT_NAMES) or _acronym_in(phrase, cues.GOVERNMENT_NAMES):
        return "government_body", None
    if _phrase_in(lowered, cues.ORGANISATION_NAMES) or _acronym_in(phrase, cues.ORGANISATION_NAMES):
        return "organisation", None
    if stripped in cues.COUNTRY_ALIASES:
        return "government_body", None
    words = tokens(phrase)
    if not words:
        return None, None
    heads = [_bare(w) for w in words]
    # The head is last in English ("the defence ministry") and first in Russian
    # ("Министерство обороны России").
    candidates = [(heads[-1], words[-1]), (heads[0], words[0])]
    candidates += [
        (heads[k], words[k])
        for k in range(1, len(words) - 1)
        if heads[k + 1] in ("of", "for", "on") and _is_capitalised(words[k])
    ]
    for head, word in candidates:
        if _head_in(head, cues.GENERIC_MEDIA_HEADS) or (
            head in cues.MEDIA_HEADS and _is_capitalised(word)
        ):
            return "media_outlet", None
        if _head_in(head, cues.GOVERNMENT_HEADS):
            return "government_body", None
        if _head_in(head, cues.ORGANISATION_HEADS):
            return "organisation", None
    return None, words[0] if len(words) == 1 else None


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A speaker phrase cut into the parts the rules below look at."""

    text: str
    lowered: str
    words: list[str]
    head_words: list[str]  # "four people" in "four people familiar with the discussions"
    post: list[str]  # "familiar with the discussions"
    lead: str  # the first word, lower case
    head: str  # the head noun, lower case, possessive dropped
    common_head: str  # the head if it is a common noun, not the end of a proper name
    count: int | None
    affiliation: frozenset[str]
    anonymous: bool
    index: NameIndex | None

    @classmethod
    def parse(cls, text: str, index: NameIndex | None) -> _Phrase:
        words = tokens(text)
        head_words, post = _split_postmodifier(words)
        lead = head_words[0].lower()
        head = _bare(head_words[-1])
        lowered = text.lower()
        return cls(
            text=text,
            lowered=lowered,
            words=words,
            head_words=head_words,
            post=post,
            lead=lead,
            head=head,
            common_head=head if (head_words[-1].islower() or len(head_words) == 1) else "",
            count=_count(head_words[1:] if lead in _DETERMINERS else head_words),
            affiliation=affiliation(text),
            anonymous=_ANONYMITY.search(lowered) is not None,
            index=index,
        )


def describe(phrase: str, index: NameIndex | None = None) -> Speaker:
    """What a speaker phrase says about the speaker; pronouns are left for the caller to resolve.

    The rules are tried in order; the first that recognises the phrase decides.
    """
    phrase, relays = _cut(phrase, cues.CITING)  # "«Вёрстка» со ссылкой на два источника"
    phrase, _ = _cut(phrase, cues.STATEMENT_MARKERS)  # "Министерство ... в своем заявлении"
    phrase = _without_insert(cut_speaker_phrase(clean_phrase(phrase)))
    phrase = _RUSSIAN_PREPOSITION.sub("", phrase)  # "В пресс-службе X заявили"
    if not tokens(phrase):
        return UNKNOWN
    if _GUILLEMETS.fullmatch(phrase):
        # A name in «» is never a person's: an outlet, a firm, a party.
        name = phrase[1:-1]
        kind = _kind_of_name(name, index) or "organisation"
        return Speaker(name, kind, document=relays, affiliation=affiliation(name))
    parts = _Phrase.parse(phrase.strip(_EDGE_JUNK), index)
    for rule in _RULES:
        speaker = rule(parts)
        if speaker is not None:
            break
    else:
        speaker = _body_or_unknown(parts)
    return replace(speaker, document=True) if relays and speaker.name else speaker


#: What follows a speaker phrase's head and no part of the speaker's name: a relative clause
#: ("a senior adviser who requested anonymity"), a dash insert ("The justice -- who has ...").
_INSERT = re.compile(r"\s+(?:--|—|–)\s+.*$|\s+(?:who|which)(?:\s+.*)?$")
#: A list or an introduction before a colon, then the name: "...: Former Rep. Ada Kowal".
_AFTER_COLON = re.compile(r"^.{3,}?:\s+(?=[A-Z])")


def _without_insert(phrase: str) -> str:
    """A long speaker phrase cut back to its name: the name after a colon, the words before a
    dash or a relative pronoun; a short phrase stays whole."""
    if len(phrase.split()) <= _SHORT_PHRASE_WORDS:
        return phrase
    colon = _AFTER_COLON.match(phrase)
    if colon is not None:
        after = phrase[colon.end() :]
        if after.split()[0].lower() not in _NOT_NAME_START | _QUESTION_WORDS:
            phrase = after
    cut = _INSERT.sub("", phrase)
    return cut if cut.split() else phrase


_SHORT_PHRASE_WORDS = 5
_QUESTION_WORDS = words("who what why how did do does is are was were will would can could")


def _cut(phrase: str, markers: tuple[str, ...]) -> tuple[str, bool]:
    """The phrase up to the first of ``markers``, and whether one was there."""
    match = _markers_pattern(markers).search(phrase, 1)
    if match is None:
        return phrase, False
    return phrase[: match.start()].rstrip(" ,"), True


@lru_cache(maxsize=16)
def _markers_pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?i) (?:" + "|".join(re.escape(m) for m in markers) + ")")


_GUILLEMETS = re.compile(r"«[^«»]+»")
_AND = re.compile(r"\s+(?:and|и)\s+")
_THE_NAME = re.compile(r"(?i:the)\s+[A-ZА-Я]")
_RUSSIAN_PREPOSITION = re.compile(r"^(?:[Вв]о?|[Нн]а|[Уу])\s+(?=\S)")


def _pronoun(p: _Phrase) -> Speaker | None:
    """he, she, it, they, another, one of them."""
    single = p.lowered
    if len(p.words) > 1 and single not in ("one of them", "two of them", "some of them"):
        return None
    if single in cues.PERSONAL_PRONOUNS:
        return Speaker(None, "person", count=1, pronoun=single)
    if single in cues.BODY_PRONOUNS:
        return Speaker(None, "organisation", pronoun="it")
    if single in cues.PLURAL_PRONOUNS:
        return Speaker(None, "described_group", plural=True, pronoun="they")
    if single == "another":
        return Speaker(None, "described_group", count=1, pronoun="another", anonymous=True)
    if single.endswith(" of them"):
        return Speaker(
            None, "described_group", count=_count(p.words), pronoun="one-of", anonymous=True
        )
    return None


def _compound(p: _Phrase) -> Speaker | None:
    """ "Assad and his ally Russia": two named actors speaking together."""
    conjuncts = _AND.split(p.text)
    if (
        len(conjuncts) != 2
        or not all(any(_is_capitalised(w) for w in tokens(c)) for c in conjuncts)
        or _kind_of_name(p.text, p.index) is not None  # "Centers for Disease Control and ..."
    ):
        return None
    first = describe(conjuncts[0], p.index)
    if first.kind not in ("person", "government_body", "organisation", "media_outlet"):
        return None
    return Speaker(p.text, first.kind, plural=True, affiliation=p.affiliation)


def _quantified(p: _Phrase) -> Speaker | None:
    """ "two of the people familiar with the talks": a count of a described group."""
    quant = _QUANTIFIER_OF.match(p.text)
    q = quant.group("q").lower() if quant else ""
    if not quant or q in _DETERMINERS or q in cues.DOCUMENT_HEADS or q in _RECORD_HEADS:
        return None  # "Surveys of voters" is a document
    count = _count([quant.group("q")])
    inner = describe(quant.group("rest"), p.index)
    if inner.document and inner.kind == "unknown":
        return replace(inner, name=p.text)  # "several of his findings", "some of the emails"
    if inner.kind != "described_group":
        return None
    return replace(
        inner,
        name=p.text,
        count=count,
        plural=count is None or count > 1,
        anonymous=True,
        affiliation=p.affiliation,
    )


def _named_alias(p: _Phrase) -> Speaker | None:
    """ "A group calling itself Cyber Av3ngers": the name is what follows."""
    for marker in cues.NAMING_PHRASES:
        idx = p.lowered.find(" " + marker + " ")
        if idx > 0:
            alias = p.text[idx + len(marker) + 2 :].strip(_EDGE_JUNK)
            if alias and _is_capitalised(alias):
                kind = _kind_of_name(alias, p.index) or "organisation"
                return Speaker(
                    alias, kind, head=p.head, affiliation=p.affiliation | affiliation(alias)
                )
    return None


def _document(p: _Phrase) -> Speaker | None:
    """ "A report in the Sunday Telegraph", "a new book by journalist Ellen Marsh", "customs
    data": the claim is reported by a document, and by its owner when the article names one."""
    if not _is_document_head(p):
        return None
    owner = _document_owner(p.post, p.index)
    if owner is not None:
        return replace(owner, document=True, affiliation=p.affiliation)
    kind = "media_outlet" if p.head in cues.PUBLICATION_HEADS else "unknown"
    return Speaker(p.text, kind, head=p.head, document=True, affiliation=p.affiliation)


#: Records of what someone said, besides ``cues.DOCUMENT_HEADS``: "an FBI summary", "an account
#: she gave to a newspaper", "the remarks", "interviews with ...", "text messages".
_RECORD_HEADS = words(
    """
    summary summaries account accounts opinion opinions interview interviews remarks message
    messages transcripts footnote footnotes memoir memoirs excerpt excerpts notes minutes
    readout documentation calculations calculation ranking survey's
    """
)
#: "The next series of emails", "a trove of memos": the document is what follows "of".
_DOCUMENT_CONTAINERS = words("series batch trove set cache copy copies portion part collection")


def _is_document_head(p: _Phrase) -> bool:
    head = p.common_head
    if head in cues.DOCUMENT_HEADS or head in _RECORD_HEADS:
        return True
    if head in _DOCUMENT_CONTAINERS and p.post[:1] == ["of"]:
        return any(_bare(w) in cues.DOCUMENT_HEADS | _RECORD_HEADS for w in p.post[1:4])
    return False


def _spokesperson(p: _Phrase) -> Speaker | None:
    """ "A Downing Street spokesman", "a spokesman for X": unnamed, speaking for a body."""
    if p.head not in cues.SPOKESPERSON_WORDS or person_name(p.head_words) is not None:
        return None
    body = " ".join(w for w in p.head_words[:-1] if w.lower() not in _DETERMINERS)
    body = body or " ".join(p.post[1:])
    body_kind = _kind_of_name(body, p.index) if body else None
    return Speaker(
        p.text,
        "organisation" if body_kind in ("organisation", "media_outlet") else "government_body",
        count=1,
        head=p.head,
        spokesperson=True,
        affiliation=p.affiliation,
    )


def _described_group(p: _Phrase) -> Speaker | None:
    """ "four people familiar with the discussions", "U.S. officials", "Tory sources"."""
    named = p.head_words[-1][:1].isupper() and person_name(p.head_words) is not None
    first = _bare(p.words[0])
    if p.common_head not in cues.DESCRIBED_SOURCE_HEADS and (
        first not in cues.DESCRIBED_SOURCE_HEADS or named
    ):
        return None
    head = p.head if p.head in cues.DESCRIBED_SOURCE_HEADS else first
    if _unique_role(p, head):
        return None  # "the company's chief executive": one person, known by the role
    if (
        (
            head in cues.AFFILIATED_PROFESSIONS
            and p.post
            and p.post[0].lower() in ("at", "from", "with")
        )
        and any(_is_capitalised(w) for w in p.post[1:])
        and not p.anonymous
    ):
        # "Analysts at Morgan Finch": they speak for a named firm.
        return Speaker(p.text, "organisation", head=head, affiliation=p.affiliation)
    singular = not head.endswith("s") or head in _RUSSIAN_SINGULAR_SOURCE
    if head in ("people", "staff", "others", "источники", "собеседники"):
        singular = False
    count = p.count
    if count is None and singular and (p.lead in ("a", "an", "one") or _is_cyrillic(head)):
        count = 1
    return Speaker(
        p.text,
        "described_group",
        count=count,
        plural=not singular,
        head=head,
        anonymous=True,
        affiliation=p.affiliation,
    )


#: Titles that one person holds in a body (an adviser or an official is one of many).
_ONE_HOLDER_TITLES = words("executive director chairman chairwoman president ceo treasurer")


def _unique_role(p: _Phrase, head: str) -> bool:
    """ "the company's chief executive", "Dow's chief executive", "the former executive": a title
    held by one person, with "the" or a possessive, names that person rather than a source."""
    if head not in _ONE_HOLDER_TITLES or head != p.head or not p.head_words[-1].islower():
        return False
    possessive = any(_POSSESSIVE.search(w) for w in p.head_words[:-1])
    return p.lead == "the" or possessive


#: Lower case only: "Majority Leader Mitch McConnell" is no share of anybody, nor is "Senate
#: minority leader Ada Kowal".
_SHARE = re.compile(
    r"\d\s*%|\b(?:percent|per cent|(?:majority|minority)(?!\s+(?:leader|whip)\b)|half|third"
    r"|quarter)\b|\d+\s+in\s+\d+"
    r"|-(?:thirds|quarters|fifths|tenths)\b|^(?:Percent|Half|Two-thirds|Three-quarters)\b"
)


def _people_by_quantity(p: _Phrase) -> Speaker | None:
    """ "58 percent of voters", "two-thirds of caucus attendees", "many Republicans", "most",
    "Election scholars", "GOP leaders": unnamed people described by a share, a quantifier or a
    plural common noun."""
    head_word = p.head_words[-1]
    share = _SHARE.search(" ".join(p.head_words)) is not None
    quantified = (
        p.lead in cues.GROUP_QUANTIFIERS
        and (len(p.head_words) == 1 or head_word.islower() or _plural(p.head))
        and p.head not in _NATIONS  # "several states announced": their governments
        and _body_kind(_singular(p.head)) is None
    )
    plural_common = (
        head_word.islower()
        and (_plural(p.head) or _IRREGULAR_PLURAL.search(p.head) is not None)
        and p.head not in cues.DOCUMENT_HEADS
        and p.head not in cues.MEDIA_HEADS
        and p.head not in _NATIONS
        and not _head_in(p.head, cues.GOVERNMENT_HEADS)
        and not _head_in(p.head, cues.ORGANISATION_HEADS)
        and _body_kind(_singular(p.head)) is None
    )
    if not (share or quantified or plural_common):
        return None
    return Speaker(
        p.text,
        "described_group",
        count=p.count,
        plural=True,
        head=p.head,
        anonymous=True,
        affiliation=p.affiliation,
    )


#: Common nouns for news bodies that would otherwise read as any organisation's.
_NEWS_BODY_HEADS = words(
    "network networks broadcaster broadcasters newspaper newspapers channel channels newswire"
)


_NATIONS = words("states nations countries")
#: "the committee chairmen", "local businesswomen": plurals without an -s.
_IRREGULAR_PLURAL = re.compile(r"..men$")


def _body_kind(head: str | None) -> str | None:
    """ "government_body" or "organisation" for a head noun of either ("ministry", "group")."""
    if head in cues.GOVERNMENT_HEADS:
        return "government_body"
    if head in cues.ORGANISATION_HEADS:
        return "organisation"
    return None


def _singular(word: str | None) -> str | None:
    """ "groups" → "group", "companies" → "company", "campaigns" → "campaign"."""
    if word is None or not _plural(word):
        return None
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1]


def _plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _russian_body(p: _Phrase) -> Speaker | None:
    """Russian puts the head first: "пресс-службе «Газпрома»", "Министерство обороны России"."""
    if not (_is_cyrillic(p.lead) and p.words[0].islower()):
        return None
    kind = _kind_of_name(p.words[0], None)
    if kind not in ("government_body", "organisation", "media_outlet"):
        return None
    return Speaker(p.text, kind, head=_bare(p.words[0]), affiliation=p.affiliation)


def _unnamed_individual(p: _Phrase) -> Speaker | None:
    """ "one senior civil servant", "a shopkeeper": a person the article does not name."""
    if (
        p.lead not in ("a", "an", "one")
        or not p.head_words[-1].islower()
        or p.head in cues.TITLE_WORDS
        or p.head in cues.MEDIA_HEADS
        or _head_in(p.head, cues.GOVERNMENT_HEADS)
        or _head_in(p.head, cues.ORGANISATION_HEADS)
    ):
        return None
    return Speaker(
        p.text, "described_group", count=1, head=p.head, anonymous=True, affiliation=p.affiliation
    )


_MEDIA_NAME_SET = frozenset(cues.MEDIA_NAMES)


def _person(p: _Phrase) -> Speaker | None:
    """A personal name, titles dropped; a surname alone gets the full name given earlier."""
    if not _is_capitalised(p.head_words[-1]):
        return None
    if p.lowered in _MEDIA_NAME_SET or p.lowered.removeprefix("the ") in _MEDIA_NAME_SET:
        return None  # "The Hill", "The Atlantic": an outlet, not Mr. Hill
    name = person_name(p.head_words)
    if name is None:
        return None
    kind = _kind_of_name(name, p.index)
    if kind not in (None, "person"):
        return None
    if p.index is not None and len(name.split()) == 1:
        name = p.index.person(name) or name
    return Speaker(name, "person", count=1, head=_bare(name.split()[-1]), affiliation=p.affiliation)


def _body_or_unknown(p: _Phrase) -> Speaker:
    """A government body, organisation or outlet by name or head noun; an official by title."""
    kind = _kind_of_name(" ".join(p.head_words), p.index)
    if (
        kind in (None, "organisation")
        and p.head_words[-1].islower()
        and p.head in cues.TITLE_WORDS
        and p.head not in cues.GOVERNMENT_HEADS
        and p.head not in cues.ORGANISATION_HEADS
    ):
        # An official named by title only: "the foreign minister", "the EU's policy chief".
        return Speaker(p.text, "person", count=1, head=p.head, affiliation=p.affiliation)
    if kind in (None, "organisation") and p.head_words[-1].islower() and p.head in _NEWS_BODY_HEADS:
        kind = "media_outlet"  # "the network said", "three television networks reported"
    if kind is None and p.head in _NATIONS and p.head_words[-1].islower():
        kind = "government_body"
    if kind is None:
        kind = _body_kind(p.head) or (
            _body_kind(_singular(p.head)) if p.head_words[-1].islower() else None
        )
    if kind is None:
        if p.head in cues.MEDIA_HEADS and p.head_words[-1].istitle():
            kind = "media_outlet"
        elif all(_is_capitalised(w) or w.lower() in cues.NAME_PARTICLES for w in p.head_words):
            kind = "person"
        else:
            kind = "unknown"
    shown = _shown_name(p.text, p.head_words)
    if kind in ("government_body", "organisation") and _THE_NAME.match(shown):
        shown = shown[4:]
    return Speaker(
        shown,
        kind,
        count=1 if kind == "person" else None,
        head=p.head,
        anonymous=p.anonymous,
        affiliation=p.affiliation,
    )


_PARTY_MEMBERS = words(
    """
    democrat democrats republican republicans conservative conservatives liberal liberals tory
    tories progressive progressives independent independents
    """
)
_MEMBER_COUNTS = words("a an one two three four several some many few other another")


def _party_member(p: _Phrase) -> Speaker | None:
    """ "one Democrat familiar with the talks": an unnamed member of a party who speaks on
    condition of anonymity ("an Iowa Democrat" alone speaks on record)."""
    if (
        not p.anonymous
        or p.lead not in _MEMBER_COUNTS
        or p.head not in _PARTY_MEMBERS
        or len(p.head_words) > 3
    ):
        return None
    singular = not p.head.endswith("s")
    return Speaker(
        p.text,
        "described_group",
        count=1 if singular else _count(p.head_words),
        plural=not singular,
        head=p.head,
        anonymous=True,
        affiliation=p.affiliation,
    )


_NUMBER_WORD = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
_X_IN_Y = re.compile(
    r"(?i)^(?:(?:about|nearly|almost|roughly|more than|fewer than|only|just)\s+)?"
    + _NUMBER_WORD
    + r"(?:-|\s+)in(?:-|\s+)"
    + _NUMBER_WORD
    + r"\b"
)


_SHARE_START = re.compile(r"(?i)^(?:\d+(?:\.\d+)?\s*%|majorities\b|a\s+majority\b)")


def _x_in_y(p: _Phrase) -> Speaker | None:
    """ "One in five", "Two in three voters", "about six in 10", "18%", "Majorities of ...":
    a share of those polled."""
    if not (_X_IN_Y.match(p.text.strip()) or _SHARE_START.match(p.text.strip())):
        return None
    return Speaker(p.text, "described_group", plural=True, head="in", anonymous=True)


_RULES = (
    _x_in_y,
    _pronoun,
    _compound,
    _quantified,
    _named_alias,
    _document,
    _spokesperson,
    _party_member,
    _described_group,
    _people_by_quantity,
    _russian_body,
    _unnamed_individual,
    _person,
)


def _shown_name(phrase: str, head_words: list[str]) -> str:
    """ "the consultancy Spike Brokers" → "Spike Brokers"; "the Dutch government" stays."""
    run: list[str] = []
    for k in range(len(head_words) - 1, -1, -1):
        word = head_words[k]
        joins = word.lower() in cues.NAME_PARTICLES or word.lower() in ("of", "for", "and")
        if _is_capitalised(word) or (
            run and joins and k > 0 and _is_capitalised(head_words[k - 1])
        ):
            run.insert(0, word)
        else:
            break
    if len(run) == 1 and (_bare(run[0]) in cues.COUNTRY_ALIASES or _is_cyrillic(run[0].lower())):
        return phrase  # "Ukraine's air force", "Министерство обороны России"
    before = head_words[: len(head_words) - len(run)]
    described = [w for w in before if w.lower() not in _DETERMINERS]
    if run and described and len(run) < len(head_words):
        return " ".join(run)
    return phrase


def _document_owner(post: list[str], index: NameIndex | None) -> Speaker | None:
    """The outlet or body behind a document: "in the Sunday Telegraph", "from the consultancy X"."""
    # "a study published in The Lancet", "a report released on Tuesday by Amnesty International".
    for k, word in enumerate(post[:6]):
        if word.lower() in ("in", "by", "from", "of", "at") and (k == 0 or post[0].endswith("ed")):
            post = post[k:]
            break
    else:
        return None
    if len(post) < 2:
        return None
    rest = post[1:]
    # Stop at a relative clause or a second preposition phrase.
    for k, word in enumerate(rest):
        if k > 0 and word.lower() in ("that", "which", "who", "on", "about", "published"):
            rest = rest[:k]
            break
    owner_phrase = " ".join(rest)
    content = [w for w in rest if w.lower() not in _DETERMINERS]
    if not content or not _is_capitalised(content[0]):
        return None  # "an indictment unsealed in federal court": a place, not an owner
    if owner_phrase.lower() in _MONTHS_AND_DAYS:
        return None  # "a poll in February": a date, not an owner
    owner = describe(owner_phrase, index)
    if owner.kind == "unknown":
        return None
    return owner


_MONTHS_AND_DAYS = words(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """
)
_DEFINITE = re.compile(r"^(?:the|this|that)\s+", re.IGNORECASE)
_SAME_HEAD = {
    "person": "people",
    "persons": "people",
    "officials": "official",
    "sources": "source",
    "ministries": "ministry",
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
}
_COMPANY_WORDS = words(
    """
    company firm carmaker group maker manufacturer airline retailer lender
    """
)


def _head_key(head: str | None) -> str | None:
    if head is None:
        return None
    return _SAME_HEAD.get(head, head)


class PeopleNamed(Protocol):
    """Who the text names before a point (see :mod:`mentions`)."""

    def named_before(
        self,
        at: int,
        pronoun: str,
        last_speaker: str | None = None,
        spoken: frozenset[str] = frozenset(),
    ) -> str | None: ...

    def agrees(self, name: str | None, pronoun: str) -> bool: ...

    def last_named(self, at: int, pronoun: str) -> str | None: ...

    def plural_subject_before(self, at: int, speakers: tuple[str, ...] = ()) -> str | None: ...

    def apposed_to(self, at: int, end: int) -> str | None: ...

    def document_before(self, at: int) -> str | None: ...


_TRAILING_PRONOUNS = frozenset(["he", "she", "they"])
#: A pronoun, perhaps with its verb's contraction, before lower-case words that do not join
#: it to another speaker ("she and her aides" speak together).
_LEADING_PRONOUN = re.compile(
    r"\s*([Hh]e|[Ss]he|[Tt]hey)(?:['’](?:s|d|ll|re|ve))?\s+(?!(?:and|or|nor)\b)(?=[a-z])"
)
#: What a lower-case noun phrase after a name and a comma may be read as before it is taken as
#: the name's apposition (a role, or a phrase the rules could not place).
_APPOSED_KINDS = frozenset(["person", "unknown", "described_group"])
_POSSESSIVE_DETERMINERS = words("his her their its our my your")


class SpeakerResolver:
    """Resolves he/she/they, "the official", "another" and surnames against earlier speakers."""

    def __init__(
        self,
        index: NameIndex,
        people: PeopleNamed | None = None,
        groups: GroupAntecedents | None = None,
    ) -> None:
        self.index = index
        self.people = people
        self.groups = groups  # whom "they" and "it" stand for (plural_pronouns)
        self.history: list[Speaker] = []
        self._described: dict[str, Speaker] = {}  # the same phrase recurs in an article

    def remember(self, speaker: Speaker | None) -> None:
        if speaker is not None and speaker.name is not None:
            if speaker.document and speaker.kind == "person":
                # "According to a book by Ada Kowal, ...": the book relays the claim, but when
                # "she" speaks later, she speaks herself.
                speaker = replace(speaker, document=False)
            self.history.append(speaker)

    def resolve(self, phrase: str, at: int | None = None) -> Speaker:
        """The speaker ``phrase`` stands for; ``at`` is where the phrase is in the text, so that
        "he" and "she" can go to a person named just before."""
        lowered = phrase.strip().lower()
        final = lowered.rsplit(maxsplit=1)[-1] if " " in lowered else ""
        if final in _TRAILING_PRONOUNS:
            # "A few minutes later they", "a decision they", "Ever since she": a clause
            # boundary was missed; the pronoun is the subject.
            offset = phrase.lower().rfind(final)
            return self.resolve(phrase[offset:], None if at is None else at + offset)
        leading = _LEADING_PRONOUN.match(phrase)
        if leading is not None:
            # "He's comparing the plan to ...", "She released a statement": the verb went into
            # the phrase; the pronoun before it is the subject.
            return self.resolve(leading.group(1), None if at is None else at + leading.start(1))
        if lowered in cues.RUSSIAN_POSSESSIVES:
            return self._pronoun(cues.RUSSIAN_POSSESSIVES[lowered], phrase)
        speaker = self._described.get(phrase)
        if speaker is None:
            speaker = self._described[phrase] = describe(phrase, self.index)
        if (
            speaker.pronoun is None
            and at is not None
            and self.people is not None
            and not speaker.plural
            and not speaker.document
            and speaker.kind in _APPOSED_KINDS
            and phrase[:1].islower()
            and phrase.split()[0] not in _POSSESSIVE_DETERMINERS
            and cues.NUMBER_WORDS.get(phrase.split()[0], 1) == 1
            and not phrase[:1].isdigit()
            and not any(self.index.person(w) for w in tokens(phrase) if _is_capitalised(w))
        ):
            # "Ada Kowal, a former mayor, said": the role in apposition is the person named.
            named = self.people.apposed_to(at, at + len(phrase))
            if named is not None:
                earlier = next((h for h in reversed(self.history) if h.name == named), None)
                return earlier or Speaker(named, "person", count=1, head=_bare(named.split()[-1]))
        if speaker.pronoun in ("he", "she") and at is not None and self.people is not None:
            last = next((h.name for h in reversed(self.history) if h.kind == "person"), None)
            spoken = frozenset(h.name for h in self.history if h.kind == "person" and h.name)
            named = self.people.named_before(at, speaker.pronoun, last, spoken)
            if named is not None:
                surname = named.split()[-1]
                earlier = next((h for h in reversed(self.history) if h.name == named), None)
                return earlier or Speaker(named, "person", count=1, head=_bare(surname))
        if speaker.pronoun == "they" and at is not None and self.people is not None:
            plural = tuple(h.name for h in reversed(self.history) if h.plural and h.name)
            back_from = at if self.groups is None else self.groups.looks_back_from(at)
            group = self.people.plural_subject_before(back_from, plural)
            if self.groups is not None and (group is None or not plural_pronouns.people(group)):
                group = self.groups.group_for(at, plural) or group
            if group is not None:
                return describe(group, self.index)
        if speaker.pronoun == "it" and at is not None and self.people is not None:
            document = self.people.document_before(at)
            if document is None and self.groups is not None:
                document = self.groups.body_for(at)
            if document is not None:
                return describe(document, self.index)
        if speaker.pronoun is not None:
            resolved = self._pronoun(speaker.pronoun, phrase, speaker)
            if (
                resolved.name == phrase.strip()
                and speaker.pronoun in ("he", "she")
                and at is not None
                and self.people is not None
            ):
                # Nobody quoted or named nearby: the last person named before.
                named = self.people.last_named(at, speaker.pronoun)
                if named is not None:
                    return Speaker(named, "person", count=1, head=_bare(named.split()[-1]))
            return resolved
        bare = phrase.strip()
        if (
            " " not in bare
            and bare.islower()
            and _is_cyrillic(bare)
            and speaker.kind in ("government_body", "organisation", "media_outlet")
        ):
            # Russian has no "the": "по информации издания" is the outlet named before.
            for earlier in reversed(self.history):
                if earlier.kind == speaker.kind:
                    return earlier
        definite = _DEFINITE.match(phrase.strip())
        if definite and len(tokens(phrase)) <= 3 and speaker.head is not None:
            head = _head_key(speaker.head)
            for earlier in reversed(self.history):
                if (
                    _head_key(earlier.head) == head
                    and earlier.name
                    and earlier.name.lower() != lowered
                ):
                    return replace(
                        earlier,
                        count=earlier.count if speaker.plural else speaker.count or earlier.count,
                    )
            if speaker.head in _COMPANY_WORDS:
                # "the company": the last company that spoke, else the only one the article
                # names (of several, news often means another than the first).
                for earlier in reversed(self.history):
                    if earlier.kind == "organisation" and earlier.name:
                        return earlier
                sole = self.index.sole_organisation
                if sole:
                    return Speaker(sole, "organisation", head=speaker.head)
        return speaker

    def _pronoun(self, pronoun: str, phrase: str, speaker: Speaker | None = None) -> Speaker:
        for earlier in reversed(self.history):
            if (
                pronoun in ("he", "she")
                and earlier.kind == "person"
                and not earlier.plural
                and (self.people is None or self.people.agrees(earlier.name, pronoun))
            ):
                return earlier
            if pronoun == "they" and earlier.plural:
                return earlier
            if pronoun == "it" and earlier.kind in (
                "government_body",
                "organisation",
                "media_outlet",
            ):
                return earlier
            if pronoun == "another" and earlier.kind == "described_group" and earlier.name:
                words = earlier.name.split()
                if words and (
                    words[0].lower() in cues.NUMBER_WORDS or words[0].lower() in ("the", "a")
                ):
                    words = words[1:]
                if earlier.plural and words and words[-1].endswith("s"):
                    words[-1] = words[-1][:-1]
                return replace(earlier, name="another " + " ".join(words), count=1, plural=False)
            if pronoun == "one-of" and earlier.kind == "described_group" and earlier.plural:
                count = speaker.count if speaker is not None else None
                return replace(earlier, count=count or 1, plural=(count or 1) > 1)
        if pronoun == "they":
            # No plural speaker before: the last unnamed source will do, else the last body
            # ("the campaign said ... they added").
            for earlier in reversed(self.history):
                if earlier.kind == "described_group":
                    return earlier
            for earlier in reversed(self.history):
                if earlier.kind in ("organisation", "government_body", "media_outlet"):
                    return earlier
        fallback = speaker or Speaker(None, "unknown")
        return replace(fallback, name=phrase.strip())
