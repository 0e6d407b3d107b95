"""What a failed SQLite call means to the user: one `StoreError` with a coded problem.

sqlite3 raises its own exceptions from any query, and a traceback of one says nothing to a
reader whose disk is full or whose cache was damaged by a crash. Every call into the database
goes through `Store`, which turns what SQLite raised into one of these sentences by the
primary result code (the low byte of `sqlite_errorcode`), naming the file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsreader_tui.core.errors import Problem, StoreError

SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

CANNOT_WRITE = frozenset({SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN})
"""Codes that, while a cache is being opened for writing, mean the file or its folder cannot
be written (a read-only mount, chmod a-w, a full disk): opening it read-only may still work."""

DAMAGED = frozenset({SQLITE_CORRUPT, SQLITE_NOTADB})
"""Codes that mean the file's pages are not what SQLite wrote."""


def primary_code(error: sqlite3.Error) -> int | None:
    """SQLite's primary result code of `error`, or None when Python raised it (e.g. a text
    column that is not UTF-8, which only a damaged page holds)."""
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def is_damage(error: sqlite3.Error) -> bool:
    """Whether `error` says the database file is damaged rather than busy, full or locked."""
    code = primary_code(error)
    if code in DAMAGED:
        return True
    # sqlite3 reports undecodable text as an OperationalError with no code of its own.
    return code is None and "decode" in str(error).lower()


def problem_for(error: sqlite3.Error, path: Path) -> Problem:
    """The one sentence the user reads for `error` on the cache at `path`."""
    code = primary_code(error)
    if code == SQLITE_FULL:
        return Problem.of("store.full", path=path)
    if code in (SQLITE_READONLY, SQLITE_PERM):
        return Problem.of("store.read_only", path=path)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return Problem.of("store.busy", path=path)
    if is_damage(error):
        return Problem.of("store.damaged", path=path, detail=error)
    return Problem.of("store.failed", path=path, detail=error)


def store_error(error: sqlite3.Error, path: Path) -> StoreError:
    """`error` as the `StoreError` an interface shows in one sentence."""
    return StoreError(problem_for(error, path))
