"""Schema v6 (issue 11): a cache indexed before exact keys existed is indexed again on open, so
a word typed with diacritics matches them in articles stored by an older version too."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsreader_tui.core.store import Store, schema
from newsreader_tui.core.text import fold


def v5_cache(path: Path) -> None:
    """A cache as version 5 left it: the index holds folded text only."""
    conn = sqlite3.connect(path, isolation_level=None)
    for script in schema.MIGRATIONS[:5]:
        assert isinstance(script, str)
        for statement in schema._statements(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 5")
    conn.execute("INSERT INTO feeds (id, url, title) VALUES (1, 'https://a.example/rss', 'A')")
    articles = [
        (1, "Đại hội Đảng bộ", "", "<p>Tin <b>Đảng</b></p>"),
        (2, "Nông dân gặt lúa", "Bà con đang tất bật", ""),
        (3, "Kỳ họp thứ 21", "", ""),  # left out of the index below: indexed whole on upgrade
    ]
    for article_id, title, summary, content in articles:
        conn.execute(
            "INSERT INTO articles (id, feed_id, key, title, summary, content, published,"
            " first_seen) VALUES (?, 1, ?, ?, ?, ?, 0, 0)",
            (article_id, str(article_id), title, summary, content),
        )
        conn.execute("INSERT INTO article_state (article_id) VALUES (?)", (article_id,))
        if article_id == 3:
            continue
        conn.execute(
            "INSERT INTO articles_fts (rowid, title, summary, content) VALUES (?, ?, ?, ?)",
            (article_id, fold(title), fold(summary), fold(content)),
        )
    conn.close()


def test_a_v5_cache_is_indexed_again(tmp_path: Path) -> None:
    path = tmp_path / "v5.sqlite3"
    v5_cache(path)
    with Store.open(path) as store:
        assert [hit.article.key for hit in store.search("Đảng")] == ["1"]
        assert [hit.article.key for hit in store.search("đang")] == ["2"]
        assert sorted(hit.article.key for hit in store.search("dang")) == ["1", "2"]
        assert [hit.article.key for hit in store.search("kỳ họp")] == ["3"]
    conn = sqlite3.connect(path, isolation_level=None)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION == 6
    # The delete trigger was made again around the swap: a deleted article leaves the index.
    conn.execute("DELETE FROM articles WHERE id = 1")
    rowids = [row[0] for row in conn.execute("SELECT rowid FROM articles_fts ORDER BY rowid")]
    assert rowids == [2, 3]
    conn.close()
