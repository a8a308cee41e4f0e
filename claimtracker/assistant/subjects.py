"""The subject of a sentence's main clause when modifiers stand around it.

:mod:`attribution` finds the main subject of plain sentences ("Kowal said", "The mayor, a
sailor, said"). This module is its fallback for subjects that longer modifiers hide: a title and
adjectives before a name ("Harbor party nominee Ada Kowal issued"), a time or place after it
("Ada Kowal on Monday stepped up"), asides between it and its verb ("Hale, meanwhile, was
making", "Hale's aide, Bo Lund, defended"), and a leading adverbial ("Facing criticism, the
mayor released ..."). It works on the masked sentence (quotes blanked) and returns offsets.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from claimtracker.assistant import cues
from claimtracker.assistant.cues import words

_TOKEN = re.compile(r"[^\W_][\w'’.\-]*")
_CHUNK_BREAK = re.compile(r"\s*(?:,|;|\s[—–]\s|\s--\s|\s-\s|[—–])\s*")

#: Words that open an adverbial chunk before the subject ("In 2011, ...", "After the vote, ...").
_ADVERBIAL_OPENERS = words(
    """
    in on at after before during since while when as although though because if despite amid
    following unlike like with without for from by under over through upon once until within
    across last this earlier later meanwhile however still yet but and so then now today
    yesterday not only even indeed instead also again or already
    """
)
_SUBJECT_PRONOUNS = words("he she they we i it")
_DETERMINERS = words(
    """
    the a an his her their its our my this that these those one both some many most several
    all each every few another other former two three four five six seven eight nine ten
    eleven twelve dozens hundreds thousands senior top leading prominent
    """
)
#: Past tenses without "-ed" that follow a subject: "Hale went after ...", "Hale took aim".
_IRREGULAR_PAST = words(
    """
    made took gave went came spoke wrote sent held met left led ran won lost put set kept brought
    thought stood sought fought struck drew threw hit cut began became told said found saw shot
    stuck felt heard meant paid sold taught broke chose drove grew knew stole swore bought
    caught fled withdrew
    """
)
_BE_AND_AUXILIARIES = words(
    """
    is are was were has have had will would could can may might should must did does do
    """
)
#: Adverbs and time words that may stand between a subject and its verb.
_ADJUNCT_WORDS = words(
    """
    also even then again later still already once first just never now earlier recently
    previously meanwhile himself herself themselves itself however too jokingly
    """
)
_ADJUNCT_PREPOSITIONS = words("on in at during last this late early earlier")
_TIME_WORDS = words(
    """
    monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night
    week weekend month year day today yesterday tonight
    """
)
_PARTICLES_AFTER_PRESENT = words("on to into out up back down over in")
_PHRASAL_PLAIN = words("speak go turn come step weigh lash hit")
#: Present verbs that open a phrasal verb ("goes on to", "hits out at", "weighs in").
_PHRASAL_PRESENT = words("goes turns moves comes steps doubles weighs lashes hits speaks flies")
_NOT_SUBJECT_STARTS = words("there here what why how who whom which whose where such")
_MAX_SUBJECT_WORDS = 12
_MAX_ADJUNCT_WORDS = 4
_MAX_NAME_WORDS = 5


class _Word(NamedTuple):
    text: str
    lower: str
    start: int
    end: int


def _tokens(masked: str, start: int, end: int) -> list[_Word]:
    return [
        _Word(m.group(), m.group().lower(), m.start(), m.end())
        for m in _TOKEN.finditer(masked, start, end)
    ]


def _chunks(masked: str, limit: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _CHUNK_BREAK.finditer(masked, 0, limit):
        if match.start() > pos:
            spans.append((pos, match.start()))
        pos = match.end()
    if pos < limit:
        spans.append((pos, limit))
    return spans


def _finite(word: _Word, following: _Word | None) -> bool:
    """A verb in the past, an auxiliary or a negated auxiliary; a present verb before its
    object ("Hale rips the deal")."""
    lower = word.lower.rstrip(".")
    if not word.text.islower():
        return False
    if lower.endswith(("n't", "n’t")) or lower in _BE_AND_AUXILIARIES:
        return True
    if lower in _IRREGULAR_PAST:
        return True
    with_object = following is not None and following.lower in _DETERMINERS
    if lower.endswith("ed") and (lower not in cues.DESCRIPTIVE_PARTICIPLES or with_object):
        return True  # "released a statement", not "a report released Monday"
    present = lower.endswith("s") and not lower.endswith(("ss", "us", "is", "'s", "’s"))
    # "It goes on to fault ...", "Hale turns to the levy": a present verb before a particle
    with_particle = (
        lower in _PHRASAL_PRESENT
        and following is not None
        and following.lower in _PARTICLES_AFTER_PRESENT
    )
    # "Harbor leaders speak in one voice, arguing ...": a plural subject's phrasal verb
    plural_phrasal = (
        lower in _PHRASAL_PLAIN
        and following is not None
        and following.lower in _PARTICLES_AFTER_PRESENT
    )
    return (present and (with_object or with_particle)) or plural_phrasal


def _is_name(tokens: list[_Word]) -> bool:
    """A run of capitalised words (particles allowed inside): "Ada van Kowal", "Bo Lund Jr."."""
    if not tokens or len(tokens) > _MAX_NAME_WORDS or not tokens[0].text[:1].isupper():
        return False
    return all(t.text[:1].isupper() or t.lower in cues.NAME_PARTICLES for t in tokens)


def _is_adverbial_chunk(tokens: list[_Word]) -> bool:
    if not tokens:
        return True
    first = tokens[0].lower
    if first in _CONNECTIVES and len(tokens) > 1 and tokens[1].text[:1].isupper():
        return False  # "But Tom Fitton, the group's president, said"
    if first in _CONNECTIVES and _relative_head(tokens[1:]) is not None:
        return False  # "Yet some voters who heard him, at rallies or on the radio, said"
    return (
        first in _ADVERBIAL_OPENERS
        or first.endswith("ly")
        or (first.endswith(("ing", "ed")) and first not in _SUBJECT_PRONOUNS)
    )


def _subject_words(tokens: list[_Word]) -> bool:
    """Whether ``tokens`` can be a subject: a pronoun, or a noun phrase that opens with a
    determiner, a number or a capitalised word, and holds no verb."""
    if not tokens or len(tokens) > _MAX_SUBJECT_WORDS:
        return False
    first = tokens[0]
    if first.lower in _NOT_SUBJECT_STARTS or first.lower in _BE_AND_AUXILIARIES:
        return False  # "Does the candidate ...?": a question, no subject first
    if len(tokens) == 1 and first.lower in _SUBJECT_PRONOUNS:
        return True
    if not (first.text[:1].isupper() or first.text[:1].isdigit() or first.lower in _DETERMINERS):
        return False
    if first.lower in _ADVERBIAL_OPENERS and first.lower not in _DETERMINERS:
        return False
    last = tokens[-1].lower
    if last in _DETERMINERS or (last in cues.STOPWORDS and not tokens[-1].text[:1].isupper()):
        return False
    return not any(
        t.text.islower() and (t.lower in _BE_AND_AUXILIARIES or t.lower in _SUBJECT_PRONOUNS)
        for t in tokens[1:]
    )


def _adjunct(tokens: list[_Word]) -> bool:
    """Words between a subject and its verb that do not change who acts: adverbs, "on
    Thursday", "in Kentucky", "last week"."""
    if not tokens:
        return True
    if all(t.lower in _ADJUNCT_WORDS or t.lower.endswith("ly") for t in tokens):
        return True
    if len(tokens) > _MAX_ADJUNCT_WORDS or tokens[0].lower not in _ADJUNCT_PREPOSITIONS:
        return False
    return all(
        t.text[:1].isupper()
        or t.text[:1].isdigit()
        or t.lower in _TIME_WORDS
        or t.lower in ("the", "a", "this", "last", "next", "early", "late")
        for t in tokens[1:]
    )


