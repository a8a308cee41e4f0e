"""Reporting verbs that come as phrases, on short passages written for these tests: a particle
after the verb ("pointed out"), an infinitive after a carrying verb ("went on to say"), a
participle after an issued statement ("released a statement saying"), adverbs between the
subject and its verb ("has long said"), and one-word subjects the article also writes in
lower case ("Police said")."""

from __future__ import annotations

import pytest

from claimtracker.assistant import suggest
from tests.assistant.helpers import only


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            "Mara Lindqvist pointed out that the council had ignored the warnings for years.",
            "Mara Lindqvist",
            "pointed out",
        ),
        (
            "The mayor pointed to the budget as proof that the town was broke.",
            "The mayor",
            "pointed to",
        ),
        (
            "Olek Brandt has long said that he will back whoever wins the vote.",
            "Olek Brandt",
            "said",
        ),
        ("Ida Morrow has since said she would accept a smaller raise.", "Ida Morrow", "said"),
        (
            "Olek Brandt went on to say that the harbour had never been busier.",
            "Olek Brandt",
            "say",
        ),
        ("Ida Morrow continued to say she had never met the donor.", "Ida Morrow", "say"),
        (
            "The sheriff was quick to say that nobody had been hurt in the fire.",
            "The sheriff",
            "say",
        ),
        (
            "The village released a statement Monday saying the remarks were based on rumour.",
            "The village",
            "saying",
        ),
        (
            "Both neighbours stiffened their objections to the tower, saying it would block "
            "the light.",
            "Both neighbours",
            "saying",
        ),
    ],
)
def test_phrases_that_report_speech(text: str, speaker: str, cue: str) -> None:
    found = only(text)
    assert (found.speaker, found.cue) == (speaker, cue)
    assert found.attribution != "unattributed"


@pytest.mark.parametrize(
    "text",
    [
        "The visitors scored two points in the final minute of the match on the coast.",
        "The plan is to say nothing at all until the vote on the harbour is over.",
        "They want to say goodbye to the old stadium before the owners close it.",
    ],
)
def test_the_same_words_without_a_report_are_no_attribution(text: str) -> None:
    assert all(s.attribution == "unattributed" for s in suggest(text))


def test_a_source_noun_written_in_lower_case_elsewhere_still_speaks() -> None:
    text = (
        "A crowd gathered by the pier on Friday as the police closed the road. "
        "Police said the boy was hurt by a falling sign near the pier."
    )
    second = suggest(text)[-1]
    assert (second.speaker, second.attribution) == ("Police", "official_statement")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "told" is followed by whom one speaks to, never by the speaker
        ('"We waited far too long," Ostrander, 58, told the Gazette on Monday.', "Ostrander"),
        ('"Nobody is my first choice," Kowal, a former rival, told Channel Nine.', "Kowal"),
        # a connective or an adverb alone before the comma is no name
        ("Therefore, analysts say, the bank will hold its rates.", "analysts"),
        ("Offstage, the dancers agree that the show ran too long.", "the dancers"),
        ("Nor, Brandt said, did he give any order to close the pier.", "Brandt"),
        # a focus word before a name with an apposition: the name speaks
        ("Even Ostrander, a loyal ally of the mayor, said the tax would be easier.", "Ostrander"),
        # "a later tweet": the noun, not the verb; the verb is the boast after it
        (
            "In a later tweet, the candidate boasted that everyone now followed his lead.",
            "the candidate",
        ),
    ],
)
def test_who_speaks_in_news_word_orders(text: str, speaker: str) -> None:
    found = only(text)
    assert found.speaker == speaker
    assert found.attribution != "unattributed"


def test_a_phrase_that_opens_with_a_preposition_is_not_a_speaker() -> None:
    found = suggest("In a video posted to her page, the actress mocked the mayor and his plan.")
    assert all(s.speaker != "In a video" for s in found)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("But Brandt reiterated that there would be no hearing on the pier.", "reiterated"),
        ("Kowal also mentioned the floods in her home town during the speech.", "mentioned"),
        ("Ostrander blamed the council for the closure of the library.", "blamed"),
        ("Morrow testified that she had never seen the contract.", "testified"),
    ],
)
def test_more_reporting_verbs(text: str, cue: str) -> None:
    found = only(text)
    assert found.cue == cue
    assert found.attribution == "on_record"


