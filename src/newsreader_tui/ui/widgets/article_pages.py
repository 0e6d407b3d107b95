"""`PageCache`: the rows `ArticleList` holds, a page at a time, and what it knows about each page.

Kept apart from the widget so the bookkeeping (which pages are loaded, pending, failed or stale,
which edits must survive a reload, which pages to drop) reads on its own. It imports no Textual
and never fetches: the widget decides when to ask the source and hands the results in here.
"""

from __future__ import annotations

from dataclasses import replace

from newsreader_tui.core.models import ArticleRow

MAX_PAGES = 30
"""Pages kept in memory (3,000 rows); pages far from the cursor are dropped beyond this."""


def _with_state(row: ArticleRow, read: bool | None, starred: bool | None) -> ArticleRow:
    """`row` with read/starred changed where given (None keeps the row's own)."""
    return replace(
        row,
        read=row.read if read is None else read,
        starred=row.starred if starred is None else starred,
    )


class PageCache:
    """Pages of `page_size` rows by page number, plus the state of pages not loaded yet.

    The sets are plain attributes that the widget reads and updates directly (`pending` when it
    starts a fetch, `failed` when one fails); the methods cover the steps that touch several.
    """

    def __init__(self, page_size: int, max_pages: int = MAX_PAGES) -> None:
        self.page_size = page_size
        self.max_pages = max_pages
        self.generation = 0
        """Bumped by every `reset()` so results of older page workers are recognised."""
        self.pages: dict[int, list[ArticleRow]] = {}
        self.stale: dict[int, list[ArticleRow]] = {}
        """Pages from before a refresh, still drawn until their fresh copy arrives."""
        self.index_of: dict[int, int] = {}
        self.pending: set[int] = set()
        self.failed: set[int] = set()
        self.complete: set[int] = set()
        """Pages fetched from the source. Such a page may hold fewer rows than expected when
        articles were deleted meanwhile; its missing rows draw blank instead of re-querying."""
        self.overrides: dict[int, tuple[bool | None, bool | None]] = {}
        """`set_state` changes, re-applied to pages that were already being fetched."""

    def reset(self, *, keep_stale: bool) -> None:
        """Forget every page and every `set_state` edit (the source is the truth again); with
        `keep_stale` the current pages stay drawable as stale until fresh ones replace them."""
        self.generation += 1
        self.stale = self.pages if keep_stale else {}
        self.pages = {}
        if not keep_stale:
            self.index_of = {}
        self.pending = set()
        self.failed = set()
        self.complete = set()
        self.overrides.clear()

    def row_at(self, index: int) -> ArticleRow | None:
        """The row at list position `index`, fresh or stale, or None if its page is not here."""
        page, offset = divmod(index, self.page_size)
        rows = self.pages.get(page) or self.stale.get(page)
        return rows[offset] if rows is not None and offset < len(rows) else None

    def store(self, page: int, rows: list[ArticleRow], *, complete: bool) -> None:
        """Keep `rows` as page `page`, with any `set_state` edits laid over them."""
        if self.overrides:
            overrides = self.overrides
            rows = [_with_state(r, *overrides[r.id]) if r.id in overrides else r for r in rows]
        self.pages[page] = rows
        if complete:
            self.complete.add(page)
        self.stale.pop(page, None)
        base = page * self.page_size
        self.index_of.update((row.id, base + i) for i, row in enumerate(rows))

    def single_feed(self) -> bool:
        """Whether the rows held (fresh or stale) all come from one feed."""
        loaded = [*self.pages.values(), *self.stale.values()]
        return len({row.feed_url for rows in loaded for row in rows}) == 1

    def evict(self, cursor_page: int, wanted: tuple[int, int]) -> None:
        """Beyond `max_pages`, drop the pages farthest from the cursor (never those in `wanted`,
        the first and last page near the viewport), and stale pages outside `wanted`."""
        if len(self.pages) <= self.max_pages:
            return
        first, last = wanted
        keep = sorted(
            self.pages,
            key=lambda p: 0 if first <= p <= last else abs(p - cursor_page),
        )[: self.max_pages]
        for page in set(self.pages) - set(keep):
            self.complete.discard(page)
            for row in self.pages.pop(page):
                self.index_of.pop(row.id, None)
        self.stale = {p: rows for p, rows in self.stale.items() if first <= p <= last}

    def set_state(self, article_id: int, read: bool | None, starred: bool | None) -> int | None:
        """Show article `article_id` as read/starred (None leaves it), now and in pages fetched
        later; returns its list position if a page holds it."""
        old_read, old_starred = self.overrides.get(article_id, (None, None))
        self.overrides[article_id] = (
            old_read if read is None else read,
            old_starred if starred is None else starred,
        )
        index = self.index_of.get(article_id)
        if index is None:
            return None
        page, offset = divmod(index, self.page_size)
        for pages in (self.pages, self.stale):
            rows = pages.get(page)
            if rows is not None and offset < len(rows) and rows[offset].id == article_id:
                rows[offset] = _with_state(rows[offset], read, starred)
        return index
