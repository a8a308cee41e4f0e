"""Reporting grammar of real news copy, on short passages written for these tests.

Each case is a pattern that news articles use and that the assistant must read as an
attribution: who speaks, by which cue, and on what attribution.
"""

from __future__ import annotations

import pytest

from claimtracker.assistant import suggest
from claimtracker.assistant.quotes import find_quotes
from tests.assistant.helpers import only


def test_doubled_apostrophes_quote_like_double_quotes():
    text = "''We are ready to talk,'' Ms. Varga said. ''Nobody else is.''"
    assert [text[q.start : q.end] for q in find_quotes(text)] == [
        "We are ready to talk,",
        "Nobody else is.",
    ]
    first, second = suggest(text)
    assert first.quote == "We are ready to talk"
    assert (second.speaker, second.attribution) == (first.speaker, "on_record")
    assert second.quote == "Nobody else is."


def test_an_apostrophe_pair_inside_words_is_not_a_quote():
    text = "The ''best'' plan isn''t ready."
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["best"]


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        # a short adverbial between the subject and its verb
        (
            "Harbor County Chairman Will Ostrander, for example, said the rally would draw "
            "thousands.",
            "Will Ostrander",
            "said",
        ),
        # a participle phrase in front of the subject
        (
            "Worried by the delays, Senator Ada Kowal, the committee chair, said that the vote "
            "would slip.",
            "Ada Kowal",
            "said",
        ),
        # a sentence adverb in front
        (
            "Moreover, Paul Ngata, director of the Lakeside Institute, noted this week that the "
            "plans stop in 2030.",
            "Paul Ngata",
            "noted",
        ),
        # "In one post Friday" is an adverbial, "post" after "one" a noun
        ("In one tweet Friday, Ostrander said the count was wrong.", "Ostrander", "said"),
    ],
)
def test_subjects_behind_adverbials(text: str, speaker: str, cue: str):
    s = only(text)
    assert (s.speaker, s.cue, s.attribution) == (speaker, cue, "on_record")


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        # the speaker set off by commas inside the sentence
        ("Most of the closed courses, Ostrander said, were public ones.", "Ostrander", "said"),
        (
            "If the rule was never tested in court, Kowal said on Monday, there is a simple "
            "reason.",
            "Kowal",
            "said",
        ),
        # a dash ends the trailing attribution
        (
            "The deficit will grow again this year, the Lakeside Budget Office reported on "
            "Tuesday -- a turn that upsets every plan.",
            "Lakeside Budget Office",
            "reported",
        ),
        # progressive
        ("Ostrander is warning that the merger will cost jobs.", "Ostrander", "warning"),
        # a participle after the main clause: its subject speaks
        (
            "Ostrander called for a pause on all imports, saying the deal was a disaster.",
            "Ostrander",
            "saying",
        ),
        (
            "Back in 1999, Mr. Ostrander praised the mayor's skills, telling a radio host that he "
            "wished he could campaign like that.",
            "Ostrander",
            "telling",
        ),
    ],
)
def test_parentheses_dashes_progressives_and_participles(text: str, speaker: str, cue: str):
    s = only(text)
    assert (s.speaker, s.cue) == (speaker, cue)
    assert s.attribution in ("on_record", "official_statement")


def test_a_participle_that_reports_nothing_attributes_nothing():
    found = suggest("Voting ended at noon in 14 districts, leaving the count open for days.")
    assert all(s.attribution == "unattributed" for s in found)


def test_a_pronoun_subject_of_the_main_clause_is_resolved():
    found = suggest(
        "Mayor Ostrander said the vote was close. He took aim at the bank, arguing that it had failed 300 "
        "families."
    )
    assert (found[-1].speaker, found[-1].cue) == ("Ostrander", "arguing")


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        # a new clause after a dash, a colon or ", and"
        (
            "Ostrander knows the problem — he told the Gazette that his task is to prove it.",
            "he",
            "told",
        ),
        (
            "Half of the members were worried, and more than 4 in 10 said the fund would fail.",
            "more than 4 in 10",
            "said",
        ),
        # a short lower-case subject headed by a source noun, the tail ended by a semicolon
        (
            "Turnout must reach 60 percent, political analysts say; in 2012 it was 52 percent.",
            "political analysts",
            "say",
        ),
        # an inverted "say" with a relative clause after the speaker
        (
            "A quieter campaign may not be bad, say some Lakeside Democrats, who recall the last "
            "race.",
            "some Lakeside Democrats",
            "say",
        ),
        # "two hours after outlets declared" is no subject: the speaker is before it
        (
            '"We will win again," Ostrander said at his party, two hours after outlets declared '
            "him the victor.",
            "Ostrander",
            "said",
        ),
    ],
)
def test_clauses_and_lower_case_subjects(text: str, speaker: str, cue: str):
    s = only(text)
    assert (s.speaker, s.cue) == (speaker, cue)
    assert s.attribution != "unattributed"


