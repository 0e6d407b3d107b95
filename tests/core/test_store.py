"""The SQLite store against a temp file: schema, upserts, state, filters, search, retention."""

from __future__ import annotations

import sqlite3
import stat
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsreader_tui.core.errors import StoreError
from newsreader_tui.core.models import (
    DEFAULT_CATEGORY,
    FeedConfig,
    FetchOutcome,
    FetchState,
    NewArticle,
)
from newsreader_tui.core.store import Filters, Store, match_spans, query_tokens
from newsreader_tui.core.store.schema import SCHEMA_VERSION

VN = timezone(timedelta(hours=7))
NOW = datetime(2024, 5, 20, 12, 0, tzinfo=UTC)
FEED_A = "https://a.example/rss"
FEED_B = "https://b.example/rss"


def item(
    key: str,
    title: str = "Tiêu đề",
    *,
    published: datetime | None = NOW,
    summary: str = "",
    content: str = "",
    content_hash: str | None = None,
) -> NewArticle:
    return NewArticle(
        key=key,
        title=title,
        url=f"https://example/{key}",
        guid=key,
        published=published,
        updated=None,
        summary=summary,
        content=content,
        author="",
        categories=("Thời sự",),
        image=None,
        content_hash=content_hash or f"{title}|{summary}|{content}",
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "sub" / "cache.db")
    s.sync_feeds(
        [
            FeedConfig(url=FEED_A, title="Báo A", category="Tin tức"),
            FeedConfig(url=FEED_B, title="Báo B"),
        ]
    )
    yield s
    s.close()


# Schema


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


def test_new_data_dir_and_database_are_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "cache.db"
    with Store.open(path) as store:
        store.sync_feeds([FeedConfig(FEED_A)])  # a write, so the -wal file exists
        files = [path, path.with_name("cache.db-wal"), path.with_name("cache.db-shm")]
        assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o600}
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


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


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    path.write_bytes(b"this is not sqlite at all, just some text " * 100)
    with pytest.raises(StoreError, match="not a newsreader-tui cache") as info:
        Store.open(path)
    assert str(path) in str(info.value)


