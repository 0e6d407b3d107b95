"""Storing a refresh in batches (`Store.write_fetches`): many feeds in one transaction, articles
and search rows in bulk, one small write for a feed where nothing changed, and a failure that
stays with its feed (or, for the cache's own failures, with the whole batch)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta

import pytest

from newsreader_tui.core.errors import StoreError
from newsreader_tui.core.models import FetchOutcome, FetchState
from newsreader_tui.core.store import FeedWrite, Store
from support.articles import new_article
from support.clock import NOW
from support.store import FEED_A, FEED_B

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


@contextmanager
def statements(store: Store) -> Iterator[list[str]]:
    """Every SQL statement the store's connection runs inside the block, as run."""
    seen: list[str] = []
    store._conn.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        store._conn.set_trace_callback(None)


def writes(seen: list[str]) -> list[str]:
    return [s for s in seen if s.lstrip().upper().startswith(WRITES)]


def read(url: str, *items: str, total: int | None = None) -> FeedWrite:
    """A feed whose body was read, with these article keys."""
    articles = [new_article(key, f"Tin {key} về Hà Nội") for key in items]
    outcome = FetchOutcome(
        url, "ok", http_status=200, total=len(articles) if total is None else total
    )
    return FeedWrite(outcome, state=FetchState(etag='"e"', body_hash="h"), items=articles)


def test_feeds_written_together_share_one_transaction(store: Store) -> None:
    with statements(store) as seen:
        outcomes = store.write_fetches([read(FEED_A, "a1", "a2"), read(FEED_B, "b1")], now=NOW)
    assert [(o.url, o.new, o.updated, o.total) for o in outcomes] == [
        (FEED_A, 2, 0, 2),
        (FEED_B, 1, 0, 1),
    ]
    assert seen.count("BEGIN IMMEDIATE") == 1 and seen.count("COMMIT") == 1
    assert {a.key for a in store.articles(limit=None)} == {"a1", "a2", "b1"}
    assert {hit.article.key for hit in store.search("ha noi")} == {"a1", "a2", "b1"}
    assert store.fetch_states([FEED_A, FEED_B, "https://c.example/rss"]) == {
        FEED_A: FetchState(etag='"e"', body_hash="h"),
        FEED_B: FetchState(etag='"e"', body_hash="h"),
        "https://c.example/rss": FetchState(),
    }
    statuses = {status.url: status for status in store.feeds()}
    assert statuses[FEED_A].last_new == 2 and statuses[FEED_A].unread == 2


def test_a_changed_article_is_rewritten_and_reindexed_with_its_state_kept(store: Store) -> None:
    store.write_fetches([read(FEED_A, "a1", "a2")], now=NOW)
    first = {a.key: a for a in store.articles(limit=None)}
    store.mark([first["a1"].id], read=True, starred=True, now=NOW)
    changed = FeedWrite(
        FetchOutcome(FEED_A, "ok", http_status=200, total=2),
        items=[new_article("a1", "Bão số 9 vào Đà Nẵng"), new_article("a2", "Tin a2 về Hà Nội")],
    )
    [outcome] = store.write_fetches([changed], now=NOW + timedelta(hours=1))
    assert (outcome.new, outcome.updated) == (0, 1)
    again = store.article(first["a1"].id)
    assert again is not None and again.title == "Bão số 9 vào Đà Nẵng"
    assert again.read and again.starred
    assert [hit.article.key for hit in store.search("bao so 9")] == ["a1"]
    assert [hit.article.key for hit in store.search("ha noi")] == ["a2"]


def test_a_bug_met_in_one_feeds_data_fails_that_feed_alone(store: Store) -> None:
    store.write_fetches([read(FEED_A, "a1")], now=NOW)
    broken = read(FEED_A, "a2")
    assert broken.items is not None
    odd = replace(broken.items[0], categories=(object(),))  # type: ignore[arg-type]
    outcomes = store.write_fetches(
        [replace(broken, items=[odd]), read(FEED_B, "b1")], now=NOW + timedelta(hours=1)
    )
    assert [o.status for o in outcomes] == ["error", "ok"]
    assert outcomes[0].problem is not None and outcomes[0].problem.code == "internal"
    assert {a.key for a in store.articles(limit=None)} == {"a1", "b1"}  # a1 kept, a2 not half-in
    statuses = {status.url: status for status in store.feeds()}
    assert statuses[FEED_A].error is not None and statuses[FEED_B].error is None


def test_a_full_cache_fails_the_whole_batch_and_keeps_none_of_it(store: Store) -> None:
    store.write_fetches([read(FEED_A, "a1")], now=NOW)
    before = store.feeds()
    conn = store._conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    big = [new_article(f"n{n}", content="Nội dung " * 400) for n in range(40)]
    batch = [read(FEED_B, "b1"), replace(read(FEED_A), items=big)]
    with pytest.raises(StoreError, match="is full"):
        store.write_fetches(batch, now=NOW + timedelta(hours=1))
    assert [a.key for a in store.articles(limit=None)] == ["a1"]
    assert store.feeds() == before


def test_a_feed_where_nothing_changed_costs_one_small_write(store: Store) -> None:
    store.write_fetches([read(FEED_A, "a1"), read(FEED_B, "b1")], now=NOW)
    later = NOW + timedelta(hours=1)
    kept = FetchState(etag='"f"', body_hash="h")
    with statements(store) as seen:
        store.record_fetch(
            FetchOutcome(FEED_A, "unchanged", http_status=200),
            state=kept,
            feed_title=None,
            now=later,
        )
    assert len(writes(seen)) == 1
    with statements(store) as seen:
        store.write_fetches(
            [
                FeedWrite(FetchOutcome(FEED_A, "not_modified", http_status=304)),
                FeedWrite(FetchOutcome(FEED_B, "unchanged", http_status=200), state=kept),
            ],
            now=later,
        )
    assert len(writes(seen)) == 2
    assert store.fetch_states([FEED_A, FEED_B]) == {FEED_A: kept, FEED_B: kept}
    assert all(status.last_attempt == later for status in store.feeds())
    assert len(store.articles(limit=None)) == 2
