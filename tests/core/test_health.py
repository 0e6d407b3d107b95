"""Which feeds started failing or recovered in a refresh, from the statuses the store keeps.

The statuses come from a real cache file after recorded fetches, as the UI reads them before a
refresh: a feed down for days must not be news again on every refresh."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader_tui.core.health import FeedChanges, feed_changes
from newsreader_tui.core.models import FeedConfig, FetchOutcome
from newsreader_tui.core.store import Store

NOW = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)
GOOD = "https://a.vn/rss"
DOWN = "https://b.vn/rss"
NEW = "https://c.vn/rss"


def ok(url: str) -> FetchOutcome:
    return FetchOutcome(url, "ok", http_status=200, new=1, total=1)


def failed(url: str, error: str = "HTTP 500 Internal Server Error from b.vn") -> FetchOutcome:
    return FetchOutcome(url, "error", http_status=500, error=error)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """GOOD worked last time, DOWN failed last time, NEW was never fetched."""
    with Store.open(tmp_path / "cache.sqlite3") as store:
        store.sync_feeds([FeedConfig(GOOD), FeedConfig(DOWN), FeedConfig(NEW)])
        store.record_fetch(ok(GOOD), state=None, feed_title=None, now=NOW)
        store.record_fetch(failed(DOWN), state=None, feed_title=None, now=NOW)
        yield store


def test_a_feed_failing_again_is_not_news(store: Store) -> None:
    changes = feed_changes(store.feeds(), [ok(GOOD), failed(DOWN, "could not connect")])
    assert changes == FeedChanges()
    assert not changes


def test_a_working_feed_that_fails_starts_failing(store: Store) -> None:
    outcome = failed(GOOD)
    changes = feed_changes(store.feeds(), [outcome, failed(DOWN)])
    assert changes.failing == (outcome,)
    assert changes.recovered == ()
    assert changes


def test_a_feed_never_fetched_that_fails_starts_failing(store: Store) -> None:
    outcome = failed(NEW)
    assert feed_changes(store.feeds(), [outcome]).failing == (outcome,)


def test_a_failed_feed_that_works_recovers(store: Store) -> None:
    outcome = ok(DOWN)
    changes = feed_changes(store.feeds(), [ok(GOOD), outcome, ok(NEW)])
    assert changes.recovered == (outcome,)
    assert changes.failing == ()


def test_a_not_modified_answer_counts_as_working(store: Store) -> None:
    outcome = FetchOutcome(DOWN, "not_modified", http_status=304)
    assert feed_changes(store.feeds(), [outcome]).recovered == (outcome,)


def test_after_a_refresh_is_recorded_the_same_failure_is_no_longer_news(store: Store) -> None:
    """The transition is computed once: the next refresh reads the state this one stored."""
    first = failed(GOOD)
    assert feed_changes(store.feeds(), [first]).failing == (first,)
    store.record_fetch(first, state=None, feed_title=None, now=NOW)
    assert not feed_changes(store.feeds(), [failed(GOOD)])
    store.record_fetch(ok(GOOD), state=None, feed_title=None, now=NOW)
    assert not feed_changes(store.feeds(), [ok(GOOD)])


def test_a_feed_missing_from_the_statuses_counts_as_new() -> None:
    outcome = failed(NEW)
    assert feed_changes([], [outcome, ok(GOOD)]) == FeedChanges(failing=(outcome,))
