"""Fixtures for the article extractor tests: no test here may touch the network."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SAMPLES = Path(__file__).parent / "samples"


class NetworkAttempted(AssertionError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    """Fail the test if anything tries to resolve a name or open a connection."""
    attempts: list[tuple[str, tuple[Any, ...]]] = []

    def refuse(name: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            attempts.append((name, args))
            raise NetworkAttempted(f"network access attempted: {name}{args!r}")

        return refused

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("socket.getaddrinfo"))
    yield attempts
    assert attempts == [], f"network access attempted: {attempts}"


@pytest.fixture
def sample_path() -> Path:
    return SAMPLES / "us-warns-russia-2018-08-25.md"
