"""Feeds in the store: the configured list and its order, fetch state kept across failures,
and which title is shown."""

from __future__ import annotations

from datetime import timedelta

from newsreader_tui.core.models import DEFAULT_CATEGORY, FeedConfig, FetchOutcome, FetchState
from newsreader_tui.core.store import Store
from support.articles import new_article
from support.clock import NOW
from support.store import FEED_A, FEED_B


def test_sync_feeds_order_hide_and_status(store: Store) -> None:
    store.upsert_articles(FEED_B, [new_article("b1")], NOW)
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
