"""The offline image cache's rows: which images each article shows, and what downloading found.

Files live outside the database (see `core.media.image_cache`); rows hold their paths relative
to the data dir. An image row lives as long as some article links to it: `delete_orphans`
removes the rest and returns their paths so the caller can delete the files.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime

from newsreader_tui.core.models import MAX_TRIES, Article, CachedImage, ImageResult
from newsreader_tui.core.store.codec import ARTICLE_COLUMNS, ARTICLE_JOINS, row_to_article, to_epoch

_NEWEST = """
SELECT a.id FROM (
    SELECT a.id, a.feed_id, ROW_NUMBER() OVER (
        PARTITION BY a.feed_id ORDER BY a.published DESC, a.id DESC
    ) AS position
    FROM articles AS a
    WHERE a.feed_id IN (SELECT id FROM feeds WHERE url IN (SELECT value FROM json_each(:feeds)))
) AS a WHERE a.position <= :per_feed
"""
"""Ids of the newest `:per_feed` articles of each feed in the JSON list `:feeds`."""


def unlinked_articles(
    conn: sqlite3.Connection, feeds: Sequence[str], *, per_feed: int
) -> list[tuple[Article, int]]:
    """(article, body_rev) for recent articles whose current body has not had its images listed."""
    rows = conn.execute(
        f"""
        SELECT {ARTICLE_COLUMNS}, a.body_rev FROM articles AS a {ARTICLE_JOINS}
        WHERE a.id IN ({_NEWEST}) AND a.images_rev IS NOT a.body_rev
        ORDER BY a.published DESC, a.id DESC
        """,
        {"feeds": json.dumps(list(feeds)), "per_feed": per_feed},
    ).fetchall()
    return [(row_to_article(row), int(row[-1])) for row in rows]


def unlinked_article(conn: sqlite3.Connection, article_id: int) -> tuple[Article, int] | None:
    """(article, body_rev) when the article's current body has not had its images listed."""
    row = conn.execute(
        f"SELECT {ARTICLE_COLUMNS}, a.body_rev FROM articles AS a {ARTICLE_JOINS} "
        "WHERE a.id = ? AND a.images_rev IS NOT a.body_rev",
        (article_id,),
    ).fetchone()
    return None if row is None else (row_to_article(row), int(row[-1]))


def link_images(
    conn: sqlite3.Connection, article_id: int, body_rev: int, urls: Sequence[str]
) -> bool:
    """Make `urls` (in order) the images of the article's body version `body_rev`.

    Returns False, changing nothing, when the body changed since it was read (it will be listed
    again). Images no longer linked become orphans for `delete_orphans`.
    """
    row = conn.execute("SELECT body_rev FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None or row[0] != body_rev:
        return False
    conn.execute("DELETE FROM article_images WHERE article_id = ?", (article_id,))
    for position, url in enumerate(dict.fromkeys(urls)):
        conn.execute("INSERT OR IGNORE INTO images (url) VALUES (?)", (url,))
        conn.execute(
            "INSERT INTO article_images (article_id, image_url, position) VALUES (?, ?, ?)",
            (article_id, url, position),
        )
    conn.execute("UPDATE articles SET images_rev = ? WHERE id = ?", (body_rev, article_id))
    return True


def pending_images(conn: sqlite3.Connection, feeds: Sequence[str], *, per_feed: int) -> list[str]:
    """URLs to download: images of the newest `per_feed` articles of each of `feeds` that are not
    cached yet and not given up on, in the order they were first seen."""
    rows = conn.execute(
        f"""
        SELECT i.url FROM images AS i
        WHERE i.status != 'ok' AND i.tries < :tries AND i.url IN (
            SELECT l.image_url FROM article_images AS l WHERE l.article_id IN ({_NEWEST})
        )
        ORDER BY i.rowid
        """,
        {"feeds": json.dumps(list(feeds)), "per_feed": per_feed, "tries": MAX_TRIES},
    ).fetchall()
    return [row[0] for row in rows]


def uncached_image_urls(conn: sqlite3.Connection, article_id: int) -> list[str]:
    """The article's linked image URLs that are not cached yet, in reading order."""
    rows = conn.execute(
        """
        SELECT i.url FROM article_images AS l JOIN images AS i ON i.url = l.image_url
        WHERE l.article_id = ? AND i.status != 'ok'
        ORDER BY l.position
        """,
        (article_id,),
    ).fetchall()
    return [row[0] for row in rows]


def save_image(conn: sqlite3.Connection, url: str, result: ImageResult, now: datetime) -> None:
    """Record a download's result; a failure never replaces a file already cached."""
    if result.status == "ok":
        conn.execute(
            """
            UPDATE images SET status = 'ok', path = ?, content_type = ?, size = ?,
                fetched_at = ?, tries = 0
            WHERE url = ?
            """,
            (result.path, result.content_type, result.size, to_epoch(now), url),
        )
        return
    conn.execute(
        """
        UPDATE images SET status = ?, fetched_at = ?,
            tries = CASE WHEN ? THEN ? ELSE tries + 1 END
        WHERE url = ? AND status != 'ok'
        """,
        (result.status, to_epoch(now), int(result.final), MAX_TRIES, url),
    )


def _cached(row: sqlite3.Row) -> CachedImage:
    return CachedImage(
        url=row[0],
        path=row[1] if row[2] == "ok" else None,
        status=row[2],
        content_type=row[3],
        size=row[4],
    )


_IMAGE_COLUMNS = "i.url, i.path, i.status, i.content_type, i.size"


def get_image(conn: sqlite3.Connection, url: str) -> CachedImage | None:
    row = conn.execute(f"SELECT {_IMAGE_COLUMNS} FROM images AS i WHERE i.url = ?", (url,))
    found = row.fetchone()
    return None if found is None else _cached(found)


def article_images(conn: sqlite3.Connection, article_id: int) -> list[CachedImage]:
    """The article's images in reading order, cached or not."""
    rows = conn.execute(
        f"""
        SELECT {_IMAGE_COLUMNS} FROM article_images AS l JOIN images AS i ON i.url = l.image_url
        WHERE l.article_id = ? ORDER BY l.position
        """,
        (article_id,),
    ).fetchall()
    return [_cached(row) for row in rows]


def delete_orphans(conn: sqlite3.Connection) -> list[str]:
    """Delete image rows no article links to; return the paths of their files."""
    rows = conn.execute(
        """
        DELETE FROM images
        WHERE NOT EXISTS (SELECT 1 FROM article_images AS l WHERE l.image_url = images.url)
        RETURNING path
        """
    ).fetchall()
    return [row[0] for row in rows if row[0]]
