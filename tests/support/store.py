"""The feeds the store tests' `store` fixture configures (tests/core/store/conftest.py)."""

from __future__ import annotations

from newsreader_tui.core.models import FeedConfig

FEED_A = "https://a.example/rss"
"""Configured first, as "Báo A" in the category "Tin tức"."""
FEED_B = "https://b.example/rss"
"""Configured second, as "Báo B" with no category (so in the default one)."""
TWO_FEEDS = (
    FeedConfig(url=FEED_A, title="Báo A", category="Tin tức"),
    FeedConfig(url=FEED_B, title="Báo B"),
)