def _verb_in(tokens: list[_Word]) -> int | None:
    """Where the main verb stands in a chunk that opens with its subject (None: no verb)."""
    for k in range(1, len(tokens)):
        following = tokens[k + 1] if k + 1 < len(tokens) else None
        if not _finite(tokens[k], following):
            continue
        # The subject ends before the first adjunct word that leads up to the verb.
        end = k
        for j in range(1, k):
            if _adjunct(tokens[j:k]):
                end = j
                break
        if _subject_words(tokens[:end]):
            return end
        return None
    return None


def main_subject(masked: str, limit: int) -> tuple[int, int, int] | None:
    """(start, end, descriptor start) of the main clause's subject before ``limit``, or None.

    The descriptor starts where the subject's chunk starts ("Hale's aide, Bo Lund, defended"
    names Bo Lund and shows the whole phrase)."""
    chunks = [(s, e, _tokens(masked, s, e)) for s, e in _chunks(masked, limit)]
    i = 0
    while i < len(chunks) - 1 and _is_adverbial_chunk(chunks[i][2]):
        i += 1
    if i >= len(chunks):
        return None
    _, _, tokens = chunks[i]
    while len(tokens) > 1 and tokens[0].lower in _CONNECTIVES:
        tokens = tokens[1:]  # "But other aides to the mayor have been urging ..."
    if not tokens:
        return None
    end = _verb_in(tokens)
    if end is not None:
        return tokens[0].start, tokens[end - 1].end, tokens[0].start
    if not _subject_words(tokens):
        return None
    # The subject fills its chunk: asides follow ("Hale, meanwhile, was", "Hale's aide, Bo
    # Lund, defended"), then a chunk that opens with the verb.
    name: list[_Word] | None = None
    for _, _, aside in chunks[i + 1 :]:
        if not aside:
            continue
        lead = 0
        while lead < len(aside) - 1 and (
            aside[lead].lower in _ADJUNCT_WORDS or aside[lead].lower.endswith("ly")
        ):
            lead += 1
        if aside[lead].text.islower() and _finite(
            aside[lead], aside[lead + 1] if lead + 1 < len(aside) else None
        ):
            chosen = name if name is not None and not _is_name(tokens) else tokens
            return chosen[0].start, chosen[-1].end, tokens[0].start
        if name is None and _is_name(aside):
            name = aside
    return None


