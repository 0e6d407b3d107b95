"""The schema over a temp file: created and migrated on open, `user_version` checked, and each
migration keeps what older versions stored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsreader_tui.core.errors import StoreError
from newsreader_tui.core.store import Store
from newsreader_tui.core.store.schema import SCHEMA_VERSION
from support.old_caches import v5_cache


def test_open_creates_dirs_and_migrates(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "dir" / "cache.db"
    with Store.open(path):
        pass
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"feeds", "articles", "article_state", "articles_fts"} <= tables
    conn.close()
    with Store.open(path) as again:  # reopening an up-to-date file is a no-op
        assert again.feeds() == []


def test_newer_schema_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    with pytest.raises(
        StoreError, match=rf"newer version.*schema 7, this version knows {SCHEMA_VERSION}"
    ) as info:
        Store.open(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime


def test_migration_from_v1_keeps_articles_and_adds_ui_state(tmp_path: Path) -> None:
    from newsreader_tui.core.store import schema

    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in schema._statements(schema.MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO feeds (url) VALUES ('https://a.vn/rss')")
    conn.close()
    with Store.open(path) as store:
        assert [f.url for f in store.feeds()] == ["https://a.vn/rss"]
        assert store.ui_state("view") is None
        store.set_ui_state("view", "unread:")
        store.set_ui_state("view", "category:HĐ Đảng - Đoàn thể")
    with Store.open(path) as store:
        assert store.ui_state("view") == "category:HĐ Đảng - Đoàn thể"


def test_migration_from_v2_adds_full_text_and_image_tables(tmp_path: Path) -> None:
    from newsreader_tui.core.store import schema

    path = tmp_path / "v2.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for script in schema.MIGRATIONS[:2]:
        for statement in schema._statements(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    conn.execute("INSERT INTO feeds (url, title) VALUES ('https://a.vn/rss', 'A')")
    conn.execute(
        "INSERT INTO articles (id, feed_id, key, url, title, summary, published, first_seen, "
        "content_hash) VALUES (7, 1, 'k', 'https://a.vn/1', 'Tin cũ', 'Tóm tắt', 1, 1, 'h')"
    )
    conn.execute("INSERT INTO article_state (article_id) VALUES (7)")
    conn.execute("INSERT INTO articles_fts (rowid, title) VALUES (7, 'tin cu')")
    conn.close()
    with Store.open(path) as store:
        article = store.article(7)
        assert article is not None and article.title == "Tin cũ"
        assert (article.full_content, article.full_status) == ("", None)
        assert article.body_html == "Tóm tắt"
        assert [job.article_id for job in store.full_text_jobs(["https://a.vn/rss"], per_feed=5)]
        assert store.article_images(7) == [] and store.image("https://a.vn/x.png") is None
        assert [hit.article.id for hit in store.search("tin cu")] == [7]
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    check.close()


def test_migration_from_v3_keeps_a_failed_feeds_error_as_plain_text(tmp_path: Path) -> None:
    from newsreader_tui.core.store import schema

    path = tmp_path / "v3.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for script in schema.MIGRATIONS[:3]:
        for statement in schema._statements(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 3")
    conn.execute(
        "INSERT INTO feeds (url, title, error) VALUES ('https://a.vn/rss', 'A', 'HTTP 404 x')"
    )
    conn.close()
    with Store.open(path) as store:
        [status] = store.feeds()
    # No code was stored then: the English sentence is all there is, and it is kept.
    assert status.error == "HTTP 404 x" and status.warning is None
    assert status.problem is not None and (status.problem.code, status.problem.text) == (
        "",
        "HTTP 404 x",
    )


def _automerge(path: Path) -> object:
    check = sqlite3.connect(path)
    try:
        row = check.execute("SELECT v FROM articles_fts_config WHERE k = 'automerge'").fetchone()
    finally:
        check.close()
    return None if row is None else row[0]


def test_the_index_merges_at_eight_segments_in_new_and_old_caches(tmp_path: Path) -> None:
    from newsreader_tui.core.store.search import AUTOMERGE

    new = tmp_path / "new.sqlite3"
    Store.open(new).close()
    assert _automerge(new) == AUTOMERGE == 8

    old = tmp_path / "v5.sqlite3"
    v5_cache(old, [(1, "Tin cũ", "Đảng", "", True)])
    assert _automerge(old) is None  # FTS5's default, 4, is not written down
    Store.open(old).close()
    assert _automerge(old) == AUTOMERGE


def test_a_cache_with_the_setting_is_not_written_to_again_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader_tui.core.store import opening

    statements: list[str] = []
    connect = opening._connect

    def traced(target: str, *, uri: bool = False) -> sqlite3.Connection:
        conn = connect(target, uri=uri)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(opening, "_connect", traced)
    path = tmp_path / "cache.sqlite3"
    Store.open(path).close()
    assert sum("'automerge'" in s and s.startswith("INSERT") for s in statements) == 1
    statements.clear()
    Store.open(path).close()
    assert any("articles_fts_config" in s for s in statements)  # looked at
    assert not any("'automerge'" in s and s.startswith("INSERT") for s in statements)


def test_a_cache_without_its_index_still_opens(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    Store.open(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TRIGGER articles_fts_delete")
    conn.execute("DROP TABLE articles_fts")
    conn.close()
    with Store.open(path) as store:
        assert store.ui_state("view") is None


class _FullDisk:
    """A connection whose writes to the index's settings fail as on a full disk."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        if sql.startswith("INSERT INTO articles_fts"):
            raise sqlite3.OperationalError("database or disk is full")
        return self.conn.execute(sql, *args)


def test_a_cache_that_cannot_take_the_setting_opens_without_it(tmp_path: Path) -> None:
    from newsreader_tui.core.store.search import tune_index

    path = tmp_path / "v5.sqlite3"
    v5_cache(path, [(1, "Tin cũ", "Đảng", "", True)])
    conn = sqlite3.connect(path, isolation_level=None)
    tune_index(_FullDisk(conn))  # type: ignore[arg-type]
    assert not conn.in_transaction  # rolled back, and the connection goes on
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    conn.close()
    assert _automerge(path) is None
