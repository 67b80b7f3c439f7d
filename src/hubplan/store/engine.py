"""Open the store: an engine for a database URL given by the caller, else the workspace's SQLite file.

The URL is always passed in: the CLI and the web app read ``HUBPLAN_STORE_URL``
(:func:`hubplan.environment.store_url_from_environment`); nothing below them reads the environment.

SQLite runs in WAL mode (readers never wait for a writer) with a busy timeout (a writer waits for
another instead of failing) and real transactions (hubplan emits ``BEGIN`` itself, so DDL and DML
commit or roll back together). PostgreSQL is reached through psycopg 3.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import random
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from hubplan.errors import HubplanError

STORE_FILE = "hubplan.sqlite"
"""The store's file inside the workspace (when no URL is given)."""

BUSY_TIMEOUT_MS = 30_000
"""How long a SQLite writer waits for another to finish (milliseconds)."""

_ADVISORY_LOCK = 0x6875_6270  # "hubp": serialises migrations on PostgreSQL


class DamagedStoreError(HubplanError):
    """The store's SQLite file is not a database, is damaged, is another application's, or is a folder.

    A report can still be made without the consultation (which the store holds).
    """


def store_url(workspace: Path, *, url: str | None = None) -> str:
    """Return the database URL for a workspace.

    Parameters
    ----------
    workspace
        The workspace folder (holds the default SQLite file).
    url
        A URL to use instead (e.g. ``postgresql://user@host/db``); default
        ``sqlite:///<workspace>/hubplan.sqlite``. ``postgresql://`` URLs get the psycopg 3 driver.

    Returns
    -------
    str
        A SQLAlchemy URL.

    Raises
    ------
    HubplanError
        When the workspace's store file is a link out of the workspace or to nothing.
    """
    if not url:
        _check_own_store(Path(workspace))
    chosen = url or f"sqlite:///{Path(workspace).resolve() / STORE_FILE}"
    if chosen.startswith(("postgresql://", "postgres://")):
        chosen = "postgresql+psycopg://" + chosen.split("://", 1)[1]
    if url:
        _check_url(url, chosen)
    return chosen


SUPPORTED_URLS = "postgresql://user@host/db (psycopg 3) or sqlite:////path/to/hubplan.sqlite"
"""The stores hubplan can use, in words (for messages)."""


def masked_url(url: str) -> str:
    """Return ``url`` as given with any password hidden (``postgresql://me:***@host/db``).

    Parameters
    ----------
    url
        A database URL as the user typed it, parseable or not.

    Returns
    -------
    str
        The URL with whatever stands between ``user:`` and ``@`` replaced by ``***``.
    """
    return re.sub(r"(://[^/:@]*:)[^@/]*@", r"\1***@", url)


def _check_url(given: str, url: str) -> None:
    """Refuse a store URL that does not parse, names a database hubplan does not support, or lacks its driver.

    Parameters
    ----------
    given
        The URL as the user gave it (``HUBPLAN_STORE_URL``), for the message.
    url
        The same URL with hubplan's driver chosen (see :func:`store_url`).

    Raises
    ------
    HubplanError
        One line naming ``HUBPLAN_STORE_URL`` (password hidden) and the stores supported.
    """
    lead = f"HUBPLAN_STORE_URL: expected a database URL such as {SUPPORTED_URLS}, found '{masked_url(given)}'"
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        raise HubplanError(lead) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise HubplanError(
            f"{lead}: only PostgreSQL and SQLite stores are supported, not {parsed.get_backend_name()}"
        )
    try:
        parsed.get_dialect().import_dbapi()
    except ImportError as error:
        raise HubplanError(
            f"{lead}: its driver {parsed.get_driver_name()} is not installed ({error}); "
            "postgresql:// uses psycopg 3 (pip install 'psycopg[binary]')"
        ) from None


def _check_own_store(workspace: Path) -> None:
    """Refuse a store file (or its journal) that is a link out of the workspace, or to nothing.

    Writing the store through such a link would write a file wherever the link points: a workspace
    from someone else must not be able to do that. A store elsewhere is named by ``HUBPLAN_STORE_URL``.
    """
    from hubplan.data.safe_read import outside

    store = workspace / STORE_FILE
    if store.is_dir():
        msg = (
            f"{store}: expected the workspace's store file, found a folder: move or rename the folder "
            "(hubplan makes a new store file when none is there)"
        )
        raise DamagedStoreError(msg)
    for name in (STORE_FILE, f"{STORE_FILE}-wal", f"{STORE_FILE}-shm", f"{STORE_FILE}-journal"):
        path = workspace / name
        if not path.is_symlink():
            continue
        if not path.exists() or outside(path, workspace):
            msg = (
                f"{path}: expected the workspace's own store file, found a link to "
                f"{'nothing' if not path.exists() else 'a file outside the workspace'} (hubplan will not "
                "write through it; to keep the store elsewhere, set HUBPLAN_STORE_URL)"
            )
            raise HubplanError(msg)