def test_data_survives_reopen(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    with Store.open(path) as s:
        s.sync_feeds([FeedConfig(url=FEED_A)])
        s.upsert_articles(FEED_A, [item("1")], NOW)
        (article,) = s.articles()
        s.mark([article.id], starred=True, now=NOW)
    with Store.open(path) as s:
        (again,) = s.articles()
        assert again.id == article.id and again.starred and not again.read


def test_two_instances_write_alternately(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    with Store.open(path) as first, Store.open(path) as second:
        first.sync_feeds([FeedConfig(url=FEED_A)])
        assert first.upsert_articles(FEED_A, [item("1")], NOW) == (1, 0)
        assert second.upsert_articles(FEED_A, [item("2")], NOW) == (1, 0)
        ids = [a.id for a in second.articles()]
        assert first.mark(ids, read=True, now=NOW) == []
        assert second.upsert_articles(FEED_A, [item("3")], NOW) == (1, 0)
        assert first.count_articles(Filters(unread=True)) == 1
        assert second.count_articles() == 3


def test_write_waits_for_another_process_lock(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    with Store.open(path) as s:
        s.sync_feeds([FeedConfig(url=FEED_A)])
        # Another process holding the write lock briefly: our write waits (busy_timeout).
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        released = threading.Timer(0.3, lambda: other.execute("COMMIT"))
        released.start()
        assert s.upsert_articles(FEED_A, [item("1")], NOW) == (1, 0)
        released.join()
        other.close()


def test_threads_share_one_store(store: Store) -> None:
    def work(n: int) -> int:
        store.upsert_articles(FEED_A, [item(f"{n}-{i}") for i in range(20)], NOW)
        ids = [a.id for a in store.articles(limit=5)]
        store.mark(ids, read=True, now=NOW)
        store.search("tieu de")
        return store.count_articles()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(work, range(16)))
    assert store.count_articles() == 16 * 20


# Feeds


def test_sync_feeds_order_hide_and_status(store: Store) -> None:
    store.upsert_articles(FEED_B, [item("b1")], NOW)
    statuses = store.feeds()
    assert [(f.url, f.title, f.category) for f in statuses] == [
        (FEED_A, "Báo A", "Tin tức"),
        (FEED_B, "Báo B", DEFAULT_CATEGORY),
    ]
    assert statuses[1].item_count == 1 and statuses[1].unread == 1
    store.sync_feeds([FeedConfig(url=FEED_A)])
    assert [f.url for f in store.feeds()] == [FEED_A]
    assert store.articles() == []  # hidden, not deleted
    store.sync_feeds([FeedConfig(url=FEED_B), FeedConfig(url=FEED_A)])
    assert [f.url for f in store.feeds()] == [FEED_B, FEED_A]
    assert len(store.articles()) == 1


def test_record_fetch_keeps_state_on_error(store: Store) -> None:
    assert store.fetch_state(FEED_A) == FetchState()
    good = FetchState(etag='"x"', last_modified="Mon", body_hash="h", resolved_url=FEED_A + "2")
    store.record_fetch(
        FetchOutcome(url=FEED_A, status="ok", http_status=200, new=3, total=5),
        state=good,
        feed_title="Feed's own title",
        now=NOW,
    )
    later = NOW + timedelta(hours=1)
    store.record_fetch(
        FetchOutcome(url=FEED_A, status="error", http_status=503, error="Service Unavailable"),
        state=FetchState(etag="bad"),
        feed_title=None,
        now=later,
    )
    assert store.fetch_state(FEED_A) == good
    status = store.feeds()[0]
    assert status.title == "Báo A"  # the config's title wins over the feed's
    assert status.last_success == NOW and status.last_attempt == later
    assert status.last_attempt.utcoffset() == timedelta(hours=7)
    assert (status.http_status, status.error, status.last_new) == (503, "Service Unavailable", 3)
    assert status.resolved_url == FEED_A + "2"
    store.record_fetch(
        FetchOutcome(url=FEED_A, status="not_modified", http_status=304),
        state=None,
        feed_title=None,
        now=later,
    )
    assert store.feeds()[0].error is None
    assert store.fetch_state(FEED_A) == good


def test_feed_title_used_when_config_has_none(store: Store) -> None:
    store.record_fetch(FetchOutcome(url=FEED_B, status="ok"), state=None, feed_title=None, now=NOW)
    assert store.feeds()[1].title == "Báo B"
    store.sync_feeds([FeedConfig(url=FEED_B)])
    assert store.feeds()[0].title == FEED_B
    store.record_fetch(
        FetchOutcome(url=FEED_B, status="ok"), state=None, feed_title="Tên báo", now=NOW
    )
    assert store.feeds()[0].title == "Tên báo"


# Upsert


def test_reupsert_keeps_state_and_counts_updates(store: Store) -> None:
    assert store.upsert_articles(FEED_A, [item("1"), item("2")], NOW) == (2, 0)
    ids = sorted(a.id for a in store.articles())
    assert store.mark(ids, read=True, starred=True, now=NOW) == []
    # Same content: nothing changes. Changed content: updated, state untouched.
    assert store.upsert_articles(FEED_A, [item("1"), item("2")], NOW) == (0, 0)
    changed = item("1", "Tiêu đề mới", summary="khác")
    assert store.upsert_articles(FEED_A, [changed, item("2")], NOW) == (0, 1)
    first = store.article(ids[0])
    assert first is not None
    assert first.title == "Tiêu đề mới" and first.read and first.starred
    assert first.read_at == NOW and first.categories == ("Thời sự",)


def test_duplicate_keys_collapse_last_wins(store: Store) -> None:
    new, updated = store.upsert_articles(FEED_A, [item("k", "Một"), item("k", "Hai")], NOW)
    assert (new, updated) == (1, 0)
    (only,) = store.articles()
    assert only.title == "Hai"


def test_missing_date_is_stable(store: Store) -> None:
    store.upsert_articles(FEED_A, [item("1", published=None)], NOW)
    later = NOW + timedelta(hours=3)
    store.upsert_articles(FEED_A, [item("1", "changed", published=None)], later)
    (article,) = store.articles()
    assert article.title == "changed"
    assert article.published == NOW == article.first_seen
    assert article.published.utcoffset() == timedelta(hours=7)


def test_published_comes_back_in_vietnam_time(store: Store) -> None:
    when = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-5)))
    store.upsert_articles(FEED_A, [item("1", published=when)], NOW)
    (article,) = store.articles()
    assert article.published == when
    assert article.published.tzinfo is not None
    assert article.published.utcoffset() == timedelta(hours=7)
    assert article.published.hour == 15


