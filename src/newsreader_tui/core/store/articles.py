"""Articles: upsert from a fetch, filtered listing, and read/starred state."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from newsreader_tui.core.fingerprint import article_fingerprint
from newsreader_tui.core.models import Article, ArticleRow, NewArticle
from newsreader_tui.core.store.codec import (
    ARTICLE_JOINS,
    ARTICLE_SELECT,
    CATEGORY_SQL,
    FEED_TITLE_SQL,
    dump_categories,
    from_epoch,
    opt_epoch,
    row_to_article,
    to_epoch,
)
from newsreader_tui.core.store.feeds import ensure_feed
from newsreader_tui.core.store.search import index_articles, index_prepared

_CHUNK = 500
"""Ids per `IN (...)`, well under SQLite's bound-parameter limit."""


@dataclass(frozen=True)
class Filters:
    """Which articles a listing, count or mark-all covers. Hidden (unconfigured) feeds never."""

    category: str | None = None
    feed: str | None = None
    unread: bool = False
    starred: bool = False
    since: datetime | None = None
    keep: frozenset[int] = frozenset()
    """Articles that match whatever their read/starred state: the list keeps an article the
    user has just read or unstarred where it was, instead of pulling the rows from under them."""

    def where(self) -> tuple[str, list[object]]:
        """A WHERE clause over aliases a, f, s and its parameters."""
        clauses = ["f.configured = 1"]
        params: list[object] = []
        if self.category is not None:
            clauses.append(f"{CATEGORY_SQL} = ?")
            params.append(self.category)
        if self.feed is not None:
            clauses.append("f.url = ?")
            params.append(self.feed)
        state = ["s.read = 0"] if self.unread else []
        if self.starred:
            state.append("s.starred = 1")
        if state and self.keep:
            kept = sorted(self.keep)
            marks = ",".join("?" * len(kept))
            clauses.append(f"({' AND '.join(state)} OR a.id IN ({marks}))")
            params.extend(kept)
        else:
            clauses.extend(state)
        if self.since is not None:
            clauses.append("a.published >= ?")
            params.append(to_epoch(self.since))
        return "WHERE " + " AND ".join(clauses), params


_INSERT = """
INSERT INTO articles (guid, url, title, author, summary, content, categories, image, updated,
    content_hash, feed_id, key, published, first_seen)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_UPDATE = """
UPDATE articles SET guid = ?, url = ?, title = ?, author = ?, summary = ?, content = ?,
    categories = ?, image = ?, updated = ?, content_hash = ?, published = ?,
    body_rev = body_rev + 1
WHERE id = ?
"""


def _fields(item: NewArticle) -> tuple[object, ...]:
    return (
        item.guid,
        item.url,
        item.title,
        item.author,
        item.summary,
        item.content,
        dump_categories(item.categories),
        item.image,
        opt_epoch(item.updated),
        item.content_hash,
    )


def _stored(
    conn: sqlite3.Connection, fid: int, keys: Sequence[str]
) -> dict[str, tuple[int, str, int, bool]]:
    """key -> (id, content_hash, published, has full text) of the feed's stored `keys`."""
    found: dict[str, tuple[int, str, int, bool]] = {}
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            "SELECT key, id, content_hash, published, full_content != '' FROM articles "
            f"WHERE feed_id = ? AND key IN ({marks})",
            (fid, *chunk),
        ):
            found[row[0]] = (row[1], row[2], row[3], bool(row[4]))
    return found


