"""The leading form "X said (that) ...": the subject before the verb with the adverbials,
appositions and auxiliaries around it, and the content after it; also the cue first
('Said X, "..."') and "was quoted as saying".
"""

from __future__ import annotations

import re

from claimtracker.assistant import cues
from claimtracker.assistant.attribution.embedded import embedded_subject
from claimtracker.assistant.attribution.main_clause import (
    _main_subject,
    antecedent_in_main_clause,
    drop_conjunction,
    last_clause_boundary,
)
from claimtracker.assistant.attribution.phrases import looks_like_subject, tail_is_adjunct
from claimtracker.assistant.attribution.results import Attribution
from claimtracker.assistant.attribution.subject import _subject_before
from claimtracker.assistant.attribution.tokens import (
    _words,
    content_after,
    statement_in,
    strip_span,
)
from claimtracker.assistant.attribution.verbs import (
    Verb,
    catenative_start,
    participle_of_main,
    verb_ok,
)
from claimtracker.assistant.attribution.vocabulary import (
    ADVERBIAL_STARTERS,
    MAX_SUBJECT_WORDS,
    THAT,
)
from claimtracker.assistant.cues import words

_QUOTED_AS = re.compile(
    r"\s(?:is|was|were|are|has been|had been|have been)\s+(?:quoted|cited)\b[^.;:]*?\bas\s+$"
)
_PLACE_OR_TIME = re.compile(r"(?:in|at|from|during|on)\b")


#: 'Said Comey, "The thought ..."': the cue first, then the speaker, then a quote.
_SAID_FIRST = re.compile(
    r"(?P<cue>Said|Says|Added|Adds|Wrote|Writes|Tweeted|Explained|Continued|Recalled|Stated"
    r"|Noted|Declared|Argued|Insisted|Warned)[ \t]+"
    r"(?P<speaker>(?:the[ \t]+[A-Za-z]|[A-Z])[^,:;.!?\"“”_]{1,60}?)"
    # 'Said Ada Kowal, who grew up on the harbor, "..."': an aside before the quote
    r"(?P<aside>[ \t]*,[ \t]*(?:who|a|an|the)[ \t][^:;!?\"“”_]{1,120}?)?"
    r"[ \t]*[,:][ \t]*(?=[\"“‘']?_)"
)


def said_first(text: str, base: int, masked: str) -> Attribution | None:
    match = _SAID_FIRST.match(masked)
    if match is None or not looks_like_subject(masked, *match.span("speaker")):
        return None
    c_start, c_end = strip_span(masked, match.end(), len(masked), " \t\n.!?")
    return Attribution(
        speaker_start=base + match.start("speaker"),
        speaker_end=base + match.end("speaker"),
        descriptor_start=base + match.start("speaker"),
        descriptor_end=base + max(match.end("speaker"), match.end("aside")),
        cue=match.group("cue").lower(),
        pattern="leading",
        content_start=base + c_start,
        content_end=base + c_end,
    )


def leading_with_content(
    masked: str, base: int, s_start: int, s_end: int, verb: Verb
) -> Attribution | None:
    """The subject ``s_start:s_end`` leads the cue ``verb``; its content is what follows the
    verb (after a "that"), or None when that is too short to be a claim."""
    content = content_after(masked, verb.end)
    if content is None:
        return None
    c_start, c_end = content
    return Attribution(
        speaker_start=base + s_start,
        speaker_end=base + s_end,
        descriptor_start=base + s_start,
        descriptor_end=base + verb.end,
        cue=verb.text,
        pattern="leading",
        content_start=base + c_start,
        content_end=base + c_end,
        statement=statement_in(masked, 0, len(masked)),
    )


_THAT_WORD = re.compile(r"\sthat\s")


