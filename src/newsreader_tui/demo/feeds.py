"""The demo feeds as config entries and as a sample config file; the feeds are in manifest.toml."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from newsreader_tui.core.config import toml_string
from newsreader_tui.core.models import FeedConfig
from newsreader_tui.demo.manifest import DemoFeed, load_manifest

BASE_DATE: datetime = load_manifest().base_date
"""The fixed "today" the demo articles were written against; their dates lead up to it."""

API_JSON_PATHS: Mapping[str, str] = load_manifest().json_api_paths
"""Where the fields of the generic JSON API (`/api/thong-bao.json`) live."""

DEMO_FEEDS: tuple[DemoFeed, ...] = load_manifest().feeds
"""Every demo feed, in the order the sample config lists them."""


def demo_feeds(base_url: str) -> tuple[FeedConfig, ...]:
    """Config entries for every demo feed on a DemoServer at `base_url`."""
    return tuple(feed.config(base_url) for feed in DEMO_FEEDS)


def demo_config_text(base_url: str) -> str:
    """The demo feeds as a TOML config file (what `demo_feeds` returns, written out)."""
    blocks = [
        "# newsreader-tui demo config: every feed is served by the demo server on this machine.\n"
        f"# The server must be running at {base_url} for these URLs to work.\n"
    ]
    for feed in demo_feeds(base_url):
        lines = [
            "[[feeds]]",
            f"url = {toml_string(feed.url)}",
            f"title = {toml_string(feed.title or '')}",
            f"category = {toml_string(feed.category or '')}",
        ]
        if feed.kind != "auto":
            lines.append(f"kind = {toml_string(feed.kind)}")
        if feed.timezone:
            lines.append(f"timezone = {toml_string(feed.timezone)}")
        if feed.full_text:
            lines.append("full_text = true")
        if feed.json_paths:
            lines.append("[feeds.json]")
            lines.extend(f"{key} = {toml_string(path)}" for key, path in feed.json_paths.items())
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)
