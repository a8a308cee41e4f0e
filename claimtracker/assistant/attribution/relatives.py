"""Relative and parenthetical forms: "..., Labor Secretary X, who said he expects ...", "Many of the
closures, he said, involved ...", and a group before "who say" ("Republicans who say ...").
"""

from __future__ import annotations

import re

from claimtracker.assistant.attribution.nouns import is_source_noun, lowercase_subject_ok
from claimtracker.assistant.attribution.phrases import is_adverbial, looks_like_subject
from claimtracker.assistant.attribution.results import Attribution
from claimtracker.assistant.attribution.tokens import (
    ALL_REPORTING_VERBS,
    WORD,
    Token,
    _chunks,
    _words,
    content_after,
    new_token,
    strip_span,
)
from claimtracker.assistant.attribution.verbs import Verb, verb_ok
from claimtracker.assistant.attribution.vocabulary import (
    FINITE_NON_REPORTING,
    MAX_ADVERBIAL_WORDS,
    MIN_WHO_CONTENT_WORDS,
    NAME_RUN_STOP,
    SEPARATOR_BETWEEN,
    THAT,
)
from claimtracker.assistant.cues import words

_MAX_PARENTHESIS_WORDS = 8


_GROUP_DETERMINERS = words("the a an some many most all several other these those few")
_WHO_BEFORE = re.compile(r"\s+who(?:\s+(?:also|have|has|had|now|still|often|all))*\s+$")
_MAX_ANTECEDENT_WORDS = 4


def group_who_says(text: str, base: int, masked: str, verbs: list[Verb]) -> Attribution | None:
    """ "... ammunition to Republicans who say the law is a money pit", "... 18% who say they
    would be dissatisfied": the people right before "who" speak the clause after the verb."""
    for verb in verbs:
        ok, passive = verb_ok(masked, verb)
        if not ok or passive or verb.lower.endswith("ing"):
            continue
        who = _WHO_BEFORE.search(masked, max(0, verb.start - 40), verb.start)
        if who is None:
            continue
        tokens = [
            new_token(Token, (m.group(), m.group().lower(), *m.span()))
            for m in WORD.finditer(masked, max(0, who.start() - 80), who.start())
        ]
        if not tokens or SEPARATOR_BETWEEN.search(masked, tokens[-1].end, who.start()):
            continue
        k = len(tokens)
        while (
            k > 0
            and len(tokens) - k < _MAX_ANTECEDENT_WORDS
            and not SEPARATOR_BETWEEN.search(
                masked, tokens[k - 1].end, tokens[k].start if k < len(tokens) else who.start()
            )
            and (tokens[k - 1].lower not in NAME_RUN_STOP or tokens[k - 1].lower == "of")
            and tokens[k - 1].lower not in ALL_REPORTING_VERBS
            and tokens[k - 1].lower not in FINITE_NON_REPORTING
        ):
            k -= 1
            if tokens[k].lower in _GROUP_DETERMINERS:
                break  # "some Democratic lawmakers who thought": the determiner opens the group
        run = tokens[k:]
        while run and (run[0].lower in ("of", "and", "or") or run[0].lower.endswith("ing")):
            run = run[1:]
        if not run:
            continue
        head = run[-1]
        if not (
            is_source_noun(head.lower)
            or masked[head.end : head.end + 1] == "%"
            or head.lower in ("percent", "people", "those", "voters")
            or head.text[:1].isupper()
        ):
            continue
        content = content_after(masked, verb.end)
        if content is None:
            continue
        c_start, c_end = content
        return Attribution(
            speaker_start=base + run[0].start,
            speaker_end=base + head.end + (masked[head.end : head.end + 1] == "%"),
            descriptor_start=base + run[0].start,
            descriptor_end=base + verb.end,
            cue=verb.text,
            pattern="leading",
            content_start=base + c_start,
            content_end=base + c_end,
        )
    return None


_DEMONSTRATIVES = words("that this these those it such")


#: What may stand between "who" and its verb: "who has repeatedly pledged", "who's argued".
_WHO_AUXILIARIES = r"(?:(?:also|later|has|had|have|long|often|already|[a-z]+ly)\s+)*"
_NAME_BEFORE_WHO = re.compile(
    # "The Harbor Gazette, which reported that": an organisation's "which" too
    r"((?:[A-Z][\w.'’\-]*\s+){0,4}[A-Z][\w.'’\-]*)(?:\s*\([^)]*\))?,\s+(?:who|which)(?:\s+|['’]s\s+)"
    + _WHO_AUXILIARIES
    + "$"
)


