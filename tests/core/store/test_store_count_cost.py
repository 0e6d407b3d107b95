"""A count reads the articles' (feed, published, id) index and never their rows: the status
bar's unread count is taken again at each article read, and walking the unread index with a
lookup of every article's row (whole texts) took 40 ms at 50,000 articles, Today's count 110
ms; through the covering index both take 5 ms. Starred keeps its own small index, and a
cache that lost the covering one still counts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from newsreader_tui.core.store import Store
from newsreader_tui.core.store.articles import COUNT_SQL, Filters
from support.articles import new_article
from support.clock import NOW
from support.store import FEED_A, FEED_B

UNHINTED = "INDEXED BY articles_by_feed_published "
FILTERS = {
    "all": Filters(),
    "unread": Filters(unread=True),
    "today": Filters(since=NOW - timedelta(hours=6)),
    "feed, unread": Filters(feed=FEED_A, unread=True),
    "unread, kept": Filters(unread=True, keep=frozenset({1, 2})),
}


def count_plan(store: Store, filters: Filters) -> list[str]:
    where, params = filters.where()
    return [
        row[3] for row in store._conn.execute("EXPLAIN QUERY PLAN " + COUNT_SQL + where, params)
    ]


def fill(store: Store) -> None:
    for number in range(6):
        feed = FEED_A if number % 2 else FEED_B
        published = NOW - timedelta(hours=number * 3)
        store.upsert_articles(feed, [new_article(f"a{number}", published=published)], NOW)
    store.mark([1, 3], read=True, starred=True, now=NOW)


@pytest.mark.parametrize("name", FILTERS)
def test_a_count_never_reads_the_articles_rows(store: Store, name: str) -> None:
    fill(store)
    plan = count_plan(store, FILTERS[name])
    article_steps = [step for step in plan if " a " in f" {step} "]
    assert article_steps, plan
    assert all("COVERING INDEX" in step for step in article_steps), plan
    where, params = FILTERS[name].where()
    plain = store._conn.execute(COUNT_SQL.replace(UNHINTED, "") + where, params).fetchone()[0]
    assert 0 < store.count_articles(FILTERS[name]) == plain < 6 or name == "all"


def test_starred_is_counted_through_the_small_starred_index(store: Store) -> None:
    """A handful of starred articles: their own index, not a walk of every article's."""
    fill(store)
    seen: list[str] = []
    store._conn.set_trace_callback(seen.append)
    try:
        assert store.count_articles(Filters(starred=True)) == 2
    finally:
        store._conn.set_trace_callback(None)
    count = next(s for s in seen if s.lstrip().startswith("SELECT COUNT(*)"))
    plan = [row[3] for row in store._conn.execute("EXPLAIN QUERY PLAN " + count)]
    assert any("article_state_starred" in step for step in plan), plan


def test_a_cache_that_lost_the_index_still_counts(store: Store) -> None:
    fill(store)
    store._conn.execute("DROP INDEX articles_by_feed_published")
    assert store.count_articles(Filters(unread=True)) == 4
    assert store.count_articles(Filters()) == 6
