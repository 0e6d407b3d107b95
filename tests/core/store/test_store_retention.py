"""Retention: old and surplus articles go, starred and recent unread ones stay."""

from __future__ import annotations

from datetime import timedelta

from newsreader_tui.core.store import Store
from support.articles import new_article
from support.clock import NOW
from support.store import FEED_A, FEED_B


def test_prune_rules(store: Store) -> None:
    old = NOW - timedelta(days=40)
    store.upsert_articles(
        FEED_A,
        [
            new_article("old-read", published=old),
            new_article("old-unread", published=old),
            new_article("old-starred", published=old),
        ],
        old,
    )
    ids = {a.key: a.id for a in store.articles(limit=None)}
    store.mark([ids["old-read"]], read=True, now=old)
    store.mark([ids["old-starred"]], starred=True, now=old)
    assert store.prune(days=30, per_feed=None, now=NOW) == 2
    assert [a.key for a in store.articles()] == ["old-starred"]


def test_prune_per_feed_cap_spares_recent_unread(store: Store) -> None:
    recent = [new_article(f"r{i}", published=NOW - timedelta(hours=i)) for i in range(6)]
    store.upsert_articles(FEED_A, recent, NOW)
    ids = {a.key: a.id for a in store.articles(limit=None)}
    store.mark([ids["r3"], ids["r4"]], read=True, now=NOW)
    store.mark([ids["r5"]], read=True, starred=True, now=NOW)
    # Beyond the newest 2: r3, r4 are read -> gone; r2 unread stays; r5 starred stays.
    assert store.prune(days=30, per_feed=2, now=NOW) == 2
    assert [a.key for a in store.articles()] == ["r0", "r1", "r2", "r5"]


def test_prune_counts_age_from_first_seen(store: Store) -> None:
    # A feed that still lists an old-dated article must not have it deleted and re-added.
    store.upsert_articles(FEED_A, [new_article("1", published=NOW - timedelta(days=90))], NOW)
    assert store.prune(days=30, per_feed=None, now=NOW) == 0


def test_prune_limited_to_given_feeds(store: Store) -> None:
    old = NOW - timedelta(days=40)
    store.upsert_articles(FEED_A, [new_article("a", published=old)], old)
    store.upsert_articles(FEED_B, [new_article("b", published=old)], old)
    assert store.prune(days=30, per_feed=None, now=NOW, feeds=[]) == 0
    assert store.prune(days=30, per_feed=None, now=NOW, feeds=[FEED_B]) == 1
    assert [a.key for a in store.articles()] == ["a"]
