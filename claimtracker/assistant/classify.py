"""Attribution codes (see ``VOCABULARY.md``) from what is known about the speaker and the cue."""

from __future__ import annotations

import re

from claimtracker.assistant import cues
from claimtracker.assistant.cues import words
from claimtracker.assistant.speakers import Speaker

_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_NUMBER = re.compile(r"\d")
_WORD = re.compile(r"[^\W_][\w'’%$-]*")

#: An unattributed sentence shorter than this is a fragment (a dateline, a caption), not a claim.
_MIN_CLAIM_WORDS = 5


def attribution_code(
    speaker: Speaker | None,
    cue: str | None,
    statement: bool = False,
    descriptor: str = "",
    claim: str = "",
) -> str:
    """One of on_record, official_statement, anonymous, secondhand, unattributed.

    ``statement`` says the words came in an issued statement ("said in a statement"): what a body
    or an unidentified speaker issues is an official statement; a named person stays on record.
    ``descriptor`` is the attribution phrase ("As The Harbor Gazette reported"); ``claim`` the
    words of the claim, descriptor included.
    """
    if speaker is None or (
        speaker.name is None and speaker.pronoun is None and not speaker.anonymous
    ):
        return "unattributed"
    if (
        cue is not None
        and cue.lower() in cues.ANONYMOUS_SOURCING_VERBS
        and not _named_person(speaker)
    ):
        return "anonymous"
    if _outlet_by_name(speaker, descriptor) or _share_in_poll(speaker, claim):
        return "secondhand"
    if _group_by_head(speaker) or _sources_of_outlet(speaker):
        return "anonymous"
    if (
        _document_by_head(speaker)
        or _outlet_staffer(speaker, descriptor)
        or _publication_head(speaker)
        or _document_noun_cue(speaker, cue, descriptor)
    ):
        return "secondhand"
    if speaker.document or speaker.kind == "media_outlet":
        return "secondhand"
    if speaker.anonymous or speaker.kind == "described_group":
        return "anonymous"
    if speaker.spokesperson or speaker.kind in ("government_body", "organisation"):
        return "official_statement"
    if statement and speaker.kind != "person":
        return "official_statement"
    return "on_record"


#: Plural nouns for people that head an unnamed group even when capitalised at a sentence start
#: ("Candidates say", "Proponents of the bill argue"), besides the described-source heads.
_PEOPLE_PLURALS = words(
    """
    candidates leaders proponents opponents applicants mourners partisans
    associates prosecutors protesters demonstrators activists advocates backers donors
    rabbis pastors priests clergy bishops imams historians scholars commentators pundits
    makers manufacturers producers growers retailers automakers carmakers drugmakers employers
    landlords homeowners taxpayers consumers shoppers
    conservatives liberals progressives moderates evangelicals veterans students parents
    workers residents citizens immigrants farmers doctors nurses lawyers attorneys judges
    insiders observers skeptics detractors fans viewers readers callers
    """
)
_PARTY_MEMBERS = words(
    "democrats republicans dems conservatives liberals progressives independents"
)
_GROUP_WORDS = words("both none others many most some several few all everyone everybody nobody")
#: "Not everyone", "almost everybody": a quantifier with its adverb.
_HEDGED_QUANTIFIER = re.compile(
    r"(?i)(?:not|almost|nearly|virtually|hardly|practically)\s+(?:everyone|everybody|all|anyone|anybody)"
)
#: Peoples named by a plural ("The Germans announce"): those who speak are unnamed.
_PEOPLES = words(
    """
    americans germans russians saudis israelis iranians iraqis syrians mexicans chinese japanese
    british french europeans canadians cubans palestinians afghans pakistanis indians koreans
    ukrainians turks kurds brits egyptians libyans africans asians latinos hispanics muslims
    christians jews
    """
)


def speaker_kind(speaker: Speaker, descriptor: str = "") -> str:
    """The speaker's kind as the category rules below see it: an outlet taken for a name is an
    outlet, a group headed by a plural noun or a party is a described group."""
    if _outlet_by_name(speaker, descriptor):
        return "media_outlet"
    if _group_by_head(speaker) or _sources_of_outlet(speaker):
        return "described_group"
    if _publication_head(speaker):
        return "media_outlet"
    return speaker.kind


_NUMBER_OF = re.compile(
    r"(?i)(?:an?\s+(?:\w+\s+)?(?:number|handful|host|slew|group)"
    r"|(?:the|a)\s+(?:\w+\s+)?(?:proportion|share|percentage|majority|minority|plurality|fraction))"
    r"\s+of\s"
)


