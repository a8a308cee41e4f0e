"""A speaker phrase cut back to the noun phrase that names the speaker.

The words before a reporting verb are not always the speaker's: "Democrats don't think",
"the candidates briefly disclosed", "The committee released a statement on Monday, offering"
leave an auxiliary, an adverb or a whole clause in front of the verb. The speaker is the noun
phrase before the first finite verb of that stretch.
"""

from __future__ import annotations

import re

from claimtracker.assistant.cues import NUMBER_WORDS, words

#: Finite auxiliaries, modals and their negations: the subject ends before them.
_FINITE = words(
    """
    is are was were has have had will would can could may might should must shall does do did
    isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't cannot couldn't
    mightn't shouldn't mustn't doesn't don't didn't
    """
)
#: Adverbs that stand between a subject and its verb ("Sanders also", "the candidates briefly").
_ADVERB = re.compile(r"^[a-z]{4,}ly$")
#: Nouns and names that end like an adverb: "the foundation's tally", "the family".
_NOT_ADVERBS = words("family assembly monopoly anomaly supply reply rally tally ally italy july")
_ADVERBS = words("quite also still just even never not often always already again soon then")
#: Days and months that may follow a subject before its verb ("Kowal on Thursday said").
_TIME_NAMES = words(
    """
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight january
    february march april june july august september october november december
    """
)
_TIME_LEADS = words("on in later earlier last this next late early")
#: A personal pronoun is the whole subject: what follows it is the rest of its clause.
_SUBJECT_PRONOUNS = words("he she they we i")
#: Words before a past form that make no speaker of it: "It involved ...", "The ...".
_NOT_SUBJECTS = words("the a an it this that there these those")
#: A phrase longer than this with a past-tense verb after a name holds a clause.
_LONG_PHRASE_WORDS = 6


def _normal(word: str) -> str:
    return word.lower().replace("’", "'")


def _is_past_verb(words_: list[str], k: int) -> bool:
    """ "The Harbor Committee released a statement": a past form right after a name."""
    word = words_[k]
    before = words_[k - 1]
    return (
        word.islower()
        and word.endswith("ed")
        and len(word) > 4
        and "-" not in word
        and before[:1].isupper()
        and before.lower() not in _NOT_SUBJECTS
    )


#: A phrase longer than this may hold an insert or a clause after its noun.
_SHORT_PHRASE_WORDS = 5


def _verb_with_object(parts: list[str], k: int) -> bool:
    """ "The memo quoted a ferry clerk who ...": a past form after a noun, then an article."""
    word = parts[k]
    return (
        2 <= k <= 4
        and k + 1 < len(parts)
        and parts[0].lower() in ("the", "a", "an", "this")
        and word.islower()
        and word.endswith("ed")
        and parts[k - 1].isalpha()
        and parts[k - 1].islower()
        and parts[k + 1].lower() in ("a", "an", "the")
    )


def _adverb_then_verb(parts: list[str], k: int) -> bool:
    """ "the leaflets openly mock the levy": an adverb between a plural noun and a verb; not
    "newly printed timetables", "most of them fairly calm"."""
    return (
        k >= 2
        and k + 1 < len(parts)
        and parts[k - 1].isalpha()
        and parts[k - 1].islower()
        and parts[k - 1].endswith("s")
        and len(parts[k - 1]) > 3
        and not parts[k + 1].endswith("ed")
        and _ADVERB.match(parts[k]) is not None
        and parts[k] not in _NOT_ADVERBS
        and parts[k + 1].isalpha()
        and parts[k + 1].islower()
    )


_AGO_WORDS = words(
    """
    less more than about nearly just almost only a an few couple of several some day days week
    weeks month months year years hour hours minute minutes
    """
)


