"""Every network setting in the config file reaches the fetcher: seen from a loopback server.

Each scenario writes a config file, loads it, and refreshes through `Service` exactly as the CLI
does; the assertion is on what the server received or did. `user_agent` was once validated and
then dropped on the way (the fetcher always sent its own); a declared network setting without a
scenario here fails `test_every_network_setting_has_a_scenario`.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request
from werkzeug import Response as WResponse

from newsreader_tui.core.config import SETTINGS, load_config
from newsreader_tui.core.errors import FetchError
from newsreader_tui.core.fetch import DEFAULT_USER_AGENT
from newsreader_tui.core.models import FetchOutcome
from support.feeds import rss, rss_item
from support.server import InFlight
from support.services import ServiceFactory

RSS = rss(rss_item("1", "Bài một"), title="Tin")

Refresh = Callable[..., Awaitable[list[FetchOutcome]]]


@pytest.fixture
def refresh(tmp_path: Path, isolated_env: Path, make_service: ServiceFactory) -> Refresh:
    """Write `[settings]` lines and feed URLs to a config file, load it, refresh every feed."""

    async def run(settings: str, *urls: str) -> list[FetchOutcome]:
        feeds = "".join(f'\n[[feeds]]\nurl = "{url}"\n' for url in urls)
        path = tmp_path / "config.toml"
        path.write_text(f"[settings]\n{settings}\n{feeds}", encoding="utf-8")
        return await make_service(settings=load_config(path)).refresh()

    return run


def slow_feeds(server: HTTPServer, name: str, count: int = 3) -> tuple[InFlight, list[str]]:
    """`count` feeds under /`name`/ that take 0.3 s each, counted by one `InFlight`."""
    counter = InFlight(RSS, content_type="application/rss+xml", delay=0.3)
    urls = []
    for number in range(count):
        server.expect_request(f"/{name}/{number}.rss").respond_with_handler(counter)
        urls.append(server.url_for(f"/{name}/{number}.rss"))
    return counter, urls


async def test_user_agent(httpserver: HTTPServer, refresh: Refresh) -> None:
    seen: list[str] = []

    def handler(request: Request) -> WResponse:
        seen.append(request.headers.get("User-Agent", ""))
        return WResponse(RSS, content_type="application/rss+xml")

    httpserver.expect_request("/rss").respond_with_handler(handler)
    url = httpserver.url_for("/rss")
    [outcome] = await refresh('user_agent = "Mozilla/5.0 (compatible; thu-nghiem)"', url)
    assert outcome.ok, outcome
    [outcome] = await refresh("", url)
    assert outcome.ok, outcome
    assert seen == ["Mozilla/5.0 (compatible; thu-nghiem)", DEFAULT_USER_AGENT]


async def test_timeout(httpserver: HTTPServer, refresh: Refresh) -> None:
    def slow(request: Request) -> WResponse:
        time.sleep(1.5)
        return WResponse(RSS, content_type="application/rss+xml")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    [outcome] = await refresh("timeout = 0.4\nretries = 0", httpserver.url_for("/slow"))
    assert outcome.error and "timed out after 0.4 s" in outcome.error


@pytest.fixture
def unanswered_port() -> Iterator[int]:
    """A port whose listen queue is full, so that a new connection is never completed."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    fillers = []
    for _ in range(3):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    yield port
    for sock in (*fillers, server):
        sock.close()


async def test_connect_timeout(unanswered_port: int, refresh: Refresh) -> None:
    url = f"http://127.0.0.1:{unanswered_port}/rss"
    started = time.monotonic()
    [outcome] = await refresh("connect_timeout = 0.3\nretries = 0", url)
    assert outcome.error == "could not connect to 127.0.0.1: timed out after 0.3 s"
    assert time.monotonic() - started < 5


async def test_per_host(httpserver: HTTPServer, refresh: Refresh) -> None:
    counter, urls = slow_feeds(httpserver, "one")
    assert all(o.ok for o in await refresh("per_host = 1\nconcurrency = 16", *urls))
    assert counter.most == 1
    # The server can be seen serving several at once, or the 1 above would prove nothing.
    counter, urls = slow_feeds(httpserver, "three")
    assert all(o.ok for o in await refresh("per_host = 3\nconcurrency = 16", *urls))
    assert counter.most > 1


async def test_concurrency(httpserver: HTTPServer, refresh: Refresh) -> None:
    counter, urls = slow_feeds(httpserver, "one")
    assert all(o.ok for o in await refresh("per_host = 3\nconcurrency = 1", *urls))
    assert counter.most == 1


@pytest.mark.parametrize(
    ("line", "limit"), [("max_bytes = 1000", "1000 bytes"), ("max_mb = 0.001", "1.02 KB")]
)
async def test_max_bytes(httpserver: HTTPServer, refresh: Refresh, line: str, limit: str) -> None:
    httpserver.expect_request("/big").respond_with_data(RSS + b" " * 2000)
    [outcome] = await refresh(line, httpserver.url_for("/big"))
    assert outcome.error == f"response from 127.0.0.1 is larger than the {limit} limit"


async def test_retries(httpserver: HTTPServer, refresh: Refresh) -> None:
    replies = iter([WResponse("busy", status=503), WResponse(RSS)])
    httpserver.expect_request("/flaky").respond_with_handler(lambda request: next(replies))
    [outcome] = await refresh("retries = 1", httpserver.url_for("/flaky"))
    assert outcome.ok, outcome
    assert len(httpserver.log) == 2
    httpserver.clear()
    httpserver.expect_request("/flaky").respond_with_data("busy", status=503)
    [outcome] = await refresh("retries = 0", httpserver.url_for("/flaky"))
    assert outcome.http_status == 503 and len(httpserver.log) == 1


async def test_proxy(httpserver: HTTPServer, refresh: Refresh) -> None:
    """The loopback server plays the proxy: it is asked for a host that does not exist."""
    hosts: list[str] = []

    def proxy(request: Request) -> WResponse:
        hosts.append(request.host)
        return WResponse(RSS, content_type="application/rss+xml")

    httpserver.expect_request("/rss").respond_with_handler(proxy)
    proxy_url = f"http://127.0.0.1:{httpserver.port}"
    [outcome] = await refresh(f'proxy = "{proxy_url}"', "http://tin.example.invalid/rss")
    assert outcome.ok, outcome
    assert hosts == ["tin.example.invalid"]


async def test_verify(httpserver: HTTPServer, refresh: Refresh, tmp_path: Path) -> None:
    """A CA bundle path in the file is the one the fetcher loads (this one is not a bundle)."""
    (tmp_path / "office-ca.pem").write_text("not a certificate")
    with pytest.raises(FetchError, match=r"the CA bundle '.*office-ca\.pem' could not be loaded"):
        await refresh('verify = "office-ca.pem"', httpserver.url_for("/rss"))


SCENARIOS = {
    "user_agent": test_user_agent,
    "timeout": test_timeout,
    "connect_timeout": test_connect_timeout,
    "per_host": test_per_host,
    "concurrency": test_concurrency,
    "max_bytes": test_max_bytes,
    "retries": test_retries,
    "proxy": test_proxy,
    "verify": test_verify,
}


def test_every_network_setting_has_a_scenario() -> None:
    assert set(SCENARIOS) == {item.key for item, network in SETTINGS if network}
