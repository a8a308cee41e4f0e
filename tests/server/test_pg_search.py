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
