"""A speaker phrase cut back to the noun phrase that names the speaker.

The words before a reporting verb are not always the speaker's: "Democrats don't think",
"the candidates briefly disclosed", "The committee released a statement on Monday, offering"
leave an auxiliary, an adverb or a whole clause in front of the verb. The speaker is the noun
phrase before the first finite verb of that stretch.
"""

from __future__ import annotations

import re

from claimtracker.assistant.cues import words

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


def cut_speaker_phrase(phrase: str) -> str:
    """``phrase`` up to its first finite verb, and without the adverbs before it; a phrase
    without either is returned as it is."""
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
        if len(parts) > _LONG_PHRASE_WORDS and _is_past_verb(parts, k):
            end = k
            break
    end = _without_time(parts, end)
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