def upsert_articles(
    conn: sqlite3.Connection, feed_url: str, items: Sequence[NewArticle], now: datetime
) -> tuple[int, int]:
    """Insert new articles and refresh changed ones; return (new, updated).

    Duplicate keys within `items` collapse to the last one. An existing article is rewritten only
    when its content hash changed, and its read/starred state is never touched. A missing date
    keeps the stored one, else becomes `now`, so an unparseable date stays put across refreshes.

    In bulk: one query finds what is stored, then each kind of write is one prepared statement
    run over all its rows (`executemany`), and the search index gets its rows the same way.
    """
    fid = ensure_feed(conn, feed_url)
    now_s = to_epoch(now)
    latest = {item.key: item for item in items}
    stored = _stored(conn, fid, list(latest))
    added = [item for key, item in latest.items() if key not in stored]
    changed = [
        (stored[key], item)
        for key, item in latest.items()
        if key in stored and stored[key][1] != item.content_hash
    ]
    if changed:
        changed = _really_changed(conn, changed)
    if added:
        conn.executemany(
            _INSERT,
            [
                (
                    *_fields(item),
                    fid,
                    item.key,
                    now_s if item.published is None else to_epoch(item.published),
                    now_s,
                )
                for item in added
            ],
        )
        ids = _stored(conn, fid, [item.key for item in added])
        conn.executemany(
            "INSERT INTO article_state (article_id) VALUES (?)",
            [(ids[item.key][0],) for item in added],
        )
        index_prepared(
            conn,
            [
                (ids[item.key][0], *item.search_text)
                for item in added
                if item.search_text is not None
            ],
        )
        index_articles(
            conn,
            [
                (ids[item.key][0], item.title, item.summary, item.content)
                for item in added
                if item.search_text is None
            ],
        )
    if changed:
        conn.executemany(
            _UPDATE,
            [
                (
                    *_fields(item),
                    row[2] if item.published is None else to_epoch(item.published),
                    row[0],
                )
                for row, item in changed
            ],
        )
        # The page's text stays indexed until a new page replaces it: it is what the reader
        # shows.
        full = _full_texts(conn, [row[0] for row, _ in changed if row[3]])
        # The worker's index text serves unless the page's text is what stays indexed.
        ready = {
            row[0]: item.search_text
            for row, item in changed
            if item.search_text is not None and not full.get(row[0])
        }
        index_prepared(conn, [(article_id, *text) for article_id, text in ready.items()])
        index_articles(
            conn,
            [
                (row[0], item.title, item.summary, full.get(row[0]) or item.content)
                for row, item in changed
                if row[0] not in ready
            ],
        )
    return len(added), len(changed)


def _really_changed(
    conn: sqlite3.Connection, changed: list[tuple[tuple[int, str, int, bool], NewArticle]]
) -> list[tuple[tuple[int, str, int, bool], NewArticle]]:
    """The articles whose stored version a reader would see differ from the new one.

    A hash can differ while nothing visible did: the version was stored by the other parser,
    which writes the same HTML differently (`core.fingerprint`). Those get the new hash (and so
    does their fetched page, so it is not fetched again) and count as unchanged.
    """
    rows: dict[int, tuple[str, str | None, str, str, str | None, str]] = {}
    ids = [row[0] for row, _ in changed]
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        query = (
            "SELECT id, title, url, summary, content, image, author FROM articles "
            f"WHERE id IN ({marks})"
        )
        rows.update((row[0], row[1:]) for row in conn.execute(query, chunk))
    really = []
    rehashed = []
    for row, item in changed:
        was = rows.get(row[0])
        now = (item.title, item.url, item.summary, item.content, item.image, item.author)
        if was is not None and article_fingerprint(*was) == article_fingerprint(*now):
            rehashed.append((item.content_hash, item.content_hash, row[0]))
        else:
            really.append((row, item))
    if rehashed:
        # The right-hand sides read the old row: a page fetched for the old hash stays current.
        conn.executemany(
            "UPDATE articles SET content_hash = ?, full_hash = CASE WHEN full_hash IS "
            "content_hash THEN ? ELSE full_hash END WHERE id = ?",
            rehashed,
        )
    return really


def _full_texts(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, str]:
    """The fetched page text of these articles, by id."""
    found: dict[int, str] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(f"SELECT id, full_content FROM articles WHERE id IN ({marks})", chunk)
        found.update((row[0], row[1]) for row in rows)
    return found


def list_articles(
    conn: sqlite3.Connection, filters: Filters, *, limit: int | None, offset: int
) -> list[Article]:
    """Matching articles, newest first (published, then id, descending)."""
    where, params = filters.where()
    rows = conn.execute(
        f"{ARTICLE_SELECT} {where} ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?",
        (*params, -1 if limit is None else limit, offset),
    ).fetchall()
    return [row_to_article(row) for row in rows]


ROW_SELECT = f"""
SELECT a.id, f.url, {FEED_TITLE_SQL}, {CATEGORY_SQL}, a.title, a.published, s.read, s.starred
FROM articles AS a {ARTICLE_JOINS}
"""


def _row(row: sqlite3.Row) -> ArticleRow:
    return ArticleRow(
        id=row[0],
        feed_url=row[1],
        feed_title=row[2],
        category=row[3],
        title=row[4],
        published=from_epoch(row[5]),
        read=bool(row[6]),
        starred=bool(row[7]),
    )


