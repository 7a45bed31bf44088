"""Where the data is: a file path (SQLite) or a PostgreSQL connection URI (a shared server).

`--db`, PLANNER_DB and the app's "Connect to a shared database…" all come through `locate`.
A string that looks like the URI of any other engine is refused with one line: it must never
silently become a file (the folders `postgresql:/ana:secret@/` of old, password included).
A URI is only ever shown with its password masked; libpq's usual places (PGPASSWORD,
~/.pgpass, a service file) are where a password belongs.
"""

from __future__ import annotations

import re
from pathlib import Path

from planner.errors import DatabaseError
from planner.paths import database_path, looks_like_uri

# The schemes libpq reads, and SQLAlchemy's name for the driver we use (psycopg 3).
SERVER_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
DRIVER_SCHEME = "postgresql+psycopg"
# Compiled (and kept) by `re` when first used: a command on a file reads no URI.
_SCHEME = r"^([A-Za-z][A-Za-z0-9+.-]*):(//)?"
_CREDENTIALS = r"^([^/?#@]*?):([^/?#@]*)@"


def mask_password(uri: str) -> str:
    """`uri` with the password of its `login:password@` part (if any) replaced by ***.

    Plain text, no parsing that could fail: also used for URIs that are refused."""
    match = re.match(_SCHEME, uri)
    if match is None or not match.group(2):
        return uri
    rest = uri[match.end() :]
    return uri[: match.end()] + re.sub(_CREDENTIALS, r"\1:***@", rest, count=1)


class ServerAddress:
    """A PostgreSQL database on a server, as SQLAlchemy's URL for psycopg 3.

    Its text form (str, repr, `shown`) never holds the password; `url` does, for connecting
    only. It does not change, and is equal to (and hashed as) another of the same URL."""

    # A plain class, not a dataclass: every command imports this module, one on a file too,
    # and creating the dataclass took it about 0.4 ms. Nor a NamedTuple: `"%s" % address`
    # would show a tuple's URL, password included.
    url: str

    def __init__(self, url: str) -> None:
        object.__setattr__(self, "url", url)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a ServerAddress does not change: cannot assign to {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a ServerAddress does not change: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ServerAddress):
            return NotImplemented
        return self.url == other.url

    def __hash__(self) -> int:
        return hash(self.url)

    @property
    def shown(self) -> str:
        """The URI as it may be shown to a person or written down: password masked."""
        from sqlalchemy.engine import make_url

        return _plain(make_url(self.url).render_as_string(hide_password=True))

    @property
    def remembered(self) -> str:
        """The URI without its password at all, for settings that outlive this run."""
        from sqlalchemy.engine import URL, make_url

        url = make_url(self.url)
        bare = URL.create(url.drivername, url.username, None, url.host, url.port, url.database)
        return _plain(bare.update_query_dict(dict(url.query)).render_as_string(hide_password=False))

    @property
    def database(self) -> str:
        """The database's name on the server."""
        from sqlalchemy.engine import make_url

        return make_url(self.url).database or ""

    @property
    def login(self) -> str:
        """The login the server is asked for: the URI's, else libpq's default (PGUSER, else
        the system user's name)."""
        import getpass
        import os

        from sqlalchemy.engine import make_url

        return make_url(self.url).username or os.environ.get("PGUSER") or getpass.getuser()

    @property
    def server(self) -> str:
        """The server as a person names it: `host:port`, or the socket folder."""
        from sqlalchemy.engine import make_url

        url = make_url(self.url)
        socket = url.query.get("host")
        if url.host:
            return f"{url.host}:{url.port}" if url.port else url.host
        if isinstance(socket, str) and socket:
            return socket
        return "the local server"

    def __str__(self) -> str:
        return self.shown

    def __repr__(self) -> str:
        return f"ServerAddress({self.shown!r})"


Location = Path | ServerAddress


def _plain(uri: str) -> str:
    """A URI as people write it for libpq (`postgresql://`), without SQLAlchemy's driver,
    and a socket folder as a path (`?host=/run/postgresql`, not `%2Frun%2Fpostgresql`)."""
    uri = "postgresql://" + uri.removeprefix(DRIVER_SCHEME + "://")
    base, mark, query = uri.partition("?")
    return base + mark + query.replace("%2F", "/").replace("%2f", "/")


def server_address(uri: str) -> ServerAddress:
    """The server a PostgreSQL URI names; DatabaseError (one line, password masked) for a URI
    of another engine or driver, or one that cannot be read."""
    match = re.match(_SCHEME, uri)
    scheme = match.group(1).lower() if match else ""
    if match is None or not match.group(2) or scheme not in SERVER_SCHEMES:
        raise DatabaseError(
            f"{mask_password(uri)}: not a database the planner can use: give a file path "
            "(SQLite) or a PostgreSQL URI (postgresql://LOGIN@HOST:PORT/DBNAME)"
        )
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    url = DRIVER_SCHEME + uri[len(scheme) :]
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise DatabaseError(
            f"{mask_password(uri)}: cannot read this PostgreSQL URI "
            "(the form is postgresql://LOGIN@HOST:PORT/DBNAME)"
        ) from None
    if not parsed.database:
        raise DatabaseError(
            f"{parsed.render_as_string(hide_password=True)}: the URI names no database "
            "(postgresql://LOGIN@HOST:PORT/DBNAME)"
        )
    return ServerAddress(url)


def locate_text(given: str | Path | None) -> str | Path | None:
    """What was chosen: `given`, else PLANNER_DB, else None (the default file)."""
    import os

    if isinstance(given, Path):
        return given
    return given or os.environ.get("PLANNER_DB") or None


def locate(given: str | Path | None = None) -> Location:
    """The database `--db` (or PLANNER_DB, or the default file) names: a resolved file path
    for SQLite, a ServerAddress for PostgreSQL; DatabaseError for a URI of anything else."""
    chosen = locate_text(given)
    if isinstance(chosen, str) and looks_like_uri(chosen):
        return server_address(chosen)
    # Resolved now: a relative --db must name the same file whatever the working folder.
    return database_path(chosen)


def shown(location: Location) -> str:
    """Where the data is, as a person reads it (a path, or a URI with its password masked)."""
    return str(location)
