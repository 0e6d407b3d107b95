"""Full-text search over folded text and exact keys, and snippets that keep the diacritics.

The FTS table indexes `index_text(html)`: the folded words, so "dan van", "DÂN VẬN" and "Dân vận"
reach the same tokens, then the exact key of each word with diacritics, so a word typed with
them matches only those (`search_query` has the rules). Snippets are cut from the unfolded plain
text: each character is folded on its own, which gives a map from every folded character back to
the original one, so a match found in folded text can be shown with its accents. Snippets are
plain text; callers highlight with `match_spans`.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterable, Sequence
from functools import lru_cache

from newsreader_tui.core.diacritics import exact_keys
from newsreader_tui.core.models import Article, SearchHit
from newsreader_tui.core.store.codec import ARTICLE_SELECT, CATEGORY_SQL, row_to_article
from newsreader_tui.core.store.search_query import (
    LEAD,
    TITLE,
    Term,
    fts_phrase,
    fts_query,
    query_terms,
    word_spans,
)
from newsreader_tui.core.text import fold, index_keys, index_text, index_title, plain_text

SNIPPET_WORDS = 10
_WORDS_BEFORE = 3
ELLIPSIS = "…"


def index_article(
    conn: sqlite3.Connection, article_id: int, title: str, summary: str, content: str
) -> None:
    """(Re)index one article; call in the same transaction as the write to `articles`."""
    index_articles(conn, [(article_id, title, summary, content)])


def index_articles(conn: sqlite3.Connection, rows: Iterable[tuple[int, str, str, str]]) -> None:
    """(Re)index (id, title, summary, content) rows with one prepared statement; call in the
    same transaction as the write to `articles`. FTS5 honours OR REPLACE: an old entry of the
    same rowid goes, tokens and all, so one statement serves new and changed articles alike."""
    conn.executemany(
        "INSERT OR REPLACE INTO articles_fts (rowid, title, summary, content) VALUES (?, ?, ?, ?)",
        [
            (article_id, index_title(title), index_text(summary), index_text(content))
            for article_id, title, summary, content in rows
        ],
    )


def index_prepared(conn: sqlite3.Connection, rows: Iterable[tuple[int, str, str, str]]) -> None:
    """`index_articles` for rows whose fields are `index_text` already (`NewArticle.search_text`,
    computed in the parse worker so the refresh's one writing thread does not fold)."""
    conn.executemany(
        "INSERT OR REPLACE INTO articles_fts (rowid, title, summary, content) VALUES (?, ?, ?, ?)",
        rows,
    )


FTS_TABLE = """
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, summary, content,
    tokenize = 'unicode61 remove_diacritics 2'
)
"""
"""The index as schema v1 made it; `reindex_all` makes it again the same way."""

AUTOMERGE = 8
"""Segments of one size FTS5 lets pile up before it merges them (its default is 4). Each write
transaction adds a segment, and a refresh writes dozens: at 8, merging costs a fifth less of a
refresh's writing (1.54 -> 1.20 s of CPU for 50,000 articles) and a search over them takes as
long (0.19 ms median); at 16, searches began to slow."""


def tune_index(conn: sqlite3.Connection) -> None:
    """Give the index its merge setting (`AUTOMERGE`) unless it has it. FTS5 keeps the setting
    in the table, so a cache made before it gets it once, in a transaction of its own. Only an
    optimisation: a cache that cannot take it (a full disk, a lock held past the timeout, no
    index at all) opens as it would have without it."""
    try:
        row = conn.execute("SELECT v FROM articles_fts_config WHERE k = 'automerge'").fetchone()
        if row is not None and row[0] == AUTOMERGE:
            return
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', ?)", (AUTOMERGE,)
        )
        conn.execute("COMMIT")
    except sqlite3.Error:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")


FTS_DELETE_TRIGGER = """
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
END
"""
"""Schema v1's trigger that keeps the index in step with deleted articles (feed cascades too)."""


def reindex_all(conn: sqlite3.Connection) -> int:
    """Give every indexed article its exact keys (schema v6); returns how many were indexed.

    The index already holds each field folded (what v5 wrote, the same as `index_text`'s first
    half), so only the keys are computed, from the stored text, and appended; an article the
    index lacks is indexed whole. A new table is filled and put in the old one's place (the
    delete trigger names the table, so it is made again around the swap): several times faster
    than replacing 50,000 rows one by one.
    """
    conn.execute(FTS_TABLE.replace("articles_fts", "articles_fts_v6"))
    rows = conn.execute(
        """
        SELECT a.id, a.title, a.summary,
            CASE WHEN a.full_content != '' THEN a.full_content ELSE a.content END,
            x.title, x.summary, x.content
        FROM articles AS a LEFT JOIN articles_fts AS x ON x.rowid = a.id
        """
    )
    count = 0
    while batch := rows.fetchmany(1000):
        conn.executemany(
            "INSERT INTO articles_fts_v6 (rowid, title, summary, content) VALUES (?, ?, ?, ?)",
            [_with_keys(row) for row in batch],
        )
        count += len(batch)
    conn.execute("DROP TRIGGER IF EXISTS articles_fts_delete")
    conn.execute("DROP TABLE articles_fts")
    conn.execute("ALTER TABLE articles_fts_v6 RENAME TO articles_fts")
    conn.execute(FTS_DELETE_TRIGGER)
    return count


