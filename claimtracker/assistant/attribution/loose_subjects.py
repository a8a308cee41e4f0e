"""Later resorts for a subject the leading form missed: a run of capitalised words right before the
verb, a name that opens the sentence with asides before its verb, a short phrase before "VERB
that", and a long or lower-case subject ("proponents of the harbor bill say").
"""

from __future__ import annotations

import re

from claimtracker.assistant import cues, subjects
from claimtracker.assistant.attribution.leading import leading_with_content
from claimtracker.assistant.attribution.main_clause import is_adverb
from claimtracker.assistant.attribution.nouns import is_source_noun
from claimtracker.assistant.attribution.phrases import (
    is_adverbial,
    is_name_chunk,
    looks_like_subject,
)
from claimtracker.assistant.attribution.results import Attribution
from claimtracker.assistant.attribution.tokens import (
    WORD,
    Token,
    _chunks,
    _words,
    content_end_before,
    new_token,
    strip_span,
)
from claimtracker.assistant.attribution.verbs import Verb, verb_ok
from claimtracker.assistant.attribution.vocabulary import (
    ADVERBIAL_STARTERS,
    FINITE_NON_REPORTING,
    IRREGULAR_PAST,
    LEADING_CONNECTIVES,
    MIN_NAME_RUN_CONTENT,
    NAME_RUN_STOP,
    NOUN_MARKERS,
    PRONOUN_HAS,
    SEPARATOR_BETWEEN,
    SUBJECT_PRONOUNS,
)
from claimtracker.assistant.cues import words

_BE_BEFORE_ING = re.compile(
    r"\b(?:is|are|was|were|been)\s+(?:(?:[a-z]+ly|already|still|now|also|even)\s+)*$"
)


def long_subject(text: str, base: int, masked: str, verbs: list[Verb]) -> Attribution | None:
    """The last resort: a long or lower-case subject right before its reporting verb
    ("Indeed, proponents of the harbor bill say ...")."""
    for verb in verbs:
        ok, passive = verb_ok(masked, verb)
        progressive = _BE_BEFORE_ING.search(masked, max(0, verb.start - 40), verb.start)
        if verb.lower.endswith("ing") and verb.previous in PRONOUN_HAS:
            ok, passive = True, False  # "He's telling allies that ..."
        elif (
            not ok
            or passive
            or verb.previous is None
            or (verb.lower.endswith("ing") and progressive is None)
        ):
            continue
        subject = subjects.subject_before(masked, verb.start)
        if subject is not None:
            found = leading_with_content(masked, base, subject[0], subject[1], verb)
            if found is None and "_" in masked[verb.end :]:
                # 'Hale, the board's chair, said that "the damage is done."': a quote
                found = leading_with_content(
                    text[base : base + len(masked)], base, subject[0], subject[1], verb
                )
            if found is not None:
                return found
        subject = subjects.subject_at_end(masked, verb.start, verb.end)
        if subject is not None and len(_words(masked, 0, subject[0])) >= MIN_NAME_RUN_CONTENT:
            # "..., records compiled by the Harbor Board show."
            return Attribution(
                speaker_start=base + subject[0],
                speaker_end=base + subject[1],
                descriptor_start=base + subject[0],
                descriptor_end=base + verb.end,
                cue=verb.text,
                pattern="trailing",
                content_start=base,
                content_end=base + content_end_before(masked, subject[0]),
            )
    return None


_MAX_FALLBACK_SUBJECT_WORDS = 12
_CLAUSE_CUT = words("who which whose whom where when that")
#: What opens the reported clause right after the verb: "showed that", "said he", a quote.
_CLAUSE_OPENERS = words("that he she they we i")


