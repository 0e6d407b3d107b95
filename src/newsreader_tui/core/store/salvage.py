"""Carrying what can still be read from a damaged cache into a new one.

A damaged page loses the rows stored on it, not the file: the feeds, articles, their read and
starred state, the image list and the UI's memory on sound pages are copied into the fresh
cache with their ids, so articles keep their key and URL (what a refresh matches them by) and
the reader finds them read or starred as before. Rows are read by rowid ranges; a range that
runs into a damaged page is read again one rowid at a time, so one bad page costs only its own
rows. Whatever fails to read or to fit (an article whose feed was lost) is left behind, in the
old file, which is never changed.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsreader_tui.core.store.search import index_article

TABLES = ("feeds", "articles", "article_state", "images", "article_images", "ui_state")
"""In an order where every row's references are copied before it."""
_RANGE = 256
"""Rowids read per query; a damaged range is read again one rowid at a time."""
_FALLBACK_MAX = 1 << 20
"""Highest rowid tried when even max(rowid) cannot be read (the table's last page is damaged)."""
_GIVE_UP = 32
"""Damaged ranges in a row, with not one row readable, after which a table is given up (its
root page is gone): bounds the cost of a hopeless table to a few thousand lookups."""


def open_old(path: Path) -> sqlite3.Connection | None:
    """The damaged file, opened so that nothing can write to it; None if SQLite cannot open it
    at all (a garbage header). Immutable unless its -wal (moved with it) holds writes not yet
    in the file: those are read too, which needs SQLite's -shm beside it."""
    uri = path.absolute().as_uri()
    queries = ["?mode=ro&immutable=1"]
    with contextlib.suppress(OSError):
        if Path(f"{path}-wal").stat().st_size > 0:
            queries.insert(0, "?mode=ro")
    for query in queries:
        conn = None
        try:
            conn = sqlite3.connect(uri + query, uri=True)
            conn.text_factory = lambda data: data.decode("utf-8", "replace")
            # A file shorter than its header says (cut off) is refused as a whole unless the
            # schema is "writable": then SQLite reads the pages that are there. Nothing writes.
            conn.execute("PRAGMA writable_schema = ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error:
            if conn is not None:
                conn.close()
    return None


def copy_from(old: sqlite3.Connection, new: sqlite3.Connection) -> int:
    """Copy every readable row of TABLES from `old` into `new` (inside the caller's write
    transaction), index the copied articles for search; return how many articles came over."""
    for table in TABLES:
        columns = _common_columns(old, new, table)
        if not columns:
            continue
        names = ", ".join(columns)
        insert = f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
        for row in _readable_rows(old, table, names):
            with contextlib.suppress(sqlite3.IntegrityError):  # e.g. its article was lost
                new.execute(insert, row)
    # Every article has a state row (the listings join on it); one whose state was lost is unread.
    new.execute("INSERT OR IGNORE INTO article_state (article_id) SELECT id FROM articles")
    # The next refresh must read every feed in full, to bring back the articles that were lost:
    # forget what would let it skip an unchanged feed.
    new.execute("UPDATE feeds SET etag = NULL, last_modified = NULL, body_hash = NULL")
    count = 0
    texts = new.execute("SELECT id, title, summary, content, full_content FROM articles")
    for article_id, title, summary, content, full in texts.fetchall():
        index_article(new, article_id, title, summary, full or content)
        count += 1
    return count


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [str(row[1]) for row in conn.execute(f"PRAGMA table_info({table})")]
    except sqlite3.Error:
        return []


def _common_columns(old: sqlite3.Connection, new: sqlite3.Connection, table: str) -> list[str]:
    """The columns both files have (an older cache may lack the newest), in the new order."""
    present = set(_columns(old, table))
    return [name for name in _columns(new, table) if name in present]


def _readable_rows(old: sqlite3.Connection, table: str, names: str) -> Iterator[Sequence[object]]:
    low, high = _bounds(old, table)
    select = f"SELECT {names} FROM {table} WHERE rowid BETWEEN ? AND ?"
    hopeless = 0
    for start in range(low, high + 1, _RANGE):
        end = min(start + _RANGE - 1, high)
        try:
            rows = old.execute(select, (start, end)).fetchall()
        except sqlite3.Error:
            rows = list(_one_by_one(old, select, start, end))
            hopeless = 0 if rows else hopeless + 1
            if hopeless >= _GIVE_UP:
                return
        yield from rows


def _one_by_one(
    old: sqlite3.Connection, select: str, start: int, end: int
) -> Iterator[Sequence[object]]:
    for rowid in range(start, end + 1):
        try:
            yield from old.execute(select, (rowid, rowid)).fetchall()
        except sqlite3.Error:
            continue


def _bounds(old: sqlite3.Connection, table: str) -> tuple[int, int]:
    try:
        row = old.execute(f"SELECT min(rowid), max(rowid) FROM {table}").fetchone()
    except sqlite3.Error:
        return 1, _FALLBACK_MAX
    if row is None or row[0] is None:
        return 1, 0  # empty: nothing to read
    return int(row[0]), int(row[1])
