"""Rule 3 under the batched refresh (issue 10): a refresh killed with SIGKILL loses nothing it
had reported stored, and two instances refreshing the same cache at once lose nothing and
leave it sound. Real processes, real loopback feeds, the command line as a user runs it."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsreader_tui.core.store import open_cache
from support.caches import ITEMS, Cache, quick_check, serve_more, states
from support.feeds import rss, rss_item

MORE = 40
"""New articles the cache's feed has on top of the ones stored."""


def refresh_process(cache: Cache) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsreader_tui", *cache.argv("refresh")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def add_feeds(cache: Cache, urls: list[str]) -> None:
    text = cache.config.read_text(encoding="utf-8")
    text += "".join(f'\n[[feeds]]\nurl = "{url}"\ntimeout = 120\n' for url in urls)
    cache.config.write_text(text, encoding="utf-8")


@pytest.fixture
def held_feed(httpserver: HTTPServer, cache: Cache) -> Iterator[Cache]:
    """The cache's feed with MORE new articles, and a second feed whose server never answers
    while the test runs: a refresh of both stores the first and waits on the second."""
    release = threading.Event()

    def never(request: Request) -> Response:
        release.wait(120)
        return Response(rss(rss_item("h1", "Tin muộn")))

    serve_more(httpserver, cache, MORE)
    httpserver.expect_request("/rss/cham.rss").respond_with_handler(never)
    add_feeds(cache, [httpserver.url_for("/rss/cham.rss")])
    try:
        yield cache
    finally:
        release.set()


def test_a_refresh_killed_mid_way_keeps_what_it_reported(held_feed: Cache) -> None:
    cache = held_feed
    process = refresh_process(cache)
    assert process.stdout is not None
    first = process.stdout.readline()  # a feed's line: printed once it is committed
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert first.strip() and process.returncode == -signal.SIGKILL
    with open_cache(cache.path) as store:  # checks the file (the -wal was left behind)
        assert store.notices == []
    after = states(cache.path)
    assert {key: after[key] for key in cache.state} == cache.state  # read and starred kept
    assert {f"guid:k{n}" for n in range(ITEMS, ITEMS + MORE)} <= set(after)
    assert "guid:h1" not in after
    assert quick_check(cache.path) == "ok"


@pytest.fixture
def many_feeds(httpserver: HTTPServer, cache: Cache) -> tuple[Cache, set[str]]:
    """The cache's feed with MORE new articles and six more feeds of 30 articles each."""
    serve_more(httpserver, cache, MORE)
    urls, keys = [], set()
    for feed in range(6):
        items = [rss_item(f"f{feed}-{n}", f"Tin {n} của báo {feed}") for n in range(30)]
        path = f"/rss/bao{feed}.rss"
        httpserver.expect_request(path).respond_with_data(rss(*items))
        urls.append(httpserver.url_for(path))
        keys |= {f"guid:f{feed}-{n}" for n in range(30)}
    add_feeds(cache, urls)
    return cache, keys | {f"guid:k{n}" for n in range(ITEMS + MORE)}


def test_two_instances_refreshing_at_once_lose_nothing(many_feeds: tuple[Cache, set[str]]) -> None:
    cache, keys = many_feeds
    processes = [refresh_process(cache) for _ in range(2)]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert "Traceback" not in err
    after = states(cache.path)
    assert set(after) == keys  # every article, each once
    assert {key: after[key] for key in cache.state} == cache.state
    assert quick_check(cache.path) == "ok"
