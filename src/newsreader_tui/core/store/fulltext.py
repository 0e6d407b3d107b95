"""Full-text state of articles: which pages still need fetching, and what a fetch found.

"Never twice for the same article version": `full_hash` records the feed item's `content_hash` the
stored full-text state belongs to. A version whose page was extracted ("ok"), or failed for good,
is skipped; a failure that may pass (network, 5xx, size) is retried on later refreshes until it
has failed `MAX_TRIES` times. A changed feed item starts over.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime

from newsreader_tui.core.models import MAX_TRIES, FullTextJob, FullTextResult
from newsreader_tui.core.store.codec import dump_problem, to_epoch
from newsreader_tui.core.store.search import index_article

_JOB_COLUMNS = """
a.id, a.url, f.url, a.content_hash,
CASE WHEN a.full_content != '' THEN a.full_etag END,
CASE WHEN a.full_content != '' THEN a.full_last_modified END,
a.full_status = 'ok' AND a.full_hash IS a.content_hash
"""


def _job(row: sqlite3.Row) -> FullTextJob:
    return FullTextJob(
        article_id=row[0],
        url=row[1],
        feed_url=row[2],
        content_hash=row[3],
        etag=row[4],
        last_modified=row[5],
        done=bool(row[6]),
    )


def pending_jobs(
    conn: sqlite3.Connection, feeds: Sequence[str], *, per_feed: int
) -> list[FullTextJob]:
    """Articles among the newest `per_feed` of each of `feeds` whose page still needs fetching.

    Newest first within each feed, so an interrupted refresh has done the articles that matter.
    """
    rows = conn.execute(
        f"""
        SELECT {_JOB_COLUMNS}
        FROM (
            SELECT a.*, ROW_NUMBER() OVER (
                PARTITION BY a.feed_id ORDER BY a.published DESC, a.id DESC
            ) AS position
            FROM articles AS a
            WHERE a.feed_id IN (
                SELECT id FROM feeds WHERE url IN (SELECT value FROM json_each(:feeds))
            )
        ) AS a
        JOIN feeds AS f ON f.id = a.feed_id
        WHERE a.position <= :per_feed
          AND a.url IS NOT NULL AND a.url != ''
          AND NOT (
              a.full_hash IS a.content_hash
              AND (a.full_status = 'ok' OR a.full_tries >= :tries)
          )
        ORDER BY f.position, a.published DESC, a.id DESC
        """,
        {"feeds": json.dumps(list(feeds)), "per_feed": per_feed, "tries": MAX_TRIES},
    ).fetchall()
    return [_job(row) for row in rows]


def job_for(conn: sqlite3.Connection, article_id: int) -> FullTextJob | None:
    """The job for one article (for fetching it on demand), or None if it has no link."""
    row = conn.execute(
        f"SELECT {_JOB_COLUMNS} FROM articles AS a JOIN feeds AS f ON f.id = a.feed_id "
        "WHERE a.id = ? AND a.url IS NOT NULL AND a.url != ''",
        (article_id,),
    ).fetchone()
    return None if row is None else _job(row)


def save_result(
    conn: sqlite3.Connection, job: FullTextJob, result: FullTextResult, now: datetime
) -> None:
    """Record what fetching `job`'s page found; new text is indexed for search at once."""
    if result.ok:
        changed = result.html is not None
        conn.execute(
            """
            UPDATE articles SET
                full_content = COALESCE(:html, full_content),
                full_status = 'ok', full_problem = NULL, full_hash = :hash, full_tries = 0,
                full_etag = :etag, full_last_modified = :modified, full_fetched_at = :now,
                body_rev = body_rev + :changed
            WHERE id = :id
            """,
            {
                "html": result.html,
                "hash": job.content_hash,
                "etag": result.etag,
                "modified": result.last_modified,
                "now": to_epoch(now),
                "changed": int(changed),
                "id": job.article_id,
            },
        )
        if changed:
            _reindex(conn, job.article_id)
        return
    # A failure keeps any older full text: an outdated page still reads better than a summary.
    conn.execute(
        """
        UPDATE articles SET
            full_status = :status, full_problem = :problem,
            full_tries = CASE
                WHEN :final THEN :max
                WHEN full_hash IS :hash THEN full_tries + 1
                ELSE 1
            END,
            full_hash = :hash, full_fetched_at = :now
        WHERE id = :id
        """,
        {
            "status": result.status,
            "problem": dump_problem(result.problem),
            "final": int(result.final),
            "max": MAX_TRIES,
            "hash": job.content_hash,
            "now": to_epoch(now),
            "id": job.article_id,
        },
    )


def _reindex(conn: sqlite3.Connection, article_id: int) -> None:
    row = conn.execute(
        "SELECT title, summary, content, full_content FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if row is not None:
        index_article(conn, article_id, row[0], row[1], row[3] or row[2])
