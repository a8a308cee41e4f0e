"""Full-text search and filters, evaluated by the database."""

from __future__ import annotations

import random
from datetime import date

from claimtracker import bulk, services
from claimtracker.query import ClaimFilter, ClaimOrder, count_claims, search_ids, search_rows
from claimtracker.query.fulltext import to_fts_query
from claimtracker.schemas import ActorUpdate, ClaimUpdate, SourceUpdate
from claimtracker.store import Store
from claimtracker.store.dbapi import SQLITE, DbConnection, dialect_of
from tests.core.helpers import add_claim, add_source


def _texts(store: Store, claim_filter: ClaimFilter, order: ClaimOrder = ClaimOrder()) -> list[str]:
    with store.raw() as connection:
        return [row.text for row in search_rows(connection, claim_filter, order)]


def _seed(store: Store) -> None:
    add_claim(
        store,
        text="Chemical attack provocations are being prepared",
        speaker="Sergei Ryabkov",
        attribution="on_record",
        status="disputed",
        tags=["chemical"],
        said_on=date(2018, 8, 25),
    )
    add_claim(
        store,
        text="Провокации с химическим оружием готовятся в Идлибе",
        speaker="Минобороны России",
        attribution="official_statement",
        reported_on=date(2018, 8, 25),
    )
    add_claim(
        store,
        text="The U.S. is ready to take strong military action",
        descriptor="according to four people familiar with the discussions",
        attribution="anonymous",
        tags=["Syria", "chemical"],
        reported_on=date(2018, 8, 24),
    )
    add_claim(store, text="Café owners in Genève deny everything", notes="Éclair-shaped evidence")


def test_prefix_query_finds_every_form_of_a_word(store_both: Store) -> None:
    _seed(store_both)
    assert _texts(store_both, ClaimFilter(text="provoc*")) == [
        "Chemical attack provocations are being prepared"
    ]


def test_cyrillic_is_found_whatever_the_case(store_both: Store) -> None:
    _seed(store_both)
    expected = ["Провокации с химическим оружием готовятся в Идлибе"]
    assert _texts(store_both, ClaimFilter(text="провокации")) == expected
    assert _texts(store_both, ClaimFilter(text="ИДЛИБЕ")) == expected
    assert _texts(store_both, ClaimFilter(text="провок*")) == expected
    assert _texts(store_both, ClaimFilter(text="минобороны")) == expected  # the speaker's name


def test_accents_do_not_matter(store_both: Store) -> None:
    _seed(store_both)
    assert _texts(store_both, ClaimFilter(text="cafe geneve")) == [
        "Café owners in Genève deny everything"
    ]
    assert _texts(store_both, ClaimFilter(text="eclair")) == [
        "Café owners in Genève deny everything"
    ]


def test_phrases_and_descriptor_are_searched(store_both: Store) -> None:
    _seed(store_both)
    assert _texts(store_both, ClaimFilter(text='"people familiar"')) == [
        "The U.S. is ready to take strong military action"
    ]
    assert _texts(store_both, ClaimFilter(text='"familiar people"')) == []


def test_search_as_you_type_from_the_first_letter(store_both: Store) -> None:
    _seed(store_both)
    typed = [
        _texts(store_both, ClaimFilter(text=t, prefix_last=True)) for t in ("p", "pr", "provoc")
    ]
    assert "Chemical attack provocations are being prepared" in typed[0]
    assert typed[2] == ["Chemical attack provocations are being prepared"]


def test_filters_combine_with_the_text_query(store_both: Store) -> None:
    _seed(store_both)
    assert _texts(store_both, ClaimFilter(text="chemical", attributions=("anonymous",))) == []
    assert _texts(store_both, ClaimFilter(tags=("CHEMICAL",), attributions=("anonymous",))) == [
        "The U.S. is ready to take strong military action"
    ]
    assert _texts(store_both, ClaimFilter(statuses=("disputed",), text="prepared")) == [
        "Chemical attack provocations are being prepared"
    ]
    in_range = ClaimFilter(date_from=date(2018, 8, 25), date_to=date(2018, 8, 31))
    assert _texts(store_both, in_range) == ["Провокации с химическим оружием готовятся в Идлибе"]
    assert _texts(store_both, in_range.with_(date_field="said_on")) == [
        "Chemical attack provocations are being prepared"
    ]
    with store_both.raw() as connection:
        assert count_claims(connection, ClaimFilter(tags=("chemical",))) == 2


def test_hostile_query_text_is_never_a_syntax_error(store_both: Store) -> None:
    _seed(store_both)
    for typed in ['"', "((", "AND", "NOT x", "-", "a:b", "*", "near(", "'; DROP TABLE claim; --"]:
        _texts(store_both, ClaimFilter(text=typed, prefix_last=True))
    assert to_fts_query("  ") is None