def _without_ago(parts: list[str], end: int) -> int:
    """Where the speaker ends before "three days ago" after its noun: "The Harbor Board only
    three days ago"."""
    if end < 3 or parts[end - 1].lower().strip(",") != "ago":
        return end
    k = end - 1
    while k > 1 and (
        parts[k - 1].lower() in _AGO_WORDS
        or parts[k - 1].lower() in NUMBER_WORDS
        or parts[k - 1][:1].isdigit()
    ):
        k -= 1
    before = parts[k - 1]
    if (
        k == end - 1
        or before.lower() in _ADVERBS
        or before.lower() in _AGO_WORDS
        or not before.strip(",").isalpha()
    ):
        return end  # "Only two days ago" names no one at all
    return k


def _without_time(parts: list[str], end: int) -> int:
    """Where the speaker ends before a day or month after a name: "Priebus later Thursday",
    "Ada Kowal on Monday"; not "USA TODAY" nor "a poll released Thursday"."""
    k = end
    if k < 2 or not parts[k - 1].istitle() or parts[k - 1].lower() not in _TIME_NAMES:
        return end
    k -= 1
    while k > 1 and parts[k - 1].lower() in _TIME_LEADS:
        k -= 1
    return k if parts[k - 1][:1].isupper() else end


#: Prepositions and adverbs that open a fronted phrase, never a speaker's name: "Inside the
#: hall, ...", "Following a rally, ...", "despite being ...", "Ever since ...".
_FRONTED = words(
    """
    in inside outside at on after before during following despite against amid among upon from
    with without under over through throughout beyond within across behind beside near toward
    towards into onto unlike ever perhaps maybe
    """
)
#: Conjunctions that open a clause of their own, whose subject may still be the speaker: "As
#: the Gazette reported", "When Hale said".
_SUBORDINATORS = words("as when whenever while since once until because although though if unless")
#: What follows a participle that opens a fronted clause: "Touring the harbor", "Speaking to
#: riders"; not "Leading engineers", "Visiting crews".
_PARTICIPLE_NEXT = words(
    """
    the a an his her their its to on in at with about for from later after before during this
    that last again
    """
)
#: A comma or dash that closes a fronted phrase; the subject comes after the last one.
_FRONT_END = re.compile(r",\s+|\s+(?:--|—|–|-)\s+")
#: What may open the subject after a fronted phrase: "..., as the Gazette reported".
_SUBJECT_LEADS = words("as and but")
_DETERMINERS_OR_PRONOUNS = words(
    "the a an this that these those he she they we i it some many most few several both all"
)


def _starts_subject(words_: list[str]) -> bool:
    first = words_[0]
    return first[:1].isupper() or first.lower() in _DETERMINERS_OR_PRONOUNS


def _after_fronted(phrase: str) -> str | None:
    """The subject after a fronted phrase ("Inside the hall - a barn, really - Ada Kowal" ->
    "Ada Kowal", "Frankly the mayor" -> "the mayor"), or None when the phrase opens with no
    fronted phrase or no subject follows it."""
    parts = phrase.split()
    lower = _normal(parts[0].strip(",;:"))
    participle = (
        lower.endswith("ing") and len(parts) > 1 and parts[1].strip(",") in _PARTICIPLE_NEXT
    )
    adverb = parts[0][:1].isupper() and _ADVERB.match(lower) and lower not in _NOT_ADVERBS
    if len(parts) < 2 or not (lower in _FRONTED or lower in _SUBORDINATORS or participle or adverb):
        return None
    pieces = [p.split() for p in _FRONT_END.split(phrase) if p.strip()]
    if len(pieces) > 1:
        subject = pieces[-1]
        while len(subject) > 1 and subject[0].lower() in _SUBJECT_LEADS:
            subject = subject[1:]
        if _starts_subject(subject) and subject[0].lower() not in _FRONTED:
            return " ".join(subject)
        return None
    if lower in _SUBORDINATORS and _starts_subject(parts[1:]):
        return " ".join(parts[1:])  # "As the Gazette", "When Hale"
    if (adverb or lower in ("perhaps", "maybe")) and (
        parts[1][:1].isupper() or parts[1].lower() in _SUBJECT_PRONOUNS
    ):
        return " ".join(parts[1:])  # "Frankly I", "Certainly Ada Kowal"; not "Nearly half"
    return None


