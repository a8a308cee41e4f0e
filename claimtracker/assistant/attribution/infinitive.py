"""A reporting verb in the infinitive: its object speaks after a causative verb ("led Chairman X to
declare"), else the subject of the main clause ("X went on the radio to declare").
"""

from __future__ import annotations

import re

from claimtracker.assistant.attribution.main_clause import _main_subject
from claimtracker.assistant.attribution.phrases import looks_like_subject
from claimtracker.assistant.attribution.results import Attribution
from claimtracker.assistant.attribution.tokens import (
    WORD,
    Token,
    content_after,
    new_token,
    statement_in,
)
from claimtracker.assistant.attribution.verbs import NO_ANSWER_VERBS, Verb, catenative_start
from claimtracker.assistant.cues import words

#: Verbs that make their object speak: "the win led Priebus to declare ...".
_CAUSATIVE = words(
    """
    led leads prompted prompts pressed urged asked forced allowed caused invited encouraged
    pushed moved
    """
)
#: Words before "to" that say the speaking did not happen or is only wished for.
_NO_SPEAKING_BEFORE_TO = words(
    """
    declined declines refused refuses refusing unwilling reluctant failed fails want wants
    wanted plan plans planned hope hopes hoped expected expects expect likely unlikely able
    unable not never n't going set due ready trying tried try has have had is was are were be
    meant opportunity position bid determined soon order chance time way need needs needed
    fair safe needless suffice
    """
)
_COMPARED = words("more less most least")
#: Infinitives that report too little to stand alone: "to respond", "to write", "to show".
_WEAK_INFINITIVES = NO_ANSWER_VERBS | words("write show describe reveal find comment admit charge")
_TO_BEFORE = re.compile(r"\bto\s+$")


def infinitive_report(text: str, base: int, masked: str, verbs: list[Verb]) -> Attribution | None:
    """A reporting verb in the infinitive: its object speaks after a causative verb ("the win
    led Chairman Ada Kowal to declare ..."), else the subject of the main clause ("Hale went on
    the radio to declare ...", "X is correct to note that ..."); not "declined to say"."""
    local = text[base : base + len(masked)]
    for verb in verbs:
        if verb.previous != "to" or verb.lower.endswith("ing") or verb.lower in _WEAK_INFINITIVES:
            continue
        to = _TO_BEFORE.search(masked, max(0, verb.start - 10), verb.start)
        if to is None or catenative_start(masked, verb) is not None:
            continue
        before = [
            new_token(Token, (m.group(), m.group().lower(), *m.span()))
            for m in WORD.finditer(masked, max(0, to.start() - 80), to.start())
        ]
        # "voters were more likely to say": a poll's finding, not a wish
        compared = (
            len(before) > 1 and before[-1].lower == "likely" and before[-2].lower in _COMPARED
        )
        if not before or (
            not compared
            and any(
                t.lower in _NO_SPEAKING_BEFORE_TO or t.lower.endswith(("n't", "n’t"))
                for t in before[-4:]
            )
        ):
            continue
        k = len(before)
        while k > 0 and before[k - 1].text[:1].isupper():
            k -= 1
        subject: tuple[int, int, int] | None = None
        if k < len(before) and k > 0 and before[k - 1].lower in _CAUSATIVE:
            subject = before[k].start, before[-1].end, before[k].start
        elif not any(t.lower in _CAUSATIVE for t in before[-4:]):
            subject = _main_subject(masked, local, to.start())
        if subject is None or not looks_like_subject(masked, subject[0], subject[1]):
            continue
        content = content_after(masked, verb.end)
        if content is None:
            continue
        c_start, c_end = content
        return Attribution(
            speaker_start=base + subject[0],
            speaker_end=base + subject[1],
            descriptor_start=base + subject[2],
            descriptor_end=base + verb.end,
            cue=masked[to.start() : verb.end],
            pattern="leading",
            content_start=base + c_start,
            content_end=base + c_end,
            statement=statement_in(masked, 0, len(masked)),
        )
    return None
