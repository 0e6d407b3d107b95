"""The limits of one transfer (core.transfer): bounded inflation, the byte budget, the deadline.

The attack tests (tests/security/test_attack_http.py) show what a refresh does with hostile
servers; these pin down the parts, and the budget against a real loopback server.
"""

from __future__ import annotations

import asyncio
import gzip
import os
import time
import zlib
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request
from werkzeug import Response as WResponse

from newsreader_tui.core.config import NetworkSettings
from newsreader_tui.core.fetch import Fetcher
from newsreader_tui.core.transfer import (
    BodyBudget,
    BodyDecoder,
    CorruptBody,
    TooLarge,
    current_deadline,
    time_allowance,
)

DATA = os.urandom(50_000) * 4 + "Thủ tướng làm việc. ".encode() * 20_000
MB = 1024 * 1024


def decode_all(encoding: str, body: bytes, limit: int, chunk: int) -> bytes:
    decoder = BodyDecoder(encoding, limit)
    return b"".join(decoder.decode(body[at : at + chunk]) for at in range(0, len(body), chunk))


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        ("gzip", gzip.compress(DATA)),
        ("x-gzip", gzip.compress(DATA)),
        ("deflate", zlib.compress(DATA)),
        ("deflate", zlib.compress(DATA)[2:-4]),  # raw deflate, as some servers send it
        ("gzip, gzip", gzip.compress(gzip.compress(DATA))),
        ("", DATA),
        ("identity", DATA),
        ("br", DATA),  # not asked for and unknown: passed through, as httpx does
    ],
)
@pytest.mark.parametrize("chunk", [1, 1000, 65536, 10 * MB])
def test_decoder_gives_the_content_whatever_the_chunks(
    encoding: str, body: bytes, chunk: int
) -> None:
    if chunk == 1 and len(body) > 200_000:
        body, expected = gzip.compress(DATA[:3000]), DATA[:3000]
        encoding = "gzip"
    else:
        expected = DATA
    assert decode_all(encoding, body, len(expected), chunk) == expected


def test_decoder_refuses_one_byte_past_the_limit() -> None:
    with pytest.raises(TooLarge):
        decode_all("gzip", gzip.compress(DATA), len(DATA) - 1, 65536)


def test_decoder_never_inflates_a_bomb_past_the_limit() -> None:
    bomb = gzip.compress(bytes(64 * MB))
    decoder = BodyDecoder("gzip", MB)
    with pytest.raises(TooLarge):
        decoder.decode(bomb)  # all of it in one chunk: 64 MB if inflated whole
    assert decoder.size <= MB


def test_decoder_says_when_the_body_is_not_compressed_as_claimed() -> None:
    with pytest.raises(CorruptBody):
        decode_all("gzip", b"plainly not gzip", 1000, 100)


# -- the budget -------------------------------------------------------------------------------


async def test_a_lone_reservation_always_fits() -> None:
    budget = BodyBudget(10)
    reservation = await budget.reserve(50)
    assert budget.reserved == 50
    reservation.release()
    reservation.release()  # idempotent
    assert budget.reserved == 0


async def test_reservations_past_the_total_wait_their_turn() -> None:
    budget = BodyBudget(100)
    order: list[str] = []
    first = await budget.reserve(60)

    async def later(name: str, size: int) -> None:
        reservation = await budget.reserve(size)
        order.append(name)
        await asyncio.sleep(0)
        reservation.release()

    waiting = [asyncio.create_task(later("b", 60)), asyncio.create_task(later("c", 10))]
    await asyncio.sleep(0.01)
    assert order == []  # c would fit, but b came first: no overtaking
    first.release()
    await asyncio.gather(*waiting)
    assert order == ["b", "c"] and budget.reserved == 0


async def test_a_task_holding_a_reservation_never_waits_on_itself() -> None:
    budget = BodyBudget(100)

    async def feed() -> int:
        page = await budget.reserve(80)  # an HTML page it holds ...
        feed_body = await budget.reserve(80)  # ... while it fetches the feed it points to
        held = budget.reserved
        feed_body.release()
        page.release()
        return held

    assert await asyncio.wait_for(feed(), 5) == 160


async def test_a_cancelled_wait_leaves_the_budget_as_it_was() -> None:
    budget = BodyBudget(100)
    first = await budget.reserve(100)
    task = asyncio.create_task(budget.reserve(50))
    await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    first.release()
    assert budget.reserved == 0
    assert (await budget.reserve(100)) is not None


async def test_a_reservation_released_from_another_thread_reaches_the_loop() -> None:
    budget = BodyBudget(100)
    reservation = await budget.reserve(100)
    await asyncio.to_thread(reservation.release)
    await asyncio.sleep(0.01)
    assert budget.reserved == 0


@pytest.fixture
def large_dripping_bodies(httpserver: HTTPServer) -> Iterator[list[str]]:
    """Six 3 MB bodies, each sent slowly enough that all six are in flight together."""
    body = b"<rss>" + b" " * (3 * MB) + b"</rss>"

    def drip(request: Request) -> WResponse:
        def chunks() -> Iterator[bytes]:
            for at in range(0, len(body), 256 * 1024):
                time.sleep(0.02)
                yield body[at : at + 256 * 1024]

        return WResponse(chunks(), content_type="application/rss+xml")

    for number in range(6):
        httpserver.expect_request(f"/big{number}").respond_with_handler(drip)
    yield [httpserver.url_for(f"/big{number}") for number in range(6)]


async def test_large_bodies_share_the_budget_and_all_arrive(
    large_dripping_bodies: list[str],
) -> None:
    settings = NetworkSettings(max_bytes=4 * MB, per_host=6, concurrency=6, timeout=60.0)
    most = 0
    async with Fetcher(settings) as fetcher:
        done = False

        async def watch() -> None:
            nonlocal most
            while not done:
                most = max(most, fetcher.budget.reserved)
                await asyncio.sleep(0.002)

        watcher = asyncio.create_task(watch())

        async def one(url: str) -> int:
            return len((await fetcher.get(url)).content)

        sizes = await asyncio.gather(*(one(url) for url in large_dripping_bodies))
        done = True
        await watcher
    assert sizes == [3 * MB + 11] * 6
    # Past 2 MB each body reserves its 4 MB cap; the budget holds two caps, so at most two of
    # the six went on at a time, and every one of them arrived.
    assert 0 < most <= fetcher.budget.total == 8 * MB


# -- the deadline -----------------------------------------------------------------------------


async def test_the_deadline_is_shared_by_a_feeds_requests_and_starts_with_the_first() -> None:
    assert current_deadline() is None
    with time_allowance(5.0) as deadline:
        assert current_deadline() is deadline
        assert deadline.remaining() == 5.0  # not started: a queued feed spends nothing
        deadline.start()
        await asyncio.sleep(0.05)
        deadline.start()  # a second request does not restart it
        assert deadline.remaining() < 5.0

        async def inside_a_task() -> object:
            return current_deadline()

        assert await asyncio.create_task(inside_a_task()) is deadline
    assert current_deadline() is None
