"""`n` and `p` find a nearby unread article from the rows around the cursor, without numbering
the whole view (the store's window query costs 300 ms at 50,000 articles), and give exactly the
answer the whole view would. Over a real cache file of several pages."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from newsreader_tui.core.models import FeedConfig
from newsreader_tui.core.store import Store
from newsreader_tui.core.views import NEAR, View, ViewQueries
from support.articles import new_article

NOW = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)
NEWS = "https://tintuc.vn/rss"
SPORT = "https://thethao.vn/rss"
COUNT = 2 * NEAR + 50
"""Enough rows that an unread article can be out of reach of the rows near the cursor."""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "cache.sqlite3") as store:
        store.sync_feeds((FeedConfig(NEWS, title="Tin tức"), FeedConfig(SPORT, title="Thể thao")))
        # Same minute for pairs of articles: the order falls back on the id, as the list's does.
        news = [
            new_article(f"n{i}", f"Tin {i}", published=NOW - timedelta(minutes=i // 2))
            for i in range(COUNT)
        ]
        store.upsert_articles(NEWS, news, NOW)
        store.upsert_articles(SPORT, [new_article("s0", "Bóng đá", published=NOW)], NOW)
        yield store


class Counting:
    """Counts the store's whole-view queries while passing them on."""

    def __init__(self, store: Store) -> None:
        self.calls = 0
        self._next_unread = store.next_unread

    def __call__(self, *args: Any, **kwargs: Any) -> tuple[int, int] | None:
        self.calls += 1
        return self._next_unread(*args, **kwargs)


def test_a_near_unread_article_is_found_without_numbering_the_view(store: Store) -> None:
    views = ViewQueries(store, lambda: NOW)
    view = View("all")
    ids = [row.id for row in views.rows(view, 0, COUNT + 1)]
    store.mark([i for n, i in enumerate(ids) if n not in (40, 60)], read=True, now=NOW)
    counting = Counting(store)
    store.next_unread = counting  # type: ignore[method-assign]

    assert views.next_unread(view, anchor=ids[50], start=50, step=1) == (60, ids[60])
    assert views.next_unread(view, anchor=ids[50], start=50, step=-1) == (40, ids[40])
    assert views.next_unread(view, anchor=ids[60], start=60, step=1, skip=ids[60]) == (
        40,
        ids[40],
    )  # nothing further down: wraps, which only the whole view can answer
    assert counting.calls == 1


def test_the_answer_is_the_whole_views_answer(store: Store) -> None:
    views = ViewQueries(store, lambda: NOW)
    rng = random.Random(10)
    for view in (View("all"), View("unread"), View("feed", NEWS)):
        ids = [row.id for row in views.rows(view, 0, COUNT + 1)]
        unread = set(rng.sample(ids, 6))
        store.mark([i for i in ids if i not in unread], read=True, now=NOW)
        store.mark(sorted(unread), read=False, now=NOW)
        if view.kind == "unread":
            views.hold(view, ids)  # the read ones stay listed, as after reading them there
        for _ in range(150):
            position = rng.randrange(len(ids))
            # Mostly the cursor's own row; sometimes a stale one, or none.
            anchor = rng.choice([ids[position]] * 4 + [ids[rng.randrange(len(ids))], None])
            step = rng.choice((1, -1))
            skip = rng.choice([None, anchor, ids[rng.randrange(len(ids))]])
            expected = store.next_unread(
                views._filters(view), anchor=anchor, start=position, step=step, skip=skip
            )
            found = views.next_unread(view, anchor=anchor, start=position, step=step, skip=skip)
            assert found == expected, (view, anchor, position, step, skip)
