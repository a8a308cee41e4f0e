"""The reporting verbs of a sentence (:func:`_verbs`) and the checks on each (:func:`verb_ok`): a
noun that looks like a verb ("a later tweet"), passives, catenatives ("declined to say"),
"states" of a written text, and participles that belong to a main clause.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

from claimtracker.assistant import cues
from claimtracker.assistant.attribution.tokens import ALL_REPORTING_VERBS, WORD
from claimtracker.assistant.attribution.vocabulary import NOUN_MARKERS, PRONOUN_HAS
from claimtracker.assistant.cues import words

_PREPOSITION = re.compile(r"(?:at|to|by|in|as|from|with|for)\b")
#: "called the allegations baseless", "called it a lie": the object of a characterisation.
_CHARACTERISED = words("the this that these those it them his her their its such")
_ADJECTIVES_OF_NOUNS = words(
    """
    new latest recent separate joint written original other previous annual initial january
    february march april june july august september october november december weekly monthly
    """
)
#: A determiner and an order word before a noun that is also a reporting verb: "a later tweet".
_ORDERED_NOUN = re.compile(
    r"(?i)\b(?:a|an|the|his|her|their|its|one|another)\s+"
    r"(?:later|earlier|second|third|subsequent|follow-up|final|first|last)\s+$"
)
_NOUN_FORMS = words(
    """
    tweet tweets report reports comment comments claim claims promise promises pledge pledges
    show shows estimate estimates forecast forecasts find finds statement remarks
    """
)
_THAT_LATER = re.compile(r"[^,;:.!?]{0,60}?\bthat\b")
_RESPONDED_TO = re.compile(r"\s+to\s+[^,;:.]{0,60}[.!?]?\s*$")
NO_ANSWER_VERBS = words("respond responded reply replied comment commented return returned")


class Verb(NamedTuple):
    """A reporting verb in a sentence, with the words on either side of it."""

    text: str
    lower: str
    start: int
    end: int
    previous: str | None  # lower case; None at the start of the sentence
    next: str | None


_new_verb = tuple.__new__  # skips NamedTuple's argument handling: this runs for every verb
_QUOTED = '"'
#: Verbs that assert only with what follows them: "testified that", "boasted: ...".
_ONLY_WITH_CONTENT = words(
    """
    testified testifies boast boasts boasted brag brags bragged maintain maintains maintained
    charge charges charged
    """
)
_CONTENT_OPENERS = frozenset(":,\"“‘'_")
_NOT_SPEECH_WITH = frozenset(
    [
        ("reported", "from"),
        ("reports", "from"),
        ("agree", "on"),
        ("agreed", "on"),
        ("agree", "to"),
        ("agreed", "to"),
        ("mentioned", "as"),
        ("agrees", "on"),
        ("adding", "to"),
        ("added", "to"),
        ("adds", "to"),
        ("think", "tank"),
        ("think", "tanks"),
        ("pledged", "delegates"),
        ("pledged", "delegate"),
        ("posted", "a"),
        ("posted", "an"),
        ("posted", "its"),
        ("posted", "his"),
        ("posted", "her"),
        ("posted", "their"),
    ]
)
#: "Trump added to People": whom one spoke to, not "adding to her lead".
_ADDED_TO_NAME = re.compile(r"\s+to\s+(?:the\s+)?[A-Z]")
#: "the morning shows, about one in three ...", "shows on cable": the noun, not the verb.
_SHOWS_NOUN_NEXT = words("in on of and or about for with from at to by")


#: The words :func:`_verbs` looks at more closely; every other word is passed over at once.
_VERB_CANDIDATES = ALL_REPORTING_VERBS | frozenset(cues.PARTICLE_VERBS) | {"states"}


def _verbs(masked: str) -> list[Verb]:
    """The reporting verbs of a masked sentence, in order, each with its neighbouring words."""
    words: list[str] = WORD.findall(masked)
    if _VERB_CANDIDATES.isdisjoint(words):
        return []  # one pass in C over the words: many sentences hold no reporting verb
    candidates = [k for k, word in enumerate(words) if word in _VERB_CANDIDATES]
    if not candidates:
        return []
    # The words' offsets, up to the last candidate only.
    matches = list(islice(WORD.finditer(masked), candidates[-1] + 1))
    verbs: list[Verb] = []
    for k in candidates:
        word = words[k]
        start, end = matches[k].span()
        previous: str | None = None
        if k > 0:
            previous = words[k - 1]
            if "_" in masked[matches[k - 1].end() : start]:
                previous = _QUOTED  # 'a "raw time," said X': the quote stands between
        particles = cues.PARTICLE_VERBS.get(word)
        if particles is not None:
            # "pointed out that ...": the verb and its particle are one cue.
            particle = WORD.match(masked, end + 1) if masked[end : end + 1] == " " else None
            if particle is None or particle.group() not in particles:
                continue
            end = particle.end()
        elif word not in ALL_REPORTING_VERBS and not _written_states(masked, word, end, previous):
            continue
        following = WORD.search(masked, end)
        verbs.append(
            _new_verb(
                Verb,
                (
                    masked[start:end],
                    word.lower(),
                    start,
                    end,
                    previous.lower() if previous is not None else None,
                    following.group().lower() if following is not None else None,
                ),
            )
        )
    return verbs


_STATES_NEXT = re.compile(r"\s*(?:[,:]|that\b)")
#: Besides documents ("the memo states"), what "states" may follow as a verb.
_BEFORE_STATES = words("it law bill constitution text page passage section clause verse sign")


def _written_states(masked: str, word: str, end: int, previous: str | None) -> bool:
    """ "The report states that ...", '"...," the memo states,': "states" as a reporting verb;
    never the noun ("five states", "the other states, ...")."""
    return (
        word == "states"
        and previous is not None
        and (previous.lower() in cues.DOCUMENT_HEADS or previous.lower() in _BEFORE_STATES)
        and _STATES_NEXT.match(masked, end) is not None
    )


_CATENATIVE = re.compile(
    r"(?i)\b(?:" + "|".join(re.escape(p) for p in cues.CATENATIVE_PHRASES) + r")\s+to\s+$"
)


def catenative_start(masked: str, verb: Verb) -> int | None:
    """Where "went on to" starts before "went on to say"; None without such a phrase."""
    if verb.previous != "to":
        return None
    match = _CATENATIVE.search(masked, max(0, verb.start - 40), verb.start)
    return match.start() if match else None


#: Reporting verbs that are also nouns ("a report", "his claims", "the warning").
_NOUN_LIKE = words(
    """
    report reports claim claims tweet tweets comment comments estimate estimates promise
    promises pledge pledges vow vows warning warnings remark remarks findings finding forecast
    forecasts answer answers reply replies post posts show shows find finds note notes call
    calls charge charges quote quotes point points boast boasts dispute disputes
    concern concerns response responses statement statements counter counters signal signals
    hint hints comment estimate
    """
)
_RELATIVE_MARKERS = words("that which whose")


def _only_a_verb(verb: Verb) -> bool:
    """Whether the reporting word can only be a verb here: "said", "warn", "insisted"; not
    "report" or "claims", which are nouns as often."""
    return verb.lower not in _NOUN_LIKE and not verb.lower.endswith("ing")


_BE_ADVERB_BEFORE = re.compile(
    r"\b(?:is|are|was|were|been)\s+(?:(?:[a-z]+ly|already|still|now|also|even)\s+)+$"
)


#: '"...," Kelly charged': a quote, then the subject right before the verb.
_QUOTE_THEN_SUBJECT = re.compile(
    r"\s*[\"“‘']*_+[,?!]?[\"”’']*\s+(?:the\s+)?(?:[A-Z][\w.'’\-]*\s+){0,3}[A-Za-z][\w.'’\-]*\s+$"
)


_NEXT_WORD = re.compile(r" [a-z]")
#: People named after a show: "a talk show host", "the show's producers".
_SHOW_PEOPLE = words("host hosts producer producers creator creators anchor anchors")


def _noun_before_verb(masked: str, verb: Verb) -> bool:
    """Whether a word that is a noun as often as a verb ("report", "show") is the noun here:
    straight before a reporting verb that can only be finite, or "show" before its host."""
    following = verb.next
    if (
        following is None
        or _only_a_verb(verb)
        or not verb.text.islower()
        or _NEXT_WORD.match(masked, verb.end) is None  # "Kowal hints; Says ...": two clauses
    ):
        return False
    if verb.lower in ("show", "shows") and following in _SHOW_PEOPLE:
        return True
    return (
        verb.previous is not None
        and following in ALL_REPORTING_VERBS
        and following not in _NOUN_LIKE
        and not following.endswith("ing")
    )


@lru_cache(maxsize=256)
def verb_ok(masked: str, verb: Verb) -> tuple[bool, bool]:
    """(usable as a reporting verb here, is passive).

    Cached: the forms of :mod:`finder` try the same verbs of one sentence in turn, and the
    answer depends on the masked sentence and the verb alone.
    """
    if verb.start > 0 and masked[verb.start - 1] in "-/":
        return False, False  # "rebel-held", "self-declared", "tips/quotes/photos"
    if masked[verb.end : verb.end + 1] in ("-", "/"):
        return False, False
    if verb.lower in ("called", "calls") and verb.next not in _CHARACTERISED:
        return False, False  # "called for a hearing", "a group called X": not "called it a lie"
    if (
        verb.lower in _ONLY_WITH_CONTENT
        and verb.next not in ("that", "about", "of")
        and (masked[verb.end : verb.end + 3].lstrip()[:1] not in _CONTENT_OPENERS)
        and not _QUOTE_THEN_SUBJECT.match(masked, 0, verb.start)
    ):
        return False, False  # "testified before the panel", "boasts a lead": no assertion
    if verb.lower in ("show", "shows") and verb.next in _SHOWS_NOUN_NEXT:
        return False, False
    if _noun_before_verb(masked, verb):
        return False, False  # "a police report indicates", "news reports say", "a talk show host"
    if (verb.lower, verb.next) in _NOT_SPEECH_WITH and not _ADDED_TO_NAME.match(masked, verb.end):
        return False, False  # "reported from Iraq", "agree on", "mentioned as a nominee"
    previous = verb.previous
    if previous is None:
        return True, False
    after = masked[verb.end : verb.end + 4].lstrip()
    if (
        masked[: verb.start].rstrip().endswith(",")
        and verb.lower not in cues.INVERTED_VERBS
        and verb.lower not in cues.DENIAL_VERBS
        and _PREPOSITION.match(after)
        and not _THAT_LATER.match(masked, verb.end)
        # "..., saying at one point, "...": a reporting participle before its quote
        and not (verb.lower in cues.SPEECH_PARTICIPLES and "_" in masked[verb.end :])
    ):
        # "..., estimated at 300 billion barrels": a participle; not "X, a contender, predicted
        # at the debate that ...".
        return False, False
    if verb.lower.endswith("ing") and _BE_ADVERB_BEFORE.search(
        masked, max(0, verb.start - 40), verb.start
    ):
        return True, False  # "are increasingly admitting", "is already claiming"
    if verb.lower.endswith("ing") and previous not in cues.BE_FORMS:
        # "the latest warning", "saying": a noun or a participle, not a finite verb; the trailing
        # ", adding that ..." is handled by the caller.
        return verb.lower in cues.SPEECH_PARTICIPLES and participle_of_main(masked, verb), False
    if verb.lower.endswith("ing"):
        return True, False  # "is saying": progressive, not passive
    finite = _only_a_verb(verb)
    if previous.endswith(("'s", "’s", "s'", "s’")) and previous not in PRONOUN_HAS and not finite:
        return (
            False,
            False,
        )  # "the company's report"; not "he's said", "a friend of the couple's, said"
    if previous in cues.BE_FORMS or previous in ("being", "getting"):
        return False, True
    if (previous in ("not", "never") or previous.endswith(("n't", "n’t"))) and (
        verb.lower in NO_ANSWER_VERBS
    ):
        return False, False  # "did not respond", "didn't reply": no assertion
    if (
        verb.lower in NO_ANSWER_VERBS
        and verb.next == "to"
        and _RESPONDED_TO.match(masked, verb.end)
    ):
        return False, False  # "responded to Henry's tweet.": whom, not what
    if previous in _ADJECTIVES_OF_NOUNS and not finite:
        return False, False  # "a new report", "the original tweet"; not "a poll in March found"
    if verb.lower in _NOUN_FORMS and _ORDERED_NOUN.search(
        masked, max(0, verb.start - 30), verb.start
    ):
        return False, False  # "In a later tweet", "his second post"
    if previous == "that" and masked[verb.end : verb.end + 1] == ",":
        return False, False  # "That said, ..."
    if (
        (previous == "to" and catenative_start(masked, verb) is None)
        or (previous in NOUN_MARKERS and not (finite and previous in _RELATIVE_MARKERS))
        or (previous in cues.NUMBER_WORDS and not finite)
    ) and not masked[: verb.start].rstrip().endswith(","):
        return False, False  # "to say", "the report", "one tweet"; not "X, for one, noted",
        # "businesses that warn", "two in three said"
    return True, False


_SEPARATOR_ADVERB = re.compile(r"(?:,|—|–|\s-|--)\s*(?:only|also|even|just|again|[a-z]+ly)$")


def after_comma(masked: str, verb: Verb) -> bool:
    """A comma or a dash before the participle: "X called for a ban, saying ...", "X flipped
    his vote – saying ..."."""
    before = masked[: verb.start].rstrip()
    if before.endswith((",", "—", "–", " -", "--")) or _SEPARATOR_ADVERB.search(before):
        return True  # "..., saying", "... - only saying"
    # 'mocked him as the "king of debt," noting ...': the comma went inside the quote
    return len(before) > 1 and before[-1] in "”\"'’" and before[-2] == "_"


