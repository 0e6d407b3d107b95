"""Schema v6 (issue 11): a cache indexed before exact keys existed is indexed again on open, so
a word typed with diacritics matches them in articles stored by an older version too."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsreader_tui.core.store import Store, schema
from support import old_caches


def v5_cache(path: Path) -> None:
    old_caches.v5_cache(
        path,
        [
            (1, "Đại hội Đảng bộ", "", "<p>Tin <b>Đảng</b></p>", True),
            (2, "Nông dân gặt lúa", "Bà con đang tất bật", "", True),
            (3, "Kỳ họp thứ 21", "", "", False),  # left out of the index: indexed whole
        ],
    )


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