_VERB_LEAD = words(
    "both all also have has had will would could can may might must did does do is are was were"
)
_CLAUSE_WORDS = words(
    "that which who whom whose when if because while although whether how what why where"
)
_MAX_LONG_SUBJECT_WORDS = 16


def _leads_to_verb(tokens: list[_Word]) -> bool:
    """Words that may stand between a subject and its reporting verb: "have", "both",
    "publicly", "have in the past", "on Monday"."""
    k = 0
    while k < len(tokens) and (
        tokens[k].lower in _VERB_LEAD
        or tokens[k].lower in _ADJUNCT_WORDS
        or (tokens[k].lower.endswith("ly") and tokens[k].text.islower())
    ):
        k += 1
    rest = tokens[k:]
    return not rest or _adjunct(rest) or [t.lower for t in rest] == ["in", "the", "past"]


def _long_subject_words(tokens: list[_Word]) -> bool:
    """A subject of up to sixteen words, which may open with a plural common noun
    ("proponents of the bill") and hold no clause of its own."""
    if not tokens or len(tokens) > _MAX_LONG_SUBJECT_WORDS:
        return False
    if any(t.lower in _CLAUSE_WORDS for t in tokens) or any(
        _finite(t, tokens[k + 1] if k + 1 < len(tokens) else None)
        and (k + 1 >= len(tokens) or tokens[k + 1].lower != "by")  # "records compiled by"
        for k, t in enumerate(tokens)
        if k > 0
    ):
        return False  # "the papers that Hale filed", "He and his sisters joined a group"
    first = tokens[0]
    plural_noun = (
        first.text.islower()
        and first.lower.endswith("s")
        and not first.lower.endswith(("ss", "us", "is", "ly"))
        and first.lower not in _ADVERBIAL_OPENERS
        and first.lower not in cues.STOPWORDS
    )
    described = (  # "harbor pilots", "hacking specialists"
        len(tokens) <= 3
        and all(t.text.islower() for t in tokens)
        and tokens[-1].lower.endswith("s")
        and not tokens[-1].lower.endswith(("ss", "us", "is"))
        and tokens[0].lower not in _ADVERBIAL_OPENERS
        and tokens[0].lower not in _CLAUSE_WORDS
        and tokens[0].lower not in _SUBJECT_PRONOUNS
    )
    titled_name = (  # "frontman Ada Kowal", "harbor pollster Bo Lund"
        3 <= len(tokens) <= _MAX_NAME_WORDS
        and tokens[0].text.islower()
        and tokens[0].lower not in _ADVERBIAL_OPENERS
        and _is_name(tokens[-2:])
        and all(t.text.islower() or _is_name([t]) for t in tokens)
    )
    return (
        plural_noun
        or described
        or titled_name
        or (
            _subject_words(tokens[:_MAX_SUBJECT_WORDS])
            and not any(
                t.text.islower()
                and (t.lower in _BE_AND_AUXILIARIES or t.lower in _SUBJECT_PRONOUNS)
                for t in tokens
            )
        )
    )


