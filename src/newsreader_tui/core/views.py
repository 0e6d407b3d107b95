"""Views: what the article list shows (a smart view, a category, a feed or a search), and the
queries behind the sidebar and the list.

`View` names a list; `ViewQueries` answers for it from the store: the sidebar's counts, how many
articles a view has, one page of its rows, where its next unread article is, marking it all read,
and the view to reopen on the next start. Search results are remembered between pages, since
paging asks for the same query again and again; so are the articles whose state changed while a
view was shown, which stay in it (an article read in Unread keeps its row until the user leaves).
Every method is synchronous SQLite work: the UI calls them in thread workers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, time

from .dates import VN_TZ
from .models import ArticleRow, FeedStatus
from .store import Filters, Store

SMART_VIEWS: tuple[str, ...] = ("all", "unread", "starred", "today")
VIEW_KINDS: tuple[str, ...] = (*SMART_VIEWS, "category", "feed", "search")
SEARCH_LIMIT = 500
"""Most results a search view lists."""
NEAR = 200
"""Rows from the cursor `next_unread` reads itself before numbering the whole view."""
FAR_ROW = 1 << 40
"""A start at or past this means "from the end": no page to read there."""
LAST_VIEW_KEY = "last_view"
"""The store's UI-state key for the view to reopen."""


@dataclass(frozen=True)
class View:
    """One list of articles. `value` is the category name, feed URL or search query."""

    kind: str
    value: str = ""
    scope: View | None = None
    """A search only within this category or feed view (issue 11); None searches everything."""

    @property
    def key(self) -> str:
        """A stable text form, for remembering the view between runs."""
        return f"{self.kind}:{self.value}"

    @classmethod
    def from_key(cls, key: str | None) -> View | None:
        """The view a `key` names, or None for a key this version does not know."""
        if not key or ":" not in key:
            return None
        kind, value = key.split(":", 1)
        if kind not in VIEW_KINDS or (kind in SMART_VIEWS and value):
            return None
        return cls(kind, value)

    def filters(self, now: datetime) -> Filters:
        """The store's filters for this view (a search has none: it lists by search ids)."""
        if self.kind == "unread":
            return Filters(unread=True)
        if self.kind == "starred":
            return Filters(starred=True)
        if self.kind == "today":
            return Filters(since=start_of_day(now))
        if self.kind == "category":
            return Filters(category=self.value)
        if self.kind == "feed":
            return Filters(feed=self.value)
        return Filters()


def start_of_day(now: datetime) -> datetime:
    """Midnight of `now`'s day in Vietnam time: "today" for a reader in Vietnam."""
    local = now.astimezone(VN_TZ)
    return datetime.combine(local.date(), time(0), tzinfo=VN_TZ)


@dataclass(frozen=True)
class CategoryCounts:
    """A sidebar group: its name, unread count and feeds."""

    name: str
    unread: int
    feeds: tuple[FeedStatus, ...]


@dataclass(frozen=True)
class SidebarData:
    """Everything the sidebar shows. `smart` maps a smart view kind to the count shown beside it:
    unread articles, except for "starred" where it is the number starred."""

    smart: dict[str, int]
    categories: tuple[CategoryCounts, ...]