def test_order_and_paging(store_both: Store) -> None:
    _seed(store_both)
    with store_both.raw() as connection:
        newest_first = list(
            search_ids(connection, ClaimFilter(), ClaimOrder("id", descending=True))
        )
        assert newest_first == [4, 3, 2, 1]
        page = list(search_ids(connection, ClaimFilter(), ClaimOrder("text"), limit=2, offset=1))
        assert page == [1, 3]  # Café, [Chemical, The], Провокации


#: Claims where words meet every rule of the query language (fields, forms, phrases, scripts).
_LANGUAGE_SEED: list[dict[str, object]] = [
    {"text": "Chemical attack provocations are being prepared", "speaker": "Sergei Ryabkov"},
    {"text": "Провокации с химическим оружием готовятся в Идлибе", "speaker": "Минобороны России"},
    {
        "text": "The ministry warned of a provocation near Idlib",
        "quote": "attack is imminent",
        "speaker": "Sergei Ryabkov",
        "status": "disputed",
    },
    {
        "text": "Warning signs in leaked e-mail threads",
        "quote": "we have the e-mail",
        "notes": "Éclair-shaped evidence",
    },
    {
        "text": "Провокацию готовят боевики",
        "descriptor": "по словам источника",
        "status": "disputed",
    },
    {"text": "Café owners in Genève deny everything", "notes": "warns nobody"},
    {"text": "Straße closed after warnings", "descriptor": "according to people familiar"},
    {"text": "Nothing about it", "notes": "idlib"},
]

#: What each query finds among them, typed whole and (the second list) as typed so far.
_LANGUAGE: list[tuple[str, list[int], list[int]]] = [
    ("provocation", [1, 3], [1, 3]),  # word forms
    ("warns", [3, 4, 6], [3, 4, 6]),
    ("провокации", [2, 5], [2, 5]),
    ("ИДЛИБЕ", [2], [2]),
    ("provoc*", [1, 3], [1, 3]),
    ("провок*", [2, 5], [2, 5]),
    ("e-ma*", [4], [4]),
    ("p", [], [1, 3, 7]),  # from one letter, as typed
    ("war", [], [3, 4, 6, 7]),
    ("ï", [], [3, 4, 6, 8]),  # folded to i
    ("geneve cafe", [6], [6]),
    ("straße", [7], [7]),
    ("минобороны", [2], [2]),  # the speaker's name
    ("chemical OR e-mail", [1, 4], [1, 4]),
    ("chemical -attack", [], []),
    ("-attack chemical", [1], [1]),  # a leading exclusion is dropped, as FTS5 must
    ("provocation OR warning -idlib", [1, 3, 4, 6], [1, 3, 4, 6]),  # NOT before OR
    ("idlib -warned OR nothing", [8], [8]),
    ("warn* OR café -genève", [3, 4, 6, 7], [3, 4, 6, 7]),
    ('"attack is"', [3], [3]),
    ('"idlib attack"', [], []),  # a phrase does not run from one field into the next
    ('"ХИМИЧЕСКИМ ОРУЖИЕМ"', [2], [2]),  # phrases: Cyrillic whatever the case
    ('"оружием химическим"', [], []),  # in their order
    ('"химическим оружие"', [], []),  # the words as typed, no forms
    ('"CAFÉ OWNERS"', [6], [6]),  # accents
    ('"geneve deny everything"', [6], [6]),
    ('"straße closed"', [7], [7]),
    ('"chemical attack" prep*', [1], [1]),  # with a prefix word
    ('"chemical attack" prep', [], [1]),
    ('provoc* "ministry warned"', [3], [3]),
    ('"warning signs" OR провок*', [2, 4, 5], [2, 4, 5]),
    ('"leaked e mail"', [4], [4]),  # e-mail is two words
    ('"according to people familiar"', [7], [7]),  # in the descriptor
    ('"warned the ministry"', [], []),
    ("speaker:ryabkov", [1, 3], [1, 3]),
    ('speaker:"sergei ryabkov"', [1, 3], [1, 3]),
    ("sergei ryabkov -speaker:sergei", [], []),
    ("quote:e-mail", [4], [4]),
    ("notes:eclair", [4], [4]),
    ("notes:idlib", [8], [8]),
    ("descriptor:people", [7], [7]),
    ("source:article", [], []),
    ("NOT x", list(range(1, 9)), list(range(1, 9))),
]


