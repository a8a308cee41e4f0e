"""The building blocks, one pattern at a time, on short made-up passages."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtracker.assistant import suggest
from claimtracker.assistant.quotes import find_quotes
from claimtracker.assistant.sentences import prose_paragraphs, sentences
from claimtracker.assistant.speakers import NameIndex, describe
from tests.assistant.helpers import only

# --- Prose and sentences -----------------------------------------------------------------------


def test_markdown_furniture_is_skipped():
    text = (
        "# Headline Says Something\n\n![img](x.png)\n\n**A caption.**\n\nBy [Reuters](#)\n\n"
        "March 3, 2024\n\nThe ministry said 40 people were hurt.\n\n[Read more](https://x.y)\n\n"
        "Original url:\n\n<https://example.com/a>\n"
    )
    paragraphs = [text[a:b] for a, b in prose_paragraphs(text)]
    assert paragraphs == ["The ministry said 40 people were hurt."]


def test_a_sentence_cut_by_blank_lines_is_joined():
    text = "Officials said the strike hit\n\nwithin minutes.\n\nNext paragraph here."
    spans = [text[s.start : s.end] for s in sentences(text)]
    assert spans[0] == "Officials said the strike hit\n\nwithin minutes."


def test_abbreviations_and_quotes_do_not_end_sentences():
    text = 'Mr. Smith met U.S. officials on Sept. 11. "It went well. Very well," he said. It did.'
    spans = [text[s.start : s.end] for s in sentences(text)]
    assert spans == [
        "Mr. Smith met U.S. officials on Sept. 11.",
        '"It went well. Very well," he said.',
        "It did.",
    ]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said "yes" and "no".', ["yes", "no"]),
        ("“Curly,” she said.", ["Curly,"]),
        ("«Мы готовы», — сказал он.", ["Мы готовы"]),
        ("'We will win,' he said. It's Ashby's book.", ["We will win,"]),
    ],
)
def test_quotes(text: str, quoted: list[str]):
    assert [text[q.start : q.end] for q in find_quotes(text)] == quoted


# --- Attribution patterns ----------------------------------------------------------------------


def test_trailing_said_with_adjuncts():
    s = only("Prices rose 4% in March, the statistics office said on Tuesday.")
    assert s.speaker == "the statistics office"
    assert s.attribution == "official_statement"
    assert s.descriptor == "the statistics office said on Tuesday"


def test_inverted_said_with_apposition():
    s = only('"We will respond," said Wang Lin, a spokesman for the commerce ministry.')
    assert (s.speaker, s.attribution, s.quote) == ("Wang Lin", "on_record", "We will respond")


def test_leading_with_adverbial_and_relative_clause():
    s = only(
        "On Monday, two diplomats, who spoke on condition of anonymity, said the talks had stalled."
    )
    assert (s.speaker, s.attribution, s.source_count) == ("two diplomats", "anonymous", 2)


def test_apposition_name_after_description():
    s = only("The company's lawyer, Jane Roe, denied that any data had been lost.")
    assert (s.speaker, s.attribution, s.cue) == ("Jane Roe", "on_record", "denied")


def test_passive_estimate_is_not_an_attribution():
    s = only("The rebels are estimated to number 30,000 fighters.")
    assert (s.attribution, s.speaker) == ("unattributed", None)


def test_report_in_an_outlet_is_secondhand():
    s = only("A report in the Sunday Times claimed that the deal had collapsed.")
    assert (s.speaker, s.speaker_kind, s.attribution) == (
        "the Sunday Times",
        "media_outlet",
        "secondhand",
    )


def test_according_to_a_book():
    s = only("Aides hid papers from the president, according to a new book.")
    assert s.attribution == "secondhand"
    assert s.descriptor == "according to a new book"


def test_british_anonymous_sources_and_spokesman():
    found = suggest(
        "Tory sources said 60 MPs would rebel. A Downing Street spokesman denied the report."
    )
    assert [(s.speaker, s.attribution) for s in found] == [
        ("Tory sources", "anonymous"),
        ("A Downing Street spokesman", "official_statement"),
    ]


def test_colon_introduces_the_quote_in_the_next_paragraph():
    text = 'Mrs Doe said:\n\n"We will stop the boats.\n\n"Nobody should doubt it."\n'
    found = suggest(text)
    assert [(s.speaker, s.quote) for s in found] == [
        ("Doe", "We will stop the boats."),
        ("Doe", "Nobody should doubt it."),
    ]


def test_it_is_understood_is_anonymous():
    s = only("It is understood that the Treasury has raised concerns about the cost.")
    assert (s.attribution, s.speaker) == ("anonymous", None)


def test_russian_patterns():
    text = (
        "Россия располагает данными о подготовке провокации. Об этом заявил в понедельник "
        "замминистра иностранных дел РФ Сергей Волков.\n\n"
        "«Мы предупреждаем Вашингтон», — сказал Волков журналистам. По его словам, Москва "
        "передала информацию.\n\n"
        "Как сообщили в Министерстве обороны России, доставлены восемь баллонов.\n"
    )
    found = suggest(text)
    assert [s.speaker for s in found] == [
        "Сергей Волков",
        "Сергей Волков",
        "Сергей Волков",
        "Министерстве обороны России",
    ]
    assert found[0].text == "Россия располагает данными о подготовке провокации."
    assert found[-1].attribution == "official_statement"


# --- Speakers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "name", "kind", "count"),
    [
        ("four people familiar with the discussions", None, "described_group", 4),
        ("two of the people familiar with the talks", None, "described_group", 2),
        ("a senior administration official", None, "described_group", 1),
        ("Russian Deputy Foreign Minister Sergei Ryabkov", "Sergei Ryabkov", "person", 1),
        ("Trade Minister Liesje van Dam", "Liesje van Dam", "person", 1),
        ("the Russian defense ministry", "Russian defense ministry", "government_body", None),
        ("A report in the Sunday Telegraph", "the Sunday Telegraph", "media_outlet", None),
        ("A group calling itself Cyber Av3ngers", "Cyber Av3ngers", "organisation", None),
        ("the Office for National Statistics", "Office for National Statistics", None, None),
        ("Официальный представитель МИД России Анна Крылова", "Анна Крылова", "person", 1),
    ],
)
def test_describe(phrase: str, name: str | None, kind: str | None, count: int | None):
    speaker = describe(phrase)
    assert speaker.name == (name or phrase)
    if kind is not None:
        assert speaker.kind == kind
    assert speaker.count == count


def test_name_index_expands_surnames():
    index = NameIndex("National Security Adviser John Bolton met Nikolai Patrushev in Geneva.")
    assert describe("Bolton", index).name == "John Bolton"
    assert describe("Patrushev", index).name == "Nikolai Patrushev"


def test_pronouns_and_definite_descriptions_resolve():
    found = suggest(
        'Senator Ann Lee said the bill would pass. "It will," she said.\n\n'
        "A senior official said 12 votes were missing. The official added that talks continue.\n\n"
        "Three aides said the vote was delayed. They said it could come next week.\n"
    )
    assert [s.speaker for s in found] == [
        "Ann Lee",
        "Ann Lee",
        "A senior official",
        "A senior official",
        "Three aides",
        "Three aides",
    ]


# --- Counter-claims ----------------------------------------------------------------------------


def test_denial_of_a_report_points_at_the_report():
    found = suggest(
        "Ministers plan to scrap the targets, a report in the Sunday Telegraph claimed.\n\n"
        "Labour said the plan was a disgrace.\n\n"
        "A Downing Street spokesman denied the report.\n"
    )
    assert found[-1].counter_to == (0,)
    assert found[0].counter_to == ()


def test_rejecting_a_proposal_is_not_a_counter_claim():
    found = suggest(
        "Moscow proposed lifting oil sanctions, officials said. "
        "Washington rejected the proposal, the officials said."
    )
    assert all(s.counter_to == () for s in found)


def test_accused_party_denial():
    found = suggest(
        "Russian drones hit a grain port overnight, Ukraine's ministry said.\n\n"
        "Kremlin spokesman Dmitry Orlov said Russia does not strike civilian sites.\n"
    )
    assert found[1].counter_to == (0,)


# --- Robustness --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["", "   \n\n", "# Only a title", "no full stop", "«»", "He said."]
)
def test_odd_inputs(text: str):
    for s in suggest(text):
        assert text[s.start : s.end] == s.text


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "The ministry said",
                " 40 people",
                " were hurt",
                ".",
                ",",
                '"',
                "“",
                "”",
                "«",
                "»",
                "'",
                " he said",
                " according to officials",
                "\n\n",
                "# ",
                "**",
                " Mr.",
                " U.S.",
                " denied the report",
                " and",
                " They",
                " Об этом заявил Волков",
            ]
        ),
        max_size=40,
    )
)
def test_any_text_gives_valid_offsets(parts: list[str]):
    text = "".join(parts)
    found = suggest(text)
    for i, s in enumerate(found):
        assert text[s.start : s.end] == s.text
        assert all(0 <= j < len(found) and j != i for j in s.counter_to)
    assert suggest(text) == found


def test_the_package_imports_neither_qt_nor_sqlalchemy():
    code = (
        "import sys, claimtracker.assistant as a; a.suggest('X said Y happened.');"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'sqlalchemy', 'sqlmodel'))];"
        "print(bad); raise SystemExit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- Patterns found by the held-out articles ---------------------------------------------------


def test_called_the_allegations_baseless_is_a_denial():
    found = suggest(
        "An aide steered $4 million in contracts to a donor, according to records obtained by "
        "The Associated Press.\n\n"
        'The governor\'s office called the allegations "baseless" in a statement.\n'
    )
    assert found[0].attribution == "secondhand"
    assert found[0].speaker == "The Associated Press"
    assert found[1].cue == "called"
    assert found[1].counter_to == (0,)


def test_blockquote_and_list_markers_are_not_part_of_the_text():
    text = '> "This is deliberate," said Agnès Morel.\n\n- At least 1,400 people were detained.\n'
    found = suggest(text)
    assert [s.text for s in found] == [
        '"This is deliberate," said Agnès Morel.',
        "At least 1,400 people were detained.",
    ]


def test_a_company_known_only_by_one_word():
    found = suggest(
        "Cloudwise said the outage was caused by a faulty update.\n\n"
        "Shares of Cloudwise fell 7% on Friday.\n"
    )
    assert (found[0].speaker, found[0].speaker_kind, found[0].attribution) == (
        "Cloudwise",
        "organisation",
        "official_statement",
    )


def test_family_name_first():
    found = suggest(
        "China will respond, said Wang Lin, a spokesman for the commerce ministry.\n\n"
        '"The curbs are unfair," Wang told a briefing.\n'
    )
    assert [s.speaker for s in found] == ["Wang Lin", "Wang Lin"]


def test_russian_outlet_citing_sources_and_press_service():
    found = suggest(
        "Правительство обсуждает повышение налога на 15%, пишет «Коммерсантъ» со ссылкой на "
        "источники в Минфине.\n\n"
        "В Минфине опровергли эти сведения. «Решений не принималось», — сообщили РБК в "
        "пресс-службе министерства.\n"
    )
    assert (found[0].speaker, found[0].attribution) == ("Коммерсантъ", "secondhand")
    assert found[1].counter_to == (0,)
    assert found[2].speaker == "пресс-службе министерства"


def test_denial_that_names_whose_claim_it_answers():
    found = suggest(
        "Cloudwise said the outage was caused by an update and not by a cyberattack, as some "
        "researchers had suggested.\n\n"
        "Researchers at the security firm Nettrace said the outage coincided with an attack.\n"
    )
    assert found[0].counter_to == (1,)
    assert found[1].speaker == "Researchers at the security firm Nettrace"