def use_wal(cursor: sqlite3.Cursor, timeout_s: float = BUSY_TIMEOUT_MS / 1000) -> None:
    """Switch a SQLite database to WAL, waiting its turn while another connection switches it.

    Switching needs the database to itself, and SQLite answers "database is locked" at once, without
    its busy timeout, when another connection is switching it at the same moment: several processes
    opening a new store together would fail by chance. The switch is kept in the file, so the wait is
    only for a new store.

    Parameters
    ----------
    cursor
        A cursor on the database.
    timeout_s
        How long to keep trying, in seconds, before the error is raised.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(random.uniform(0.001, 0.02))


def _sqlite_transactions(engine: sa.Engine) -> None:
    """Make pysqlite use WAL, a busy timeout and transactions that hubplan begins itself."""

    @sa.event.listens_for(engine, "connect")
    def connect(dbapi_connection: Any, _: Any) -> None:
        dbapi_connection.isolation_level = None  # no implicit BEGIN: the "begin" event below emits it
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Sorts and indexes of a large import stay in memory: by default SQLite writes them to
        # /var/tmp (etilqs_*), a file outside the workspace.
        cursor.execute("PRAGMA temp_store = MEMORY")
        if engine.url.database not in (None, "", ":memory:"):
            use_wal(cursor)
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def begin(connection: sa.Connection) -> None:
        immediate = connection.get_execution_options().get("hubplan_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextlib.contextmanager
def writing(engine: sa.Engine) -> Iterator[sa.Connection]:
    """Open a transaction that writes: on SQLite it takes the write lock first (waiting its turn).

    Parameters
    ----------
    engine
        The store.

    Yields
    ------
    sqlalchemy.Connection
        A connection inside the transaction; it commits when the block ends and rolls back on error.
    """
    with engine.connect().execution_options(hubplan_immediate=True) as conn, conn.begin():
        yield conn


def _read_only(path: Path) -> bool:
    """Return whether ``path`` (a file or folder) cannot be written: a read-only mount or no write right."""
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        return False
    return not os.access(path, os.W_OK)


def explain_store_error(error: Exception, url: str) -> str:
    """Word a database error met while opening or writing the store, naming the file and the cause.

    Parameters
    ----------
    error
        The error (SQLAlchemy's or sqlite3's ``OperationalError``).
    url
        The store's URL (see :func:`store_url`).

    Returns
    -------
    str
        One line: the store's file (or URL, password hidden), what went wrong and what to do.
    """
    reason = str(getattr(error, "orig", None) or error).splitlines()[0][:200]
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        where = parsed.render_as_string(hide_password=True)
        return f"{where}: the store could not be opened or written ({reason})"
    file = Path(str(parsed.database))
    damage = damaged_store(error)
    if damage and file.name != STORE_FILE:  # a file that HUBPLAN_STORE_URL names
        return (
            f"{file} (named by HUBPLAN_STORE_URL) {damage}: set HUBPLAN_STORE_URL to a hubplan store, or "
            "to a file that does not exist yet (hubplan makes it)"
        )
    if damage:
        return (
            f"{file} {damage}: restore the store from a backup, or move this file away "
            "(hubplan then makes a new, empty store)"
        )
    if file.is_dir():
        return f"{file}: expected the store's file, found a folder: move or rename the folder"
    folder = file.parent
    if _read_only(folder) or (file.exists() and _read_only(file)):
        which = f"the folder {folder}" if _read_only(folder) else f"the file {file}"
        return (
            f"{file}: the store cannot be opened for writing: {which} is read-only (SQLite writes "
            "its journal beside the file even to read it); copy the workspace to a folder you can "
            "write, or set HUBPLAN_STORE_URL to a store elsewhere"
        )
    return f"{file}: the store could not be written ({reason}): is the disk full, or a size limit set?"


@contextlib.contextmanager
def store_errors(url: str) -> Iterator[None]:
    """Turn a database error inside the block into a :class:`~hubplan.errors.HubplanError` naming the store.

    Parameters
    ----------
    url
        The store's URL (see :func:`store_url`).

    Yields
    ------
    None
        Nothing; the block runs as it is.

    Raises
    ------
    HubplanError
        For SQLAlchemy's and sqlite3's ``OperationalError`` (a read-only folder, a full disk), and for
        a file that is not a SQLite database or is damaged.
    """
    try:
        yield
    except (sa.exc.OperationalError, sqlite3.OperationalError) as error:
        raise HubplanError(explain_store_error(error, url)) from None
    except (sa.exc.DatabaseError, sqlite3.DatabaseError) as error:
        if not damaged_store(error):
            raise
        raise DamagedStoreError(explain_store_error(error, url)) from None


_DAMAGE = (
    ("file is not a database", "is not a SQLite database"),
    ("malformed", "is damaged (malformed: cut short, or copied while it was written)"),
)
_FOREIGN = "is not a hubplan store"
"""How :func:`_refuse_foreign` words another application's database (found again by :func:`damaged_store`)."""