@pytest.mark.parametrize(
    ("text", "speaker", "code"),
    [
        # shares of a poll's respondents, quantified and plural groups are unnamed people
        (
            "Some 56 percent of Lakeside voters polled said the mayor should resign.",
            None,
            "anonymous",
        ),
        ("Two-thirds of caucus goers said the count was fair.", None, "anonymous"),
        ("Most said the count was fair and quick.", "Most", "anonymous"),
        (
            "Election scholars caution that the count will be slow.",
            "Election scholars",
            "anonymous",
        ),
        ("Harbor County leaders said the bridge will close for a year.", None, "anonymous"),
        # a connective is no part of the speaker
        (
            "While only 7 percent said the plan works, the rest disagreed.",
            "only 7 percent",
            "anonymous",
        ),
        # documents, statements, polls and publications report at second hand
        ("The statement said the plan failed twice.", "The statement", "secondhand"),
        ("Polls show the mayor ahead by 5 points.", "Polls", "secondhand"),
        ("The conservative publication reported that the plan failed.", None, "secondhand"),
    ],
)
def test_groups_documents_and_outlets_get_their_category(text: str, speaker: str | None, code: str):
    s = only(text)
    assert s.attribution == code
    if speaker is not None:
        assert s.speaker == speaker


def test_he_is_the_person_just_named_not_only_the_last_speaker():
    found = suggest(
        "Mayor Ostrander said the vote was close. Later, Paul Ngata toured the plant with his "
        "staff. He said the jobs would stay.\n"
    )
    assert found[-1].speaker == "Paul Ngata"


def test_she_skips_people_the_article_calls_he():
    found = suggest(
        "Mr. Ostrander said the vote was close, and he thanked his staff. Ada Kowal met "
        "Mr. Ostrander later. She said the count was fair.\n"
    )
    assert found[-1].speaker == "Ada Kowal"


def test_said_in_an_interview_keeps_the_speaker_before_the_verb():
    s = only('"We will carry the state," Jeff Ngata, the campaign manager, said in an interview.')
    assert (s.speaker, s.attribution) == ("Jeff Ngata", "on_record")


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        # a transcript names its speakers in capitals
        ("OSTRANDER: The council never voted on the bridge.", "OSTRANDER", "person"),
        # a headline names a person the article names in full
        (
            "Ada Kowal: I Am Not Running For Mayor.\n\nKowal said on Monday that she would "
            "stay in the council.",
            "Ada Kowal",
            "person",
        ),
        ("Poll: Ostrander leads Kowal by 5 points.", "Poll", "unknown"),
    ],
)
def test_a_speaker_before_a_colon(text: str, speaker: str, kind: str):
    s = suggest(text)[0]
    assert (s.speaker, s.speaker_kind, s.cue) == (speaker, kind, ":")


@pytest.mark.parametrize(
    "text",
    [
        "Delegate Update: The latest count in the council race.",
        "New Hampshire: Ada Kowal, Paul Ngata, Jeff Ostrander and 40 others.",
        "The Latest: Ostrander wins 66 delegates after the vote.",
    ],
)
def test_a_rubric_or_a_place_before_a_colon_is_no_speaker(text: str):
    assert all(s.cue != ":" for s in suggest(text))


def test_a_word_written_in_lower_case_elsewhere_is_no_speaker():
    found = suggest("Don't believe them. Share and comment below on the 40 share offer.")
    assert all(s.attribution == "unattributed" for s in found)


def test_did_not_respond_asserts_nothing():
    found = suggest("Mr. Ostrander, again, did not respond to 3 requests for comment.")
    assert all(s.attribution == "unattributed" for s in found)


def test_x_said_after_a_question_attributes_the_question():
    found = suggest('"Are 40 jobs enough for a town of 9,000?" Ostrander said.\n')
    assert [(s.speaker, s.attribution) for s in found] == [("Ostrander", "on_record")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Harbor Rep. Lee Ostrander of Lakeside, a Kowal supporter, said it will help both "
            "of them.",
            "Lee Ostrander",
        ),
        (
            "Rachel Ngata, a teacher from Monsey, New York, said the speeches led her to vote.",
            "Rachel Ngata",
        ),
    ],
)
def test_a_named_head_before_its_appositions_speaks(text: str, speaker: str):
    s = only(text)
    assert (s.speaker, s.attribution) == (speaker, "on_record")


def test_mixed_quotation_marks_still_close_a_quote():
    s = only('“Our roads and bridges are crumbling," Kowal said of the 40 towns.')
    assert (s.quote, s.speaker) == ("Our roads and bridges are crumbling", "Kowal")


