"""Feeds: the configured list, fetch state for conditional GET, and per-feed status."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from newsreader_tui.core.models import FeedConfig, FeedStatus, FetchOutcome, FetchState
from newsreader_tui.core.store.codec import (
    CATEGORY_SQL,
    FEED_TITLE_SQL,
    dump_problem,
    load_problem,
    opt_datetime,
    opt_epoch,
    to_epoch,
)


def feed_id(conn: sqlite3.Connection, url: str) -> int | None:
    """The row id of the feed with this URL, or None."""
    row = conn.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
    return None if row is None else int(row[0])


def ensure_feed(conn: sqlite3.Connection, url: str) -> int:
    """The row id of the feed with this URL, adding it (configured, last in order) if unknown.

    Lets a fetch of a URL that `sync_feeds` has not seen still be stored rather than lost.
    """
    existing = feed_id(conn, url)
    if existing is not None:
        return existing
    cursor = conn.execute(
        "INSERT INTO feeds (url, position) "
        "VALUES (?, (SELECT COALESCE(MAX(position), -1) + 1 FROM feeds))",
        (url,),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def sync_feeds(conn: sqlite3.Connection, feeds: Sequence[FeedConfig]) -> None:
    """Upsert the configured feeds in order; hide, never delete, feeds no longer configured."""
    conn.execute("UPDATE feeds SET configured = 0")
    for position, feed in enumerate(feeds):
        conn.execute(
            """
            INSERT INTO feeds (url, title, category, kind, configured, position)
            VALUES (?, ?, ?, ?, 1, ?)
            ON CONFLICT (url) DO UPDATE SET
                title = excluded.title, category = excluded.category, kind = excluded.kind,
                configured = 1, position = excluded.position
            """,
            (feed.url, feed.title, feed.category, feed.kind, position),
        )


def fetch_state(conn: sqlite3.Connection, url: str) -> FetchState:
    """What the last successful fetch left for conditional GET; empty for an unknown feed."""
    row = conn.execute(
        "SELECT etag, last_modified, body_hash, resolved_url, retry_after FROM feeds WHERE url = ?",
        (url,),
    ).fetchone()
    if row is None:
        return FetchState()
    return FetchState(
        etag=row[0],
        last_modified=row[1],
        body_hash=row[2],
        resolved_url=row[3],
        retry_after=opt_datetime(row[4]),
    )


def fetch_states(conn: sqlite3.Connection, urls: Sequence[str]) -> dict[str, FetchState]:
    """`fetch_state` of each of `urls` in one query (the feeds table is small: read it all)."""
    wanted = set(urls)
    found = {url: FetchState() for url in urls}
    for row in conn.execute(
        "SELECT url, etag, last_modified, body_hash, resolved_url, retry_after FROM feeds"
    ):
        if row[0] in wanted:
            found[row[0]] = FetchState(
                etag=row[1],
                last_modified=row[2],
                body_hash=row[3],
                resolved_url=row[4],
                retry_after=opt_datetime(row[5]),
            )
    return found


_RECORD_FAILURE = """
UPDATE feeds SET last_attempt = :now, http_status = :status, error = :error, warning = NULL,
    problem = :problem, retry_after = :retry_after
WHERE url = :url
"""
# One statement whatever the outcome, so a refresh where nothing changed writes one small row
# per feed. In an UPDATE every column read is the row's old value.
_RECORD_SUCCESS = """
UPDATE feeds SET last_attempt = :now, last_success = :now, http_status = :status, error = NULL,
    last_new = :new, last_updated = :updated, last_total = :total, retry_after = NULL,
    warning = CASE WHEN :read THEN :warning ELSE warning END,
    problem = CASE WHEN :read THEN :problem WHEN warning IS NULL THEN NULL ELSE problem END,
    feed_title = COALESCE(:title, feed_title),
    etag = CASE WHEN :keep THEN etag ELSE :etag END,
    last_modified = CASE WHEN :keep THEN last_modified ELSE :last_modified END,
    body_hash = CASE WHEN :keep THEN body_hash ELSE :body_hash END,
    resolved_url = CASE WHEN :keep THEN resolved_url ELSE :resolved_url END
WHERE url = :url
"""


def record_fetch(
    conn: sqlite3.Connection,
    outcome: FetchOutcome,
    *,
    state: FetchState | None,
    feed_title: str | None,
    now: datetime,
) -> None:
    """Remember one fetch attempt; an error keeps the previous fetch state and counts.

    A warning belongs to the body it was found in: a 304 or an unchanged body keeps it, but
    never the problem of an error that this success ends. `state` None keeps the stored one.
    One UPDATE (the feed is added first only if the store has never seen it).
    """
    params: dict[str, object] = {
        "url": outcome.url,
        "now": to_epoch(now),
        "status": outcome.http_status,
        "problem": dump_problem(outcome.problem),
    }
    if not outcome.ok:
        statement = _RECORD_FAILURE
        params["error"] = outcome.error or "fetch failed"
        params["retry_after"] = opt_epoch(outcome.retry_after)
    else:
        statement = _RECORD_SUCCESS
        read = outcome.status == "ok"  # a body was read (not a 304, not the same body)
        kept = state or FetchState()
        params.update(
            new=outcome.new,
            updated=outcome.updated,
            total=outcome.total,
            read=read,
            warning=outcome.warning,
            title=(feed_title if feed_title is not None else outcome.title) or None,
            keep=state is None,
            etag=kept.etag,
            last_modified=kept.last_modified,
            body_hash=kept.body_hash,
            resolved_url=kept.resolved_url,
        )
        if not (read and outcome.warning):
            params["problem"] = None
    if conn.execute(statement, params).rowcount == 0:
        ensure_feed(conn, outcome.url)
        conn.execute(statement, params)


def feed_statuses(conn: sqlite3.Connection) -> list[FeedStatus]:
    """Configured feeds in config order, with stored and unread article counts."""
    rows = conn.execute(
        f"""
        SELECT f.url, {FEED_TITLE_SQL}, {CATEGORY_SQL}, f.kind, f.resolved_url,
               f.last_attempt, f.last_success, f.http_status, f.error, f.last_new,
               (SELECT COUNT(*) FROM articles AS a WHERE a.feed_id = f.id),
               (SELECT COUNT(*) FROM articles AS a
                JOIN article_state AS s ON s.article_id = a.id
                WHERE a.feed_id = f.id AND s.read = 0),
               f.warning, f.problem, f.retry_after
        FROM feeds AS f
        WHERE f.configured = 1
        ORDER BY f.position, f.id
        """
    ).fetchall()
    return [
        FeedStatus(
            url=row[0],
            title=row[1],
            category=row[2],
            kind=row[3],
            resolved_url=row[4],
            last_attempt=opt_datetime(row[5]),
            last_success=opt_datetime(row[6]),
            http_status=row[7],
            error=row[8],
            last_new=row[9],
            item_count=row[10],
            unread=row[11],
            warning=row[12],
            problem=load_problem(row[13], row[8] or row[12]),
            retry_after=opt_datetime(row[14]),
        )
        for row in rows
    ]


def unread_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Unread articles per configured feed URL; feeds with none are included with 0."""
    rows = conn.execute(
        """
        SELECT f.url, COUNT(s.article_id)
        FROM feeds AS f
        LEFT JOIN articles AS a ON a.feed_id = f.id
        LEFT JOIN article_state AS s ON s.article_id = a.id AND s.read = 0
        WHERE f.configured = 1
        GROUP BY f.id
        """
    ).fetchall()
    return {row[0]: row[1] for row in rows}
