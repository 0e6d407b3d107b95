"""Pruning by age alone (no per-feed cap, the default) reads only the old articles, through the
published index: a refresh where nothing changed prunes every feed it fetched, and ranking all
their articles cost a tenth of a second at 50,000 articles for nothing."""

from __future__ import annotations

from datetime import timedelta

from newsreader_tui.core.store import Store
from support.articles import new_article
from support.clock import NOW
from support.store import FEED_A, FEED_B


def prune_plan(store: Store, **limits: object) -> list[str]:
    """How SQLite runs the statement `prune` sends, step by step."""
    seen: list[str] = []
    store._conn.set_trace_callback(seen.append)
    try:
        store.prune(days=30, now=NOW, **limits)  # type: ignore[arg-type]
    finally:
        store._conn.set_trace_callback(None)
    delete = next(s for s in seen if s.lstrip().startswith("DELETE FROM articles WHERE"))
    return [row[3] for row in store._conn.execute("EXPLAIN QUERY PLAN " + delete)]


def test_pruning_by_age_reads_only_old_articles(store: Store) -> None:
    old = NOW - timedelta(days=40)
    store.upsert_articles(FEED_A, [new_article("old", published=old)], old)
    store.upsert_articles(FEED_B, [new_article("new", published=NOW)], NOW)
    for feeds in (None, [FEED_A, FEED_B]):
        plan = prune_plan(store, per_feed=None, feeds=feeds)
        assert any("articles_by_published (published<?)" in step for step in plan), plan
        assert not any(step.startswith("SCAN a") for step in plan), plan
    assert [a.key for a in store.articles()] == ["new"]  # the old one went, the first time
