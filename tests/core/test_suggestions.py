"""Accepting the assistant's suggestions makes claims, speakers and counter links."""

from __future__ import annotations

from pathlib import Path

from claimtracker.articles import read_article
from claimtracker.assistant import Suggestion, suggest
from claimtracker.query import ClaimFilter, claim_detail, search_rows
from claimtracker.query.library import actor_summaries
from claimtracker.services import import_article
from claimtracker.services.revisions import import_article_version
from claimtracker.services.suggestions import accept_suggestions
from claimtracker.store import Store


def _import(store: Store, path: Path) -> tuple[int, str]:
    article = read_article(path)
    with store.write() as session:
        source, _ = import_article(session=session, article=article, origin=path)
        assert source.id is not None
        return source.id, article.text


def test_accepted_suggestions_become_anchored_claims_with_speakers(
    store: Store, sample_path: Path
) -> None:
    source_id, text = _import(store, sample_path)
    suggestions = suggest(text)
    ryabkov = [i for i, s in enumerate(suggestions) if s.speaker == "Sergei Ryabkov"]
    with store.write() as session:
        result = accept_suggestions(
            session=session, source_id=source_id, suggestions=suggestions, accepted=ryabkov
        )
    assert result.created == len(ryabkov) and result.new_actors == ["Sergei Ryabkov"]
    with store.raw() as connection:
        rows = search_rows(connection, ClaimFilter(source_ids=(source_id,)))
        assert {r.speaker for r in rows} == {"Sergei Ryabkov"}
        assert {r.attribution for r in rows} == {"on_record"}
        for row in rows:
            assert row.anchor_start is not None and row.anchor_end is not None
            # The quote is exactly the words the reader highlights, inside the suggestion's.
            assert row.quote == text[row.anchor_start : row.anchor_end]
            assert any(
                suggestions[i].start <= row.anchor_start and row.anchor_end <= suggestions[i].end
                for i in ryabkov
            )
        quoted = [
            r for r in rows if r.quote == "We caution Washington against another military escapade"
        ]
        assert len(quoted) == 1


def test_accepting_everything_links_the_counter_claims_once(
    store: Store, sample_path: Path
) -> None:
    source_id, text = _import(store, sample_path)
    suggestions = suggest(text)
    with store.write() as session:
        first = accept_suggestions(session=session, source_id=source_id, suggestions=suggestions)
    with store.write() as session:
        again = accept_suggestions(session=session, source_id=source_id, suggestions=suggestions)
    assert first.links >= 1 and first.created == len(suggestions)
    assert (again.created, again.links) == (0, 0)
    denial = next(i for i, s in enumerate(suggestions) if "no chemical weapons were used" in s.text)
    with store.raw() as connection:
        links = claim_detail(connection, first.claims[denial]).links
        assert links and all(link.opposing for link in links)
        speakers = {a.name for a in actor_summaries(connection)}
    assert {"Sergei Ryabkov", "U.S. officials", "Russian defense ministry"} <= speakers


def test_a_corrected_version_at_the_same_url_replaces_the_text(
    store: Store, sample_path: Path, tmp_path: Path
) -> None:
    source_id, text = _import(store, sample_path)
    with store.write() as session:
        accept_suggestions(session=session, source_id=source_id, suggestions=suggest(text))
    corrected = tmp_path / "corrected.md"
    corrected.write_text(
        text.replace("Syrian forces, backed", "Government forces, backed"), encoding="utf-8"
    )
    with store.write() as session:
        done = import_article_version(
            session=session, article=read_article(corrected), origin=corrected
        )
    assert (done.outcome, done.source.id) == ("corrected", source_id)
    assert done.report is not None and not done.report.orphans
    with store.write() as session:
        again = import_article_version(
            session=session, article=read_article(corrected), origin=corrected
        )
    assert again.outcome == "same"


def _suggestion(text: str, quote: str | None) -> Suggestion:
    return Suggestion(
        text=text,
        quote=quote,
        start=0,
        end=len(text),
        speaker="officials",
        speaker_kind="described_group",
        attribution="anonymous",
        descriptor="officials said",
        cue="said",
        source_count=None,
    )


def test_a_claim_quotes_exactly_the_words_its_highlight_covers(
    store: Store, tmp_path: Path
) -> None:
    text = 'He called it "a provocation" and "a lie told to the whole world", officials said.\n'
    path = tmp_path / "joined.txt"
    path.write_text(text, encoding="utf-8")
    source_id, stored = _import(store, path)
    joined = _suggestion(stored.rstrip("\n"), "a provocation … a lie told to the whole world")
    with store.write() as session:
        result = accept_suggestions(session=session, source_id=source_id, suggestions=[joined])
    with store.raw() as connection:
        (row,) = search_rows(connection, ClaimFilter(source_ids=(source_id,)))
    assert row.id == result.claims[0]
    assert row.anchor_start is not None and row.anchor_end is not None
    assert row.quote == stored[row.anchor_start : row.anchor_end]
    assert row.quote == 'a provocation" and "a lie told to the whole world'


def test_a_suggestion_on_the_words_of_a_claim_made_before_finds_that_claim(
    store: Store, tmp_path: Path
) -> None:
    text = 'Officials said "the bridge will reopen in May" after the survey.\n'
    path = tmp_path / "bridge.txt"
    path.write_text(text, encoding="utf-8")
    source_id, stored = _import(store, path)
    sentence = stored.rstrip("\n")
    with store.write() as session:
        first = accept_suggestions(
            session=session, source_id=source_id, suggestions=[_suggestion(sentence, None)]
        )
    # The assistant now proposes the same sentence with its quote: already a claim.
    with store.write() as session:
        again = accept_suggestions(
            session=session,
            source_id=source_id,
            suggestions=[_suggestion(sentence, "the bridge will reopen in May")],
        )
    assert (first.created, again.created) == (1, 0)
    assert again.claims[0] == first.claims[0]