def list_rows(
    conn: sqlite3.Connection, filters: Filters, *, limit: int | None, offset: int
) -> list[ArticleRow]:
    """Like `list_articles` but only the columns a list line shows."""
    where, params = filters.where()
    rows = conn.execute(
        f"{ROW_SELECT} {where} ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?",
        (*params, -1 if limit is None else limit, offset),
    ).fetchall()
    return [_row(row) for row in rows]


def rows_by_id(conn: sqlite3.Connection, ids: Sequence[int]) -> list[ArticleRow]:
    """List rows for these ids, in the order given (unknown ids are skipped)."""
    found: dict[int, ArticleRow] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"{ROW_SELECT} WHERE a.id IN ({marks})", chunk):
            found[row[0]] = _row(row)
    return [found[i] for i in ids if i in found]


COUNT_SQL = (
    "SELECT COUNT(*) FROM articles AS a INDEXED BY articles_by_feed_published "
    "JOIN feeds AS f ON f.id = a.feed_id JOIN article_state AS s ON s.article_id = a.id "
)
"""A count reads only the (feed, published, id) index of the articles, never their rows.
Left to itself, SQLite walks the unread (or the date) index and looks each article up in the
table, whose rows hold whole texts: 40 ms to count 50,000 unread articles, at each article
read, and 110 ms for Today; through the index, 5 ms, whatever the filter (`Filters.where`
asks only for the feed, the date and the id of `a`)."""
_COUNT_PLAIN = COUNT_SQL.replace("INDEXED BY articles_by_feed_published ", "")
"""For Starred (the small starred index is the better way in) and for a cache that has lost
the index (a hand-edited or half-recovered file still counts, slowly)."""


def count_articles(conn: sqlite3.Connection, filters: Filters) -> int:
    """How many articles `list_articles` would return without a limit."""
    where, params = filters.where()
    if filters.starred:
        return int(conn.execute(_COUNT_PLAIN + where, params).fetchone()[0])
    try:
        row = conn.execute(COUNT_SQL + where, params).fetchone()
    except sqlite3.OperationalError as exc:
        if "no such index" not in str(exc):
            raise
        row = conn.execute(_COUNT_PLAIN + where, params).fetchone()
    return int(row[0])


def get_article(conn: sqlite3.Connection, article_id: int) -> Article | None:
    """One article by id, whether or not its feed is still configured."""
    row = conn.execute(f"{ARTICLE_SELECT} WHERE a.id = ?", (article_id,)).fetchone()
    return None if row is None else row_to_article(row)


def mark(
    conn: sqlite3.Connection,
    ids: Sequence[int],
    *,
    read: bool | None,
    starred: bool | None,
    now: datetime,
) -> list[int]:
    """Set read and/or starred on the given articles; return the ids that do not exist."""
    wanted = list(dict.fromkeys(ids))
    now_s = to_epoch(now)
    known: set[int] = set()
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        known.update(
            row[0]
            for row in conn.execute(
                f"SELECT article_id FROM article_state WHERE article_id IN ({marks})", chunk
            )
        )
        if read is not None:
            conn.execute(
                f"UPDATE article_state SET read = ?, read_at = ? "
                f"WHERE article_id IN ({marks}) AND read != ?",
                (int(read), now_s if read else None, *chunk, int(read)),
            )
        if starred is not None:
            conn.execute(
                f"UPDATE article_state SET starred = ?, starred_at = ? "
                f"WHERE article_id IN ({marks}) AND starred != ?",
                (int(starred), now_s if starred else None, *chunk, int(starred)),
            )
    return [article_id for article_id in wanted if article_id not in known]


def mark_all_read(conn: sqlite3.Connection, filters: Filters, now: datetime) -> int:
    """Mark every unread article matching `filters` read; return how many changed."""
    where, params = filters.where()
    cursor = conn.execute(
        f"""
        UPDATE article_state SET read = 1, read_at = ?
        WHERE read = 0 AND article_id IN (
            SELECT a.id FROM articles AS a
            JOIN feeds AS f ON f.id = a.feed_id
            JOIN article_state AS s ON s.article_id = a.id
            {where}
        )
        """,
        (to_epoch(now), *params),
    )
    return cursor.rowcount
