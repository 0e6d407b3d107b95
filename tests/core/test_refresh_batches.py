"""A refresh stores feeds in batches (core.refresh.writer) yet shows the first feeds at once, and
a refresh where nothing changed parses nothing and writes one small row per feed."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsreader_tui.core import service as service_module
from newsreader_tui.core.models import FeedConfig, FetchOutcome
from newsreader_tui.core.refresh import BatchWriter
from newsreader_tui.core.refresh import writer as writer_module
from newsreader_tui.core.sources.isolate import POOL
from newsreader_tui.core.store import FeedWrite, Store
from support.articles import new_article
from support.clock import NOW
from support.feeds import rss, rss_item
from support.services import ServiceFactory

FEEDS = [f"https://bao{n}.example.vn/rss" for n in range(10)]


def feed_write(url: str, count: int = 3) -> FeedWrite:
    items = [new_article(f"{url}#{n}", f"Tin {n}") for n in range(count)]
    return FeedWrite(FetchOutcome(url, "ok", http_status=200, total=count), items=items)


def stored_elsewhere(path: Path, url: str) -> int:
    """Articles of `url` that another connection (another process would) sees committed."""
    with sqlite3.connect(path) as conn:
        row = conn.execute(
            "SELECT COUNT(*) FROM articles JOIN feeds ON feeds.id = articles.feed_id "
            "WHERE feeds.url = ?",
            (url,),
        ).fetchone()
    return int(row[0])


def test_feeds_that_finish_together_are_written_in_one_transaction(tmp_path: Path) -> None:
    async def run(store: Store) -> tuple[list[FetchOutcome], int]:
        writer = BatchWriter(store, lambda: NOW)
        outcomes = await asyncio.gather(*(writer.write(feed_write(url)) for url in FEEDS))
        return outcomes, writer.batches

    with Store.open(tmp_path / "cache.db") as store:
        outcomes, batches = asyncio.run(run(store))
        assert batches == 1
        assert [(o.url, o.new) for o in outcomes] == [(url, 3) for url in FEEDS]
        assert store.count_articles() == 30


def test_a_batch_stays_short_however_many_feeds_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer_module, "MAX_ARTICLES", 10)

    async def run(store: Store) -> int:
        writer = BatchWriter(store, lambda: NOW)
        await asyncio.gather(*(writer.write(feed_write(url, 4)) for url in FEEDS))
        return writer.batches

    with Store.open(tmp_path / "cache.db") as store:
        assert asyncio.run(run(store)) == 5  # two feeds (8 articles) per transaction
        assert store.count_articles() == 40


def test_a_later_batch_waits_for_the_feeds_still_expected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each commit costs about the same however many feeds it holds: after the first, a batch
    waits a moment for the feeds the refresh still expects rather than being written alone."""
    monkeypatch.setattr(writer_module, "GATHER_SECONDS", 30.0)  # only the feeds end the wait

    async def run(store: Store) -> tuple[int, list[int]]:
        writer = BatchWriter(store, lambda: NOW, expected=3, most=5)
        first = await writer.write(feed_write(FEEDS[0]))  # at once, alone
        second = asyncio.create_task(writer.write(feed_write(FEEDS[1])))
        for _ in range(5):
            await asyncio.sleep(0)  # the writer has the second feed and waits for the third
        third = await writer.write(feed_write(FEEDS[2]))
        return writer.batches, [first.new, (await second).new, third.new]

    with Store.open(tmp_path / "cache.db") as store:
        assert asyncio.run(run(store)) == (2, [3, 3, 3])
        assert store.count_articles() == 9