def test_the_query_language_finds_the_same_claims_on_a_file_and_a_server(
    store_both: Store,
) -> None:
    for fields in _LANGUAGE_SEED:
        add_claim(store_both, **fields)
    with store_both.raw() as connection:
        newest = ClaimOrder("id", descending=True)
        for typed, whole, so_far in _LANGUAGE:
            assert list(search_ids(connection, ClaimFilter(text=typed))) == whole, typed
            # A first page (read in steps for a phrase on a server: query.phrase_page).
            first = search_ids(connection, ClaimFilter(text=typed), limit=2)
            assert list(first) == whole[:2], typed
            last = search_ids(connection, ClaimFilter(text=typed), newest, limit=2)
            assert list(last) == whole[::-1][:2], typed
            as_typed = ClaimFilter(text=typed, prefix_last=True)
            assert list(search_ids(connection, as_typed)) == so_far, typed
        with_status = ClaimFilter(text="provok* OR провок*", statuses=("disputed",))
        assert list(search_ids(connection, with_status)) == [5]
        assert count_claims(connection, ClaimFilter(text="warn*")) == 4
        assert count_claims(connection, ClaimFilter(text="warn*", trash="trash")) == 0


def test_ids_stream_and_a_stream_left_half_read_does_not_hold_up_the_next_query(
    store_both: Store,
) -> None:
    for number in range(30):
        add_claim(store_both, text=f"claim {number} about idlib")
    with store_both.raw() as connection:
        every = search_ids(connection, ClaimFilter(text="idlib"), ClaimOrder("id", descending=True))
        assert [next(every) for _ in range(3)] == [30, 29, 28]
        again = search_ids(connection, ClaimFilter(text="claim"))
        assert list(again) == list(range(1, 31))
        assert [next(every) for _ in range(2)] == [27, 26]
        every.close()
        assert count_claims(connection, ClaimFilter(text="idlib")) == 30


def test_ranked_search_puts_the_closest_match_first(store_both: Store) -> None:
    add_claim(
        store_both,
        text="A long report on many things, among them a convoy seen near the border at night",
    )
    add_claim(store_both, text="Convoy, convoy: the convoy again", quote="the convoy")
    add_claim(store_both, text="Nothing to see")
    with store_both.raw() as connection:
        ranked = list(search_ids(connection, ClaimFilter(text="convoy"), ClaimOrder("rank")))
        assert ranked == [2, 1]
        worst_first = ClaimOrder("rank", descending=True)
        assert list(search_ids(connection, ClaimFilter(text="convoy"), worst_first)) == [1, 2]


def _index_is_exact(connection: DbConnection) -> bool:
    if dialect_of(connection) == SQLITE:
        return bulk.check_index(connection)
    stale = connection.execute(
        "SELECT count(*) FROM claim c WHERE c.search_doc IS DISTINCT FROM claimtracker_search_doc("
        "c.text, c.quote, c.descriptor, c.notes, (SELECT name::text FROM actor WHERE id = c.speaker_id), "
        "(SELECT title FROM source WHERE id = c.source_id))"
    ).fetchone()[0]
    return bool(stale == 0)


def test_the_index_follows_renames_edits_and_deletes(store_both: Store) -> None:
    """Random edits through every path keep the index exact (a file's external-content FTS5
    index, a server's search document)."""
    store = store_both
    rng = random.Random(3)
    source_id = add_source(store, "Some article text about Idlib.", title="Initial title")
    ids = [
        add_claim(store, text=f"claim {i} about idlib", speaker=f"Speaker {i % 3}", source_id=None)
        for i in range(12)
    ]
    with store.write() as session:
        for claim_id in ids[:6]:
            services.update_claim(
                session=session, claim_id=claim_id, changes=ClaimUpdate(source_id=source_id)
            )
    for step in range(40):
        with store.write() as session:
            claim_id = rng.choice(ids)
            action = rng.randrange(4)
            if action == 0:
                services.update_claim(
                    session=session,
                    claim_id=claim_id,
                    changes=ClaimUpdate(text=f"edited {step} zebra", notes=f"note {step}"),
                )
            elif action == 1:
                services.update_actor(
                    session=session,
                    actor_id=rng.randint(1, 3),
                    changes=ActorUpdate(name=f"Renamed {step}"),
                )
            elif action == 2:
                services.update_source(
                    session=session,
                    source_id=source_id,
                    changes=SourceUpdate(title=f"Title {step}"),
                )
            else:
                services.update_claim(
                    session=session,
                    claim_id=claim_id,
                    changes=ClaimUpdate(speaker_id=rng.randint(1, 3)),
                )
    with store.raw() as connection:
        assert _index_is_exact(connection)
        connection.execute("DELETE FROM actor WHERE id = 1")
        assert _index_is_exact(connection)
        renamed = connection.execute("SELECT name FROM actor WHERE id = 2").fetchone()[0]
        word = renamed.split()[-1]
        expected = {r[0] for r in connection.execute("SELECT id FROM claim WHERE speaker_id = 2")}
        found = set(search_ids(connection, ClaimFilter(text=f'speaker:"{word}"')))
        assert found == expected
