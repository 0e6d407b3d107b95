"""Retention: drop old articles while keeping what the user still cares about."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime, timedelta

from newsreader_tui.core.store.codec import to_epoch


def prune(
    conn: sqlite3.Connection,
    *,
    days: int,
    per_feed: int | None,
    now: datetime,
    feeds: Sequence[str] | None = None,
) -> int:
    """Delete articles older than `days` or beyond the newest `per_feed` of their feed.

    Starred articles are always kept, and the per-feed cap never removes an unread article that is
    still within `days`. Age counts from the later of published and first-seen, so an old-dated
    article a feed still lists is not deleted and re-added as new on every refresh.
    `feeds` limits pruning to those feed URLs (e.g. the ones that just fetched successfully, so a
    feed that is down keeps its articles). Returns how many were deleted; their FTS rows go with
    them through a trigger.
    """
    cutoff = to_epoch(now - timedelta(days=days))
    # One JSON parameter instead of one per URL keeps clear of SQLite's parameter limit.
    urls = None if feeds is None else json.dumps(list(feeds))
    if per_feed is None:
        # Age alone: a range on the published index, not a ranking of every article of every
        # feed, so a refresh where nothing changed pays next to nothing for it.
        cursor = conn.execute(_BY_AGE, {"cutoff": cutoff, "feeds": urls})
    else:
        cursor = conn.execute(
            _BY_AGE_AND_RANK, {"cutoff": cutoff, "cap": max(per_feed, 0), "feeds": urls}
        )
    return cursor.rowcount


_IN_FEEDS = """
:feeds IS NULL
OR a.feed_id IN (SELECT id FROM feeds WHERE url IN (SELECT value FROM json_each(:feeds)))
"""

_BY_AGE = f"""
DELETE FROM articles WHERE id IN (
    SELECT a.id FROM articles AS a JOIN article_state AS s ON s.article_id = a.id
    WHERE a.published < :cutoff AND a.first_seen < :cutoff AND s.starred = 0 AND ({_IN_FEEDS})
)
"""

_BY_AGE_AND_RANK = f"""
DELETE FROM articles WHERE id IN (
    SELECT ranked.id FROM (
        SELECT a.id, MAX(a.published, a.first_seen) AS age, s.read, s.starred,
               ROW_NUMBER() OVER (
                   PARTITION BY a.feed_id ORDER BY a.published DESC, a.id DESC
               ) AS position
        FROM articles AS a JOIN article_state AS s ON s.article_id = a.id
        WHERE {_IN_FEEDS}
    ) AS ranked
    WHERE ranked.starred = 0 AND (
        ranked.age < :cutoff OR (ranked.position > :cap AND ranked.read = 1)
    )
)
"""