def _group_by_head(speaker: Speaker) -> bool:
    """A speaker headed by a party's members, a quantifier, a nationality or a plural noun for
    people ("Senate Democrats", "Both", "The Germans", "Candidates") is an unnamed group, even
    where a capital made it look like a name or a party like an organisation."""
    if speaker.pronoun is not None or speaker.name is None or speaker.document:
        return False
    if speaker.kind not in ("person", "organisation", "government_body", "unknown"):
        return False
    head = (speaker.head or "").lower()
    name_words = speaker.name.split()
    if _NUMBER_OF.match(speaker.name):
        return True  # "A growing number of pilots"
    if head in _PARTY_MEMBERS and len(name_words) <= 3:
        return True
    if len(name_words) == 1 and head in _GROUP_WORDS:
        return True
    if _HEDGED_QUANTIFIER.fullmatch(speaker.name.strip()):
        return True
    last = name_words[-1]
    if last.islower() and last in _PEOPLE_PLURALS:
        return True  # "Cement makers", "local rabbis": a plural for people ends the phrase
    if speaker.kind == "organisation":
        return False  # "Analysts at Morgan Finch" speak for their firm
    if head in _PEOPLE_PLURALS or (head in cues.DESCRIBED_SOURCE_HEADS and head.endswith("s")):
        # "Candidates", "the Harbor candidates"; not "Communications Workers", a union's name
        return len(name_words) == 1 or name_words[-1].islower()
    return speaker.name.lower().removeprefix("the ") in _PEOPLES


def _document_by_head(speaker: Speaker) -> bool:
    """ "new fundraising reports show", "the filings show", "a Harbor University Poll",
    "audio provided to the Gazette": documents and recordings speak second-hand."""
    if speaker.kind != "unknown" or speaker.document or speaker.name is None:
        return False
    last = speaker.name.split()[-1]
    if speaker.name.islower() and last.endswith("s") and last[:-1] in cues.DOCUMENT_HEADS:
        return True
    head = (speaker.head or "").lower()
    if head in _RECORDINGS:
        return True
    if head not in speaker.name.split():
        # a capitalised head names a document only as a poll or a study ("a Harbor University
        # Poll"), not as a treaty or a law ("the Harbor Free Trade Agreement")
        return head in _NAMED_DOCUMENTS
    return head in cues.DOCUMENT_HEADS


#: Documents that keep their kind when capitalised in a title.
_NAMED_DOCUMENTS = words("poll polls survey surveys study report analysis review audit index")


#: Recordings, which speak as documents do.
_RECORDINGS = words("audio tape tapes recording recordings audiotape videotape")
#: Journalists: one of them unnamed but from a named outlet reports for it ("a Gazette reporter").
_JOURNALIST_HEADS = words(
    "reporter correspondent columnist editor writer journalist producer anchor host"
)
#: Publications as heads of a speaker phrase: "A blog run by two students", "the tabloid".
_PUBLICATION_NOUNS = words(
    "blog blogs newspaper newspapers magazine magazines tabloid tabloids newsletter website"
)
#: Cues that are also nouns for documents: "A 2011 report by ... found", "The agency report".
_DOCUMENT_NOUN_CUES = words("report estimate survey poll review audit forecast study tally")


def _sources_of_outlet(speaker: Speaker) -> bool:
    """ "media sources", "network insiders": unnamed people, not the outlet's own report."""
    if speaker.kind != "media_outlet" or speaker.name is None:
        return False
    last = speaker.name.split()[-1]
    return last.islower() and last.endswith("s") and last in cues.DESCRIBED_SOURCE_HEADS


def _outlet_staffer(speaker: Speaker, descriptor: str) -> bool:
    """ "a Harbor Gazette reporter", "a Politico correspondent": an unnamed journalist reports
    for the outlet named beside them, second-hand."""
    if speaker.name is None or speaker.plural or not speaker.anonymous:
        return False
    if (speaker.head or "").lower() not in _JOURNALIST_HEADS:
        return False
    name_words = speaker.name.split()
    # a capitalised press word names the outlet: "a Harbor Gazette reporter", "a Daily News writer"
    if any(w[:1].isupper() and w.lower() in cues.MEDIA_HEADS for w in name_words):
        return True
    lowered = " " + " ".join(w.lower().strip(",.") for w in name_words) + " "
    return any(" " + media + " " in lowered for media in _MEDIA_NAME_SET)


