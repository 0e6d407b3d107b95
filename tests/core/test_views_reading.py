"""The queries behind the reading keys: where the next unread article is (`n`, `p`), which view
has unread articles next, how many `A` would mark, and articles kept in a view after their state
changed there. Over a real cache file holding more articles than one page of the list."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader_tui.core.models import FeedConfig
from newsreader_tui.core.store import Store
from newsreader_tui.core.views import View, ViewQueries
from support.articles import new_article

NOW = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)
NEWS = "https://tintuc.vn/rss"
PORTAL = "https://cong.vn/rss"
SPORT = "https://thethao.vn/rss"
FEEDS = (
    FeedConfig(NEWS, title="Tin tức", category="Thời sự"),
    FeedConfig(PORTAL, title="Cổng", category="Thời sự"),
    FeedConfig(SPORT, title="Thể thao", category="Thể thao"),
)
NEWS_COUNT = 250
"""More than two pages of the list (100 rows each)."""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "cache.sqlite3") as store:
        store.sync_feeds(FEEDS)
        news = [
            new_article(f"n{i}", f"Tin {i}", published=NOW - timedelta(minutes=i))
            for i in range(NEWS_COUNT)
        ]
        store.upsert_articles(NEWS, news, NOW)
        store.upsert_articles(SPORT, [new_article("s0", "Bóng đá", published=NOW)], NOW)
        yield store


@pytest.fixture
def views(store: Store) -> ViewQueries:
    return ViewQueries(store, lambda: NOW)


NEWS_VIEW = View("feed", NEWS)


def ids_of(views: ViewQueries, view: View) -> list[int]:
    return [row.id for row in views.rows(view, 0, 1000)]


def read_all_but(store: Store, ids: list[int], *keep: int) -> None:
    store.mark([i for i in ids if i not in keep], read=True, now=NOW)


def test_next_unread_starts_at_the_anchor_and_wraps(store: Store, views: ViewQueries) -> None:
    ids = ids_of(views, NEWS_VIEW)
    # Unread: one near the top, one far down on the third page.
    read_all_but(store, ids, ids[3], ids[230])
    find = views.next_unread
    # The anchor itself first, when unread...
    assert find(NEWS_VIEW, anchor=ids[3], start=0, step=1) == (3, ids[3])
    # ...unless it is the article being read.
    assert find(NEWS_VIEW, anchor=ids[3], start=0, step=1, skip=ids[3]) == (230, ids[230])
    # Down from the bottom wraps to the top; up from the top wraps to the bottom.
    assert find(NEWS_VIEW, anchor=ids[240], start=0, step=1) == (3, ids[3])
    assert find(NEWS_VIEW, anchor=ids[0], start=0, step=-1) == (230, ids[230])
    assert find(NEWS_VIEW, anchor=ids[100], start=0, step=-1) == (3, ids[3])
    # Without an anchor the position given is where it starts; far past the end means "last".
    assert find(NEWS_VIEW, anchor=None, start=0, step=1) == (3, ids[3])
    assert find(NEWS_VIEW, anchor=None, start=1 << 70, step=-1) == (230, ids[230])
    # Nothing else unread: None.
    store.mark([ids[230]], read=True, now=NOW)
    assert find(NEWS_VIEW, anchor=ids[3], start=0, step=1, skip=ids[3]) is None


def test_next_unread_follows_the_anchor_when_articles_arrive(
    store: Store, views: ViewQueries
) -> None:
    ids = ids_of(views, NEWS_VIEW)
    read_all_but(store, ids, ids[10], ids[11])
    later = [
        new_article(f"x{i}", f"Mới {i}", published=NOW + timedelta(minutes=i)) for i in range(5)
    ]
    store.upsert_articles(NEWS, later, NOW)
    store.mark(ids_of(views, NEWS_VIEW)[:5], read=True, now=NOW)
    # The list showed ids[10] at position 10; it is at 15 now, and the search starts there.
    assert views.next_unread(NEWS_VIEW, anchor=ids[10], start=10, step=1, skip=ids[10]) == (
        16,
        ids[11],
    )


def test_next_unread_in_a_search_view(store: Store, views: ViewQueries) -> None:
    search = View("search", "tin 12")
    results = ids_of(views, search)
    assert len(results) >= 2
    store.mark(results[1:], read=True, now=NOW)
    assert views.next_unread(search, anchor=results[-1], start=0, step=1) == (0, results[0])
    assert views.next_unread(search, anchor=results[0], start=0, step=1, skip=results[0]) is None


def test_next_view_with_unread(store: Store, views: ViewQueries) -> None:
    news, sport = View("category", "Thời sự"), View("category", "Thể thao")
    assert views.next_view_with_unread(news, 1) == sport
    assert views.next_view_with_unread(sport, 1) == news  # wraps around
    assert views.next_view_with_unread(sport, -1) == news
    # The portal feed has no articles: from the news feed the next with unread is sport's.
    assert views.next_view_with_unread(NEWS_VIEW, 1) == View("feed", SPORT)
    assert views.next_view_with_unread(View("starred"), 1) == View("unread")
    assert views.next_view_with_unread(View("unread"), 1) is None  # nowhere else to look
    store.mark(ids_of(views, View("feed", SPORT)), read=True, now=NOW)
    assert views.next_view_with_unread(news, 1) is None
    assert views.next_view_with_unread(View("feed", SPORT), 1) == NEWS_VIEW


def test_unread_count_is_what_mark_all_would_mark(store: Store, views: ViewQueries) -> None:
    ids = ids_of(views, NEWS_VIEW)
    store.mark(ids[:50], read=True, now=NOW)
    assert views.count(NEWS_VIEW) == NEWS_COUNT
    assert views.unread_count(NEWS_VIEW) == NEWS_COUNT - 50
    search = View("search", "tin 12")
    results = ids_of(views, search)
    store.mark(results[:1], read=True, now=NOW)
    assert views.unread_count(search) == len(results) - 1
    assert views.mark_read(search) == len(results) - 1
    left = views.unread_count(NEWS_VIEW)
    assert views.mark_read(NEWS_VIEW) == left
    assert views.unread_count(NEWS_VIEW) == 0


def test_held_articles_stay_in_their_view_until_released(store: Store, views: ViewQueries) -> None:
    unread = View("unread")
    first, second = ids_of(views, unread)[:2]
    views.hold(unread, [first])
    store.mark([first, second], read=True, now=NOW)
    # The held one keeps its row (read now); the other leaves the view as before.
    rows = views.rows(unread, 0, 3)
    assert rows[0].id == first and rows[0].read and rows[1].id != second
    assert views.count(unread) == NEWS_COUNT  # 251 - 2 read + 1 held
    assert views.unread_count(unread) == NEWS_COUNT - 1
    # Holding is for one view: another view's rows, and a new hold elsewhere, let it go.
    views.hold(View("starred"), [second])
    assert views.count(unread) == NEWS_COUNT - 1
    views.hold(unread, [first])
    views.release()
    assert views.count(unread) == NEWS_COUNT - 1
    views.hold(unread, [first])
    assert views.mark_read(unread) == NEWS_COUNT - 1
    assert views.count(unread) == 0  # marking the view read lets go of it too
