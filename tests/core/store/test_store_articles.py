"""Articles in the store: upserts that keep read/starred state, dates, filters and paging, and
marking."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from newsreader_tui.core.models import DEFAULT_CATEGORY
from newsreader_tui.core.store import Filters, Store
from support.articles import new_article
from support.clock import NOW
from support.store import FEED_A, FEED_B


def test_reupsert_keeps_state_and_counts_updates(store: Store) -> None:
    assert store.upsert_articles(FEED_A, [new_article("1"), new_article("2")], NOW) == (2, 0)
    ids = sorted(a.id for a in store.articles())
    assert store.mark(ids, read=True, starred=True, now=NOW) == []
    # Same content: nothing changes. Changed content: updated, state untouched.
    assert store.upsert_articles(FEED_A, [new_article("1"), new_article("2")], NOW) == (0, 0)
    changed = new_article("1", "Tiêu đề mới", summary="khác")
    assert store.upsert_articles(FEED_A, [changed, new_article("2")], NOW) == (0, 1)
    first = store.article(ids[0])
    assert first is not None
    assert first.title == "Tiêu đề mới" and first.read and first.starred
    assert first.read_at == NOW and first.categories == ("Thời sự",)


def test_duplicate_keys_collapse_last_wins(store: Store) -> None:
    new, updated = store.upsert_articles(
        FEED_A, [new_article("k", "Một"), new_article("k", "Hai")], NOW
    )
    assert (new, updated) == (1, 0)
    (only,) = store.articles()
    assert only.title == "Hai"


def test_missing_date_is_stable(store: Store) -> None:
    store.upsert_articles(FEED_A, [new_article("1", published=None)], NOW)
    later = NOW + timedelta(hours=3)
    store.upsert_articles(FEED_A, [new_article("1", "changed", published=None)], later)
    (article,) = store.articles()
    assert article.title == "changed"
    assert article.published == NOW == article.first_seen
    assert article.published.utcoffset() == timedelta(hours=7)


def test_published_comes_back_in_vietnam_time(store: Store) -> None:
    when = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-5)))
    store.upsert_articles(FEED_A, [new_article("1", published=when)], NOW)
    (article,) = store.articles()
    assert article.published == when
    assert article.published.tzinfo is not None
    assert article.published.utcoffset() == timedelta(hours=7)
    assert article.published.hour == 15


def _seed(store: Store) -> dict[str, int]:
    store.upsert_articles(
        FEED_A, [new_article(f"a{i}", published=NOW - timedelta(hours=i)) for i in range(5)], NOW
    )
    store.upsert_articles(
        FEED_B,
        [new_article(f"b{i}", published=NOW - timedelta(minutes=30 + 60 * i)) for i in range(3)],
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