def test_a_possessive_before_a_noun_is_still_no_verb() -> None:
    found = only("The company's report on the harbour said that profits fell sharply.")
    assert found.cue == "said"


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        # a partial quote whose comma sits inside the closing mark, then the inverted verb
        ('The budget is a "slow disaster," said Ada Wagen, a council member.', "Ada Wagen", "said"),
        ('The pier is "beyond repair," Brandt said.', "Brandt", "said"),
        # more verbs that may come before their subject
        (
            '"I will vote for anyone but him," declared Ida Morrow, 29, of Lakeside.',
            "Ida Morrow",
            "declared",
        ),
        ('"The count is wrong," tweeted Olek Brandt.', "Olek Brandt", "tweeted"),
        # a progressive carrying verb
        (
            "Kowal is continuing to insist she will publish the papers only after the vote.",
            "Kowal",
            "insist",
        ),
    ],
)
def test_inverted_and_carried_verbs(text: str, speaker: str, cue: str) -> None:
    found = only(text)
    assert (found.speaker, found.cue) == (speaker, cue)


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ('Mr. Brandt gloated: "I told you he would not be ready."', "Brandt", "gloated"),
        (
            'Kowal continued: "When the mayor took office, the pier was sound."',
            "Kowal",
            "continued",
        ),
        (
            "Hale waved as if to stop the noise, then leaned in and boomed: “Let us win in June.”",
            "Hale",
            "boomed",
        ),
    ],
)
def test_a_colon_after_a_clause_opens_the_speakers_quote(text: str, speaker: str, cue: str) -> None:
    found = only(text)
    assert (found.speaker, found.cue, found.attribution) == (speaker, cue, "on_record")


def test_a_label_before_a_colon_is_no_speaker() -> None:
    found = suggest('The upshot: "a cleaner harbour by the end of the decade," the plan said.')
    assert all(s.speaker != "The upshot" for s in found)


def test_a_headline_names_its_speaker_with_a_title() -> None:
    text = (
        "Dr. Ada Kowal: The Mayor ‘Not Fit To Serve As Mayor Of The City.’\n\n"
        "Ada Kowal said the mayor was unfit. Kowal spoke on Friday."
    )
    headline = suggest(text)[0]
    assert (headline.speaker, headline.attribution) == ("Ada Kowal", "on_record")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "In the 1998 race, bakery owner Ada Kowal revealed that she paid for her own posters.",
            "Ada Kowal",
        ),
        (
            "Sunday on the radio, when asked about the pier, Mayor Olek Brandt said he expected "
            "the repairs to take a year.",
            "Olek Brandt",
        ),
    ],
)
def test_a_name_right_before_its_verb_speaks_whatever_comes_first(text: str, speaker: str) -> None:
    found = only(text)
    assert (found.speaker, found.attribution) == (speaker, "on_record")


@pytest.mark.parametrize(
    "text",
    [
        "Kowal testified before the harbour panel last fall.",
        "She boasts a roughly 45-point lead in the county.",
        "The reporter has reported from every debate in the county this year.",
        "They were due to stick to issues that most members can agree on.",
    ],
)
def test_verbs_without_what_was_said_are_no_attribution(text: str) -> None:
    assert all(s.attribution == "unattributed" for s in suggest(text))


def test_a_place_after_a_preposition_is_not_the_speaker() -> None:
    found = only("Most voters in New Hampshire said they would back the harbour plan.")
    assert found.speaker != "New Hampshire"


@pytest.mark.parametrize(
    "text",
    [
        "Kowal maintains a large lead over Brandt in the county count.",
        "Hale is adding to her lead over Brandt after wins in two counties.",
        "On the morning shows in the county, about one in three guests were women.",
        "Brandt posted an overwhelming victory in the northern county.",
        "A conservative think tank in the capital funded the harbour study.",
    ],
)
def test_reporting_words_in_other_senses_are_no_attribution(text: str) -> None:
    assert all(s.attribution == "unattributed" for s in suggest(text))


