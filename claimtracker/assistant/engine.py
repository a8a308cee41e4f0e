"""The attribution assistant: from an article's stored text to a list of suggestions.

Pure, offline and deterministic: the same text always gives the same suggestions. The steps are
prose and sentences (:mod:`sentences`), the attribution of each sentence (:mod:`attribution`), the
speaker and its resolution against what came before (:mod:`speakers`), the attribution code
(:mod:`classify`), and counter-claims over the whole list (:mod:`counters`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from claimtracker.assistant import attribution as attr
from claimtracker.assistant import cues
from claimtracker.assistant.appositions import name_after_role, named_speaker, subject_after_and
from claimtracker.assistant.classify import attribution_code, is_checkable, speaker_kind
from claimtracker.assistant.counters import ClaimView, find_counters
from claimtracker.assistant.fronted import after_fronted_phrase
from claimtracker.assistant.mentions import Mentions
from claimtracker.assistant.place_names import names_no_person
from claimtracker.assistant.plural_pronouns import GroupAntecedents
from claimtracker.assistant.quotes import QuoteSpan, left_open, opens_with_quote, quote_mask
from claimtracker.assistant.sentences import Sentence, sentences
from claimtracker.assistant.several_speakers import split_speakers
from claimtracker.assistant.speakers import NameIndex, Speaker, SpeakerResolver, affiliation
from claimtracker.assistant.suggestion import Suggestion

#: "KYIV, March 14 (Reuters) - ", "WASHINGTON (AP) — ", "BEIJING/AMSTERDAM, Jan 2 (Reuters) – ".
_DATELINE = re.compile(
    r"[A-ZА-ЯЁ][A-ZА-ЯЁ.'’/ -]{2,}"  # the city, in capitals
    r"(?:,[^\n—–()]{1,30}?)?"  # the date
    r"(?:\s*\([\w .&-]{2,30}\))?"  # the agency
    r"\s*(?:--|[-–—])\s+"
)
_IMPERSONAL = re.compile(
    r"^(?:" + "|".join(re.escape(p) for p in cues.IMPERSONAL_ANONYMOUS) + r")\b", re.IGNORECASE
)
#: "The mayor was said to be furious": the writer relays what unnamed others say.
_SAID_TO_BE = re.compile(
    r"\b(?:is|are|was|were)\s+(?:widely\s+)?(?:said|reported|rumou?red|alleged)\s+to\s+(?:be|have)\b"
    # "when it was revealed in March that ...": an impersonal report inside the sentence.
    r"|\bit\s+(?:is|was|has\s+been|had\s+been)\s+(?:widely\s+|first\s+|later\s+)?"
    r"(?:revealed|reported|disclosed|alleged|claimed|said|announced)\b(?:\s+[\w.]+){0,4}?"
    r"\s+that\b"
)
_APPOSITION_END = re.compile(
    r"(?i)\s(?:who|which|whose|citing|со ссылкой на|ссылаясь на|который|которая|которые)\s"
)
_FIRST_WORD = re.compile(r"[\w'’]+")
_WHICH = re.compile(r"\s*,\s*which\b")
_MAX_ACRONYM = 5  # "NATO", "OPEC": longer words in capitals before a colon are names
_QUOTE_ONLY_JUNK = " \t\n.,;:!?\"“”«»‘’'—–-_"


@dataclass(slots=True)
class _Draft:
    start: int
    end: int
    paragraph: int
    found: attr.Attribution | None
    speaker: Speaker | None
    descriptor: str | None
    cue: str | None
    quote: str | None
    quote_only: bool
    content: str
    keep: bool
    anonymous_impersonal: bool = False


def _quote_text(text: str, quotes: tuple[QuoteSpan, ...], start: int, end: int) -> str | None:
    # A comma before the closing mark belongs to the sentence, not to the quote:
    # "We caution Washington against another military escapade," Ryabkov said.
    inside = [
        text[max(q.start, start) : min(q.end, end)].strip().rstrip(",")
        for q in quotes
        if q.start < end and q.end > start
    ]
    inside = [q for q in inside if q]
    if not inside:
        return None
    return " … ".join(inside)


#: An embedded post's markup ("<tweet author=...>", "</tweet>"): no sentence of the writer's.
_MARKUP = re.compile(r"</?[a-z]+(?:\s[^<>]*)?/?>")
_PARENTHESES = re.compile(r"\([^()\n]{0,120}\)")
_WHOLE_PARENTHESIS = re.compile(r"\s*\(([^()\n]*)\)[.\s]*")


def _without_parentheses(masked: str) -> str:
    """``masked`` with parenthesised asides blanked: "Kasich (who has 25 delegates) said"."""
    if "(" not in masked:
        return masked
    whole = _WHOLE_PARENTHESIS.fullmatch(masked)
    if whole is not None:
        # "(Hale denied the report.)": a sentence in brackets is no aside; only its marks go.
        inner = masked[whole.start(1) : whole.end(1)]
        return (
            masked[: whole.start(1)].replace("(", " ")
            + inner
            + masked[whole.end(1) :].replace(")", " ")
        )
    return _PARENTHESES.sub(lambda m: " " * len(m.group()), masked)


def _trim_dateline(text: str, sentence: Sentence) -> int:
    match = _DATELINE.match(text, sentence.start, sentence.end)
    return match.end() if match else sentence.start


def suggest(text: str) -> list[Suggestion]:
    """Suggested claims of an article (its stored text, verbatim), in document order."""
    prose = sentences(text)
    index = NameIndex("\n".join(text[s.start : s.end] for s in prose))
    people = Mentions(text, index)
    people.set_sentences(
        [s.start for s in prose], [(q.start, q.end) for s in prose for q in s.quotes]
    )
    resolver = SpeakerResolver(index, people, GroupAntecedents(text, [s.start for s in prose]))
    drafts: list[_Draft] = []
    pending_colon: _Draft | None = None
    for sentence in prose:
        start = _trim_dateline(text, sentence)
        end = sentence.end
        masked = _without_parentheses(quote_mask(text, list(sentence.quotes), start, end))
        found = None if _MARKUP.search(text, start, end) else attr.find(text, start, end, masked)
        if (
            found is not None
            and found.pattern == "name-colon"
            and not _colon_speaker(text[found.speaker_start : found.speaker_end], index, text)
        ):
            found = attr.find_without_colon(text, start, end, masked)
        if found is not None and found.pattern in ("leading", "trailing"):
            if _speaker_unknown(text, found, sentence, index):
                found = None  # "Don't believe them.", "Share and comment below."
            elif (
                not _FIRST_WORD.search(text, found.descriptor_end, end)
                and len(_FIRST_WORD.findall(text, found.content_start, found.content_end)) < 2
                # '"Judge," Brafman said, "I have never ..."': the quote goes on after the verb.
                and not any(q.start >= found.speaker_end for q in sentence.quotes)
                # "Trump said." after a quote that ended in "?" or "!": it attributes that
                # quote; with nothing before to attribute, '"Denver," he answered.' is a claim.
                and (
                    _attribute_back(text, drafts, sentence, found, resolver) or not sentence.quotes
                )
            ):
                continue
        if found is not None:
            found = after_fronted_phrase(text, start, end, masked, found)
            found = subject_after_and(text, named_speaker(text, start, found, index))
            found = name_after_role(text, found, index)
        if found is not None and found.pattern == "back":
            _attribute_back(text, drafts, sentence, found, resolver)
            continue  # "Об этом заявил X." with nothing before says nothing itself
        clauses = split_speakers(text, start, end, masked) if found is not None else None
        for clause in clauses or attr.split_clauses(text, start, end, masked, found):
            draft = _draft(text, sentence, clause, masked, start, resolver, drafts, pending_colon)
            pending_colon = None
            if draft is None:
                continue
            own = clause.attribution
            if own is not None and own.pattern == "colon" and own.content_end <= own.content_start:
                pending_colon = draft  # "Mr Hale said:" — the quote follows in the next paragraph
                continue
            drafts.append(draft)
            if draft.keep:
                resolver.remember(draft.speaker)
    _attribute_open_quotes(text, drafts)
    return _finish(text, [d for d in drafts if d.keep])


def _speaker_unknown(
    text: str, found: attr.Attribution, sentence: Sentence, index: NameIndex
) -> bool:
    """A one-word speaker capitalised only because it opens the sentence ("Share", "Don't",
    "Similar"), a word the article also writes in lower case, is no name."""
    phrase = text[found.speaker_start : found.speaker_end]
    if " " in phrase or phrase.isupper() or found.speaker_start != sentence.start:
        return False
    lowered = phrase.lower()
    if (
        lowered in cues.PERSONAL_PRONOUNS
        or lowered in cues.PLURAL_PRONOUNS
        or lowered in cues.BODY_PRONOUNS
        or index.person(phrase) is not None
        or index.organisation(phrase) is not None
        or lowered in cues.DESCRIBED_SOURCE_HEADS
        or lowered in cues.DOCUMENT_HEADS
        or lowered in cues.GOVERNMENT_HEADS
        or lowered in cues.ORGANISATION_HEADS
        or lowered in cues.GENERIC_MEDIA_HEADS
        or lowered in cues.SPOKESPERSON_WORDS
        or attr.is_source_noun(lowered)
        or lowered in cues.COUNTRY_ALIASES
        or lowered in cues.GROUP_QUANTIFIERS
        or lowered in ("we", "i", "you")
    ):
        return False
    if lowered.endswith(("n't", "n’t")):
        return True
    # A name is not written in lower case; "share", "similar", "depending" are.
    return (
        lowered in text  # a plain scan first: most names are never written in lower case
        and re.search(r"(?<![\w'’])" + re.escape(lowered) + r"(?![\w'’])", text) is not None
    )


_HEADLINE_TITLES = frozenset(
    w.rstrip(".") for w in cues.TITLE_WORDS | cues.COURTESY_TITLES if w.isalpha() or w.endswith(".")
)


_SIDE_HEADS = frozenset(["camp", "campaign", "aides", "allies", "team", "spokesman", "spokeswoman"])


def _colon_speaker(phrase: str, index: NameIndex, text: str) -> bool:
    """Whether the words before a leading colon name a speaker: a transcript's "PENCE", a
    person the article names ("Marco Rubio", "Rubio" after "Marco Rubio"), or a source noun
    ("Poll", "Insiders"); not a rubric ("Delegate Update") or a place ("New Hampshire")."""
    words = phrase.split()
    if all(w.isupper() for w in words) and len(words) <= 2:
        return True
    while len(words) > 1 and words[0].lower().rstrip(".") in _HEADLINE_TITLES:
        words = words[1:]  # "Dr. Ada Kowal: ...", "Gov. Hale: ..."
    phrase = " ".join(words)
    bare = phrase.lower()
    if bare in cues.COUNTRY_ALIASES:
        return False
    if len(words) == 1 and (
        bare in cues.DESCRIBED_SOURCE_HEADS
        or bare in cues.DOCUMENT_HEADS
        or bare in cues.GENERIC_MEDIA_HEADS
    ):
        return True
    if bare in cues.MEDIA_NAMES or (len(words) > 1 and words[-1].lower() in cues.MEDIA_HEADS):
        return True  # "NY Daily News: ...", "Reuters: ...": a headline citing an outlet
    if len(words) > 1 and words[-1].lower() in _SIDE_HEADS and index.person(words[0]) is not None:
        return True  # "Kowal camp: ...", "Kowal campaign: ..."
    full = index.person(words[-1])
    if full is None:
        return _headline_name(words, text)
    if len(words) == 1:
        return True
    # A person is also called by the surname alone ("Rubio said"); "New Hampshire" and
    # "Delegate Update" never are.
    alone = re.compile(r"(?<!" + re.escape(words[0]) + r" )\b" + re.escape(words[-1]) + r"\b")
    return (full.split()[0] == words[0] and alone.search(text) is not None) or _headline_name(
        words, text
    )


_MAX_HEADLINE_NAME_WORDS = 3
_RUBRIC_WORDS = cues.words(
    """
    update updates notice notices guide email digest roundup briefing recap preview schedule
    results latest today week weekend morning evening daily live highlights
    """
)


def _headline_name(words: list[str], text: str) -> bool:
    """ "Ada Kowal: The Levy Must Go." — a headline's speaker whom the article never names
    again: two or three capitalised words that the article never writes in lower case."""
    if not 2 <= len(words) <= _MAX_HEADLINE_NAME_WORDS:
        return False
    if not all(w[:1].isupper() and w.replace("-", "").replace(".", "").isalpha() for w in words):
        return False
    if " ".join(words).lower() in cues.COUNTRY_ALIASES or names_no_person(" ".join(words)):
        return False  # "South Carolina: ..." heads a list of a state's delegates
    if any(w.lower() in _RUBRIC_WORDS for w in words):
        return False  # "Delegate Update: ...", "Paid Notice: ..."
    return not any(
        w.lower() in text and re.search(r"(?<![\w'’])" + re.escape(w.lower()) + r"(?![\w'’])", text)
        for w in words
    )


def _draft(
    text: str,
    sentence: Sentence,
    clause: attr.Clause,
    masked: str,
    masked_start: int,
    resolver: SpeakerResolver,
    drafts: list[_Draft],
    pending_colon: _Draft | None,
) -> _Draft | None:
    start, end = clause.start, clause.end
    local = masked[start - masked_start : end - masked_start]
    quote = _quote_text(text, sentence.quotes, start, end)
    quote_only = quote is not None and not local.strip(_QUOTE_ONLY_JUNK)
    found = clause.attribution
    if found is not None:
        phrase = text[found.speaker_start : found.speaker_end]
        speaker = resolver.resolve(phrase, at=found.speaker_start)
        if (
            speaker.kind == "person"
            and speaker.pronoun is None
            and _WHICH.match(text, found.speaker_end)
            and resolver.index.person(phrase.split()[-1]) is None
        ):
            # "Bayer, which makes ...": "which" is said of things, not people.
            speaker = replace(speaker, kind="organisation", count=None)
        if (
            found.pattern == "name-colon"
            and speaker.kind == "organisation"
            and phrase.isupper()
            and len(phrase) > _MAX_ACRONYM
        ):
            # "BENENSON: ...": a transcript names its speakers in capitals.
            speaker = replace(speaker, kind="person", count=1)
        if speaker.pronoun is None:
            # "said Wang Lin, a spokesman for the Chinese commerce ministry": the apposition
            # tells which side the speaker is on; whom they cite or what a relative clause says
            # ("со ссылкой на источники в Минфине", "who asked not to be named") does not.
            descriptor_text = text[found.descriptor_start : found.descriptor_end]
            sides = affiliation(_APPOSITION_END.split(descriptor_text)[0])
            if not sides <= speaker.affiliation:
                speaker = replace(speaker, affiliation=speaker.affiliation | sides)
        content_start = max(found.content_start, start)
        content_end = min(found.content_end, end)
        if clause.continuation:
            content_start, content_end = start, end
        descriptor = text[found.descriptor_start : found.descriptor_end].strip()
        cue = found.cue
        if clause.continuation:
            verb = _FIRST_WORD.match(text, start, end)
            cue = verb.group(0) if verb else cue
        return _Draft(
            start,
            end,
            sentence.paragraph,
            found,
            speaker,
            " ".join(descriptor.split()),
            cue,
            quote,
            quote_only,
            text[content_start:content_end],
            keep=True,
        )
    # No attribution of its own: a quote that goes on from the one before, the quote a colon
    # announced, an impersonal "It is understood that", or the author's own assertion.
    source = pending_colon or _previous_quoted(drafts, sentence)
    if quote_only and source is not None:
        return _Draft(
            start,
            end,
            sentence.paragraph,
            source.found,
            source.speaker,
            source.descriptor,
            source.cue,
            quote,
            True,
            text[start:end],
            keep=True,
        )
    body = text[start:end]
    impersonal = _IMPERSONAL.match(body)
    relayed = (
        None
        if impersonal
        else _SAID_TO_BE.search(quote_mask(text, list(sentence.quotes), start, end))
    )
    if relayed:
        return _Draft(
            start,
            end,
            sentence.paragraph,
            None,
            None,
            body[relayed.start() : relayed.end()],
            body[relayed.start() : relayed.end()],
            quote,
            quote_only,
            body,
            keep=True,
            anonymous_impersonal=True,
        )
    if impersonal:
        return _Draft(
            start,
            end,
            sentence.paragraph,
            None,
            None,
            impersonal.group(0),
            impersonal.group(0),
            quote,
            quote_only,
            body[impersonal.end() :],
            keep=True,
            anonymous_impersonal=True,
        )
    return _Draft(
        start,
        end,
        sentence.paragraph,
        None,
        None,
        None,
        None,
        quote,
        quote_only,
        body,
        keep=is_checkable(body),
    )


def _attribute_open_quotes(text: str, drafts: list[_Draft]) -> None:
    """A paragraph of quote left open, then the paragraph that closes the quote and names its
    speaker ('"The pier is unsafe.' / '"We warned them," Hale said.'): the speaker's too."""
    for k in range(len(drafts) - 2, -1, -1):
        draft, after = drafts[k], drafts[k + 1]
        if (
            draft.found is not None
            or draft.anonymous_impersonal
            or not draft.quote_only
            or after.found is None
            or after.speaker is None
            or after.paragraph != draft.paragraph + 1
            or not left_open(text, draft.start, draft.end)
            or not opens_with_quote(text, after.start, after.end)
        ):
            continue
        draft.found = after.found
        draft.speaker = after.speaker
        draft.descriptor = after.descriptor
        draft.cue = after.cue
        draft.keep = True


