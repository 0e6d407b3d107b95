"""A refresh's writes for many feeds in one transaction.

Committing once per feed made a cold refresh commit (and flush a small full-text index segment)
hundreds of times, and a refresh where nothing changed pay a transaction per feed for one row.
`write_fetches` takes every feed that is ready and writes them together: their articles
(`articles.upsert_articles`, in bulk) and what the fetch leaves for the next one
(`feeds.record_fetch`, one UPDATE). A bug met in one feed's data fails that feed alone; an
SQLite error (a full disk, a damaged file) fails the whole batch and rolls it back, as it would
any write.

`write_fetches` writes the batch with no savepoint: a savepoint per feed cost about a tenth of
the writing thread's CPU in a cold refresh (200 feeds of 50 articles: 0.57 against 0.50 s, FTS5
writing out its pending rows at each one), to guard against what almost never happens. When a
feed's data does raise, `FeedDataError` tells the caller to roll the transaction back and write
the batch again with `write_each`: a savepoint per feed, the one that raises fails alone.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from newsreader_tui.core.errors import Problem
from newsreader_tui.core.models import FetchOutcome, FetchState, NewArticle
from newsreader_tui.core.store.articles import upsert_articles
from newsreader_tui.core.store.feeds import record_fetch

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedWrite:
    """What one feed's fetch leaves in the store."""

    outcome: FetchOutcome
    """Recorded as the feed's last attempt; for a feed whose articles are stored here, its
    `new` and `updated` are filled in by the write."""
    state: FetchState | None = None
    """The next conditional GET's validators; None keeps the stored ones."""
    title: str | None = None
    """The feed's own title, when this fetch read one."""
    items: Sequence[NewArticle] | None = None
    """Articles to store; None when no body was read (304, same body, failure)."""


class FeedDataError(Exception):
    """Some feed's data raised while a batch was written without savepoints: roll the
    transaction back and write the batch again with `write_each`."""


def write_fetches(
    conn: sqlite3.Connection, writes: Sequence[FeedWrite], now: datetime
) -> list[FetchOutcome]:
    """Write every feed of `writes` inside the caller's transaction; return their outcomes,
    with the counts of new and updated articles filled in. Raises `FeedDataError` (the
    transaction half written) when a feed's data raises."""
    try:
        return [_write_one(conn, write, now) for write in writes]
    except sqlite3.Error:
        raise  # the cache's problem, not a feed's: the whole batch fails
    except Exception as error:
        raise FeedDataError from error


def write_each(
    conn: sqlite3.Connection, writes: Sequence[FeedWrite], now: datetime
) -> list[FetchOutcome]:
    """`write_fetches` with a savepoint per feed: a feed whose data raises is rolled back and
    recorded as failed, and the others are written."""
    outcomes: list[FetchOutcome] = []
    for write in writes:
        conn.execute("SAVEPOINT feed")
        try:
            outcome = _write_one(conn, write, now)
        except sqlite3.Error:
            raise  # the cache's problem, not this feed's: the whole batch fails
        except Exception as error:  # a bug met in one feed's data must not lose the others
            log.exception("storing %s failed", write.outcome.url)
            conn.execute("ROLLBACK TO feed")
            problem = Problem.of("internal", detail=repr(error))
            outcome = FetchOutcome(write.outcome.url, "error", error=problem.text, problem=problem)
            record_fetch(conn, outcome, state=None, feed_title=None, now=now)
        conn.execute("RELEASE feed")
        outcomes.append(outcome)
    return outcomes


def _write_one(conn: sqlite3.Connection, write: FeedWrite, now: datetime) -> FetchOutcome:
    outcome = write.outcome
    if write.items is not None:
        new, updated = upsert_articles(conn, outcome.url, write.items, now)
        outcome = replace(outcome, new=new, updated=updated)
    record_fetch(conn, outcome, state=write.state, feed_title=write.title, now=now)
    return outcome
