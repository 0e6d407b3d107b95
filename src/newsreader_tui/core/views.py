"""Views: what the article list shows (a smart view, a category, a feed or a search)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from .dates import VN_TZ
from .store import Filters

SMART_VIEWS: tuple[str, ...] = ("all", "unread", "starred", "today")
VIEW_KINDS: tuple[str, ...] = (*SMART_VIEWS, "category", "feed", "search")


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
