"""The sidebar's and the list's queries over a real cache file: smart-view counts, category and
feed rows, search results remembered until forgotten, marking a whole view read, the remembered
view across a restart, and views whose category or feed left the config."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader_tui.core.models import FeedConfig
from newsreader_tui.core.store import Store
from newsreader_tui.core.views import View, ViewQueries, start_of_day
from support.articles import new_article

NOW = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)
"""12:00 in Vietnam: "today" began at 2026-11-19 17:00 UTC."""
PARTY = "https://dang.vn/rss"
SPORT = "https://thethao.vn/rss"
PARTY_GROUP = "HĐ Đảng - Đoàn thể"
SPORT_GROUP = "Văn hóa - Thể thao"
FEEDS = (
    FeedConfig(PARTY, title="Đảng", category=PARTY_GROUP),
    FeedConfig(SPORT, title="Thể thao", category=SPORT_GROUP),
)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "cache.sqlite3") as store:
        store.sync_feeds(FEEDS)
        store.upsert_articles(
            PARTY,
            [
                # 09:00 today in Vietnam.
                new_article("d1", "Dân vận khéo ở cơ sở", published=at(20, 2)),
                # 00:30 today in Vietnam, though still the 19th in UTC.
                new_article("d2", "Hội nghị Ban Chấp hành", published=at(19, 17, 30)),
                # 23:30 yesterday in Vietnam.
                new_article("d3", "Tổng kết năm", published=at(19, 16, 30)),
            ],
            NOW,
        )
        store.upsert_articles(
            SPORT, [new_article("t1", "Giải chạy Sông Xanh", published=at(19, 23))], NOW
        )
        yield store


@pytest.fixture
def views(store: Store) -> ViewQueries:
    return ViewQueries(store, lambda: NOW)


def titles(views: ViewQueries, view: View, offset: int = 0, limit: int = 50) -> list[str]:
    return [row.title for row in views.rows(view, offset, limit)]


def ids(store: Store, *wanted: str) -> list[int]:
    by_title = {a.title: a.id for a in store.articles(limit=None)}
    return [by_title[title] for title in wanted]


def test_smart_view_counts(store: Store, views: ViewQueries) -> None:
    assert start_of_day(NOW) == at(19, 17)
    data = views.sidebar()
    # "all" shows unread articles like "unread"; "starred" shows how many are starred.
    assert data.smart == {"all": 4, "unread": 4, "starred": 0, "today": 3}
    [today_read, old] = ids(store, "Giải chạy Sông Xanh", "Tổng kết năm")
    store.mark([today_read], read=True, now=NOW)
    store.mark([old], starred=True, now=NOW)
    assert views.sidebar().smart == {"all": 3, "unread": 3, "starred": 1, "today": 2}
    assert views.count(View("today")) == 3  # the list shows read articles of today too
    assert views.count(View("starred")) == 1
    assert views.count(View("all")) == 4
    assert views.count(View("unread")) == 3


def test_categories_in_config_order_with_their_feeds(views: ViewQueries) -> None:
    data = views.sidebar()
    assert [(c.name, c.unread) for c in data.categories] == [(PARTY_GROUP, 3), (SPORT_GROUP, 1)]
    assert [[f.title for f in c.feeds] for c in data.categories] == [["Đảng"], ["Thể thao"]]


def test_category_and_feed_rows_newest_first_a_page_at_a_time(views: ViewQueries) -> None:
    category = View("category", PARTY_GROUP)
    assert views.count(category) == 3
    assert titles(views, category) == [
        "Dân vận khéo ở cơ sở",
        "Hội nghị Ban Chấp hành",
        "Tổng kết năm",
    ]
    assert titles(views, category, 1, 1) == ["Hội nghị Ban Chấp hành"]
    assert titles(views, View("all"), 1, 1) == ["Giải chạy Sông Xanh"]
    assert views.count(View("feed", SPORT)) == 1
    [row] = views.rows(View("feed", SPORT), 0, 10)
    assert (row.title, row.feed_title, row.category) == (
        "Giải chạy Sông Xanh",
        "Thể thao",
        SPORT_GROUP,
    )


def test_search_results_are_remembered_until_forgotten(store: Store, views: ViewQueries) -> None:
    search = View("search", "dan van")
    assert views.count(search) == 1
    [hit] = views.rows(search, 0, 50)
    assert hit.title == "Dân vận khéo ở cơ sở" and hit.feed_title == "Đảng"

    # A refresh brings a second match: pages of the same search keep answering from memory...
    store.upsert_articles(
        PARTY, [new_article("d4", "Dân vận ở vùng cao", published=at(20, 3))], NOW
    )
    assert views.count(search) == 1
    assert titles(views, search) == ["Dân vận khéo ở cơ sở"]
    # ...until the app says the articles changed.
    views.forget_search()
    assert views.count(search) == 2
    assert set(titles(views, search)) == {"Dân vận khéo ở cơ sở", "Dân vận ở vùng cao"}
    # Another query is never answered from the remembered one.
    assert titles(views, View("search", "giai chay")) == ["Giải chạy Sông Xanh"]
    assert views.count(View("search", "   ")) == 0


def test_mark_read_marks_every_article_of_the_view(store: Store, views: ViewQueries) -> None:
    [starred] = ids(store, "Hội nghị Ban Chấp hành")
    store.mark([starred], starred=True, now=NOW)
    assert views.mark_read(View("category", PARTY_GROUP)) == 3
    assert views.count(View("unread")) == 1
    assert titles(views, View("unread")) == ["Giải chạy Sông Xanh"]
    read = {a.title: a for a in store.articles(limit=None)}
    assert read["Hội nghị Ban Chấp hành"].read and read["Hội nghị Ban Chấp hành"].starred
    assert read["Dân vận khéo ở cơ sở"].read_at == NOW
    assert views.mark_read(View("category", PARTY_GROUP)) == 0  # nothing left to change

    assert views.mark_read(View("search", "giai chay")) == 1
    assert views.count(View("unread")) == 0
    assert views.sidebar().smart["unread"] == 0


def test_remembered_view_round_trip(tmp_path: Path, store: Store, views: ViewQueries) -> None:
    assert views.last_view() is None
    views.remember(View("feed", SPORT))
    assert views.last_view() == View("feed", SPORT)
    views.remember(View("search", "dan van"))  # searches are not restored on the next start
    assert views.last_view() == View("feed", SPORT)
    views.remember(View("today"))
    store.close()
    with Store.open(tmp_path / "cache.sqlite3") as again:  # a restart
        assert ViewQueries(again, lambda: NOW).last_view() == View("today")
        again.set_ui_state("last_view", "bogus:x")  # written by some other version
        assert ViewQueries(again, lambda: NOW).last_view() is None


def test_view_keys_round_trip_and_reject_unknown() -> None:
    for view in (View("unread"), View("category", PARTY_GROUP), View("feed", "https://a")):
        assert View.from_key(view.key) == view
    assert View.from_key("bogus:x") is None
    assert View.from_key("unread:extra") is None
    assert View.from_key(None) is None


def test_a_view_of_a_vanished_category_or_feed(store: Store, views: ViewQueries) -> None:
    gone = View("category", SPORT_GROUP)
    views.remember(gone)
    store.sync_feeds(FEEDS[:1])  # the user removed the sport feed from the config
    assert views.last_view() is None  # the app opens its default view instead
    assert [c.name for c in views.sidebar().categories] == [PARTY_GROUP]
    assert views.count(gone) == 0
    assert views.rows(gone, 0, 50) == []
    assert views.count(View("feed", SPORT)) == 0
    assert views.mark_read(gone) == 0
    assert views.count(View("all")) == 3
    assert views.count(View("search", "giai chay")) == 0  # hidden feeds are not searched

    views.remember(View("feed", SPORT))
    assert views.last_view() is None
    store.sync_feeds(FEEDS)  # back in the config: its articles and the view come back
    assert views.last_view() == View("feed", SPORT)
    assert titles(views, gone) == ["Giải chạy Sông Xanh"]


def test_position_finds_an_article_by_id_in_a_view_and_a_search(store: Store) -> None:
    views = ViewQueries(store, lambda: NOW)
    for view in (View("all"), View("search", "dân vận")):
        rows = views.rows(view, 0, 50)
        assert rows
        last = rows[-1]
        assert views.position(view, last.id, 50) == len(rows) - 1
        assert views.position(view, last.id, len(rows) - 1) is None  # beyond the limit
    assert views.position(View("all"), 10**9, 50) is None
