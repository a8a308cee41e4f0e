"""A sentence that reports two speakers, cut into one clause for each.

"The mayor said A, while the council said B", "Critics argue A, but Kowal insists B", "When the
host asked A, the candidate said B", "X said A; Y said B": one suggestion for the whole sentence
would name one speaker for both assertions. Each side is cut where a conjunction or a semicolon
starts a new clause and kept only when both sides carry an attribution of their own (found by
:func:`attribution.find` on that side alone), so "X said prices rose while wages fell" stays whole.

A sentence that ends in a relative clause or an apposition with a speaker of its own ("The
council passed the levy, which traders said would hurt them", "Kowal says she was fired, a claim
the mayor's office disputes") is cut before it: the relative clause is that speaker's, and what
comes before it keeps its own attribution, or none when it is the writer's ("The council passed
the levy" is no trader's claim; like any sentence of the writer's it is offered only when it can
be checked).
"""

from __future__ import annotations

import re
from dataclasses import replace

from claimtracker.assistant import attribution as attr
from claimtracker.assistant import cues
from claimtracker.assistant.attribution import phrases

#: Where a second clause may start: ", while", " but", ", and", "; ", " whereas". A bare
#: "and" joins nouns and verbs ("his band and collaborator", "said A and hoped B") as often.
_JOIN = re.compile(
    r"(?:[,;]\s+|\s+)(?:while|but|whereas|yet)\s+(?:then\s+|also\s+)?"
    r"|[,;]\s+and\s+(?:then\s+|also\s+)?|;\s+|,\s+(?:though|although)\s+"
)
#: What every match of ``_JOIN`` holds; simpler, so a sentence without one is passed quickly.
_JOIN_HINT = re.compile(r";|\s(?:while|but|whereas|yet)\s|,\s+(?:and|though|although)\s")
#: "When the host asked A, the candidate said B": the first clause is a subordinate one.
_LEADING_SUBORDINATOR = re.compile(
    # Not a bare "as": "As reported by X, ..." speaks for the whole sentence.
    r"(?:(?:but|and|yet)\s+)?"
    r"(?:when|after|while|although|though|even\s+as|just\s+as|before|since|whereas)\s",
    re.IGNORECASE,
)
#: "..., which critics said was unfair", "..., a claim the ministry denied", "..., a point Hale
#: conceded": a clause that closes the sentence and names a second speaker of its own.
_RELATIVE_TAIL = re.compile(
    r",\s+(?:which\s+|(?:a|an)\s+(?:claim|charge|point|view|assertion|allegation|contention|"
    r"notion|accusation|characterization|description|suggestion|argument|idea|prediction|"
    r"estimate|figure|conclusion|finding)\s+(?:that\s+)?|something\s+(?:that\s+)?)"
)
_MAX_RELATIVE_SUBJECT_WORDS = 5
#: Words that show the phrase before a relative clause's verb is a clause of its own, not its
#: subject ("which allows him to stay and deny ...").
_NOT_IN_SUBJECT = frozenset(["him", "them", "me", "us", "to", "and"])
#: What every match of ``_RELATIVE_TAIL`` holds.
_RELATIVE_TAIL_HINT = re.compile(r",\s+(?:which|an?|something)\s")
#: A comma, not "2,400"; not one inside a quote either ('"...," Hale told a TV show' ends the
#: quote the subordinate clause's speaker spoke).
_COMMA = re.compile(r",\s+")
#: '"... a sham," one of the auditors said': the comma closing the subordinate clause is
#: inside the quote, which the masked sentence blanks; the cut comes after the quote mark.
_QUOTE_COMMA = re.compile(r",[\"”’']+(\s+)")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*|\d[\d.,]*")
_MIN_CONTENT_WORDS = 3
_MAX_ADVERBIAL_WORDS = 4  # "on Monday, Hale said": words before the second clause's speaker
_SIDE_PATTERNS = frozenset(["leading", "trailing", "according", "parenthetical"])
_LEADING = frozenset(["leading"])
_PRONOUNS = (
    cues.PERSONAL_PRONOUNS | cues.PLURAL_PRONOUNS | cues.BODY_PRONOUNS | frozenset(["i", "we"])
)
_TRAILING = frozenset(["trailing"])


def _content_words(text: str, found: attr.Attribution) -> int:
    return len(_WORD.findall(text, found.content_start, found.content_end))


def _cuts(masked: str, sentence: str) -> list[tuple[int, int]]:
    """(end of the first clause, start of the second) for each place a clause may start;
    ``sentence`` is the text that ``masked`` masks."""
    cuts = []
    if _JOIN_HINT.search(masked) is not None:  # most sentences hold no join at all
        cuts = [(m.start(), m.end()) for m in _JOIN.finditer(masked)]
    if _LEADING_SUBORDINATOR.match(masked):
        cuts.extend(m.span() for m in _COMMA.finditer(masked))
        cuts.extend(m.span(1) for m in _QUOTE_COMMA.finditer(sentence))
    return sorted(cuts)