def test_added_to_an_outlet_still_reports() -> None:
    found = only('"It drew twice the crowd," Brandt added to the Gazette.')
    assert (found.speaker, found.cue) == ("Brandt", "added")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The ban on the club was first reported by the Harbor Gazette.", "the Harbor Gazette"),
        ("That, the commission said, “would be helpful in avoiding doubt.”", "the commission"),
        (
            "Ada Kowal, who at the time was a member of the Harbor Club, a group of sailors, "
            "said that the pier had been neglected for years.",
            "Ada Kowal",
        ),
        (
            "Olek Brandt, a former adviser to the mayor and a friend of the couple's, said that "
            "the mayor was tired.",
            "Olek Brandt",
        ),
    ],
)
def test_speakers_behind_long_asides_and_passives(text: str, speaker: str) -> None:
    found = only(text)
    assert found.speaker == speaker
    assert found.attribution != "unattributed"


def test_a_poll_in_a_month_still_finds() -> None:
    found = only("A survey by the club in March found the mayor ahead by seven points.")
    assert (found.cue, found.attribution) == ("found", "secondhand")


def test_that_said_is_an_idiom_not_a_report() -> None:
    assert all(
        s.attribution == "unattributed"
        for s in suggest("That said, a loss in this county would be a blow to the mayor.")
    )


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The clear win led Chairman Ada Kowal to declare him the likely nominee.", "Ada Kowal"),
        (
            "The shift seemed so stark that it prompted Olek Brandt to accuse the mayor of "
            "hypocrisy on air.",
            "Olek Brandt",
        ),
        (
            "The sheriff, a longtime ally of the mayor, went on the radio to declare the mayor "
            "the winner.",
            "The sheriff",
        ),
        ("Later that day, Hale fired back a response saying she would not back the plan.", "Hale"),
    ],
)
def test_reports_in_the_infinitive_and_after_an_issued_response(text: str, speaker: str) -> None:
    found = only(text)
    assert found.speaker == speaker
    assert found.attribution != "unattributed"


@pytest.mark.parametrize(
    "text",
    [
        "The mayor declined to say whether the pier would be sold this year.",
        "It is too soon to say whether her policies on the harbour will work.",
        "Both candidates had to respond to videos of their old speeches on the pier.",
    ],
)
def test_infinitives_that_report_nothing(text: str) -> None:
    assert all(s.attribution == "unattributed" for s in suggest(text))


def test_they_after_a_body_is_that_body() -> None:
    text = (
        "The Harbor Club said on Monday that the pier was unsafe. "
        "The repairs, they added, would take at least a year."
    )
    second = suggest(text)[-1]
    assert second.speaker == "Harbor Club"


def test_he_with_nobody_quoted_nearby_is_the_last_man_named() -> None:
    text = (
        "Mr. Olek Brandt ran the harbour for a decade. The pier was built in 1950. "
        "The crane was painted red in 1970. The boats were sold in 1990. "
        "He said the pier would need a new deck within five years."
    )
    last = suggest(text)[-1]
    assert last.speaker == "Olek Brandt"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The groups say the harbour plan ignores the fishermen.", "official_statement"),
        ("The companies said the new port fees would be passed on.", "official_statement"),
        ("Critics say the harbour plan ignores the fishermen.", "anonymous"),
    ],
)
def test_plural_bodies_speak_for_their_organisations(text: str, code: str) -> None:
    assert only(text).attribution == code


