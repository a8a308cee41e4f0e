"""Where a team project lives on a server, and the analyst's password for it.

A :class:`TeamAddress` is host, port, database and the analyst's login name. Its :attr:`url`
never holds a password: that is what the settings (the recent projects) and the screen show. The
password comes, in this order, from the URL itself (a URL typed with one), the system keyring
(the ``keyring`` package, service :data:`KEYRING_SERVICE`, if the analyst ticked "Remember
password"), or libpq's own lookup (``~/.pgpass``, ``$PGPASSWORD``), which needs nothing from us.

Plain ``urllib``: opening a team project paints its first rows before SQLAlchemy is imported.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

log = logging.getLogger(__name__)

#: The keyring service the app keeps server passwords under (one entry per address).
KEYRING_SERVICE = "ClaimTracker team server"
DEFAULT_PORT = 5432
SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


def is_server_url(target: str) -> bool:
    """Whether ``target`` names a PostgreSQL server (rather than a file or another database)."""
    return target.split("://", 1)[0] in SCHEMES if "://" in target else False


@dataclass(frozen=True)
class TeamAddress:
    """A server database and the analyst who connects to it (no password)."""

    host: str
    port: int
    database: str
    user: str
    #: Other libpq settings from the URL's query (``sslmode``, a socket folder as ``host``).
    options: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_url(cls, url: str) -> tuple[TeamAddress, str | None]:
        """The address a server URL names, and the password it holds (if any)."""
        parts = urlsplit(url)
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        socket_folder = query.pop("host", "")
        host = unquote(parts.hostname or "") or socket_folder
        port_text = query.pop("port", "") or (str(parts.port) if parts.port else "")
        address = cls(
            host=host or "localhost",
            port=int(port_text) if port_text else DEFAULT_PORT,
            database=unquote(parts.path.lstrip("/")),
            user=unquote(parts.username or ""),
            options=tuple(sorted(query.items())),
        )
        return address, unquote(parts.password) if parts.password else None

    @property
    def is_socket(self) -> bool:
        """The host is a unix socket folder (a server on this machine)."""
        return self.host.startswith("/")

    def url(self, password: str | None = None) -> str:
        """The SQLAlchemy URL (psycopg 3); with ``password`` only for connecting, never to keep."""
        who = quote(self.user, safe="")
        if password is not None:
            who += ":" + quote(password, safe="")
        query = dict(self.options)
        if self.is_socket:
            query = {"host": self.host, "port": str(self.port), **query}
            netloc = f"{who}@"
        else:
            netloc = f"{who}@{self.host}:{self.port}"
        tail = f"?{urlencode(query)}" if query else ""
        return f"postgresql+psycopg://{netloc}/{quote(self.database, safe='')}{tail}"

    def libpq_uri(self, password: str | None = None) -> str:
        """The same address as libpq (psycopg) reads it."""
        return "postgresql://" + self.url(password).split("://", 1)[1]

    @property
    def keyring_key(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def describe(self) -> str:
        """How the address is shown: ``claims on db.example.org (anna)``."""
        where = "this computer" if self.is_socket else self.host
        if not self.is_socket and self.port != DEFAULT_PORT:
            where += f":{self.port}"
        return f"{self.database} on {where} ({self.user})"


# -- the keyring ------------------------------------------------------------------------------


def stored_password(address: TeamAddress) -> str | None:
    """The password kept in the system keyring for ``address``, or None (none kept, no keyring:
    libpq then looks in ``~/.pgpass``)."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, address.keyring_key)
    except KeyringError as exc:
        log.warning("The system keyring cannot be read: %s", exc)
        return None


def with_stored_password(url: str) -> str:
    """``url`` with the password the keyring keeps for its address put in (for connecting only,
    never to keep); unchanged when it holds one already or none is kept (libpq then looks in
    ``~/.pgpass``)."""
    address, password = TeamAddress.from_url(url)
    if password is not None:
        return url
    stored = stored_password(address)
    return url if stored is None else address.url(stored)


def remember_password(address: TeamAddress, password: str) -> str | None:
    """Keep ``password`` in the system keyring; None, or why it could not be kept (one line)."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return "the keyring package is not installed (pip install 'claimtracker[server]')"
    try:
        keyring.set_password(KEYRING_SERVICE, address.keyring_key, password)
    except KeyringError as exc:
        return f"the system keyring refused it ({exc})"
    return None


def forget_password(address: TeamAddress) -> None:
    """Remove a kept password (a wrong one, or "Remember password" unticked)."""
    try:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError
    except ImportError:
        return
    try:
        keyring.delete_password(KEYRING_SERVICE, address.keyring_key)
    except PasswordDeleteError:
        pass
    except KeyringError as exc:
        log.warning("The system keyring cannot be changed: %s", exc)
