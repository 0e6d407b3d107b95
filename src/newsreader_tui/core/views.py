"""Views: what the article list shows (a smart view, a category, a feed or a search), and the
queries behind the sidebar and the list.

`View` names a list; `ViewQueries` answers for it from the store: the sidebar's counts, how many
articles a view has, one page of its rows, marking it all read, and the view to reopen on the
next start. Search results are remembered between pages, since paging asks for the same query
again and again. Every method is synchronous SQLite work: the UI calls them in thread workers.
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
LAST_VIEW_KEY = "last_view"
"""The store's UI-state key for the view to reopen."""


@dataclass(frozen=True)
class View:
    """One list of articles. `value` is the category name, feed URL or search query."""

    kind: str
    value: str = ""

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
        self._last_search: tuple[str, list[int]] | None = None

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
            return len(self._search_ids(view.value))
        return self.store.count_articles(view.filters(self.clock()))

    def rows(self, view: View, offset: int, limit: int) -> list[ArticleRow]:
        """One page of the list for `view`: newest first, or best match first for a search."""
        if view.kind == "search":
            return self.store.rows_by_id(self._search_ids(view.value)[offset : offset + limit])
        return self.store.rows(view.filters(self.clock()), limit=limit, offset=offset)

    def mark_read(self, view: View) -> int:
        """Mark every article of `view` read; returns how many there were (for a search) or how
        many changed (otherwise)."""
        now = self.clock()
        if view.kind == "search":
            ids = self._search_ids(view.value)
            self.store.mark(ids, read=True, now=now)
            return len(ids)
        return self.store.mark_all_read(view.filters(now), now=now)

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

    def _search_ids(self, query: str) -> list[int]:
        # Paging through results asks for the same query again and again: answer from memory.
        if self._last_search is None or self._last_search[0] != query:
            self._last_search = (query, self.store.search_ids(query, limit=SEARCH_LIMIT))
        return self._last_search[1]
