"""A server's Retry-After in the store (schema v5): remembered with the error it came with,
read back with the fetch state and the feed's status, forgotten by the next answer."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from newsreader_tui.core.errors import Problem
from newsreader_tui.core.models import FetchOutcome, FetchState
from newsreader_tui.core.store import Store
from newsreader_tui.core.store.schema import SCHEMA_VERSION
from support.clock import NOW
from support.store import FEED_A

UNTIL = NOW + timedelta(hours=2)
PROBLEM = Problem.of("fetch.retry_after", host="a.example", time="17:00")


def waiting(url: str = FEED_A) -> FetchOutcome:
    return FetchOutcome(
        url, "error", http_status=429, error=PROBLEM.text, problem=PROBLEM, retry_after=UNTIL
    )


def test_a_retry_after_is_kept_with_its_error(store: Store) -> None:
    store.record_fetch(waiting(), state=None, feed_title=None, now=NOW)
    assert store.fetch_state(FEED_A).retry_after == UNTIL
    [status, _] = store.feeds()
    assert status.retry_after == UNTIL and status.error == PROBLEM.text
    assert status.problem == PROBLEM


def test_the_next_answer_forgets_it(store: Store) -> None:
    store.record_fetch(waiting(), state=None, feed_title=None, now=NOW)
    store.record_fetch(
        FetchOutcome(FEED_A, "ok", http_status=200, total=1),
        state=FetchState(etag='"e"'),
        feed_title=None,
        now=UNTIL,
    )
    assert store.fetch_state(FEED_A).retry_after is None
    assert store.feeds()[0].retry_after is None

    store.record_fetch(waiting(), state=None, feed_title=None, now=UNTIL)
    store.record_fetch(
        FetchOutcome(FEED_A, "error", http_status=500, error="HTTP 500"),
        state=None,
        feed_title=None,
        now=UNTIL,
    )
    assert store.feeds()[0].retry_after is None  # another failure says nothing about waiting


def test_a_v4_cache_gains_the_column_and_keeps_its_feeds(tmp_path: Path) -> None:
    from newsreader_tui.core.store import schema

    path = tmp_path / "v4.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for script in schema.MIGRATIONS[:4]:
        for statement in schema._statements(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 4")
    conn.execute("INSERT INTO feeds (url, title, etag) VALUES (?, 'A', '\"v4\"')", (FEED_A,))
    conn.close()
    with Store.open(path) as store:
        assert store.fetch_state(FEED_A) == FetchState(etag='"v4"')
        assert SCHEMA_VERSION >= 5  # issue 11 added v6 (search)
        store.record_fetch(waiting(), state=None, feed_title=None, now=NOW)
        assert store.fetch_state(FEED_A).retry_after == UNTIL
