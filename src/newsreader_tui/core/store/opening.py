"""Opening the cache file: private when new, read-write when it can be, read-only when not.

A cache that cannot be written (a read-only mount, chmod a-w, a full disk) is still a good
cache: the user must be able to read it, and must never be told to throw it away. So a file
SQLite cannot open for writing is opened for reading instead, and only a file that is not a
database at all, or is damaged, is refused.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from newsreader_tui.core.errors import Problem, StoreError
from newsreader_tui.core.store import schema as _schema
from newsreader_tui.core.store.failures import CANNOT_WRITE, SQLITE_NOTADB, is_damage, primary_code
from newsreader_tui.core.store.search import tune_index


def connect(path: Path, *, busy_timeout_ms: int) -> tuple[sqlite3.Connection, bool]:
    """A connection to the cache at `path` with its schema up to date, and whether it is
    read-only. Raises `StoreError` naming the file when it cannot be used at all."""
    try:
        _create_private(path)
    except OSError as error:
        if not path.is_file():
            raise StoreError(Problem.of("store.open", path=path, detail=error)) from error
        return _connect_read_only(path), True
    if not _can_write(path):
        return _connect_read_only(path), True
    try:
        conn = _connect(str(path))
    except sqlite3.Error as error:
        raise StoreError(Problem.of("store.open", path=path, detail=error)) from error
    try:
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
        # Checked before anything writes (even journal_mode changes the header).
        _schema.check_version(conn, path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        _schema.migrate(conn, path)
        tune_index(conn)
    except StoreError:
        conn.close()
        raise
    except sqlite3.Error as error:
        conn.close()
        if primary_code(error) in CANNOT_WRITE:
            return _connect_read_only(path), True
        raise StoreError(unusable(error, path)) from error
    return conn, False


def unusable(error: sqlite3.Error, path: Path) -> Problem:
    """The problem of a file SQLite refused while opening: not a database at all (a garbage
    header), or a database with damaged pages."""
    if primary_code(error) == SQLITE_NOTADB or not is_damage(error):
        return Problem.of("store.not_cache", path=path, detail=error)
    return Problem.of("store.damaged", path=path, detail=error)


def _connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    # Autocommit mode (isolation_level=None): transactions are explicit, so the store never
    # opens a deferred one that could fail to upgrade to a write lock.
    conn = sqlite3.connect(target, uri=uri, check_same_thread=False, isolation_level=None)
    conn.text_factory = _lenient_text
    return conn


def _lenient_text(data: bytes) -> str:
    """Text columns as str. Only a damaged page holds text that is not UTF-8: it shows with
    U+FFFD in it rather than failing every listing that includes the article."""
    return data.decode("utf-8", "replace")


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Open for reading only: `mode=ro`, or `immutable=1` when SQLite cannot even make the
    shared-memory file a WAL reader needs (a read-only folder). Immutable skips a -wal left
    behind, which only a crash on a now read-only disk would leave."""
    uri = path.absolute().as_uri()
    failure: sqlite3.Error | None = None
    for query in ("?mode=ro", "?mode=ro&immutable=1"):
        try:
            conn = _connect(uri + query, uri=True)
        except sqlite3.Error as error:
            failure = error
            continue
        try:
            version = _schema.check_version(conn, path)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except StoreError:
            conn.close()
            raise
        except sqlite3.Error as error:
            conn.close()
            if is_damage(error):
                raise StoreError(unusable(error, path)) from error
            failure = error
            continue
        if version < _schema.SCHEMA_VERSION:
            conn.close()
            if version == 0:  # nothing was ever stored: the folder could not take a cache
                raise StoreError(Problem.of("store.read_only", path=path))
            known = _schema.SCHEMA_VERSION
            problem = Problem.of("store.read_only_old", path=path, version=version, known=known)
            raise StoreError(problem)
        conn.execute("PRAGMA foreign_keys = ON")
        return conn
    raise StoreError(Problem.of("store.open", path=path, detail=failure))


def _can_write(path: Path) -> bool:
    """Whether this process may write the file and create files beside it (SQLite's -wal and
    -shm). A read-only mount says no even to root, who ignores modes."""
    effective = os.access in os.supports_effective_ids
    return all(os.access(p, os.W_OK, effective_ids=effective) for p in (path, path.parent))


def _create_private(path: Path) -> None:
    """Create the data dir (0700) and an empty database file (0600) unless they exist: what a
    user reads is nobody else's business. SQLite gives its -wal and -shm files the database's
    mode, and an empty file is a valid empty database. Existing folders and files keep the
    modes they have here (`private.tighten` takes away what others could read)."""
    path.parent.parent.mkdir(parents=True, exist_ok=True)
    path.parent.mkdir(mode=0o700, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