def _with_keys(row: tuple[object, ...]) -> tuple[object, ...]:
    """One article's v6 index row from its stored fields and its v5 (folded) index row."""
    article_id, *fields = row
    stored, folded = fields[:3], fields[3:]
    title, summary, content = (str(field or "") for field in stored)
    if any(value is None for value in folded):  # not in the index: index it whole
        return (article_id, index_title(title), index_text(summary), index_text(content))
    out: list[object] = [article_id]
    # The title is plain text: its keys come from every character it holds (`index_title`).
    keys_of = (exact_keys(title), index_keys(summary), index_keys(content))
    for keys, old in zip(keys_of, folded, strict=True):
        out.append(f"{old} {keys}" if keys else old)
    return tuple(out)


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    limit: int = 50,
    feed: str | None = None,
    category: str | None = None,
) -> list[SearchHit]:
    """Articles of configured feeds (of one feed or category when given) matching `query`,
    best first (see `search_ids`). `SearchHit.rank` is where the words were found: 0 the title
    has them as typed, side by side; 1 the title has them all; 2 the title and summary (the
    lead) do; 3 further down. Lower is better."""
    terms = query_terms(query)
    ranked = _ranked(conn, terms, limit=limit, feed=feed, category=category)
    if not ranked:
        return []
    tiers = dict(ranked)
    marks = ",".join("?" * len(tiers))
    rows = conn.execute(f"{ARTICLE_SELECT} WHERE a.id IN ({marks})", list(tiers)).fetchall()
    by_id = {row[0]: row_to_article(row) for row in rows}
    return [
        SearchHit(article=by_id[i], snippet=snippet(by_id[i], terms), rank=float(tier))
        for i, tier in ranked
        if i in by_id
    ]


def search_ids(
    conn: sqlite3.Connection,
    query: str,
    *,
    limit: int = 500,
    feed: str | None = None,
    category: str | None = None,
) -> list[int]:
    """Ids of matching articles, best first: the words side by side in the title ("Kỳ họp thứ
    21" for `ky hop`, before "Ký kết hợp tác"), then every word in the title, then in the title
    and summary, then anywhere; newest first within each (the freshest article with the words in
    its headline is the one most likely wanted). Without snippets.
    """
    return [
        i for i, _ in _ranked(conn, query_terms(query), limit=limit, feed=feed, category=category)
    ]


def _ranked(
    conn: sqlite3.Connection,
    terms: list[Term],
    *,
    limit: int,
    feed: str | None,
    category: str | None,
) -> list[tuple[int, int]]:
    """(id, tier) of the best `limit` matches; see `search_ids`."""
    if not terms:
        return []
    scope, params = "", []
    if feed is not None:
        scope += " AND f.url = ?"
        params.append(feed)
    if category is not None:
        scope += f" AND {CATEGORY_SQL} = ?"
        params.append(category)
    # Each IN (SELECT ...) is one more FTS lookup, run once and kept as a set by SQLite.
    tiers = (fts_phrase(terms, TITLE), fts_query(terms, TITLE), fts_query(terms, LEAD))
    rows = conn.execute(
        f"""
        SELECT a.id,
            (a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))
            + (a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))
            + (a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)) AS tier
        FROM articles_fts
        JOIN articles AS a ON a.id = articles_fts.rowid
        JOIN feeds AS f ON f.id = a.feed_id
        WHERE articles_fts MATCH ? AND f.configured = 1{scope}
        ORDER BY tier, a.published DESC, a.id DESC
        LIMIT ?
        """,
        (*tiers, fts_query(terms), *params, limit),
    ).fetchall()
    return [(row[0], row[1]) for row in rows]


def snippets(conn: sqlite3.Connection, ids: Sequence[int], query: str) -> dict[int, str]:
    """`snippet` of each of these articles for `query`, by id (a page of a search view)."""
    terms = query_terms(query)
    if not terms or not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"{ARTICLE_SELECT} WHERE a.id IN ({marks})", list(ids)).fetchall()
    return {row[0]: snippet(row_to_article(row), terms) for row in rows}


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    return fold(char)


def _folded_with_map(text: str) -> tuple[str, Sequence[int]]:
    """`text` folded character by character, and for each folded character its source index.

    Nearly always each character folds to one (ß and a few ligatures fold to two): then the
    folded text lines up with `text` and the map is the identity, at C speed."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded, range(len(text))
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for folded in _fold_char(char):
            chars.append(folded)
            origin.append(index)
    return "".join(chars), origin


def match_spans(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    """(start, end) spans in `text` of the words the query's `terms` match, for highlighting:
    `text` keeps its diacritics; a term typed with diacritics marks only words spelled so."""
    if not terms:
        return []
    folded, origin = _folded_with_map(text)
    return word_spans(folded, origin, text, terms)


def _window(text: str, position: int | None) -> str:
    """About SNIPPET_WORDS words of `text` around `position`, with "…" where text was cut."""
    words = [match.span() for match in re.finditer(r"\S+", text)]
    if not words:
        return ""
    center = 0
    if position is not None:
        center = next((i for i, (_, end) in enumerate(words) if end > position), 0)
    first = max(0, center - _WORDS_BEFORE)
    last = min(len(words), first + SNIPPET_WORDS)
    first = max(0, last - SNIPPET_WORDS)
    result = text[words[first][0] : words[last - 1][1]]
    if first > 0:
        result = ELLIPSIS + result
    if last < len(words):
        result += ELLIPSIS
    return result


def snippet(article: Article, terms: list[Term]) -> str:
    """Plain text around the first match in the summary, else the page's full text, else the
    feed's content, else the title. Each is made plain only when the ones before had no match:
    a page of a search view wants a hundred snippets, most of them from the summary."""
    fields = (article.summary, article.full_content, article.content, article.title)
    texts: list[str] = []
    for field in fields:
        text = plain_text(field) if field else ""
        texts.append(text)
        spans = match_spans(text, terms) if text else []
        if spans:
            return _window(text, spans[0][0])
    # A match the FTS tokenizer saw but our word regex did not: show the opening words instead.
    return next((_window(text, None) for text in texts if text), "")