class ViewQueries:
    """The sidebar's and the list's questions to one store. `clock` decides what "today" is."""

    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        self.store = store
        self.clock = clock
        self._last_search: tuple[View, list[int]] | None = None
        self._held: tuple[View, frozenset[int]] | None = None

    def sidebar(self) -> SidebarData:
        """Smart-view counts and the configured categories with their feeds, in config order."""
        statuses = self.store.feeds()
        groups: dict[str, list[FeedStatus]] = {}
        for status in statuses:
            groups.setdefault(status.category, []).append(status)
        unread = sum(s.unread for s in statuses)
        today = replace(View("today").filters(self.clock()), unread=True)
        smart = {
            "all": unread,
            "unread": unread,
            "starred": self.store.count_articles(Filters(starred=True)),
            "today": self.store.count_articles(today),
        }
        categories = tuple(
            CategoryCounts(name, sum(f.unread for f in feeds), tuple(feeds))
            for name, feeds in groups.items()
        )
        return SidebarData(smart=smart, categories=categories)

    def count(self, view: View) -> int:
        """How many articles the list has for `view`."""
        if view.kind == "search":
            return len(self._search_ids(view))
        return self.store.count_articles(self._filters(view))

    def unread_count(self, view: View) -> int:
        """How many of `view`'s articles are unread (what `A` would mark)."""
        if view.kind == "search":
            return sum(not row.read for row in self.store.rows_by_id(self._search_ids(view)))
        return self.store.count_articles(replace(view.filters(self.clock()), unread=True))

    def rows(self, view: View, offset: int, limit: int) -> list[ArticleRow]:
        """One page of the list for `view`: newest first, or best match first for a search,
        each with its snippet."""
        if view.kind == "search":
            rows = self.store.rows_by_id(self._search_ids(view)[offset : offset + limit])
            found = self.store.snippets([row.id for row in rows], view.value)
            return [replace(row, snippet=found.get(row.id, "")) for row in rows]
        return self.store.rows(self._filters(view), limit=limit, offset=offset)

    def position(self, view: View, article_id: int, limit: int) -> int | None:
        """Where article `article_id` sits among `view`'s first `limit` rows, or None. Asks for
        ids only: a search view's snippets are cut for the rows shown, not for finding one."""
        if view.kind == "search":
            ids = self._search_ids(view)[:limit]
        else:
            ids = [row.id for row in self.store.rows(self._filters(view), limit=limit, offset=0)]
        return ids.index(article_id) if article_id in ids else None

    def next_unread(
        self, view: View, *, anchor: int | None, start: int, step: int, skip: int | None = None
    ) -> tuple[int, int] | None:
        """(position, id) of the unread article of `view` nearest in reading order: article
        `anchor` itself first (position `start` when it is not in the view), then on by `step`
        (+1 down the list, -1 up), wrapping around; never article `skip`, the one being read.
        None when nothing else in the view is unread. Pages the list has not loaded count too."""
        if view.kind != "search":
            filters = self._filters(view)
            near = self._near_unread(filters, anchor=anchor, start=start, step=step, skip=skip)
            if near is not None:
                return near
            return self.store.next_unread(filters, anchor=anchor, start=start, step=step, skip=skip)
        rows = self.store.rows_by_id(self._search_ids(view))
        if not rows:
            return None
        ids = [row.id for row in rows]
        begin = ids.index(anchor) if anchor in ids else min(max(start, 0), len(rows) - 1)
        for offset in range(len(rows)):
            index = (begin + offset * step) % len(rows)
            if not rows[index].read and rows[index].id != skip:
                return index, rows[index].id
        return None

    def _near_unread(
        self, filters: Filters, *, anchor: int | None, start: int, step: int, skip: int | None
    ) -> tuple[int, int] | None:
        """`next_unread`'s answer when it lies within NEAR rows of the cursor, else None.

        The next unread article is nearly always a few rows away, and one page of rows from
        the cursor costs a few milliseconds; `store.next_unread` numbers the whole view (300 ms
        at 50,000 articles). Only when the anchor is where the caller says (`start`): otherwise
        the rows moved, and only the whole view knows where to start."""
        if start < 0 or start >= FAR_ROW:
            return None
        if step > 0:
            offset, limit = start, NEAR
        else:
            offset = max(0, start - NEAR + 1)
            limit = start - offset + 1
        rows = self.store.rows(filters, limit=limit, offset=offset)
        if not rows or len(rows) < start - offset + 1:
            return None
        if anchor is not None and rows[start - offset].id != anchor:
            return None
        numbered = list(enumerate(rows, offset))
        for position, row in numbered if step > 0 else reversed(numbered):
            if not row.read and row.id != skip:
                return position, row.id
        return None

    def next_view_with_unread(self, view: View, step: int) -> View | None:
        """Where `n` goes when `view` has nothing unread left: the next category (or feed, from a
        feed) in sidebar order, by `step`, that has unread articles; from any other view,
        Unread when anything is. None when nothing is."""
        data = self.sidebar()
        if view.kind == "category":
            counts = {c.name: c.unread for c in data.categories}
        elif view.kind == "feed":
            counts = {f.url: f.unread for c in data.categories for f in c.feeds}
        else:
            unread = View("unread")
            return unread if view != unread and data.smart["unread"] else None
        names = list(counts)
        here = names.index(view.value) if view.value in names else (-1 if step > 0 else 0)
        for offset in range(1, len(names) + 1):
            name = names[(here + offset * step) % len(names)]
            if name != view.value and counts[name]:
                return View(view.kind, name)
        return None

    def mark_read(self, view: View) -> int:
        """Mark every article of `view` read; returns how many were unread. The articles kept
        in the view (see `hold`) are let go: the user asked for the view to be done with."""
        now = self.clock()
        self.release()
        if view.kind == "search":
            ids = self._search_ids(view)
            unread = self.unread_count(view)
            self.store.mark(ids, read=True, now=now)
            return unread
        return self.store.mark_all_read(view.filters(now), now=now)

    def hold(self, view: View, ids: list[int]) -> None:
        """Keep articles `ids` in `view` whatever their read/starred state becomes, until
        another view is held or `release`: an article read in Unread (or unstarred in Starred)
        keeps its row, so a reload during a refresh moves nothing under the cursor, and the
        pages loaded later line up with those loaded before."""
        held = self._held
        kept = held[1] if held is not None and held[0] == view else frozenset()
        self._held = (view, kept | frozenset(ids))

    def release(self) -> None:
        """Let go of the held articles (the user left the view): they follow their state again."""
        self._held = None

    def forget_search(self) -> None:
        """Drop remembered search results (after a refresh changed the articles)."""
        self._last_search = None

    def last_view(self) -> View | None:
        """The view the app showed when it last closed; None when there is none, or when it
        names a category or feed the config no longer has (the user edited it meanwhile)."""
        view = View.from_key(self.store.ui_state(LAST_VIEW_KEY))
        if view is None or view.kind not in ("category", "feed"):
            return view
        statuses = self.store.feeds()
        names = {s.category if view.kind == "category" else s.url for s in statuses}
        return view if view.value in names else None

    def remember(self, view: View) -> None:
        """Keep `view` for the next start; a search is not kept (its results would be stale)."""
        if view.kind != "search":
            self.store.set_ui_state(LAST_VIEW_KEY, view.key)

    def _filters(self, view: View) -> Filters:
        filters = view.filters(self.clock())
        held = self._held
        return replace(filters, keep=held[1]) if held is not None and held[0] == view else filters

    def _search_ids(self, view: View) -> list[int]:
        # Paging through results asks for the same query again and again: answer from memory.
        if self._last_search is None or self._last_search[0] != view:
            scope = view.scope
            feed = scope.value if scope is not None and scope.kind == "feed" else None
            category = scope.value if scope is not None and scope.kind == "category" else None
            ids = self.store.search_ids(
                view.value, limit=SEARCH_LIMIT, feed=feed, category=category
            )
            self._last_search = (view, ids)
        return self._last_search[1]