def _publication_head(speaker: Speaker) -> bool:
    """ "A blog", "the tabloid": a publication speaks second-hand."""
    return (
        speaker.name is not None
        and speaker.kind != "person"
        and (speaker.head or "").lower() in _PUBLICATION_NOUNS
    )


def _document_noun_cue(speaker: Speaker, cue: str | None, descriptor: str) -> bool:
    """ "A 2011 report by the institute found": the cue taken was the document's noun, right
    after a singular determiner or a year ("A 2011", "The agency"), where no verb can be."""
    if cue is None or speaker.name is None or cue.lower() not in _DOCUMENT_NOUN_CUES:
        return False
    name_words = speaker.name.split()
    phrase = " ".join(descriptor.split()).lower()
    if not phrase.endswith((speaker.name + " " + cue).lower()):
        return False
    first, last = name_words[0].lower(), name_words[-1]
    if len(name_words) > 3 or "of" in name_words:
        return False  # "One of the authors of that 2013": a person's phrase, cut short
    if last.isdigit():
        return True
    return first in ("a", "an", "the") and not last.lower().endswith("s")


#: A share of those polled: "58 percent of voters", "six in 10 voters", "a majority of ...".
_SHARE = re.compile(
    r"(?i)^(?:(?:about|nearly|almost|roughly|only|just|more than|fewer than|less than)\s+)?"
    r"(?:\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|\d+)(?:-|\s+)in(?:-|\s+)(?:\d+|ten)\b"
    r"|(?:a\s+)?(?:majority|majorities|plurality)\s+of\b)"
)
_POLL = re.compile(r"(?i)\b(?:poll|polls|survey|surveys|polling)\b")


def _share_in_poll(speaker: Speaker, claim: str) -> bool:
    """ "In a new Gazette poll, 58 percent of voters said ...": the respondents' answers are
    reported by the poll, second-hand."""
    if speaker.name is None or not claim or not _SHARE.match(speaker.name.strip()):
        return False
    return _POLL.search(claim.replace(speaker.name, " ")) is not None


def _named_person(speaker: Speaker) -> bool:
    """A person named by the article ("Ada Kowal understands that ..."): their own view."""
    return (
        speaker.kind == "person"
        and not speaker.anonymous
        and speaker.name is not None
        and any(w[:1].isupper() for w in speaker.name.split())
    )


def _outlet_by_name(speaker: Speaker, descriptor: str) -> bool:
    """ "Pew found", "As The Hill reported": an outlet or pollster taken for a person's name."""
    if speaker.kind != "person" or speaker.name is None or " " in speaker.name.strip():
        return False
    name = speaker.name.strip().lower()
    if name in _MEDIA_NAME_SET:
        return True
    the_name = re.search(r"\bThe\s+" + re.escape(speaker.name.strip()) + r"\b", descriptor)
    return the_name is not None and "the " + name in _MEDIA_NAME_SET


_MEDIA_NAME_SET = frozenset(cues.MEDIA_NAMES)


def is_checkable(sentence: str) -> bool:
    """Whether an unattributed sentence asserts something worth tagging: a figure, an estimate,
    an allegation or a hedge ("are estimated to number", "had allegedly been used")."""
    stripped = sentence.rstrip()
    if stripped.endswith("?"):
        return False
    lowered = stripped.lower()
    if any(phrase in lowered for phrase in cues.NO_COMMENT_PHRASES):
        return False  # "declined to comment" asserts nothing
    words = _WORD.findall(sentence)
    if len(words) < _MIN_CLAIM_WORDS:
        return False
    for word in words:
        lowered = word.lower()
        if lowered in cues.HEDGES or lowered in cues.QUANTITY_WORDS:
            return True
        if _NUMBER.search(word) and not _YEAR.match(word) and not _is_day_of_month(word, words):
            return True
    return False


_MONTHS = words(
    """
    jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july
    august september october november december января февраля марта апреля мая июня июля августа
    сентября октября ноября декабря
    """
)


def _is_day_of_month(word: str, words: list[str]) -> bool:
    if not word.isdigit() or len(word) > 2:
        return False
    k = words.index(word)
    neighbours = words[max(0, k - 1) : k] + words[k + 1 : k + 2]
    return any(n.lower().rstrip(".") in _MONTHS for n in neighbours)
