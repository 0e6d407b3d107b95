"""`Store`: the one object the rest of the app uses to reach the SQLite cache."""

from __future__ import annotations

import contextlib
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
from newsreader_tui.core.store import batch as _batch
from newsreader_tui.core.store import feeds as _feeds
from newsreader_tui.core.store import fulltext as _fulltext
from newsreader_tui.core.store import images as _images
from newsreader_tui.core.store import integrity as _integrity
from newsreader_tui.core.store import opening as _opening
from newsreader_tui.core.store import positions as _positions
from newsreader_tui.core.store import retention as _retention
from newsreader_tui.core.store import salvage as _salvage
from newsreader_tui.core.store import search as _search
from newsreader_tui.core.store.articles import Filters
from newsreader_tui.core.store.batch import FeedWrite
from newsreader_tui.core.store.failures import is_damage, store_error

BUSY_TIMEOUT_MS = 5000
"""How long a write waits for another process's write before giving up."""

T = TypeVar("T")


class Store:
    """Thread-safe access to the cache database: feeds, articles, state and search.

    One connection shared by all threads, serialised by a re-entrant lock; every write runs in a
    `BEGIN IMMEDIATE` transaction so another process writing the same file waits (up to
    `BUSY_TIMEOUT_MS`) instead of failing halfway. Open with `Store.open(path)`.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, *, read_only: bool = False) -> None:
        """Wrap an already migrated connection; use `Store.open` instead."""
        self._conn = conn
        self._lock = threading.RLock()
        self.path = path
        self.read_only = read_only
        """Opened read-only because the file or its folder cannot be written: reading works,
        every write raises the `store.read_only` problem."""
        self.notices: list[Problem] = []
        """What the user should hear once about this cache (read-only, rebuilt, not private):
        the command line prints them, the reader shows them as notices."""
        self.damaged = False
        """A query ran into damaged pages: the next start must check the file."""
        self.note_when_closed = False
        """Set by `open_cache`: a clean close notes the file as checked (see `integrity`)."""

    @classmethod
    def open(cls, path: Path) -> Self:
        """Open (creating if needed) the database at `path` and bring its schema up to date.

        When the file or its folder cannot be written (a read-only mount, chmod a-w, a full
        disk), it is opened read-only instead, and says so in `notices`. Raises `StoreError`
        naming the file if it is not a database, is damaged or comes from a newer version; such
        a file is left unchanged.
        """
        path = Path(path)
        conn, read_only = _opening.connect(path, busy_timeout_ms=BUSY_TIMEOUT_MS)
        store = cls(conn, path, read_only=read_only)
        if read_only:
            store.notices.append(Problem.of("store.read_only", path=path))
        return store

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        with self._lock:
            self._conn.close()
            if self.note_when_closed and not (self.damaged or self.read_only):
                _integrity.note_clean(self.path)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _failed(self, error: sqlite3.Error) -> StoreError:
        """What SQLite raised, as one sentence; damage also makes the next start check."""
        if is_damage(error):
            self.damaged = True
            _integrity.forget_clean(self.path)
        return store_error(error, self.path)

    def check_writable(self) -> None:
        """Raise the read-only problem now, before work whose result could not be saved (a
        refresh would download every feed for nothing)."""
        if self.read_only:
            raise StoreError(Problem.of("store.read_only", path=self.path))

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        self.check_writable()
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    # SQLite has already rolled back after some errors (a full disk): rolling
                    # back again would raise and hide the reason.
                    if conn.in_transaction:
                        with contextlib.suppress(sqlite3.Error):
                            conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as error:
                raise self._failed(error) from error

    def _read(self, query: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            try:
                return query(self._conn)
            except sqlite3.Error as error:
                raise self._failed(error) from error

    def quick_check(self) -> str | None:
        """The first problem `PRAGMA quick_check` finds, or None when the file is sound."""
        return self._read(_integrity.quick_check)

    def carry_over(self, old: sqlite3.Connection) -> int:
        """Copy what can be read from the damaged cache `old` into this new one (see
        `salvage`); return how many articles came over."""
        with self._write() as conn:
            return _salvage.copy_from(old, conn)

    # Feeds

    def sync_feeds(self, feeds: Sequence[FeedConfig]) -> None:
        """Make the configured feeds match `feeds` (in order); others are hidden, not deleted.
        A read-only cache keeps the feeds it has: reading them is all it can do."""
        if self.read_only:
            return
        with self._write() as conn:
            _feeds.sync_feeds(conn, feeds)

    def fetch_state(self, url: str) -> FetchState:
        """The conditional-GET state remembered for `url` (empty if unknown)."""
        return self._read(lambda conn: _feeds.fetch_state(conn, url))

    def fetch_states(self, urls: Sequence[str]) -> dict[str, FetchState]:
        """`fetch_state` of every URL at once: a refresh reads them in one query."""
        return self._read(lambda conn: _feeds.fetch_states(conn, urls))

    def write_fetches(self, writes: Sequence[FeedWrite], *, now: datetime) -> list[FetchOutcome]:
        """Store many feeds' fetches (articles and fetch state) in one transaction; return the
        outcomes with their counts of new and updated articles (see `batch`)."""
        try:
            with self._write() as conn:
                return _batch.write_fetches(conn, writes, now)
        except _batch.FeedDataError:  # rolled back: again, each feed apart
            with self._write() as conn:
                return _batch.write_each(conn, writes, now)

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
        """Remember `value` under `key` for the next start (not in a read-only cache: the
        view to reopen is not worth a message on every move)."""
        if self.read_only:
            return
        with self._write() as conn:
            conn.execute(
                "INSERT INTO ui_state (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # Search and retention

    def search(
        self, query: str, *, limit: int = 50, feed: str | None = None, category: str | None = None
    ) -> list[SearchHit]:
        """Articles matching `query`, best first, with snippets; only of feed URL `feed` or of
        `category` when given (see `search.search_ids` for the order)."""
        return self._read(
            lambda conn: _search.search(conn, query, limit=limit, feed=feed, category=category)
        )

    def snippets(self, ids: Sequence[int], query: str) -> dict[int, str]:
        """Plain text around the first match of `query` in each of these articles, by id."""
        return self._read(lambda conn: _search.snippets(conn, ids, query))

    def search_ids(
        self, query: str, *, limit: int = 500, feed: str | None = None, category: str | None = None
    ) -> list[int]:
        """Ids of matching articles, best first; cheaper than `search` (no snippets)."""
        return self._read(
            lambda conn: _search.search_ids(conn, query, limit=limit, feed=feed, category=category)
        )

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