#: "aside from stating that", "after saying that", "by claiming that": the main subject speaks.
_PARTICIPLE_PREPOSITIONS = words("from after before by in while when without upon")
#: "..., calling it a sham and asserting that ...": a second participle after the first.
_PARTICIPLE_BEFORE_AND = re.compile(r"[,—–]\s+[a-z]+ing\b[^,;:]*\s(?:and|but)\s+$")


#: "issued a statement Wednesday saying", "posted a video saying": the issuer speaks.
_ISSUED_NOUN_BEFORE = re.compile(
    r"\b(?:statement|release|note|letter|message|tweet|post|video|email|e-mail|memo|ad|op-ed"
    r"|response|article|column|editorial|filing|complaint|lawsuit|suit|sign|signs|banner"
    r"|banners|petition|report|interview)"
    r"(?:\s+(?:to|on|in|for|with|late|early|this|last|the|a|his|her|their|its)?\s*[\w'’]+){0,3}"
    r"\s+$"
)


def participle_of_main(masked: str, verb: Verb) -> bool:
    return (
        after_comma(masked, verb)
        or verb.previous in _PARTICIPLE_PREPOSITIONS
        or (
            verb.previous in ("and", "but")
            and _PARTICIPLE_BEFORE_AND.search(masked, max(0, verb.start - 150), verb.start)
            is not None
        )
        or _ISSUED_NOUN_BEFORE.search(masked, max(0, verb.start - 40), verb.start) is not None
    )
