"""The readers a parse worker may use, registered by body format, in order of preference.

Every body reader has one call signature, `reader(job) -> ParsedFeed`, and may raise
`Declined` to hand the body to the next reader of its format: the fast XML reader
(`fast_xml`, feedparser-rs) declines whatever it might read differently from feedparser, which
is registered after it as the reference that reads everything. Adding a format, or another
reader for one, is one function and one `@body_reader(...)` line, as lemon24/reader mounts its
parsers by MIME type. The kinds a feed may be configured with, and the sniffer for "auto", are
the other half of the interface (`dispatch.SOURCES`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import NewArticle, ParsedFeed

if TYPE_CHECKING:
    from .worker import Job

__all__ = [
    "BODY_FORMATS",
    "BodyReader",
    "Declined",
    "FeedArticles",
    "body_reader",
    "body_readers",
]

BodyReader = Callable[["Job"], ParsedFeed]


class Declined(Exception):
    """This reader leaves the body to the next one of its format; the message says why."""


@dataclass(frozen=True)
class FeedArticles:
    """A feed read and normalised in a parse worker: `feed` without its raw items (they stay
    in the worker), `articles` ready for storage, so the app's process has nothing left to do
    per item but unpickle and store it. (Defined here, not in the worker module: that runs as
    __main__, and what it pickles must name a module the app can import.)"""

    feed: ParsedFeed
    articles: tuple[NewArticle, ...]


_READERS: dict[str, list[tuple[BodyReader, bool]]] = {}


def body_reader(fmt: str, *, fast: bool = False) -> Callable[[BodyReader], BodyReader]:
    """Register a reader for bodies of format `fmt`, after those already registered. A `fast`
    reader is one a job may ask to skip (`Job.fast = False`: the reference path alone)."""

    def mount(reader: BodyReader) -> BodyReader:
        _READERS.setdefault(fmt, []).append((reader, fast))
        return reader

    return mount


def body_readers(fmt: str, *, fast: bool = True) -> list[BodyReader]:
    """The readers for `fmt` in order; without `fast`, only the reference ones."""
    readers = [reader for reader, is_fast in _READERS.get(fmt, ()) if fast or not is_fast]
    if not readers:
        raise LookupError(f"no reader for {fmt!r} bodies")
    return readers


# -- the built-in readers -----------------------------------------------------------------------


@body_reader("xml", fast=True)
def _fast_xml(job: Job) -> ParsedFeed:
    from . import fast_xml

    return fast_xml.read(job.body, job.headers, job.url)


@body_reader("xml")
def _feedparser(job: Job) -> ParsedFeed:
    from . import rss_atom

    return rss_atom.parse(job.body, job.headers, job.url)


@body_reader("jsonfeed")
def _json_feed(job: Job) -> ParsedFeed:
    from . import json_feed

    return json_feed.parse(job.body, job.url)


@body_reader("json")
def _json_api(job: Job) -> ParsedFeed:
    from . import json_api

    return json_api.parse(job.body, job.url, job.json_paths)


BODY_FORMATS: tuple[str, ...] = tuple(_READERS)
"""The body formats a worker reads: what `detect.sniff` names, less "html" and "unknown"."""
