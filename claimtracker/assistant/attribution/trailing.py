"""The trailing form: "..., X said on Thursday.", '"..." X said.', "..., said X, a spokesman for
Y.", Russian «...», — сказал X.: the speaker just before or after a verb at the end of the
sentence, the content before it.
"""

from __future__ import annotations

import re

from claimtracker.assistant import cues
from claimtracker.assistant.attribution.main_clause import subject_then_asides
from claimtracker.assistant.attribution.phrases import is_adverbial, is_name_chunk, tail_is_adjunct
from claimtracker.assistant.attribution.results import Attribution
from claimtracker.assistant.attribution.subject import _subject_before
from claimtracker.assistant.attribution.tokens import (
    QUOTE_CLOSERS,
    SEPARATORS,
    Token,
    _chunks,
    _words,
    content_end_before,
    is_cyrillic_word,
    statement_in,
    strip_span,
)
from claimtracker.assistant.attribution.verbs import Verb, after_comma, verb_ok
from claimtracker.assistant.attribution.vocabulary import (
    FINITE_NON_REPORTING,
    IRREGULAR_PAST,
    RELATIVE_STARTERS,
    SUBJECT_PRONOUNS,
)
from claimtracker.assistant.cues import words
from claimtracker.assistant.phrase_cut import is_clause_after_verb

_RUSSIAN_ADJUNCTS = words(
    """
    журналистам в во на понедельник вторник среду четверг пятницу субботу воскресенье интервью
    брифинге эфире телеканалу агентству изданию тасс риа новости интерфаксу своем своём
    телеграм-канале заявлении также ранее корреспонденту
    """
)
_PUNCTUATION_NEXT = re.compile(r"\s*[,:;]")
_ADJUNCT_NEXT = re.compile(
    r"\s+(?:in|on|at|during|after|before|last|this|on|to|from|with|while|when|earlier|later|"
    r"recently|previously|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    # '"...," Kowal said of the mayor': whom it was said of, never who said it.
    r"of|about|over|via|anonymously|privately|publicly)\b",
    re.IGNORECASE,
)


_WHO = re.compile(r"\s(?:who|whose)\s")
_COMMA_QUOTE_END = re.compile(r"[,?!][\"”’']{1,2}\s*$")


