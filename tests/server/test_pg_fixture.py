"""The throwaway PostgreSQL server the tests run against (tests/pg.py)."""

from __future__ import annotations

import psycopg


def test_a_fresh_database_is_empty_and_the_socket_trusts_the_superuser(pg_server, pg_url):
    with psycopg.connect(pg_url.replace("postgresql+psycopg", "postgresql")) as connection:
        tables = connection.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    assert tables == (0,)


def test_127_0_0_1_checks_the_password(pg_server):
    pg_server.admin("CREATE ROLE anna LOGIN PASSWORD 'secret'")
    try:
        plain = pg_server.url("postgres", user="anna", password="secret")
        with psycopg.connect(plain.replace("postgresql+psycopg", "postgresql")) as connection:
            assert connection.execute("SELECT current_user").fetchone() == ("anna",)
        wrong = pg_server.url("postgres", user="anna", password="wrong")
        try:
            psycopg.connect(wrong.replace("postgresql+psycopg", "postgresql")).close()
        except psycopg.OperationalError as exc:
            assert "password authentication failed" in str(exc)
        else:
            raise AssertionError("a wrong password was accepted")
    finally:
        pg_server.admin("DROP ROLE anna")
