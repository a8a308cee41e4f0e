"""What the server's search needs from the server: the unaccent extension (migration 0007)."""

from __future__ import annotations

import pytest

from claimtracker.errors import StorageError
from claimtracker.query import ClaimFilter, search_ids
from claimtracker.store import Store


def test_a_role_that_may_not_create_unaccent_is_told_who_can(pg_server, pg_url):
    name = pg_server.dbname(pg_url)
    pg_server.admin("CREATE EXTENSION citext", name)
    pg_server.admin("DROP ROLE IF EXISTS desk_owner")
    pg_server.admin("CREATE ROLE desk_owner LOGIN")
    pg_server.admin("GRANT ALL ON SCHEMA public TO desk_owner", name)
    as_role = pg_server.url(name, user="desk_owner")
    with pytest.raises(StorageError) as error:
        Store.open(as_role)
    message = str(error.value)
    assert "\n" not in message
    assert f"unaccent extension in database {name}" in message
    assert "CREATE EXTENSION unaccent;" in message
    pg_server.admin("CREATE EXTENSION unaccent", name)  # what the administrator does
    with Store.open(as_role) as store, store.raw() as connection:
        assert list(search_ids(connection, ClaimFilter(text="café"))) == []


def test_claims_made_before_the_search_index_are_found_after_it_and_it_comes_off_cleanly(
    pg_server, pg_url
):
    from alembic import command

    from claimtracker.store.engine import make_engine, writing
    from claimtracker.store.migrate import alembic_config, upgrade

    engine = make_engine(pg_url)
    upgrade(engine, revision="0006")
    name = pg_server.dbname(pg_url)
    pg_server.admin(
        "INSERT INTO actor (name, uuid, created_at, updated_at) "
        "VALUES ('Łukasz Nowak', 'a-1', now(), now())",
        name,
    )
    pg_server.admin(
        "INSERT INTO claim (text, speaker_id, uuid, created_at, updated_at) "
        "VALUES ('They warned and were ignored', 1, 'c-1', now(), now())",
        name,
    )
    with Store.open(pg_url) as store, store.raw() as connection:  # upgraded to the newest
        for typed in ("warning", "speaker:lukasz", "ignor*"):
            assert list(search_ids(connection, ClaimFilter(text=typed))) == [1], typed
    config = alembic_config()
    with writing(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    pg_server.admin("SELECT 1 FROM claim WHERE text = 'They warned and were ignored'", name)
    with pytest.raises(Exception, match="search_doc"):
        pg_server.admin("SELECT search_doc FROM claim", name)
    upgrade(engine)
    engine.dispose()
    with Store.open(pg_url) as store, store.raw() as connection:
        assert list(search_ids(connection, ClaimFilter(text="warns"))) == [1]


FOLDED = {
    # typed: (claim text, the words of it the server's search found)
    "елка": ("Ёлка у дома горела", ["Ёлка"]),
    "ёлка": ("На площади елка", ["елка"]),
    "strasse": ("Die Straße war gesperrt", ["Straße"]),
    "straße": ("Strasse closed", ["Strasse"]),
    "lodz": ("Protest in Łódź", ["Łódź"]),
    '"große straße"': ("Eine grosse Strasse", ["grosse Strasse"]),
    "fee*": ("Die Feë kam", ["Feë"]),
}


def test_the_words_a_server_found_are_marked_as_it_folded_them(pg_migrated_url):
    """The server's unaccent folds ё, ß, ł (a file's index does not): the marks agree."""
    from claimtracker import services
    from claimtracker.query.explain import highlighter
    from claimtracker.query.folding import server_folding
    from claimtracker.schemas import ClaimCreate

    with Store.open(pg_migrated_url) as store:
        with store.write() as session:
            ids = {
                typed: services.create_claim(session=session, claim_in=ClaimCreate(text=text)).id
                for typed, (text, _) in FOLDED.items()
            }
        with store.raw() as connection:
            folding = server_folding(connection)
            for typed, (text, marked) in FOLDED.items():
                found = list(search_ids(connection, ClaimFilter(text=typed)))
                assert ids[typed] in found, typed
                spans = highlighter(typed, folding=folding).spans(text)
                assert [text[start:end] for start, end in spans] == marked, typed
                # A file's index keeps ё and ß apart: without the server's folding no mark.
                if typed in ("елка", "strasse"):
                    assert highlighter(typed).spans(text) == []
    assert folding.fold("Ёлка") == "елка" and folding.fold("Straße") == "strasse"