def _trailing(text: str, base: int, masked: str, verbs: list[Verb]) -> Attribution | None:
    end_of_sentence = strip_span(masked, 0, len(masked), " \t\n.!?\"”»'’")[1]
    for verb in reversed(verbs):
        ok, _ = verb_ok(masked, verb)
        if not ok:
            continue
        if verb.lower in cues.SPEECH_PARTICIPLES and after_comma(masked, verb):
            continue  # "..., the ministry said, adding that ...": the attribution is before
        # The words after the verb: adjuncts, optionally followed by ", adding that ...".
        tail_end = end_of_sentence
        # A dash closes the attribution: "..., the budget office reported on Tuesday -- a
        # development that ...".
        for marker in (" and added", " -- ", " — ", " – "):
            idx = masked.find(marker, verb.end, end_of_sentence)
            if idx >= 0:
                tail_end = idx
                break
        participle = _PARTICIPLE_AFTER_COMMA.search(masked, verb.end, tail_end)
        if participle is not None:
            tail_end = participle.start()
        tail_end = strip_span(masked, verb.end, tail_end)[1]
        before = masked[: verb.start].rstrip()
        inverted = before.endswith(tuple(SEPARATORS)) or (
            # A closing quote counts only after a quote that opens the sentence ('"...," said X');
            # «Газпрома» in the middle of a sentence is a name, not a separator.
            # "_“": an opening mark typed for the closing one ('“...,“ said X')
            before.endswith((*QUOTE_CLOSERS, "_“"))
            and (
                not before.rstrip("".join(QUOTE_CLOSERS) + "“").strip(" _\"“«‘'")
                # A quote that ends the content with its comma: 'The plan "is dead," said X'.
                or _COMMA_QUOTE_END.search(text, base, base + verb.start) is not None
            )
        )
        if inverted and _PUNCTUATION_NEXT.match(masked, verb.end):
            inverted = False  # "заявили, что ...": the verb has no subject after it
        if inverted and _adverbial_after_name(masked, text[base : base + len(masked)], verb.start):
            inverted = False  # "The Harbor Gazette, for one, noted the gap": no inversion
        if inverted and subject_then_asides(masked, text[base : base + len(masked)], verb.start):
            return None  # "Hale, who runs the ferry, said fares rose": the leading form
        if (
            inverted
            and verb.next in SUBJECT_PRONOUNS
            and verb.next == masked[verb.end :].split(maxsplit=1)[0]
        ):
            inverted = False  # "X, an audience member, said he makes ...": no inversion
        if inverted and _ADVERB_ONLY_NEXT.match(masked, verb.end):
            inverted = False  # '"...," Hale, a ferry mechanic, said dryly.': no one after
        if inverted and _ADJUNCT_NEXT.match(masked, verb.end):
            # "X, the campaign manager, said in an interview": the subject is before the verb.
            inverted = False
        semicolon = masked.find(";", verb.end, tail_end)
        if semicolon >= 0:
            tail_end = strip_span(masked, verb.end, semicolon)[1]
        checked_end = speaker_end = tail_end
        if inverted or "_" in before:
            # "said the people, who asked not to be identified because ...", "said Khaled
            # Mansour, a shopkeeper who was wounded": only the name itself must be short.
            comma = masked.find(",", verb.end, tail_end)
            checked_end = comma if comma >= 0 else tail_end
            who = _WHO.search(masked, verb.end, checked_end)
            if who is not None:
                # "said a strategist who spoke on condition ...": the relative clause describes.
                checked_end = speaker_end = who.start()
        if not tail_is_adjunct(masked, verb.end, checked_end, names_quoted=inverted):
            if verb.previous in RELATIVE_STARTERS:
                continue  # '"...," said X, who added that ...': the verb before speaks
            return None
        # Inverted: "..., said Wang Lin, a spokesman ..." / "«...», — сказал Волков журналистам."
        if inverted:
            if verb.lower not in cues.INVERTED_VERBS:
                return None  # ", estimated at more than 300 billion barrels": a participle
            content_end = len(before.rstrip(" ,—–-\"”»'’"))
            if content_end < 3:
                return None
            np = speaker_after(text, base, masked, verb.end, speaker_end)
            if np is None:
                return None
            np_words = _words(masked, np[0] - base, np[1] - base)
            if (
                is_clause_after_verb(text[np[0] : np[1]])
                or any(w in IRREGULAR_PAST for w in np_words)
                or any(
                    w.islower()
                    and (w in FINITE_NON_REPORTING or (w.endswith("ed") and "-" not in w))
                    and w not in cues.DESCRIPTIVE_PARTICIPLES
                    # "said the printed card": an adjective right after the article
                    and not (
                        k == 1 and np_words[0].lower() in ("the", "a", "an") and w.endswith("ed")
                    )
                    for k, w in enumerate(np_words[1:], start=1)
                )
            ):
                # "..., said the speeches led her to vote", "X, a staff member, said the levy
                # failed": a clause, not a name
                return None
            return Attribution(
                speaker_start=np[0],
                speaker_end=np[1],
                descriptor_start=base + verb.start,
                descriptor_end=base + tail_end,
                cue=verb.text,
                pattern="trailing",
                content_start=base,
                content_end=base + content_end,
                statement=statement_in(masked, verb.start, len(masked)),
            )
        # Regular: "..., X said on Thursday." The subject region starts after a comma or a
        # closing quote; try the farthest of the last three first, so that an apposition
        # ("..., Nikolai Patrushev, the council secretary, said") stays whole.
        subject = None
        too_short = False
        for floor in reversed(_separators(masked, verb.start)):
            subject = _subject_before(masked, text[base : base + len(masked)], floor, verb.start)
            if subject is None:
                continue
            content_end = strip_span(masked, 0, content_end_before(masked, subject[2]))[1]
            too_short = len(_words(masked, 0, content_end)) < 3 and "_" not in masked[:content_end]
            if not too_short:
                break
            # "The express that ..., Sabato said.": the farthest comma left too little content;
            # a nearer one may not.
        if subject is None:
            continue  # "..., say some Democrats, who cringe as they recall": try the verb before
        if too_short:
            return None
        s_start, s_end, d_start = subject
        return Attribution(
            speaker_start=base + s_start,
            speaker_end=base + s_end,
            descriptor_start=base + d_start,
            descriptor_end=base + tail_end,
            cue=verb.text,
            pattern="trailing",
            content_start=base,
            content_end=base + content_end,
            statement=statement_in(masked, verb.start, len(masked)),
        )
    return None