def cut_speaker_phrase(phrase: str) -> str:
    """``phrase`` up to its first finite verb, and without the adverbs before it; a phrase
    without either is returned as it is."""
    phrase = _after_fronted(phrase) or phrase
    parts = phrase.split()
    if len(parts) < 2:
        return phrase
    if parts[0].lower() in _SUBJECT_PRONOUNS and parts[1].lower() not in ("and", "or", "&"):
        return parts[0]  # "he all but accused", "she often speaks of ... and she tells"
    end = len(parts)
    for k in range(1, len(parts)):
        word = parts[k].strip(",;:")
        lower = _normal(word)
        if lower in ("who", "which", "that", "whose"):
            return phrase  # a relative clause: "an aide who has worked for both"
        if word.islower() and (lower in _FINITE or lower.endswith("n't")):
            end = k
            break
        if len(parts) > _LONG_PHRASE_WORDS and (
            _is_past_verb(parts, k) or _verb_with_object(parts, k) or _adverb_then_verb(parts, k)
        ):
            end = k
            break
        if (
            len(parts) > _SHORT_PHRASE_WORDS
            and word == "-"
            and k > 1
            and not any("(" in w or ")" in w for w in parts[:k])  # "May 3 (Wire) - "
        ):
            end = k  # "the Tax Office - a fraction of the budget": a hyphen typed for a dash
            break
    end = _without_ago(parts, _without_time(parts, end))
    while (
        end > 1
        and parts[end - 1].islower()
        and parts[end - 1] not in _NOT_ADVERBS
        and (_ADVERB.match(parts[end - 1]) or parts[end - 1] in _ADVERBS)
    ):
        end -= 1
    if end == len(parts):
        return phrase
    return " ".join(parts[:end]).rstrip(",;:")


def only_fronted(phrase: str) -> bool:
    """Whether a speaker phrase is only a fronted phrase, with no subject in it: "Touring the
    harbor towns", "Following a rally in Dover", "Ever since", "In Dover"."""
    parts = phrase.split()
    if not parts or _after_fronted(phrase) is not None:
        return False
    lower = _normal(parts[0].strip(",;:"))
    participle = (
        lower.endswith("ing") and len(parts) > 1 and parts[1].strip(",") in _PARTICIPLE_NEXT
    )
    amount = (
        lower in _AMOUNT_LEADS
        and len(parts) > 1
        and (parts[1].lower() in _AMOUNT_WORDS or parts[1][:1].isdigit())
    )
    return (lower in _FRONTED and not amount) or participle


#: What makes "At least ten", "Over half", "Under 30 percent" a count, not a fronted phrase.
_AMOUNT_LEADS = words("at over under about around")
_AMOUNT_WORDS = words("least most half all a one") | frozenset(NUMBER_WORDS)


#: Words that stand after a verb as its object, never as an inverted speaker.
_AMOUNT_PRONOUNS = words("little much nothing something everything anything more less")


def is_clause_after_verb(phrase: str) -> bool:
    """Whether the words after a reporting verb, taken for an inverted speaker ("..., said
    Ada Kowal"), are no noun phrase but the rest of a clause: a prepositional phrase ("warned
    against the new rules", "says despite her doubts"), a participle ("answered by tapping the
    desk", "say taxing fuel helps"), or a subject with its verb ("said builders eventually
    added a fee"); not "officials", "recently leaked documents"."""
    parts = phrase.split()
    if len(parts) == 1:
        return parts[0].lower() in _AMOUNT_PRONOUNS  # "said nothing", "said much"
    if not parts or not parts[0].islower():
        return False
    first = _normal(parts[0])
    if first in _FRONTED or (first.endswith("ing") and len(first) > 5):
        return True
    return any(
        parts[k - 1].isalpha()
        and parts[k - 1].islower()
        and _ADVERB.match(parts[k])
        and parts[k] not in _NOT_ADVERBS
        and parts[k + 1].islower()
        for k in range(1, len(parts) - 1)
    )
