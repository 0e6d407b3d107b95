"""One module per source kind; each turns response bytes into a ParsedFeed.

`read_feed` picks the reader registered for a feed's configured kind (`dispatch.SOURCES`), or
sniffs the body for "auto"; `read_articles` also normalises (in the parse worker).
It is imported on first use: a parse worker (`python -m newsreader_tui.core.sources.worker`)
needs the parsers, not the fetching behind `read_feed` (httpx and all), and starts faster
without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dispatch import FEED_KINDS, read_articles, read_feed

__all__ = ["FEED_KINDS", "read_articles", "read_feed"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import dispatch

        return getattr(dispatch, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