#: An adverb alone after the verb: "said dryly.", "noted wryly, ..." (no speaker comes after).
_ADVERB_ONLY_NEXT = re.compile(r"\s+[a-z]{2,}ly\s*(?:[.,;:!?]|$)")
_PARTICIPLE_AFTER_COMMA = re.compile(
    r",\s+(?:" + "|".join(sorted(cues.SPEECH_PARTICIPLES)) + r")\b", re.IGNORECASE
)


def _adverbial_after_name(masked: str, text: str, verb_start: int) -> bool:
    """Whether the words before the verb are a name and then an adverbial aside ("The Harbor
    Gazette, for one,"), which makes the name the verb's subject."""
    chunks = _chunks(masked, 0, verb_start, text)
    return (
        len(chunks) == 2
        and bool(_words(masked, *chunks[1]))  # 'Still, "...," said X': a quote is no aside
        and is_adverbial(masked, *chunks[1])
        and is_name_chunk(text, *chunks[0])
    )


def _separators(masked: str, verb_start: int) -> list[int]:
    """Up to three offsets, nearest first, just after a comma, semicolon or closing quote."""
    found = [m.end() for m in _SEPARATOR.finditer(masked, 0, verb_start)]
    return found[::-1][:3]


#: A comma or semicolon, or a closing quote (or "“" typed for one) after punctuation or a quote.
_SEPARATOR = re.compile("[,;]|(?<=[,.!?_])[" + re.escape(QUOTE_CLOSERS) + "“]")


def speaker_after(
    text: str, base: int, masked: str, start: int, end: int
) -> tuple[int, int] | None:
    """The speaker phrase after an inverted verb: "said Wang Lin, a spokesman for ...", "сказал
    Волков журналистам", "заявил ... пресс-секретарь президента Андрей Зорин"."""
    start, end = strip_span(masked, start, end, " \t\n,;.!?")
    if end <= start:
        return None
    # Words, and quoted names as single tokens: "пишет «Коммерсантъ» со ссылкой на ...".
    tokens = [
        Token(m.group(), m.group().lower(), m.start(), m.end())
        for m in _NAME_TOKEN.finditer(masked, start, end)
    ]
    if not tokens:
        return None
    # Drop Russian adjuncts around the name ("журналистам", "в пятницу") and the outlet that was
    # told ("сообщили РБК в пресс-службе министерства").
    words = [t for t in tokens if t.lower not in _RUSSIAN_ADJUNCTS]
    while len(words) > 1 and words[0].text.isupper() and is_cyrillic_word(words[0].text):
        words = words[1:]
    if not words:
        return None
    if words[0].lower in ("by",):
        words = words[1:]
    first = words[0]
    chunks = _chunks(masked, first.start, end, text[base : base + len(masked)])
    if not chunks:
        return None
    c_start, c_end = chunks[0]
    c_end = min(c_end, end)
    inner = [t for t in words if t.end > c_start and t.start < c_end]
    if not inner:
        return None
    # Trailing adjuncts after the name: "Волков журналистам".
    while len(inner) > 1 and inner[-1].lower in _RUSSIAN_ADJUNCTS:
        inner.pop()
    return base + inner[0].start, base + inner[-1].end


_NAME_TOKEN = re.compile(r"[«\"“‘']_+[»\"”’']|[^\W\d_][\w'’\-]*|\d[\d.,]*")
