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