def test_each_feed_is_committed_before_its_write_returns(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"

    async def one(writer: BatchWriter, url: str) -> int:
        await writer.write(feed_write(url))
        return stored_elsewhere(path, url)

    async def run(store: Store) -> list[int]:
        writer = BatchWriter(store, lambda: NOW)
        return list(await asyncio.gather(*(one(writer, url) for url in FEEDS)))

    with Store.open(path) as store:
        assert asyncio.run(run(store)) == [3] * len(FEEDS)


def test_the_first_feeds_show_while_a_slow_one_is_still_fetched(
    httpserver: HTTPServer, make_service: ServiceFactory
) -> None:
    released = threading.Event()

    def slow(request: Request) -> Response:
        released.wait(30)  # until the fast feed's articles were seen (the test fails otherwise)
        return Response(rss(rss_item("s1", "Tin chậm")))

    httpserver.expect_request("/nhanh.rss").respond_with_data(
        rss(rss_item("f1", "Tin nhanh một"), rss_item("f2", "Tin nhanh hai"))
    )
    httpserver.expect_request("/cham.rss").respond_with_handler(slow)
    fast, held = httpserver.url_for("/nhanh.rss"), httpserver.url_for("/cham.rss")
    service = make_service(FeedConfig(held), FeedConfig(fast), timeout=40.0)
    seen: list[tuple[str, int]] = []

    def progress(outcome: FetchOutcome, done: int, total: int) -> None:
        seen.append((outcome.url, stored_elsewhere(service.store.path, outcome.url)))
        released.set()

    outcomes = asyncio.run(service.refresh(progress=progress))
    assert [o.new for o in outcomes] == [1, 2]
    assert seen == [(fast, 2), (held, 1)]


def test_a_refresh_where_nothing_changed_parses_nothing_and_writes_a_row_per_feed(
    httpserver: HTTPServer, make_service: ServiceFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = rss(*(rss_item(str(n), f"Tin số {n}") for n in range(20)))

    def conditional(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(doc, headers={"ETag": '"v1"'})

    httpserver.expect_request("/tagged.rss").respond_with_handler(conditional)
    for n in range(3):
        httpserver.expect_request(f"/plain{n}.rss").respond_with_data(doc)
    urls = [
        httpserver.url_for("/tagged.rss"),
        *(httpserver.url_for(f"/plain{n}.rss") for n in range(3)),
    ]
    service = make_service(*(FeedConfig(url) for url in urls))
    first = asyncio.run(service.refresh())
    assert [o.new for o in first] == [20] * 4

    parses: list[Any] = []
    monkeypatch.setattr(POOL, "warm", lambda: parses.append("warm"))
    monkeypatch.setattr(POOL, "parse", lambda *args: parses.append(args))
    seen: list[str] = []
    service.store._conn.set_trace_callback(seen.append)
    try:
        second = asyncio.run(service.refresh())
    finally:
        service.store._conn.set_trace_callback(None)
    assert [o.status for o in second] == ["not_modified", "unchanged", "unchanged", "unchanged"]
    assert parses == []  # no parse, and no parse worker started for nothing
    feed_writes = [s for s in seen if s.lstrip().upper().startswith("UPDATE FEEDS")]
    assert len(feed_writes) == len(urls)
    assert not [s for s in seen if "INSERT" in s.upper()]
    state_reads = [s for s in seen if s.lstrip().startswith("SELECT") and "etag" in s]
    assert len(state_reads) == 1  # every feed's validators in one query


def test_only_so_many_feeds_are_in_flight_while_the_store_is_busy(
    httpserver: HTTPServer, make_service: ServiceFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Downloads run ahead of storing only so far: while another connection holds the cache's
    write lock, no more than the in-flight limit of bodies is fetched (and kept in memory)."""
    monkeypatch.setattr(service_module, "BODIES_PER_CONNECTION", 3)  # with concurrency 1
    urls = [httpserver.url_for(f"/bao{n}.rss") for n in range(8)]
    service = make_service(*(FeedConfig(url) for url in urls), concurrency=1)
    blocker = sqlite3.connect(service.store.path, check_same_thread=False, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another instance writing: no feed can be committed
    lock = threading.Lock()
    committed_when_asked: list[int] = []

    def answer(request: Request) -> Response:
        with lock:
            with sqlite3.connect(service.store.path) as reader:
                count = reader.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            committed_when_asked.append(count)
            if len(committed_when_asked) == 3:
                blocker.execute("ROLLBACK")  # the other instance is done
        return Response(rss(rss_item(request.path, f"Tin {request.path}")))

    for n in range(8):
        httpserver.expect_request(f"/bao{n}.rss").respond_with_handler(answer)
    try:
        outcomes = asyncio.run(service.refresh())
    finally:
        blocker.close()
    assert [o.new for o in outcomes] == [1] * 8
    # The first three were fetched while nothing could be stored; each later one only once a
    # feed before it had been stored and let go of its body.
    assert committed_when_asked[:3] == [0, 0, 0]
    assert all(count > 0 for count in committed_when_asked[3:])


def test_a_feed_never_read_starts_the_parse_workers_with_the_first_downloads(
    httpserver: HTTPServer, make_service: ServiceFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker takes a few tenths of a second to start: on a first refresh its body will need
    one, so the start overlaps the download instead of following it."""
    events: list[str] = []

    def answer(request: Request) -> Response:
        events.append("request")
        return Response(rss(rss_item("1", "Tin số 1")))

    httpserver.expect_request("/moi.rss").respond_with_handler(answer)
    monkeypatch.setattr(POOL, "warm", lambda: events.append("warm"))
    service = make_service(FeedConfig(httpserver.url_for("/moi.rss")))
    [outcome] = asyncio.run(service.refresh())
    assert outcome.new == 1
    assert events == ["warm", "request"]