def test_an_adverb_alone_before_the_comma_is_no_speaker() -> None:
    found = only("Sometimes, the wardens say, it means checking every boat twice.")
    assert found.speaker == "the wardens"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "His chief aide doubled down on the attacks, saying the mayor was unfit to lead.",
            "His chief aide",
        ),
        (
            "His office put out a statement saying the city could not vet every tenant.",
            "His office",
        ),
        (
            "But the other candidate on the stage, former Mayor Ada Kowal, drew a contrast, "
            "saying that the job losses were overstated.",
            "Ada Kowal",
        ),
        (
            "Tom Hale, the club's political director, released a statement confirming it will "
            "double its staff.",
            "Tom Hale",
        ),
        (
            "In a letter to colleagues released Monday, Hale rips the harbour deal, arguing that "
            "it favors the banks.",
            "Hale",
        ),
    ],
)
def test_the_main_subject_speaks_through_a_participle(text: str, speaker: str) -> None:
    found = only(text)
    assert found.speaker == speaker
    assert found.attribution != "unattributed"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a name, then a title that is also capitalised: the name speaks
        (
            "Sam Jacobs, the Gazette’s Managing Editor, explained why the mayor was chosen.",
            "Sam Jacobs",
        ),
        # a new subject after the name is no apposition
        ("Mrs. Kowal, these people said, would be open to other measures.", "these people"),
        # a connective before the name
        (
            "And Lakeside’s Ada Fisher, one of only a handful of club members, said the mayor "
            "will win.",
            "Lakeside’s Ada Fisher",
        ),
    ],
)
def test_names_and_their_appositions(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            "Ada Kowal Just Announced Her Official Endorsement Of A Harbor Candidate.",
            "Ada Kowal",
            "announced",
        ),
        ("Brandt Told A Young Reporter Not To ‘Worry’ About The Mayor.", "Brandt", "told"),
    ],
)
def test_title_case_headlines_in_the_past(text: str, speaker: str, cue: str) -> None:
    found = only(text)
    assert (found.speaker, found.cue, found.attribution) == (speaker, cue, "on_record")


def test_an_acronym_at_a_line_break_ends_the_sentence() -> None:
    text = (
        "The cargo came across the border into the U.S.\n"
        "Chris Hale added that he would approve patrols without help from the neighbours."
    )
    last = suggest(text)[-1]
    assert (last.speaker, last.cue) == ("Chris Hale", "added")


def test_a_trailing_speaker_after_a_comma_inside_the_content() -> None:
    found = only(
        "The anti-tax express that worked so well in Ohio would derail in a general election "
        "next November, Sabato said."
    )
    assert (found.speaker, found.cue) == ("Sabato", "said")


def test_a_plural_body_noun_opens_a_sentence_as_a_speaker() -> None:
    text = (
        "The firms sell strong locks, and the companies refused to weaken them. "
        "Companies say that weakening the locks would make users more vulnerable to theft."
    )
    last = suggest(text)[-1]
    assert (last.speaker, last.cue) == ("Companies", "say")


def test_an_impersonal_report_inside_a_sentence_is_anonymous() -> None:
    found = only(
        "The mayor came under fire when it was revealed in March that she had used a private "
        "account."
    )
    assert found.attribution == "anonymous"


@pytest.mark.parametrize(
    "text",
    ["One in five say that will not be true.", "Two in three said they would vote against it."],
)
def test_a_share_of_those_polled_is_an_anonymous_group(text: str) -> None:
    found = only(text)
    assert found.attribution == "anonymous"
    assert found.speaker is not None and " in " in found.speaker


def test_a_phrase_before_verb_that_is_the_last_resort_speaker() -> None:
    found = only(
        "Surveys of voters taken as they entered the halls showed that older women turned out "
        "in force."
    )
    assert found.cue == "showed"
    assert found.speaker is not None and found.speaker.startswith("Surveys of voters")


@pytest.mark.parametrize(
    "text",
    [
        "In the port case, the swap came when the two towns were reaching closure on many disputes.",
        "It has put the mayor in two camps: one that believes that the harbour can be saved.",
    ],
)
def test_the_last_resort_takes_no_clause_for_a_speaker(text: str) -> None:
    assert all(s.attribution == "unattributed" for s in suggest(text))


def test_the_last_resort_also_reads_a_pronoun_or_a_quote_after_the_verb() -> None:
    found = only(
        "A few weeks before the vote, the mayor's campaign says they are unwilling to debate."
    )
    assert (found.speaker, found.cue) == ("the mayor's campaign", "says")
    assert found.attribution == "official_statement"


def test_the_last_resort_takes_no_phrase_that_ends_in_a_preposition() -> None:
    found = suggest("It was a year in which most sailors say they do not trust the mayor at all.")
    assert all(s.speaker is None or not s.speaker.endswith(" in") for s in found)