@pytest.mark.parametrize(
    ("text", "speaker", "code"),
    [
        # a parenthesised aside between the subject and its verb
        (
            "Ostrander (who has 25 delegates to date) said it is possible to win the vote.",
            "Ostrander",
            "on_record",
        ),
        # "who said": the name before it speaks
        (
            "The deal came with help from Labor Secretary Ada Kowal, who said she expects it to "
            "hold.",
            "Ada Kowal",
            "on_record",
        ),
        # a second verb of the main clause
        (
            "Mayor Paul Ngata met the families on Thursday and said the town must act at once.",
            "Paul Ngata",
            "on_record",
        ),
        # poll respondents set off by commas
        ("The top issues, respondents said, are roads and jobs.", "respondents", "anonymous"),
    ],
)
def test_asides_relatives_and_coordinated_verbs(text: str, speaker: str, code: str):
    s = only(text)
    assert (s.speaker, s.attribution) == (speaker, code)


@pytest.mark.parametrize(
    ("text", "speaker", "code"),
    [
        # a title with "Majority" is no share of respondents
        ("Majority Leader Ada Kowal agreed that the bill was dead.", "Ada Kowal", "on_record"),
        (
            '"Give it a rest," Senate minority leader Ada Kowal told reporters in Harbor.',
            "Ada Kowal",
            "on_record",
        ),
        ("House majority whip Ada Kowal said the bill was dead.", "Ada Kowal", "on_record"),
        ("A majority of residents said the bill was dead.", "A majority of residents", "anonymous"),
        # an adverb between the subject and its verb is no part of the speaker
        (
            "Harbor police officials subsequently told reporters that the man was armed.",
            "Harbor police officials",
            "anonymous",
        ),
        ("Findings show voters fear the new rules.", "Findings", "secondhand"),
    ],
)
def test_titles_adverbs_and_findings(text: str, speaker: str, code: str):
    s = only(text)
    assert (s.speaker, s.attribution) == (speaker, code)


def test_a_sentence_that_only_says_where_someone_spoke_makes_no_claim():
    assert suggest("Kowal said at a rally in Harbor of about 500 people.") == []


def test_a_party_and_state_after_a_name_are_no_speaker():
    s = only("House Leader Kevin Ostrander, R-Calif., revealed that the vote would slip.")
    assert s.speaker == "Kevin Ostrander"


@pytest.mark.parametrize(
    "text", ["A new report compares 10 surveys.", "Other shows did 3 times better."]
)
def test_a_reporting_word_after_an_adjective_is_a_noun(text: str):
    assert all(s.attribution == "unattributed" for s in suggest(text))


def test_pledged_to_stays_an_attribution():
    s = only("More recently, Ostrander pledged to make the plant build 40 cars in this country.")
    assert (s.speaker, s.cue) == ("Ostrander", "pledged")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The French minister of energy, Ada Royal, alluded to the vote on Monday, saying the "
            "deal might be signed by then.",
            "Ada Royal",
        ),
        (
            "On Sunday, Mr. Ostrander even echoed the claim, saying most people in the region "
            "wanted to leave.",
            "Ostrander",
        ),
        (
            "Former Secretary of State Ada Kowal recently urged women to vote, saying the race "
            "was close.",
            "Ada Kowal",
        ),
        (
            "Rahm Ngata, his chief of staff, urged a strong stand, saying that otherwise they "
            "would lose.",
            "Rahm Ngata",
        ),
    ],
)
def test_the_main_subject_behind_appositions_and_adverbs_speaks(text: str, speaker: str):
    s = only(text)
    assert (s.speaker, s.cue) == (speaker, "saying")


@pytest.mark.parametrize(
    "text",
    [
        "Paul Ngata responded to Kowal's tweet.",
        "A spokesman for the 2016 campaign didn’t respond to 2 requests for comment.",
        "Ada Kowal: Reformer or another career politician?",
        "Within half an hour of initial reports, 40 people had gathered.",
        "The October report exceeded expectations, with 271,000 new jobs.",
        "There have already been telling responses from 3 countries.",
        '<tweet author="@kowal">Turnout is 40 percent in Harbor, officials said.</tweet>',
    ],
)
def test_no_attribution_in(text: str):
    assert all(s.attribution == "unattributed" for s in suggest(text))


def test_responded_by_saying_stays_an_attribution():
    s = only("A Lakeside official responded by saying the town should be careful not to interfere.")
    assert s.attribution != "unattributed"


def test_he_after_a_quote_is_the_person_quoted_just_before_if_named_nearby():
    found = suggest(
        'Mayor Jeff Ostrander spoke first. "We agreed on 40 jobs," Ostrander said. Later Kowal '
        "and Ngata left the hall. "
        '"It was a fair deal for 3 towns," he said.\n'
    )
    assert found[-1].speaker == "Jeff Ostrander"


def test_a_person_named_inside_a_quote_is_not_what_he_stands_for():
    found = suggest(
        'Mayor Paul Ostrander said the vote was close. "Ada Kowal never called me," he said.\n'
    )
    assert found[-1].speaker == "Paul Ostrander"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The Hill reported that the bill was dead after 3 votes.", "The Hill"),
        ("Gallup finds that 40 percent approve of the plan.", "Gallup"),
    ],
)
def test_outlets_and_pollsters_report_at_second_hand(text: str, speaker: str):
    s = only(text)
    assert (s.speaker, s.attribution) == (speaker, "secondhand")
