"""Feeds as the sidebar receives them (`FeedStatus`), for tests that build `SidebarData` by hand."""

from __future__ import annotations

from newsreader_tui.core.models import FeedStatus


def feed_status(
    url: str,
    title: str,
    *,
    unread: int = 1,
    category: str = "",
    error: str | None = None,
) -> FeedStatus:
    """A configured feed that was read once, holding `unread` unread articles (and no more)."""
    return FeedStatus(
        url=url,
        title=title,
        category=category,
        kind="rss",
        resolved_url=None,
        last_attempt=None,
        last_success=None,
        http_status=None,
        error=error,
        item_count=unread,
        unread=unread,
        last_new=0,
    )
