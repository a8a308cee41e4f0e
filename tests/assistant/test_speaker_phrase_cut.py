"""Speaker phrases cut back to the noun phrase that names the speaker: no auxiliary, negation,
adverb or clause before the reporting verb stays in the speaker; on short passages written for
these tests."""

from __future__ import annotations

import pytest

from claimtracker.assistant import suggest
from claimtracker.assistant.phrase_cut import cut_speaker_phrase, is_clause_after_verb, only_fronted

_OPENING = "The ferry vote was close. "


@pytest.mark.parametrize(
    ("sentence", "speaker", "code"),
    [
        (
            "Harbor Democrats also don’t believe the levy will pass.",
            "Harbor Democrats",
            "anonymous",
        ),
        (
            "The town's ferry riders can't quite say why the fares rose so fast.",
            "The town's ferry riders",
            "anonymous",
        ),
    ],
)
def test_no_auxiliary_or_adverb_stays_in_the_speaker(
    sentence: str, speaker: str, code: str
) -> None:
    found = suggest(_OPENING + sentence)[-1]
    assert (found.speaker, found.attribution) == (speaker, code)


@pytest.mark.parametrize(
    ("phrase", "cut"),
    [
        ("Harbor Democrats don’t", "Harbor Democrats"),
        ("the extra money would", "the extra money"),
        ("The candidates briefly", "The candidates"),
        (
            "The Harbor Ferry Company released a statement on Monday evening in full",
            "The Harbor Ferry Company",
        ),
        # a personal pronoun is the whole subject; a pronoun joined to others is not
        ("he all but", "he"),
        ("She often speaks of the levy by name", "She"),
        ("she and her aides", "she and her aides"),
        # a day after a name is no part of it; a day after a document or in a name is
        ("Kowal later Thursday", "Kowal"),
        ("Ada Kowal on Monday", "Ada Kowal"),
        ("a ferry poll released Thursday", "a ferry poll released Thursday"),
        ("USA TODAY", "USA TODAY"),
        # a relative clause, a noun that ends like an adverb and a plain name stay whole
        ("an aide who has worked for both", "an aide who has worked for both"),
        ("the foundation's tally", "the foundation's tally"),
        ("Mayor Ada Kowal", "Mayor Ada Kowal"),
        (
            "It involved keeping tabs on the ferry budgets for years",
            "It involved keeping tabs on the ferry budgets for years",
        ),
    ],
)
def test_cut_speaker_phrase(phrase: str, cut: str) -> None:
    assert cut_speaker_phrase(phrase) == cut


def test_an_adverb_after_the_verb_is_no_speaker() -> None:
    found = suggest(
        _OPENING + '"It was never about the ferry," Tom Hale, a retired mechanic, said dryly.'
    )[-1]
    assert (found.speaker, found.attribution) == ("Tom Hale", "on_record")


def test_a_month_after_a_document_is_no_owner() -> None:
    found = suggest(
        _OPENING + "Riders favour a second boat, according to a Harbor Gazette poll in February."
    )[-1]
    assert found.speaker != "February"
    assert found.attribution == "secondhand"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # a participle clause opening the sentence is no speaker; its noun is no reporting verb
        (
            "Visiting the late night talk shows, Ada Kowal said the levy was fair.",
            "Ada Kowal",
        ),
        # the subject after a fronted phrase closed by dashes
        (
            "Inside the hall - a barn, really - Tom Hale said the ferry would run again.",
            "Tom Hale",
        ),
    ],
)
def test_a_fronted_phrase_gives_way_to_the_subject(sentence: str, speaker: str) -> None:
    found = suggest(_OPENING + sentence)[-1]
    assert (found.speaker, found.attribution) == (speaker, "on_record")


@pytest.mark.parametrize(
    ("phrase", "cut"),
    [
        ("Frankly I", "I"),
        ("Certainly Ada Kowal", "Ada Kowal"),
        ("As the Harbor Gazette", "the Harbor Gazette"),
        ("Following a rally in Dover last week, Kowal", "Kowal"),
        # an adverb of amount, a count and a plain subject stay whole
        ("Nearly half", "Nearly half"),
        ("At least ten riders", "At least ten riders"),
        ("Leading economists", "Leading economists"),
    ],
)
def test_the_subject_after_a_fronted_word(phrase: str, cut: str) -> None:
    assert cut_speaker_phrase(phrase) == cut


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # a prepositional phrase after the verb, not an inverted speaker
        (
            "Ada Kowal, who has run the ferry board since 2009, warned against the new fares.",
            "Ada Kowal",
        ),
        # a participle after the verb
        ("Tom Hale, plainly bored, answered by tapping the desk twice.", "Tom Hale"),
        # a quantity word after the verb is its object
        (
            "At the hearing, Tom Hale, in his work clothes, said nothing, and the chair moved on.",
            "Tom Hale",
        ),
        # a subject with its own verb after the verb
        (
            "Since 2009, dock riders, tired of delays, said crews eventually built a pier.",
            "dock riders",
        ),
    ],
)
def test_a_clause_after_the_verb_is_no_inverted_speaker(sentence: str, speaker: str) -> None:
    found = suggest(_OPENING + sentence)[-1]
    assert found.speaker == speaker


@pytest.mark.parametrize(
    "phrase",
    ["officials familiar with the talks", "recently leaked ferry documents", "Ada Kowal"],
)
def test_a_noun_phrase_after_the_verb_may_be_an_inverted_speaker(phrase: str) -> None:
    assert not is_clause_after_verb(phrase)


@pytest.mark.parametrize(
    ("phrase", "cut"),
    [
        # a past form with its object after a document's noun
        ("The memo quoted a ferry clerk who worked beside Tom Hale", "The memo"),
        # an adverb between a plural noun and its verb
        ("the leaflets openly mock the levy the riders pay", "the leaflets"),
        # a hyphen typed for a dash closes the name; a dateline's does not
        ("the Harbor Budget Office - a tenth of the ferry levy", "the Harbor Budget Office"),
        (
            "May 3 (Wire) - Harbor mayor Ada Kowal on Tuesday",
            "May 3 (Wire) - Harbor mayor Ada Kowal",
        ),
        # a time ago after the name; nothing left without it keeps the phrase
        ("The Harbor Board only three days ago", "The Harbor Board"),
        ("Only two days ago", "Only two days ago"),
        # an adverb before a participle in a document's name stays
        (
            "newly printed Harbor Board timetables for the ferry",
            "newly printed Harbor Board timetables for the ferry",
        ),
    ],
)
def test_a_long_phrase_ends_with_its_noun(phrase: str, cut: str) -> None:
    assert cut_speaker_phrase(phrase) == cut


@pytest.mark.parametrize(
    ("phrase", "fronted"), [("About", False), ("Over", True), ("At least ten", False)]
)
def test_a_lone_word_that_may_lead_a_count_is_read_without_failing(
    phrase: str, fronted: bool
) -> None:
    """ "Over" alone has no second word to make it a count ("Over half"): a fronted word."""
    assert only_fronted(phrase) is fronted
