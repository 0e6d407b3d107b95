"""`Store` itself: private files, a clear error for a file that is not a cache, data that
survives a restart, and sharing one file between threads and between processes."""

from __future__ import annotations

import sqlite3
import stat
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from newsreader_tui.core.errors import StoreError
from newsreader_tui.core.models import FeedConfig
from newsreader_tui.core.store import Filters, Store
from support.articles import new_article
from support.clock import NOW
from support.store import FEED_A


def test_new_data_dir_and_database_are_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "cache.db"
    with Store.open(path) as store:
        store.sync_feeds([FeedConfig(FEED_A)])  # a write, so the -wal file exists
        files = [path, path.with_name("cache.db-wal"), path.with_name("cache.db-shm")]
        assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o600}
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


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
        s.upsert_articles(FEED_A, [new_article("1")], NOW)
        (article,) = s.articles()
        s.mark([article.id], starred=True, now=NOW)
    with Store.open(path) as s:
        (again,) = s.articles()
        assert again.id == article.id and again.starred and not again.read


def test_two_instances_write_alternately(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    with Store.open(path) as first, Store.open(path) as second:
        first.sync_feeds([FeedConfig(url=FEED_A)])
        assert first.upsert_articles(FEED_A, [new_article("1")], NOW) == (1, 0)
        assert second.upsert_articles(FEED_A, [new_article("2")], NOW) == (1, 0)
        ids = [a.id for a in second.articles()]
        assert first.mark(ids, read=True, now=NOW) == []
        assert second.upsert_articles(FEED_A, [new_article("3")], NOW) == (1, 0)
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
        assert s.upsert_articles(FEED_A, [new_article("1")], NOW) == (1, 0)
        released.join()
        other.close()


def test_threads_share_one_store(store: Store) -> None:
    def work(n: int) -> int:
        store.upsert_articles(FEED_A, [new_article(f"{n}-{i}") for i in range(20)], NOW)
        ids = [a.id for a in store.articles(limit=5)]
        store.mark(ids, read=True, now=NOW)
        store.search("tieu de")
        return store.count_articles()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(work, range(16)))
    assert store.count_articles() == 16 * 20
