"""One module per source kind; each turns response bytes into a ParsedFeed.

`read_feed` picks the module for a feed's configured kind, or sniffs the body for "auto".
It is imported on first use: a parse worker (`python -m newsreader_tui.core.sources.worker`)
needs the parsers, not the fetching behind `read_feed` (httpx and all), and starts faster
without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dispatch import read_feed

__all__ = ["read_feed"]


def __getattr__(name: str) -> Any:
    if name == "read_feed":
        from .dispatch import read_feed

        return read_feed
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
