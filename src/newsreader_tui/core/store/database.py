"""`Store`: the one object the rest of the app uses to reach the SQLite cache."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Self, TypeVar

from newsreader_tui.core.errors import Problem, StoreError
from newsreader_tui.core.models import (
    Article,
    ArticleRow,
    CachedImage,
    FeedConfig,
    FeedStatus,
    FetchOutcome,
    FetchState,
    FullTextJob,
    FullTextResult,
    ImageResult,
    NewArticle,
    SearchHit,
)
from newsreader_tui.core.store import articles as _articles
from newsreader_tui.core.store import feeds as _feeds
from newsreader_tui.core.store import fulltext as _fulltext
from newsreader_tui.core.store import images as _images
from newsreader_tui.core.store import positions as _positions
from newsreader_tui.core.store import retention as _retention
from newsreader_tui.core.store import schema as _schema
from newsreader_tui.core.store import search as _search
from newsreader_tui.core.store.articles import Filters

BUSY_TIMEOUT_MS = 5000
"""How long a write waits for another process's write before giving up."""

T = TypeVar("T")


def _create_private(path: Path) -> None:
    """Create the data dir (0700) and an empty database file (0600) unless they exist: what a
    user reads is nobody else's business. SQLite gives its -wal and -shm files the database's
    mode, and an empty file is a valid empty database. Existing folders and files keep their
    modes: the user may have chosen them."""
    path.parent.parent.mkdir(parents=True, exist_ok=True)
    path.parent.mkdir(mode=0o700, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


class Store:
    """Thread-safe access to the cache database: feeds, articles, state and search.

    One connection shared by all threads, serialised by a re-entrant lock; every write runs in a
    `BEGIN IMMEDIATE` transaction so another process writing the same file waits (up to
    `BUSY_TIMEOUT_MS`) instead of failing halfway. Open with `Store.open(path)`.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        """Wrap an already migrated connection; use `Store.open` instead."""
        self._conn = conn
        self._lock = threading.RLock()
        self.path = path

    @classmethod
    def open(cls, path: Path) -> Self:
        """Open (creating if needed) the database at `path` and bring its schema up to date.

        Raises `StoreError` naming the file if it is not a database or comes from a newer
        version; such a file is left unchanged.
        """
        path = Path(path)
        try:
            _create_private(path)
            # Autocommit mode (isolation_level=None): transactions are explicit, so the module
            # never opens a deferred one that could fail to upgrade to a write lock.
            conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(Problem.of("store.open", path=path, detail=error)) from error
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # Checked before anything writes (even journal_mode changes the header).
            _schema.check_version(conn, path)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            _schema.migrate(conn, path)
        except StoreError:
            conn.close()
            raise
        except sqlite3.DatabaseError as error:
            conn.close()
            raise StoreError(Problem.of("store.not_cache", path=path, detail=error)) from error
        return cls(conn, path)

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _read(self, query: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            return query(self._conn)

    # Feeds

    def sync_feeds(self, feeds: Sequence[FeedConfig]) -> None:
        """Make the configured feeds match `feeds` (in order); others are hidden, not deleted."""
        with self._write() as conn:
            _feeds.sync_feeds(conn, feeds)

    def fetch_state(self, url: str) -> FetchState:
        """The conditional-GET state remembered for `url` (empty if unknown)."""
        return self._read(lambda conn: _feeds.fetch_state(conn, url))

    def record_fetch(
        self,
        outcome: FetchOutcome,
        *,
        state: FetchState | None,
        feed_title: str | None,
        now: datetime,
    ) -> None:
        """Record one fetch attempt; on success also the new fetch state, title and counts."""
        with self._write() as conn:
            _feeds.record_fetch(conn, outcome, state=state, feed_title=feed_title, now=now)

    def feeds(self) -> list[FeedStatus]:
        """Configured feeds in config order, with their status and article counts."""
        return self._read(_feeds.feed_statuses)

    def unread_counts(self) -> dict[str, int]:
        """Unread articles per configured feed URL."""
        return self._read(_feeds.unread_counts)

    # Articles

    def upsert_articles(
        self, feed_url: str, items: Sequence[NewArticle], now: datetime
    ) -> tuple[int, int]:
        """Store a fetch's articles; return (new, updated). Read/starred state is never touched."""
        with self._write() as conn:
            return _articles.upsert_articles(conn, feed_url, items, now)

    def articles(
        self, filters: Filters | None = None, *, limit: int | None = 50, offset: int = 0
    ) -> list[Article]:
        """Articles of configured feeds matching `filters` (None: all of them), newest first;
        `limit=None` means all."""
        wanted = filters or Filters()
        return self._read(
            lambda conn: _articles.list_articles(conn, wanted, limit=limit, offset=offset)
        )

    def rows(
        self, filters: Filters | None = None, *, limit: int | None = 50, offset: int = 0
    ) -> list[ArticleRow]:
        """Like `articles()` but only what a list line shows, so pages load fast."""
        wanted = filters or Filters()
        return self._read(
            lambda conn: _articles.list_rows(conn, wanted, limit=limit, offset=offset)
        )

    def rows_by_id(self, ids: Sequence[int]) -> list[ArticleRow]:
        """List rows for these article ids, in the given order."""
        return self._read(lambda conn: _articles.rows_by_id(conn, ids))

    def count_articles(self, filters: Filters | None = None) -> int:
        """How many articles `articles()` would list with the same filters and no limit."""
        wanted = filters or Filters()
        return self._read(lambda conn: _articles.count_articles(conn, wanted))

    def next_unread(
        self, filters: Filters, *, anchor: int | None, start: int, step: int, skip: int | None
    ) -> tuple[int, int] | None:
        """(position, id) of the nearest unread article from `anchor` in list order, wrapping
        around; see `positions.next_unread`."""
        return self._read(
            lambda conn: _positions.next_unread(
                conn, filters, anchor=anchor, start=start, step=step, skip=skip
            )
        )

    def article(self, id: int) -> Article | None:
        """One article by id, or None."""
        return self._read(lambda conn: _articles.get_article(conn, id))

    def mark(
        self,
        ids: Sequence[int],
        *,
        read: bool | None = None,
        starred: bool | None = None,
        now: datetime,
    ) -> list[int]:
        """Set read and/or starred (None leaves it); return the ids that do not exist."""
        with self._write() as conn:
            return _articles.mark(conn, ids, read=read, starred=starred, now=now)

    def mark_all_read(self, filters: Filters | None = None, *, now: datetime) -> int:
        """Mark read every article `articles()` would list with these filters; return the count."""
        wanted = filters or Filters()
        with self._write() as conn:
            return _articles.mark_all_read(conn, wanted, now)

    # UI state

    def ui_state(self, key: str) -> str | None:
        """A value the UI remembered under `key` (e.g. the last view), or None."""
        row = self._read(
            lambda conn: conn.execute("SELECT value FROM ui_state WHERE key = ?", (key,)).fetchone()
        )
        return None if row is None else str(row[0])

    def set_ui_state(self, key: str, value: str) -> None:
        """Remember `value` under `key` for the next start."""
        with self._write() as conn:
            conn.execute(
                "INSERT INTO ui_state (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # Search and retention

    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        """Articles matching every word of `query`, ignoring case and diacritics; best first."""
        return self._read(lambda conn: _search.search(conn, query, limit=limit))

    def search_ids(self, query: str, *, limit: int = 500) -> list[int]:
        """Ids of matching articles, best first; cheaper than `search` (no snippets)."""
        return self._read(lambda conn: _search.search_ids(conn, query, limit=limit))

    def prune(
        self,
        *,
        days: int,
        per_feed: int | None,
        now: datetime,
        feeds: Sequence[str] | None = None,
    ) -> int:
        """Delete old articles, keeping starred ones and recent unread ones; return the count.

        `feeds` (URLs) limits pruning to those feeds; None prunes every feed.
        """
        with self._write() as conn:
            return _retention.prune(conn, days=days, per_feed=per_feed, now=now, feeds=feeds)

    def prune_images(self) -> list[str]:
        """Forget images no article shows any more; return their files' paths (relative to the
        data dir) for the caller to delete."""
        with self._write() as conn:
            return _images.delete_orphans(conn)

    # Full text

    def full_text_jobs(self, feeds: Sequence[str], *, per_feed: int) -> list[FullTextJob]:
        """Recent articles of `feeds` whose page still needs fetching (never twice per version)."""
        return self._read(lambda conn: _fulltext.pending_jobs(conn, feeds, per_feed=per_feed))

    def full_text_job(self, article_id: int) -> FullTextJob | None:
        """The page-fetch job of one article, or None when it is unknown or has no link."""
        return self._read(lambda conn: _fulltext.job_for(conn, article_id))

    def save_full_text(self, job: FullTextJob, result: FullTextResult, *, now: datetime) -> None:
        """Record a page fetch; new text replaces the indexed body for search."""
        with self._write() as conn:
            _fulltext.save_result(conn, job, result, now)

    # Images

    def unlinked_articles(
        self, feeds: Sequence[str], *, per_feed: int
    ) -> list[tuple[Article, int]]:
        """(article, body_rev) of recent articles whose images have not been listed yet."""
        return self._read(lambda conn: _images.unlinked_articles(conn, feeds, per_feed=per_feed))

    def unlinked_article(self, article_id: int) -> tuple[Article, int] | None:
        """(article, body_rev) if this article's images have not been listed yet, else None."""
        return self._read(lambda conn: _images.unlinked_article(conn, article_id))

    def link_images(self, article_id: int, body_rev: int, urls: Sequence[str]) -> bool:
        """Set the images of an article's body version; False if the body changed meanwhile."""
        with self._write() as conn:
            return _images.link_images(conn, article_id, body_rev, urls)

    def pending_images(self, feeds: Sequence[str], *, per_feed: int) -> list[str]:
        """Image URLs of recent articles of `feeds` still to download."""
        return self._read(lambda conn: _images.pending_images(conn, feeds, per_feed=per_feed))

    def uncached_images(self, article_id: int) -> list[str]:
        """One article's image URLs that are not cached yet."""
        return self._read(lambda conn: _images.uncached_image_urls(conn, article_id))

    def save_image(self, url: str, result: ImageResult, *, now: datetime) -> None:
        """Record a download's result for `url`."""
        with self._write() as conn:
            _images.save_image(conn, url, result, now)

    def image(self, url: str) -> CachedImage | None:
        """What the cache knows of the image at `url`, or None."""
        return self._read(lambda conn: _images.get_image(conn, url))

    def article_images(self, article_id: int) -> list[CachedImage]:
        """An article's images in reading order, with their cache state."""
        return self._read(lambda conn: _images.article_images(conn, article_id))