def _side(
    text: str, start: int, end: int, masked: str, base: int, patterns: frozenset[str]
) -> attr.Attribution | None:
    start, end = attr.strip_span(text, start, end)
    if end - start < 2:
        return None
    found = attr.find(text, start, end, masked[start - base : end - base])
    if found is None or found.pattern not in patterns:
        return None
    if _content_words(text, found) < _MIN_CONTENT_WORDS:
        return None
    return found


def _opens_with_speaker(text: str, start: int, found: attr.Attribution) -> bool:
    """Whether the clause at ``start`` begins with its speaker, or with a short adverbial and a
    comma before it ("on Monday, Hale said"), not with a verb of a clause around it ("noted
    that experts say")."""
    before = text[start : found.speaker_start].strip()
    if not before:
        return True
    return before.endswith(",") and len(_WORD.findall(before)) <= _MAX_ADVERBIAL_WORDS


def _same_speaker(text: str, first: attr.Attribution, second: attr.Attribution) -> bool:
    one = text[first.speaker_start : first.speaker_end].lower()
    two = text[second.speaker_start : second.speaker_end].lower()
    return one == two


def _is_pronoun(text: str, found: attr.Attribution) -> bool:
    return text[found.speaker_start : found.speaker_end].lower() in _PRONOUNS


def _short_subject(masked: str, start: int, end: int) -> bool:
    """Whether ``masked[start:end]`` is the short subject of a relative clause ("critics", "an
    audit", "the mayor's office"), not a clause ("was first reported by")."""
    words = [w.lower() for w in _WORD.findall(masked, start, end)]
    return (
        len(words) <= _MAX_RELATIVE_SUBJECT_WORDS
        and _NOT_IN_SUBJECT.isdisjoint(words)
        and phrases.looks_like_subject(masked, start, end)
    )


def _relative_tail(text: str, start: int, end: int, masked: str) -> list[attr.Clause] | None:
    """ "The governor vetoed the bill, which critics said was unfair": the writer's (or a first
    speaker's) clause, then the relative clause or apposition with its own speaker; None when
    the sentence does not end in one."""
    if _RELATIVE_TAIL_HINT.search(masked) is None:
        return None
    for match in _RELATIVE_TAIL.finditer(masked):
        subject = start + match.end()
        tail = masked[match.end() :]
        # The clause runs to the end of the sentence: in "The plan, which aides said would
        # pass, failed" the sentence goes on after it.
        if "," in tail or ";" in tail:
            continue
        second = attr.find(text, subject, end, tail)
        if (
            second is None
            or second.pattern != "leading"
            or second.speaker_start != subject
            or not _short_subject(masked, match.end(), second.speaker_end - start)
        ):
            continue
        first_end = start + match.start()
        if len(_WORD.findall(text, start, first_end)) < _MIN_CONTENT_WORDS:
            continue
        if _is_pronoun(text, second):
            # "Hale praised the deal, which he said would help": Hale speaks twice; "it" in "the
            # ministry's figures, which it said ..." is a body named before, not a new speaker
            return None
        first = attr.find(text, start, first_end, masked[: match.start()])
        if first is not None and _same_speaker(text, first, second):
            return None
        head = attr.Clause(*attr.strip_span(text, start, first_end), first)
        relative_start = start + match.start() + 1
        if second.content_end <= second.content_start:
            # "a claim the ministry denied": what was denied is the noun before the speaker
            second = replace(second, content_start=relative_start, content_end=subject)
        return [head, attr.Clause(*attr.strip_span(text, relative_start, end), second)]
    return None


def split_speakers(text: str, start: int, end: int, masked: str) -> list[attr.Clause] | None:
    """The sentence ``text[start:end]`` (``masked`` its masked slice) as one clause per speaker,
    or None when it does not report two speakers side by side."""
    tail = _relative_tail(text, start, end, masked)
    if tail is not None:
        return tail
    for cut_end, cut_start in _cuts(masked, text[start:end]):
        first_end, second_start = start + cut_end, start + cut_start
        # The second side opens with its speaker: "..., but Hale said B". A trailing "...,
        # according to the survey" at the end of the sentence speaks for all of it.
        first = _side(text, start, first_end, masked, start, _SIDE_PATTERNS)
        second = _side(text, second_start, end, masked, start, _LEADING)
        if second is None or not _opens_with_speaker(text, second_start, second):
            # "A, KING-TV reported, while B, the Gazette reported": with a speaker on each side,
            # a trailing attribution speaks for its own clause only
            second = (
                None if first is None else _side(text, second_start, end, masked, start, _TRAILING)
            )
            if second is None:
                continue
        if first is None or _same_speaker(text, first, second):
            continue
        rest = split_speakers(text, second_start, end, masked[cut_start:])
        head = attr.Clause(*attr.strip_span(text, start, first_end), first)
        return [head, *(rest or [attr.Clause(*attr.strip_span(text, second_start, end), second)])]
    return None