# Listing and state


def _seed(store: Store) -> dict[str, int]:
    store.upsert_articles(
        FEED_A, [item(f"a{i}", published=NOW - timedelta(hours=i)) for i in range(5)], NOW
    )
    store.upsert_articles(
        FEED_B,
        [item(f"b{i}", published=NOW - timedelta(minutes=30 + 60 * i)) for i in range(3)],
        NOW,
    )
    return {a.key: a.id for a in store.articles(limit=None)}


def test_filters_and_paging(store: Store) -> None:
    ids = _seed(store)
    keys = [a.key for a in store.articles()]
    assert keys == ["a0", "b0", "a1", "b1", "a2", "b2", "a3", "a4"]
    assert [a.key for a in store.articles(limit=3, offset=2)] == ["a1", "b1", "a2"]
    assert store.count_articles() == 8
    assert [a.key for a in store.articles(Filters(category="Tin tức"))] == [
        f"a{i}" for i in range(5)
    ]
    assert [a.key for a in store.articles(Filters(category=DEFAULT_CATEGORY))] == ["b0", "b1", "b2"]
    assert store.articles(Filters(feed=FEED_B))[0].feed_title == "Báo B"
    assert store.count_articles(Filters(feed=FEED_B)) == 3
    since = NOW - timedelta(hours=1, minutes=1)
    assert [a.key for a in store.articles(Filters(since=since))] == ["a0", "b0", "a1"]

    store.mark([ids["a0"], ids["b1"]], read=True, now=NOW)
    store.mark([ids["a3"]], starred=True, now=NOW)
    assert store.count_articles(Filters(unread=True)) == 6
    assert [a.key for a in store.articles(Filters(starred=True))] == ["a3"]
    assert store.unread_counts() == {FEED_A: 4, FEED_B: 2}
    assert store.count_articles(Filters(category="Tin tức", unread=True)) == 4


def test_mark_reports_unknown_ids_and_unmarks(store: Store) -> None:
    ids = _seed(store)
    assert store.mark([ids["a0"], 999_999, -1, 999_999], read=True, now=NOW) == [999_999, -1]
    assert store.mark([ids["a0"]], read=False, now=NOW) == []
    article = store.article(ids["a0"])
    assert article is not None and not article.read and article.read_at is None
    assert store.article(123_456) is None


def test_mark_all_read_with_filters(store: Store) -> None:
    _seed(store)
    assert store.mark_all_read(Filters(feed=FEED_B), now=NOW) == 3
    assert store.unread_counts() == {FEED_A: 5, FEED_B: 0}
    assert store.mark_all_read(now=NOW) == 5
    assert store.count_articles(Filters(unread=True)) == 0


# Search


def test_search_ignores_diacritics_and_case(store: Store) -> None:
    store.upsert_articles(
        FEED_A,
        [
            item(
                "1",
                "Dân vận khéo",
                summary="<p>Phong trào <b>dân vận</b> khéo ở cơ sở &amp; địa phương.</p>",
            ),
            item("2", "Thời tiết", summary="Trời nắng"),
            item("3", "Bài khác", content="<div>Tin về đảng viên mới</div>"),
            item("4", "Dang dở", summary="Một việc còn dang dở"),
        ],
        NOW,
    )
    for query in ("dan van kheo", "Dân Vận", "DAN VAN", "dân vận khéo", "kheo"):
        assert [h.article.key for h in store.search(query)] == ["1"], query
    assert {h.article.key for h in store.search("Đảng")} == {"3", "4"}
    assert {h.article.key for h in store.search("dang")} == {"3", "4"}
    assert [h.article.key for h in store.search("thoi ti")] == ["2"]  # last word is a prefix
    hit = store.search("dan van")[0]
    assert "dân vận" in hit.snippet  # snippet keeps the diacritics
    assert "<" not in hit.snippet and "&amp;" not in hit.snippet
    assert isinstance(hit.rank, float)