def leading(text: str, base: int, masked: str, verbs: list[Verb]) -> Attribution | None:
    local = text[base : base + len(masked)]
    for token in verbs:
        ok, passive = verb_ok(masked, token)
        quoted = _QUOTED_AS.search(masked, 0, token.start) if token.lower == "saying" else None
        if quoted is not None:
            # "The minister was quoted by TASS as saying that ...": the subject is before "was".
            ok, passive, cut = True, False, quoted.start()
        else:
            cut = catenative_start(masked, token) or token.start
        if passive or not ok or token.previous is None:
            continue  # a verb that opens the sentence has no subject before it
        if token.lower.endswith("ing") and token.previous in cues.BE_FORMS:
            cut = _LAST_WORD_START.search(masked, 0, token.start).start()  # type: ignore[union-attr]
        # "X declined to comment ... but said": allow the subject to stop before the first verb.
        if token.lower in cues.SPEECH_PARTICIPLES and participle_of_main(masked, token):
            # "Trump called for a ban, saying ...": the subject of the main clause speaks.
            subject = _main_subject(masked, local, token.start)
        else:
            subject = _subject_before(masked, local, 0, drop_conjunction(masked, cut))
            if subject is not None and _THAT_WORD.search(masked, subject[0], subject[1]):
                # "The hearing grew so tense that Gov. X said": the clause after "that" speaks.
                subject = embedded_subject(masked, cut) or subject
            if (
                subject is None
                and (
                    _AND_BEFORE.search(masked, 0, token.start)
                    # "but has since said", not "and had confirmed 68 nominees"
                    or (
                        _AND_AUXILIARY_BEFORE.search(masked, 0, token.start)
                        and (token.lower in cues.INVERTED_VERBS or token.lower in _PLEDGED)
                    )
                )
                and not token.lower.endswith("ing")
            ):
                # "Obama met survivors on Thursday and said ...": the main clause's subject.
                subject = _main_subject(masked, local, token.start)
            if subject is None:
                # A new clause after a dash, colon, semicolon or ", and": "Carson seems to know
                # it — he told the AP that ...", "..., and more than 4 in 10 said ...".
                boundary = last_clause_boundary(masked, cut)
                if boundary is not None:
                    subject = _subject_before(masked, local, boundary, cut)
        if subject is not None and _fronted_adverb(masked, subject):
            subject = None  # "Already, 520 delegates have said": "Already" does not speak
        if subject is None and not token.lower.endswith("ing") and token.next not in ("to", "for"):
            # "which he said were", not "he promised to bridge", "he declared for president".
            subject = embedded_subject(masked, cut)
            if subject is not None:
                subject = antecedent_in_main_clause(masked, local, subject)
        if subject is None:
            if len(_words(masked, 0, token.start)) > MAX_SUBJECT_WORDS + 10:
                return None
            continue
        s_start, s_end, d_start = subject
        content_start = token.end
        after = masked[token.end :]
        that = THAT.match(after)
        if that:
            content_start = token.end + that.end()
        colon = after.lstrip().startswith(":")
        c_start, c_end = strip_span(masked, content_start, len(masked), " \t\n.!?:,")
        descriptor_start = d_start
        if d_start > 0 and statement_in(masked, 0, d_start):
            descriptor_start = strip_span(masked, 0, d_start)[0]
        descriptor_end = token.end
        if (
            not that
            and not colon
            and _PLACE_OR_TIME.match(after.lstrip())
            and tail_is_adjunct(masked, token.end, c_end)
        ):
            # "Trump said to a crowd of about 500.": the sentence only says who spoke; what
            # was said is the quote before it.
            descriptor_end = c_end
            c_start = c_end
        return Attribution(
            speaker_start=base + s_start,
            speaker_end=base + s_end,
            descriptor_start=base + descriptor_start,
            descriptor_end=base + descriptor_end,
            cue=token.text,
            pattern="colon" if colon else "leading",
            content_start=base + c_start,
            content_end=base + c_end,
            statement=statement_in(masked, 0, len(masked)),
        )
    return None


_LAST_WORD_START = re.compile(r"\S+\s*$")
#: "... and said", "... but has since said", "..., then says": the main clause's subject speaks.
_AND_BEFORE = re.compile(r"\s(?:and|but|then)\s+(?:(?:also|then|later|again)\s+)?$")
#: Verbs that speak after "and has": "has pledged his support", "has boasted of".
_PLEDGED = words("boasted pledged vowed promised claimed denied insisted suggested")
_AND_AUXILIARY_BEFORE = re.compile(
    r"\s(?:and|but|then)\s+(?:(?:also|then|later|again|has|have|had|will|would|publicly"
    r"|repeatedly|often|since|previously)\s+){1,2}$"
)


_FRONTED = ADVERBIAL_STARTERS | words("already")


def _fronted_adverb(masked: str, subject: tuple[int, int, int]) -> bool:
    """A lone adverb or connective set off by a comma before the clause ("Already, ...",
    "Also, ...", "And, while ..."): never a speaker."""
    found = _words(masked, subject[0], subject[1])
    return (
        len(found) == 1
        and found[0].lower() in _FRONTED
        and masked[subject[1] : subject[1] + 1] == ","
    )
