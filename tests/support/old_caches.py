"""Caches as an older version left them, to test what opening them with this one does."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from newsreader_tui.core.store import schema
from newsreader_tui.core.text import fold


def v5_cache(path: Path, articles: Iterable[tuple[int, str, str, str, bool]]) -> None:
    """A cache as version 5 left it, with one feed: the index holds folded text only. Each
    article is (id, title, summary, content, indexed); one not `indexed` is missing from the
    index, as an article stored by a version that failed to index it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    for script in schema.MIGRATIONS[:5]:
        assert isinstance(script, str)
        for statement in schema._statements(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 5")
    conn.execute("INSERT INTO feeds (id, url, title) VALUES (1, 'https://a.example/rss', 'A')")
    conn.execute("BEGIN")
    for article_id, title, summary, content, indexed in articles:
        conn.execute(
            "INSERT INTO articles (id, feed_id, key, title, summary, content, published,"
            " first_seen) VALUES (?, 1, ?, ?, ?, ?, 0, 0)",
            (article_id, str(article_id), title, summary, content),
        )
        conn.execute("INSERT INTO article_state (article_id) VALUES (?)", (article_id,))
        if indexed:
            conn.execute(
                "INSERT INTO articles_fts (rowid, title, summary, content) VALUES (?, ?, ?, ?)",
                (article_id, fold(title), fold(summary), fold(content)),
            )
    conn.execute("COMMIT")
    conn.close()
