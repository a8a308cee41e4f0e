"""Headline and title-case runs are cut at the words the article writes in lower case."""

from __future__ import annotations

from claimtracker.assistant import suggest
from claimtracker.assistant.speakers import NameIndex
from claimtracker.assistant.title_runs import lower_case_words, name_pieces

_HEADLINE = (
    "Harbor Union Chief Backs Ada Kowal Over Bridge Plan\n\n"
    "The union chief said the bridge plan would cost jobs, and he backs the mayor over it. "
    "Kowal met the union on Monday. She said the plan was sound.\n"
)


def test_a_headline_run_is_cut_at_its_ordinary_words():
    ordinary = lower_case_words(_HEADLINE)
    pieces = name_pieces("Harbor Union Chief Backs Ada Kowal Over Bridge Plan".split(), ordinary)
    assert ["Ada", "Kowal"] in pieces
    # A short run and a surname that is an ordinary word stay whole.
    assert name_pieces(["Rosa", "Small"], frozenset(["small"])) == [["Rosa", "Small"]]
    assert name_pieces(["Ana", "de", "Souza", "Small"], frozenset(["de", "small"])) == [
        ["Ana", "de", "Souza", "Small"]
    ]


def test_a_lone_surname_is_not_the_headline_around_the_name():
    assert NameIndex(_HEADLINE).person("Kowal") == "Ada Kowal"
    spoken = [s for s in suggest(_HEADLINE) if "sound" in s.text]
    assert spoken and spoken[0].speaker == "Ada Kowal"


def test_an_adverb_opening_the_sentence_is_no_part_of_the_name():
    text = (
        "Certainly Rosa Lind had doubts about the tunnel, and she certainly said so. "
        "She said the tunnel was too costly.\n"
    )
    assert NameIndex(text).person("Lind") == "Rosa Lind"
    spoken = [s for s in suggest(text) if "too costly" in s.text]
    assert spoken and spoken[0].speaker == "Rosa Lind"


def test_a_headline_run_gives_way_to_the_name_in_the_body():
    text = "Harbor Board Praises Ada Kowal.\nAda Kowal met the dockers. Kowal said the deal was fair.\n"
    assert NameIndex(text).person("Kowal") == "Ada Kowal"
    # A clean name in the headline still counts.
    assert (
        NameIndex("Ada Kowal: Harbor Vote Was Fair.\nKowal said it was fair.\n").person("Kowal")
        == "Ada Kowal"
    )