def _previous_quoted(drafts: list[_Draft], sentence: Sentence) -> _Draft | None:
    """The attributed sentence this quote-only sentence goes on from, if it is right before it:
    'Ryabkov said. "When things ..."', or a paragraph of quote after 'X said the plan was bad.'."""
    if not drafts:
        return None
    last = drafts[-1]
    if last.speaker is None or last.speaker.name is None or not last.keep:
        return None
    if sentence.paragraph - last.paragraph > 1:
        return None
    return last


def _attribute_back(
    text: str,
    drafts: list[_Draft],
    sentence: Sentence,
    found: attr.Attribution,
    resolver: SpeakerResolver,
) -> bool:
    """ "Об этом заявил X." gives the sentence before it a speaker; whether there was one."""
    if not drafts or drafts[-1].paragraph != sentence.paragraph or drafts[-1].found is not None:
        return False
    speaker = resolver.resolve(text[found.speaker_start : found.speaker_end])
    previous = drafts[-1]
    previous.found = found
    previous.speaker = speaker
    previous.descriptor = " ".join(text[found.descriptor_start : found.descriptor_end].split())
    previous.cue = found.cue
    previous.keep = True
    resolver.remember(speaker)
    return True


def _finish(text: str, drafts: list[_Draft]) -> list[Suggestion]:
    codes: list[str] = []
    for draft in drafts:
        if draft.anonymous_impersonal:
            codes.append("anonymous")
        else:
            statement = draft.found is not None and draft.found.statement
            codes.append(
                attribution_code(
                    draft.speaker,
                    draft.cue,
                    statement,
                    draft.descriptor or "",
                    text[draft.start : draft.end],
                )
            )
    views = [
        ClaimView(text[d.start : d.end], d.content, d.speaker, code, d.cue)
        for d, code in zip(drafts, codes, strict=True)
    ]
    counters = find_counters(views)
    result: list[Suggestion] = []
    for draft, code, counter_to in zip(drafts, codes, counters, strict=True):
        speaker = draft.speaker if code != "unattributed" else None
        kind = speaker_kind(speaker, draft.descriptor or "") if speaker is not None else "unknown"
        count = speaker.count if speaker is not None and speaker.kind == "described_group" else None
        result.append(
            Suggestion(
                text=text[draft.start : draft.end],
                quote=draft.quote,
                start=draft.start,
                end=draft.end,
                speaker=speaker.name if speaker is not None else None,
                speaker_kind=kind,
                attribution=code,
                descriptor=draft.descriptor,
                cue=draft.cue,
                source_count=count,
                counter_to=counter_to,
            )
        )
    return result


def suggest_many(texts: Iterable[str]) -> Iterator[list[Suggestion]]:
    """:func:`suggest` for each text of a batch, lazily."""
    for text in texts:
        yield suggest(text)
