"""One interface for every source, and normalisation in the parse worker (issue 10, items 1, 2).

Kinds a feed may be configured with are the registry's (`dispatch.SOURCES`); bodies are read by
the readers registered per format, the fast XML reader first; and a worker answers a job that
carries a zone with finished articles, so the app's process normalises nothing itself.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from newsreader_tui.core import normalize
from newsreader_tui.core.config import NetworkSettings
from newsreader_tui.core.dates import VN_TZ
from newsreader_tui.core.fetch import Fetcher
from newsreader_tui.core.models import FEED_KINDS, FeedConfig, ParsedFeed
from newsreader_tui.core.normalize import normalise_items
from newsreader_tui.core.sources import dispatch, fast_xml, isolate, read_articles, registry
from newsreader_tui.core.sources.worker import FeedArticles, Job, run_job
from support.data import feed_file
from support.parsers import parse_path
from support.portal_feeds import portal_rss

pytestmark = pytest.mark.usefixtures(parse_path.__name__)

URL = "https://portal.example.vn/rss/tin-tuc.rss"
RSS_TYPE = "application/rss+xml; charset=utf-8"


# -- one interface ------------------------------------------------------------------------------


def test_feed_kinds_are_the_registered_readers_in_the_documented_order() -> None:
    # The config validates against models.FEED_KINDS (config sits below sources in the
    # layers); the registry must offer exactly those kinds, so one cannot drift from the other.
    assert tuple(dispatch.SOURCES) == dispatch.FEED_KINDS == FEED_KINDS
    assert dispatch.FEED_KINDS[0] == "auto"
    with pytest.raises(ValueError, match="'gopher' is not in models"):
        dispatch.source("gopher")(dispatch.SOURCES["rss"])


def test_xml_is_read_fast_first_then_by_feedparser() -> None:
    fast, reference = registry.body_readers("xml")
    assert fast.__name__ == "_fast_xml"
    assert registry.body_readers("xml", fast=False) == [reference]
    assert {"xml", "jsonfeed", "json"} <= set(registry.BODY_FORMATS)
    with pytest.raises(LookupError):
        registry.body_readers("gopher")


@pytest.fixture(params=[registry.Declined("not mine"), RuntimeError("a bug")])
def extra_reader(request: pytest.FixtureRequest) -> Iterator[list[str]]:
    """A reader registered in front of all others for "xml" that declines, or fails with a
    bug; removed afterwards."""
    seen: list[str] = []

    def fails(job: Job) -> ParsedFeed:
        seen.append(job.url)
        raise request.param

    registry.body_reader("xml")(fails)
    readers = registry._READERS["xml"]
    readers.insert(0, readers.pop())
    yield seen
    readers.pop(0)


def test_a_reader_in_front_that_declines_or_fails_hands_the_body_on(
    extra_reader: list[str],
) -> None:
    parsed = run_job(Job("xml", feed_file("rss_utf8.xml"), URL))
    assert extra_reader == [URL]
    assert isinstance(parsed, ParsedFeed) and len(parsed.items) == 6


# -- normalised in the worker -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["rss_utf8.xml", "rss_cp1258.xml", "atom_relative.xml"])
def test_a_job_with_a_zone_comes_back_as_the_articles_the_app_would_make(name: str) -> None:
    job = Job("xml", feed_file(name), URL, max_items=5, fast=dispatch.FAST_PARSE)
    parsed = run_job(job)
    assert isinstance(parsed, ParsedFeed)
    done = run_job(Job("xml", job.body, URL, max_items=5, tz=VN_TZ, fast=dispatch.FAST_PARSE))
    assert isinstance(done, FeedArticles)
    assert done.feed.items == () and done.feed.title == parsed.title
    assert list(done.articles) == normalise_items(parsed.items, base_url=URL, tz=VN_TZ, limit=5)


async def test_the_apps_process_normalises_nothing_of_a_worker_parsed_feed(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def not_here(*args: object, **kwargs: object) -> None:
        raise AssertionError("normalised in the app's process")

    monkeypatch.setattr(normalize, "normalise_item", not_here)
    httpserver.expect_request("/rss").respond_with_data(portal_rss(50, "t-"), content_type=RSS_TYPE)
    config = FeedConfig(url=httpserver.url_for("/rss"), max_items=30)
    async with Fetcher(NetworkSettings(retries=0)) as fetcher:
        response = await fetcher.get(config.url)
        feed, articles = await read_articles(fetcher, config, response, tz=VN_TZ)
    assert feed.title == "Báo t-" and feed.items == ()
    assert len(articles) == 30
    first = articles[0]
    assert first.key == "guid:t-0" and first.title.startswith("Tin t-0: Thủ tướng")
    assert first.published is not None and first.published.utcoffset() == VN_TZ.utcoffset(None)
    assert first.image == httpserver.url_for("/uploads/t-0-anh.jpg")


# -- where the fast reader cannot run ----------------------------------------------------------


def test_without_feedparser_rs_feedparser_reads_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast_xml, "feedparser_rs", None)
    with pytest.raises(registry.Declined, match="not installed"):
        fast_xml.read(feed_file("rss_utf8.xml"), {}, URL)
    parsed = run_job(Job("xml", feed_file("rss_utf8.xml"), URL, fast=dispatch.FAST_PARSE))
    assert isinstance(parsed, ParsedFeed) and len(parsed.items) == 6


def test_a_worker_killed_by_an_abort_counts_as_out_of_memory() -> None:
    # Rust's allocator aborts the process when the worker's memory limit refuses it.
    aborted = subprocess.Popen([sys.executable, "-c", "import os; os.abort()"])
    ended = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    assert isolate._aborted(aborted) is True
    assert isolate._aborted(ended) is False
