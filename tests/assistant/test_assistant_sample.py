"""The shared sample article: the suggestions an analyst expects, with speaker and attribution."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimtracker.assistant import Suggestion, suggest, suggest_many

SAMPLE = (
    Path(__file__).parent.parent / "data" / "assistant" / "dev" / "us-warns-russia-2018-08-25.md"
)


@pytest.fixture(scope="module")
def source() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def suggestions(source: str) -> list[Suggestion]:
    return suggest(source)


def find(suggestions: list[Suggestion], phrase: str) -> Suggestion:
    hits = [s for s in suggestions if phrase in s.text]
    assert len(hits) == 1, f"{phrase!r}: {[s.text for s in hits]}"
    return hits[0]


def test_every_text_is_the_stored_text_at_its_offsets(source: str, suggestions: list[Suggestion]):
    assert suggestions
    for s in suggestions:
        assert source[s.start : s.end] == s.text
    assert [s.start for s in suggestions] == sorted(s.start for s in suggestions)


def test_markup_is_not_suggested(suggestions: list[Suggestion]):
    for s in suggestions:
        assert "Original url" not in s.text
        assert "By [Bloomberg]" not in s.text
        assert "Symbolic Strikes" not in s.text
        assert not s.text.startswith(("#", "**", "<http"))


def test_readiness_for_military_action_is_anonymous_from_four_people(suggestions):
    s = find(suggestions, "ready to take strong military action")
    assert s.attribution == "anonymous"
    assert s.speaker == "four people familiar with the discussions"
    assert s.speaker_kind == "described_group"
    assert s.source_count == 4
    assert s.cue == "according to"
    assert s.descriptor == "according to four people familiar with the discussions"


def test_us_officials_information_about_a_chemical_attack(suggestions):
    s = find(suggestions, "Assad may be planning a chemical attack")
    assert (s.attribution, s.speaker) == ("anonymous", "U.S. officials")


def test_the_people_who_asked_not_to_be_identified_are_the_four_people(suggestions):
    s = find(suggestions, "America is prepared to respond")
    assert s.attribution == "anonymous"
    assert s.speaker == "four people familiar with the discussions"
    assert "asked not to be identified" in (s.descriptor or "")


def test_ryabkov_concerned_and_provocations_are_two_clauses_on_record(suggestions):
    concerned = find(suggestions, '"very concerned"')
    provocations = find(suggestions, '"provocations"')
    assert concerned is not provocations
    for s in (concerned, provocations):
        assert (s.attribution, s.speaker, s.speaker_kind) == (
            "on_record",
            "Sergei Ryabkov",
            "person",
        )
    assert concerned.quote == "very concerned"
    assert provocations.quote == "provocations"


def test_ryabkov_direct_quotes(suggestions):
    caution = find(suggestions, "We caution Washington")
    prepared = find(suggestions, "new provocations are prepared")
    assert caution.quote == "We caution Washington against another military escapade"
    assert prepared.quote == (
        "When things don't turn out the way the U.S. and its allies want, "
        "then new provocations are prepared."
    )
    for s in (caution, prepared):
        assert (s.attribution, s.speaker) == ("on_record", "Sergei Ryabkov")


def test_surname_only_gets_the_full_name(suggestions):
    s = find(suggestions, "Russian officials told Bolton")
    assert s.speaker == "Sergei Ryabkov"
    assert s.descriptor == "Ryabkov said in a phone call Saturday"


def test_defense_ministry_statement(suggestions):
    s = find(suggestions, "was being prepared by An-Nusra")
    assert s.attribution == "official_statement"
    assert s.speaker == "Russian defense ministry"
    assert s.speaker_kind == "government_body"


def test_mattis_from_two_of_the_people(suggestions):
    s = find(suggestions, "Mattis persuaded the president")
    assert s.attribution == "anonymous"
    assert s.speaker == "two of the people familiar with the talks"
    assert s.source_count == 2


def test_they_resolves_to_the_people_familiar_with_the_talks(suggestions):
    s = find(suggestions, "Trump will not be dissuaded")
    assert s.attribution == "anonymous"
    assert s.speaker is not None and "people familiar with the talks" in s.speaker
    assert s.descriptor == "they said"


def test_estimate_of_fighters_is_unattributed(suggestions):
    s = find(suggestions, "estimated to number tens of thousands")
    assert (s.attribution, s.speaker, s.speaker_kind) == ("unattributed", None, "unknown")


def test_denial_by_assad_and_russia_counters_the_chemical_attack_allegation(suggestions):
    denial = find(suggestions, "no chemical weapons were used")
    assert (denial.attribution, denial.speaker) == ("on_record", "Assad and his ally Russia")
    assert "\n\nintervention." in denial.text  # the sentence the markup split is whole again
    targets = [suggestions[i] for i in denial.counter_to]
    assert any("chemical attack" in t.text for t in targets)
    for target in targets:
        # Never Russia's own claims: a denial counters the other side.
        assert target.speaker not in ("Sergei Ryabkov", "Russian defense ministry")


def test_output_is_deterministic_and_json_ready(source: str, suggestions: list[Suggestion]):
    assert suggest(source) == suggestions
    dumped = json.dumps([s.to_dict() for s in suggestions])
    again = json.loads(dumped)
    assert again[0]["text"] == suggestions[0].text
    assert all(isinstance(d["counter_to"], list) for d in again)


def test_suggest_many_matches_suggest(source: str, suggestions: list[Suggestion]):
    batch = list(suggest_many([source, "", source]))
    assert batch == [suggestions, [], suggestions]
