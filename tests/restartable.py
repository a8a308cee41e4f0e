"""Stopping and starting a throwaway cluster again (the team server going away and coming back).

A test that stops its server uses a cluster of its own (``throwaway_cluster`` in tests/pg.py),
never the session's. It is started again with the very options it was started with, read from
the server's own ``postmaster.opts``.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from tests.pg import PgServer, start_cluster, stop_cluster


def stop(server: PgServer) -> list[str]:
    """Stop the server at once (as a crash or a pulled cable would); returns its options."""
    folder = Path(server.host)
    words = shlex.split((folder / "data" / "postmaster.opts").read_text(encoding="utf-8"))
    options: list[str] = []
    skip = False
    for word in words[1:]:
        if skip:
            skip = False
        elif word == "-D":
            skip = True
        else:
            options.append(word)
    stop_cluster(server.bindir, folder)
    return options


def start(server: PgServer, options: list[str]) -> None:
    """Start the stopped server again, on the same port and socket."""
    start_cluster(server.bindir, Path(server.host), shlex.join(options))
