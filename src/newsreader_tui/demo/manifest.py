"""The demo's facts, read once from `manifest.toml`: its feeds, base date and base-URL token.

The sample config (`feeds.py`), the server and the generator all read them from here, so a feed
is described in one place.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from newsreader_tui.core.models import FeedConfig


@dataclass(frozen=True)
class DemoFeed:
    """One demo feed: where the server has it and how a config would describe it."""

    path: str
    """Path on the demo server, starting with "/"."""
    title: str
    category: str
    kind: str = "auto"
    json_paths: Mapping[str, str] = field(default_factory=dict)
    timezone: str | None = None
    full_text: bool = False
    articles: int = 10
    """How many articles the served document lists."""
    source: str = ""
    """Name of the `articles/<source>.toml` file the generator writes this feed from."""

    def config(self, base_url: str) -> FeedConfig:
        """This feed as a config entry for a server at `base_url`."""
        return FeedConfig(
            url=base_url.rstrip("/") + self.path,
            title=self.title,
            category=self.category,
            kind=self.kind,
            json_paths=dict(self.json_paths),
            timezone=self.timezone,
            full_text=self.full_text,
        )


@dataclass(frozen=True)
class Manifest:
    base_date: datetime
    """The fixed "today" the demo articles were written against (aware, +07:00)."""
    base_token: str
    """What served files write where the server's own base URL belongs."""
    feeds: tuple[DemoFeed, ...]
    """Every demo feed, in the order the sample config lists them."""

    @property
    def json_api_paths(self) -> Mapping[str, str]:
        """Where the fields of the generic JSON API live (its feed's `[feeds.json]`)."""
        return next(feed.json_paths for feed in self.feeds if feed.kind == "json")


def _feed(entry: dict[str, Any]) -> DemoFeed:
    paths = MappingProxyType(dict(entry.pop("json", {})))
    return DemoFeed(json_paths=paths, **entry)


@cache
def load_manifest() -> Manifest:
    """The parsed `manifest.toml` (read once; it ships inside the package)."""
    text = resources.files(__package__ or "newsreader_tui.demo").joinpath("manifest.toml")
    data = tomllib.loads(text.read_text(encoding="utf-8"))
    base_date = data["base_date"]
    if not isinstance(base_date, datetime) or base_date.tzinfo is None:
        raise ValueError("manifest.toml: base_date must be a date-time with an offset")
    feeds = tuple(_feed(dict(entry)) for entry in data["feeds"])
    return Manifest(base_date=base_date, base_token=data["base_token"], feeds=feeds)