def phrase_before_that(text: str, base: int, masked: str, verbs: list[Verb]) -> Attribution | None:
    """The very last resort: "X ... VERB that ..." is a report whatever X is, when X is a
    short phrase after the last comma: "Surveys of caucus-goers taken as they entered the
    sites showed that ..."; the phrase is cut at a relative word."""
    for verb in verbs:
        opener = masked[verb.end : verb.end + 3].lstrip(" ,:")[:1]
        if verb.next not in _CLAUSE_OPENERS and not (opener and opener in '_"“'):
            continue
        ok, passive = verb_ok(masked, verb)
        if not ok or passive or verb.previous is None or verb.lower.endswith("ing"):
            continue
        floor = max(masked.rfind(sep, 0, verb.start) for sep in ",;:—–(")
        floor = max(floor + 1, 0)
        tokens = [
            new_token(Token, (m.group(), m.group().lower(), *m.span()))
            for m in WORD.finditer(masked, floor, verb.start)
        ]
        k = len(tokens)
        while k > 0 and (
            tokens[k - 1].lower in cues.AUXILIARIES
            or (tokens[k - 1].text.islower() and is_adverb(tokens[k - 1]))
        ):
            k -= 1
        tokens = tokens[:k]
        while tokens and (
            tokens[0].lower in LEADING_CONNECTIVES
            or tokens[0].lower in ADVERBIAL_STARTERS
            or tokens[0].lower.endswith("ing")
        ):
            tokens = tokens[1:]  # "including 18% who say": the share, not "including"
        for j, token in enumerate(tokens):
            if j > 0 and token.lower in _CLAUSE_CUT:
                tokens = tokens[:j]
                break
        if not tokens or len(tokens) > _MAX_FALLBACK_SUBJECT_WORDS:
            continue
        if tokens[0].lower in NAME_RUN_STOP or tokens[0].lower in ("there", "here", "it", "this"):
            continue
        if (
            any(t.lower in FINITE_NON_REPORTING or t.lower in IRREGULAR_PAST for t in tokens)
            or tokens[-1].lower in NAME_RUN_STOP
        ):
            continue  # a clause, not a subject
        if len(tokens) == 1 and tokens[0].text.islower() and not is_source_noun(tokens[0].lower):
            continue  # "one that believes that ..."
        s_start, s_end = tokens[0].start, tokens[-1].end
        if masked[s_end : s_end + 1] == "%":
            s_end += 1
        found = leading_with_content(masked, base, s_start, s_end, verb)
        if found is not None:
            return found
    return None


def opening_name(text: str, base: int, masked: str, verbs: list[Verb]) -> Attribution | None:
    """ "Ada Kowal, who at the time was a member of the Harbor Club, a group of sailors, said
    that ...": a sentence that opens with a name set off by a comma, and whose reporting verb
    comes right after a later comma, is the name's, however long the asides between."""
    chunks = _chunks(masked, 0, len(masked), text[base : base + len(masked)])
    if len(chunks) < 3:
        return None
    first = chunks[0]
    if not is_name_chunk(text[base : base + len(masked)], *first) or is_adverbial(masked, *first):
        return None
    words = _words(masked, *first)
    if len(words) < 2 and not words[0].isupper():
        return None  # "Yesterday, ...": a single capitalised word may be anything
    for verb in verbs:
        ok, passive = verb_ok(masked, verb)
        if not ok or passive or verb.lower.endswith("ing") or verb.start < first[1]:
            continue
        between = masked[: verb.start].rstrip()
        if not between.endswith(","):
            continue
        if ";" in masked[first[1] : verb.start] or "_" in masked[first[1] : verb.start]:
            continue
        s_start, s_end = strip_span(masked, *first)
        found = leading_with_content(masked, base, s_start, s_end, verb)
        if found is not None:
            return found
    return None


_CAPITALISED_WORD = re.compile(r"[A-Z][\w'’\-]*$")
_MAX_NAME_RUN = 5


def name_before_verb(text: str, base: int, masked: str, verbs: list[Verb]) -> Attribution | None:
    """The last resort: a run of capitalised words right before a reporting verb ("..., pizza
    magnate Herman Cain revealed that ...", "when asked, President Ada Kowal said ...") is its
    subject, whatever comes before it; not a place after a preposition ("voters in New
    Hampshire said")."""
    for verb in verbs:
        ok, passive = verb_ok(masked, verb)
        if not ok or passive or verb.previous is None or verb.lower.endswith("ing"):
            continue
        tokens = [
            new_token(Token, (m.group(), m.group().lower(), *m.span()))
            for m in WORD.finditer(masked, max(0, verb.start - 120), verb.start)
        ]
        k = len(tokens)
        while k > 0 and (
            tokens[k - 1].lower in cues.AUXILIARIES
            or (tokens[k - 1].text.islower() and is_adverb(tokens[k - 1]))
        ):
            k -= 1
        end = k
        while (
            k > 0
            and end - k < _MAX_NAME_RUN
            and (
                _CAPITALISED_WORD.match(tokens[k - 1].text)
                or (tokens[k - 1].lower in cues.NAME_PARTICLES and k < end)
            )
        ):
            k -= 1
        if k == end or end - k > _MAX_NAME_RUN - 1:
            continue
        if SEPARATOR_BETWEEN.search(masked, tokens[end - 1].end, verb.start):
            continue
        if k > 0 and (
            tokens[k - 1].lower in NAME_RUN_STOP
            or tokens[k - 1].lower in NOUN_MARKERS
            or tokens[k - 1].lower.endswith(("'s", "’s"))
        ):
            continue  # "voters in New Hampshire said", "the Ohio Senate said"
        run = tokens[k:end]
        if all(t.lower in ADVERBIAL_STARTERS or t.lower in SUBJECT_PRONOUNS for t in run):
            continue
        s_start, s_end = run[0].start, run[-1].end
        if not looks_like_subject(masked, s_start, s_end):
            continue
        found = leading_with_content(masked, base, s_start, s_end, verb)
        if found is not None:
            return found
    return None