def test_a_short_quote_split_by_its_attribution_is_one_claim() -> None:
    found = only(
        "“Judge,” Brafman said, “I have never seen that happen in thirty years at the bar.”"
    )
    assert (found.speaker, found.attribution) == ("Brafman", "on_record")
    assert found.quote is not None and "thirty years" in found.quote


def test_the_inverted_verb_speaks_when_a_relative_clause_adds_more() -> None:
    found = only(
        '"It was bad," said one member familiar with the talks, who added that the mayor '
        'seemed "rattled."'
    )
    assert (found.speaker, found.cue, found.attribution) == (
        "one member familiar with the talks",
        "said",
        "anonymous",
    )


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“Lakeside,” he answered.", "he"),
        ("“Really,” she added when the host looked surprised.", "she"),
        (
            "“We had called him just before he sailed and all was fine,” his nephew Omar Sohl added.",
            "Omar Sohl",
        ),
    ],
)
def test_short_quotes_with_nothing_before_them_and_kin_before_a_name(
    text: str, speaker: str
) -> None:
    found = only(text)
    assert (found.speaker, found.attribution) == (speaker, "on_record")


def test_a_headline_with_a_speaker_and_a_topic_before_the_colon() -> None:
    text = (
        "Kowal on the Harbor Vote: ‘I Think We Will Win.’\n\n"
        "Ada Kowal said the vote would be close. Kowal spoke on Friday."
    )
    headline = suggest(text)[0]
    assert (headline.speaker, headline.cue, headline.attribution) == ("Ada Kowal", ":", "on_record")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The club offered fresh ammunition to sailors who say the harbour law is a money pit.",
            "sailors",
        ),
        (
            "The push for clinics helped convince some council members who thought the plan did "
            "not go far enough.",
            "some council members",
        ),
    ],
)
def test_the_group_before_who_speaks_the_clause_after_its_verb(text: str, speaker: str) -> None:
    found = only(text)
    assert (found.speaker, found.attribution) == (speaker, "anonymous")


@pytest.mark.parametrize(
    "text",
    [
        "Majorities of sailors in five ports say they want the harbour rules kept.",
        "Among the members, 18% say they would leave the club over the new fees.",
    ],
)
def test_shares_of_those_polled_are_anonymous(text: str) -> None:
    assert only(text).attribution == "anonymous"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The council passed harbour rules that some say target small boats.", "some"),
        (
            "They withheld some papers that government officials said would harm safety.",
            "government officials",
        ),
    ],
)
def test_sources_inside_a_relative_clause(text: str, speaker: str) -> None:
    found = only(text)
    assert (found.speaker, found.attribution) == (speaker, "anonymous")


def test_a_connective_and_an_adverb_before_the_main_subject() -> None:
    found = only(
        "And then Hale went fully on the attack, saying the mayor had lied about the pier."
    )
    assert (found.speaker, found.cue) == ("Hale", "saying")


@pytest.mark.parametrize("dash", ["–", "—", "-", "--"])
def test_a_participle_after_a_dash_speaks_for_the_main_subject(dash: str) -> None:
    text = f"Ada Kowal flipped her vote on the spot {dash} saying she now backs the mayor."
    (s,) = suggest(text)
    assert (s.speaker, s.cue, s.attribution) == ("Ada Kowal", "saying", "on_record")


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        # The name before the colon speaks; the clause before it only says what about.
        (
            'The timing of the surge does not surprise pollster Bob Hale: "Unknown candidates '
            'always get the biggest boost."',
            "Bob Hale",
            ":",
        ),
        # Whom the subject addressed is no speaker.
        (
            'Ada Kowal told Bob Hale: "Unknown candidates always get the biggest boost."',
            "Ada Kowal",
            "told",
        ),
    ],
)
def test_a_name_before_a_colon_and_its_quote(text: str, speaker: str, cue: str) -> None:
    (s,) = suggest(text)
    assert (s.speaker, s.cue) == (speaker, cue)


def test_one_of_a_described_group_declines_then_speaks() -> None:
    (s,) = suggest("One clerk at the firm refused to comment, saying it would hurt his career.")
    assert (s.speaker, s.cue, s.attribution) == ("One clerk at the firm", "saying", "anonymous")