_PHRASE_BEFORE_WHO = re.compile(
    # "the Mexican president, who said": an adjective may be capitalised, the head is not
    r"\b((?:a|an|one|some|many|several|other|the)\s+(?:[\w'’\-]+\s+){0,3}[a-z][\w'’\-]*),"
    r"\s+who(?:\s+|['’]s\s+)" + _WHO_AUXILIARIES + "$"
)


#: "Ada Kowal, the director of the Harbor Alliance for Fair Fares, who said": the name before
#: ", who" closes an apposition ("the director of ..."); the person is the name before it.
_WHO = re.compile(r",\s+who\b")
_APPOSITION_BEFORE_NAME = re.compile(
    r"((?:[A-Z][\w.'’\-]*\s+){0,3}[A-Z][\w.'’\-]*),\s+(?:a|an|the)\s+[a-z][^,;:\"“”()]*?"
    r"\s(?:of|for|at|in|with|from)\s+[^,;:\"“”()]*$"
)


def who_said(text: str, base: int, masked: str, verbs: list[Verb]) -> Attribution | None:
    """ "... with help from Labor Secretary Thomas Perez, who said he expects ...": the name
    before ", who" speaks what follows the verb."""
    for verb in verbs:
        ok, passive = verb_ok(masked, verb)
        if not ok or passive or verb.lower.endswith("ing"):
            continue
        name = _NAME_BEFORE_WHO.search(masked, 0, verb.start)
        if name is None:
            # "... was from a young child, who said he drove ...": a described person.
            name = _PHRASE_BEFORE_WHO.search(masked, 0, verb.start)
            if name is None or not looks_like_subject(masked, *name.span(1)):
                continue
        speaker = name.span(1)
        if _WHO.search(name.group(0)):  # "which" is said of the body itself
            apposed = _APPOSITION_BEFORE_NAME.search(masked, 0, name.start(1))
            if apposed is not None:
                speaker = apposed.span(1)
        c_start, c_end = strip_span(masked, verb.end, len(masked), " \t\n.!?:,")
        that = THAT.match(masked, c_start)
        if that:
            c_start = strip_span(masked, that.end(), c_end)[0]
        if len(_words(masked, c_start, c_end)) < MIN_WHO_CONTENT_WORDS:
            continue
        return Attribution(
            speaker_start=base + speaker[0],
            speaker_end=base + speaker[1],
            descriptor_start=base + speaker[0],
            descriptor_end=base + verb.end,
            cue=verb.text,
            pattern="who",
            content_start=base + c_start,
            content_end=base + c_end,
        )
    return None


_PARENTHESIS_CLOSE = re.compile(r"[^,;:.!?_]{0,40}?,")


def parenthetical(text: str, base: int, masked: str, verbs: list[Verb]) -> Attribution | None:
    """ "Many of the closures, he said, involved public courses": the speaker and the verb set
    off by commas inside the sentence they attribute."""
    for verb in verbs:
        ok, passive = verb_ok(masked, verb)
        if not ok or passive or verb.lower.endswith("ing"):
            continue
        close = _PARENTHESIS_CLOSE.match(masked, verb.end)
        if close is None or len(_words(masked, verb.end, close.end())) > MAX_ADVERBIAL_WORDS:
            continue
        open_at = masked.rfind(",", 0, verb.start)
        if open_at < 0:
            continue
        before_open = _words(masked, 0, open_at)
        if len(before_open) < 2 and not (before_open and before_open[0].lower() in _DEMONSTRATIVES):
            continue  # "That, the commission said, would help": one word will do
        if is_adverbial(masked, *_chunks(masked, 0, open_at)[-1]):
            continue  # "In a statement, the ministry said, ...": a leading attribution
        s_start, s_end = strip_span(masked, open_at + 1, verb.start)
        words = _words(masked, s_start, s_end)
        if not words or len(words) > _MAX_PARENTHESIS_WORDS:
            continue
        if not looks_like_subject(masked, s_start, s_end):
            continue
        if words[0][0].islower() and not lowercase_subject_ok(words[0].lower()):
            continue
        c_start, c_end = strip_span(masked, 0, len(masked), " \t\n.!?")
        return Attribution(
            speaker_start=base + s_start,
            speaker_end=base + s_end,
            descriptor_start=base + s_start,
            descriptor_end=base + close.end() - 1,
            cue=verb.text,
            pattern="parenthetical",
            content_start=base + c_start,
            content_end=base + c_end,
        )
    return None