def subject_before(masked: str, limit: int) -> tuple[int, int] | None:
    """The subject of a reporting verb at ``limit`` that opens its clause after any leading
    adverbials: "Indeed, proponents of the harbor bill say", "Hale's friends and allies have
    in the past said", "A copy of the memo seen by the Gazette said"."""
    # A semicolon ends a clause: "The story never ran; my editor at the paper argued ...".
    semicolon = masked.rfind(";", 0, limit)
    chunks = [_tokens(masked, s, e) for s, e in _chunks(masked, limit) if s > semicolon]
    if masked[:limit].rstrip().endswith((",", "—", "–", " -")):
        chunks.append([])  # "Hale, in a column on Monday, wrote": the verb opens its chunk
    elif len(chunks) > 1 and len(chunks[-1]) > 1 and chunks[-1][0].lower in _CONNECTIVES:
        chunks = [chunks[-1][1:]]  # "..., yet harbor officials said": a clause of its own
    i = 0
    while i < len(chunks) - 1 and _is_adverbial_chunk(chunks[i]):
        i += 1
    if not chunks or not chunks[i]:
        return None
    tokens = chunks[i]
    while len(tokens) > 1 and tokens[0].lower in _CONNECTIVES:
        tokens = tokens[1:]  # "But harbor pilots say"
    if i < len(chunks) - 1:
        return _subject_with_asides(tokens, chunks[i + 1 :])
    if (
        len(tokens) == 1
        and tokens[0].lower[:-2] in _SUBJECT_PRONOUNS
        and tokens[0].lower[-2:]
        in (
            "'s",
            "’s",
        )
    ):
        return tokens[0].start, tokens[0].end - 2  # "He's said": "He"
    for end in range(len(tokens), 0, -1):
        if _leads_to_verb(tokens[end:]) and _long_subject_words(tokens[:end]):
            return tokens[0].start, tokens[end - 1].end
    return _subject_with_relative(tokens)


_MAX_RELATIVE_WORDS = 10
#: How a relative clause about people goes on after "who": an auxiliary, an adverb, a verb.
_RELATIVE_LEADS = _BE_AND_AUXILIARIES | _IRREGULAR_PAST | _ADJUNCT_WORDS
_PLURAL_PEOPLE = words("people men women children those others")


def _relative_head(tokens: list[_Word]) -> list[_Word] | None:
    """ "pilots who have worked the harbor for years": the noun phrase before "who", when the
    relative clause after it (up to ten words, holding no clause of its own) runs to the end of
    ``tokens``; None for anything else."""
    k = next((k for k, t in enumerate(tokens) if t.lower == "who"), 0)
    if k == 0 or k + 1 >= len(tokens):
        return None
    head, clause = tokens[:k], tokens[k + 1 :]
    plain = len(head) <= 2 and head[-1].lower in _PLURAL_PEOPLE  # "people who ..."
    if not plain and (not _long_subject_words(head) or head[-1].lower in cues.STOPWORDS):
        return None
    lead = clause[0]
    if not (
        lead.text.islower() and (lead.lower in _RELATIVE_LEADS or lead.lower.endswith(("ed", "ly")))
    ):
        return None
    if len(clause) > _MAX_RELATIVE_WORDS or any(
        t.lower in _CLAUSE_WORDS or t.lower in _SUBJECT_PRONOUNS for t in clause
    ):
        return None
    return head


def _subject_with_relative(tokens: list[_Word]) -> tuple[int, int] | None:
    """ "Pilots who have worked the harbor for years say": the noun phrase before "who"
    speaks; the relative clause describes it. Offsets of the noun phrase."""
    for end in range(len(tokens), 2, -1):
        if _leads_to_verb(tokens[end:]):
            head = _relative_head(tokens[:end])
            if head is not None:
                return head[0].start, head[-1].end
    return None


_MAX_ASIDES = 5
_CONNECTIVES = words("but and so yet still then")


def _subject_with_asides(subject: list[_Word], rest: list[list[_Word]]) -> tuple[int, int] | None:
    """ "Some defenders of the levy, like Ada Kowal, a sailor, also argue": the subject's chunk,
    up to three asides, then the verb with nothing but auxiliaries and adverbs before it. A
    name in apposition to a description speaks ("Hale's aide, Bo Lund, has said")."""
    asides, last = rest[:-1], rest[-1]
    if not asides or len(asides) > _MAX_ASIDES or not _leads_to_verb(last):
        return None
    if not _long_subject_words(subject):
        # "Voters who heard him in the spring, at rallies or on the radio, said"
        subject = _relative_head(subject) or []
    if not subject or (_is_name(asides[0]) and _is_name(subject)):
        return None
    name = asides[0] if len(asides) == 1 and _is_name(asides[0]) else None
    chosen = name if name is not None else subject
    return chosen[0].start, chosen[-1].end


def subject_at_end(masked: str, verb_start: int, verb_end: int) -> tuple[int, int] | None:
    """The subject of a reporting verb that ends the sentence after a comma: "..., records
    compiled by the Harbor Board show." (start and end of the subject)."""
    if masked[verb_end:].strip(" \t\n.!?\"”’'_)"):
        return None
    comma = masked.rfind(",", 0, verb_start)
    if comma < 0:
        return None
    tokens = _tokens(masked, comma + 1, verb_start)
    for end in range(len(tokens), 0, -1):
        if _leads_to_verb(tokens[end:]) and _long_subject_words(tokens[:end]):
            return tokens[0].start, tokens[end - 1].end
    return None