def damaged_store(error: BaseException) -> str:
    """Return what is wrong with a store file that SQLite cannot read, in words, or '' for other errors.

    Parameters
    ----------
    error
        A database error (SQLAlchemy's or sqlite3's), or hubplan's own for another application's file.

    Returns
    -------
    str
        E.g. ``"is not a SQLite database"``; '' when the error is not about the file's content.
    """
    reason = str(getattr(error, "orig", None) or error)
    if reason.startswith(_FOREIGN):
        return reason.splitlines()[0][:300]
    return next((words for clue, words in _DAMAGE if clue in reason), "")


def check_store(url: str) -> str:
    """Return what is wrong with an existing SQLite store file, as opening it would say, or ''.

    The same judgement :func:`store_errors` and :func:`_refuse_foreign` make when a command opens the
    store (serve, consult, report): not a SQLite database, damaged, another application's tables, a
    folder. Read only: the file is opened ``immutable`` (no journal, no ``-wal``/``-shm`` beside it,
    nothing created or migrated). A store that does not exist yet, or that is not a SQLite file (a
    PostgreSQL URL), has nothing to say: it is made or reached when first used.

    Parameters
    ----------
    url
        The store's URL (see :func:`store_url`).

    Returns
    -------
    str
        One line naming the file, what is wrong and what to do; '' when nothing is.
    """
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return ""
    file = Path(str(parsed.database))
    if not file.exists():
        return ""
    read_only = f"{file.resolve().as_uri()}?mode=ro&immutable=1"  # percent-encoded: '?' or '#' in a name
    engine = sa.create_engine(
        "sqlite://", creator=lambda: sqlite3.connect(read_only, uri=True), hide_parameters=True
    )
    try:
        with store_errors(url):
            _refuse_foreign(engine)
    except HubplanError as error:
        return str(error)
    finally:
        engine.dispose()
    return ""


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("hubplan.store") / "migrations"))
    return config


def head_revision() -> str:
    """Return the newest migration's revision id."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: sa.Engine) -> str | None:
    """Return the revision the store is at (``None`` for an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _refuse_foreign(engine: sa.Engine) -> None:
    """Refuse a SQLite file with tables of another application and no hubplan version table.

    Raises
    ------
    sqlalchemy.exc.DatabaseError
        Saying "not a hubplan store", worded by :func:`explain_store_error`.
    """
    if engine.dialect.name != "sqlite":  # a PostgreSQL database may hold other applications' tables too
        return
    with engine.connect() as conn:
        names = set(sa.inspect(conn).get_table_names())
    if names and "alembic_version" not in names:
        shown = ", ".join(sorted(names)[:5]) + (", ..." if len(names) > 5 else "")
        msg = f"{_FOREIGN}: it holds tables ({shown}) but no alembic_version table"
        raise sa.exc.DatabaseError(msg, None, Exception(msg))


def migrate(engine: sa.Engine) -> None:
    """Bring the store's tables to the newest migration; safe when several processes do it at once.

    Parameters
    ----------
    engine
        The store.
    """
    if current_revision(engine) == head_revision():
        return
    _refuse_foreign(engine)
    config = _config()
    with writing(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK})
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def create_store_engine(url: str) -> sa.Engine:
    """Return a new engine for ``url``, set up for the store (WAL and real transactions on SQLite).

    Parameters
    ----------
    url
        A SQLAlchemy URL (see :func:`store_url`).

    Returns
    -------
    sqlalchemy.Engine
        The engine; its tables are not migrated (:func:`migrate`); the caller disposes of it.
    """
    # hide_parameters: a database error never quotes the values written (respondents' rows among them).
    engine = sa.create_engine(url, pool_pre_ping=url.startswith("postgresql"), hide_parameters=True)
    if engine.dialect.name == "sqlite":
        _sqlite_transactions(engine)
    return engine


class _Engines:
    """One migrated engine per database URL for the whole process (SQLAlchemy's intended use)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._engines: dict[str, sa.Engine] = {}

    def get(self, url: str) -> sa.Engine:
        with self._lock:
            if url not in self._engines:
                engine = create_store_engine(url)
                try:
                    with store_errors(url):
                        migrate(engine)
                except BaseException:
                    engine.dispose()
                    raise
                self._engines[url] = engine
            return self._engines[url]

    def dispose(self) -> None:
        with self._lock:
            for engine in self._engines.values():
                engine.dispose()
            self._engines.clear()


_ENGINES = _Engines()
atexit.register(_ENGINES.dispose)


def open_store(workspace: Path, *, url: str | None = None) -> sa.Engine:
    """Return the store's engine, its tables migrated to the newest version.

    The engine is shared by every caller in this process that names the same database.

    Parameters
    ----------
    workspace
        The workspace folder (for the default SQLite file).
    url
        A database URL instead of the workspace's SQLite file (see :func:`store_url`).

    Returns
    -------
    sqlalchemy.Engine
        The engine.

    Raises
    ------
    HubplanError
        When the store cannot be opened or migrated (a read-only folder, a full disk), naming its file.
    """
    return _ENGINES.get(store_url(workspace, url=url))


def close_stores() -> None:
    """Close every open store's connections (they reopen when next used)."""
    _ENGINES.dispose()
