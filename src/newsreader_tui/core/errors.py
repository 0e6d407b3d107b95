"""Errors the core raises for bad input. Each carries one plain sentence for the user."""

from __future__ import annotations


class NewsreaderError(Exception):
    """Base for errors that are the user's or the network's, not bugs: shown without a traceback."""


class ConfigError(NewsreaderError):
    """The config or OPML file is invalid; the message names the file, line and key."""


class FetchError(NewsreaderError):
    """A feed could not be downloaded. `status` is the HTTP status when there was one."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class ParseError(NewsreaderError):
    """A response was downloaded but is not a feed we can read."""


class StoreError(NewsreaderError):
    """The cache database cannot be used (e.g. written by a newer version)."""