def test_search_title_ranks_higher(store: Store) -> None:
    store.upsert_articles(
        FEED_A,
        [
            item("body", "Tin khác", content="bão số 3 đổ bộ", published=NOW),
            item("title", "Bão số 3", content="gió mạnh", published=NOW - timedelta(days=1)),
        ],
        NOW,
    )
    assert [h.article.key for h in store.search("bao")] == ["title", "body"]


def test_search_weird_input_does_not_raise(store: Store) -> None:
    store.upsert_articles(FEED_A, [item("1", "AND or NOT near")], NOW)
    for query in ('"', "AND", "*", "(", ")", "-", "a OR", 'NEAR(" x', "^", ":", "", "   ", "đ*"):
        store.search(query)
    assert store.search("") == [] and store.search("  ") == []
    assert [h.article.key for h in store.search("AND")] == ["1"]


def test_search_hides_unconfigured_feeds(store: Store) -> None:
    store.upsert_articles(FEED_B, [item("1", "Hà Nội")], NOW)
    assert len(store.search("ha noi")) == 1
    store.sync_feeds([FeedConfig(url=FEED_A)])
    assert store.search("ha noi") == []


def test_snippet_window_and_match_spans(store: Store) -> None:
    words = " ".join(f"từ{i}" for i in range(40))
    store.upsert_articles(FEED_A, [item("1", "x", content=f"{words} Đà Nẵng {words}")], NOW)
    (hit,) = store.search("da nang")
    assert "Đà Nẵng" in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet.split()) == 10
    spans = match_spans(hit.snippet, query_tokens("da nang"))
    assert [hit.snippet[a:b] for a, b in spans] == ["Đà", "Nẵng"]


def test_search_index_follows_updates_and_deletes(store: Store) -> None:
    store.upsert_articles(FEED_A, [item("1", "Cũ")], NOW)
    store.upsert_articles(FEED_A, [item("1", "Mới")], NOW)
    assert store.search("cu") == []
    assert len(store.search("moi")) == 1
    store.prune(days=1, per_feed=None, now=NOW + timedelta(days=5))
    assert store.search("moi") == []


# Retention


def test_prune_rules(store: Store) -> None:
    old = NOW - timedelta(days=40)
    store.upsert_articles(
        FEED_A,
        [
            item("old-read", published=old),
            item("old-unread", published=old),
            item("old-starred", published=old),
        ],
        old,
    )
    ids = {a.key: a.id for a in store.articles(limit=None)}
    store.mark([ids["old-read"]], read=True, now=old)
    store.mark([ids["old-starred"]], starred=True, now=old)
    assert store.prune(days=30, per_feed=None, now=NOW) == 2
    assert [a.key for a in store.articles()] == ["old-starred"]


def test_prune_per_feed_cap_spares_recent_unread(store: Store) -> None:
    recent = [item(f"r{i}", published=NOW - timedelta(hours=i)) for i in range(6)]
    store.upsert_articles(FEED_A, recent, NOW)
    ids = {a.key: a.id for a in store.articles(limit=None)}
    store.mark([ids["r3"], ids["r4"]], read=True, now=NOW)
    store.mark([ids["r5"]], read=True, starred=True, now=NOW)
    # Beyond the newest 2: r3, r4 are read -> gone; r2 unread stays; r5 starred stays.
    assert store.prune(days=30, per_feed=2, now=NOW) == 2
    assert [a.key for a in store.articles()] == ["r0", "r1", "r2", "r5"]


def test_prune_counts_age_from_first_seen(store: Store) -> None:
    # A feed that still lists an old-dated article must not have it deleted and re-added.
    store.upsert_articles(FEED_A, [item("1", published=NOW - timedelta(days=90))], NOW)
    assert store.prune(days=30, per_feed=None, now=NOW) == 0


def test_prune_limited_to_given_feeds(store: Store) -> None:
    old = NOW - timedelta(days=40)
    store.upsert_articles(FEED_A, [item("a", published=old)], old)
    store.upsert_articles(FEED_B, [item("b", published=old)], old)
    assert store.prune(days=30, per_feed=None, now=NOW, feeds=[]) == 0
    assert store.prune(days=30, per_feed=None, now=NOW, feeds=[FEED_B]) == 1
    assert [a.key for a in store.articles()] == ["a"]


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
