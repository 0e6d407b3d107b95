"""Fixtures for the app tests: the demo feeds fetched once into a cache, copied for each test.

Every test runs against the real HTTP path's results (the shipped demo data served on 127.0.0.1)
but starts from a copy of one cache filled at the start of the session, so a test never waits on
a refresh it is not about. The clock is fixed at the demo's "today" (2026-11-20 12:00 +07:00):
dates, the "Hôm nay" view and the snapshots come out the same on every run.

The template cache is filled from a demo server on a fixed port (`CACHE_PORT`) because article
URLs carry the port and the reader shows them: a random port would change the snapshots.
"""

from __future__ import annotations

import asyncio
import errno
import html
import re
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

from newsreader_tui.core.config import Settings
from newsreader_tui.core.service import Service
from newsreader_tui.core.store import Store
from newsreader_tui.demo import BASE_DATE, DemoServer, demo_feeds
from newsreader_tui.ui.app import NewsreaderApp, make_app

CACHE_PORT = 28731
"""Port of the demo server that fills the template cache (below Linux's ephemeral range)."""
CACHE_BASE_URL = f"http://127.0.0.1:{CACHE_PORT}"
BIND_WAIT = 30.0
"""Seconds to wait for `CACHE_PORT` when another test run holds it (it does for about a second)."""
CACHE_NAME = "cache.sqlite3"


def fixed_clock() -> datetime:
    """The demo's "now": 2026-11-20 12:00 +07:00."""
    return BASE_DATE


def demo_settings(base_url: str, **changes: Any) -> Settings:
    """The demo feeds at `base_url`, no retries (a failure is final at once), mark read at once."""
    values: dict[str, Any] = {
        "feeds": demo_feeds(base_url),
        "retries": 0,
        "mark_read_delay": 0.0,
        "language": "vi",
    }
    values.update(changes)
    return Settings.flat(**values)


def open_service(settings: Settings, data_dir: Path) -> Service:
    """A service over `data_dir`'s cache with the fixed clock, as the CLI would open it."""
    return Service(settings, Store.open(data_dir / CACHE_NAME), clock=fixed_clock)


async def prefill(service: Service) -> None:
    """Fetch every configured feed, one at a time so article ids are the same on every run."""
    for feed in service.feeds:
        outcomes = await service.refresh([feed])
        assert all(outcome.ok for outcome in outcomes), outcomes


def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loopback requests go straight to the server, whatever proxy the environment names."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def start_server(port: int = 0, *, wait: float = BIND_WAIT) -> DemoServer:
    """A running DemoServer; a fixed `port` that is busy is retried until `wait` runs out."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return DemoServer(port=port).start()
        except OSError as error:
            if port == 0 or error.errno != errno.EADDRINUSE or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture(scope="session")
def demo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache database holding every demo article, fetched from `CACHE_BASE_URL`.

    The server is stopped again once the cache is full: apps over copies of this cache cannot
    refresh by accident.
    """
    data_dir = tmp_path_factory.mktemp("demo-cache")
    with pytest.MonkeyPatch.context() as monkeypatch:
        no_proxy(monkeypatch)
        server = start_server(CACHE_PORT)
        try:
            service = open_service(demo_settings(server.base_url), data_dir)
            try:
                asyncio.run(prefill(service))
            finally:
                service.store.close()  # the last connection folds the WAL into the file
        finally:
            server.stop()
    return data_dir / CACHE_NAME


@pytest.fixture(scope="module")
def demo_server() -> Iterator[DemoServer]:
    """A live demo server on a random port, for tests that refresh."""
    server = start_server()
    yield server
    server.stop()


@dataclass
class AppEnv:
    """One test's data dir (a copy of the demo cache) and the apps opened over it.

    The Pilot helpers live here too: tests/ is not a package, so test modules reach shared code
    through fixtures rather than by importing this conftest.
    """

    data_dir: Path
    base_url: str = CACHE_BASE_URL
    services: list[Service] = field(default_factory=list)

    def settings(self, **changes: Any) -> Settings:
        return demo_settings(self.base_url, **changes)

    def service(self, settings: Settings | None = None) -> Service:
        """A new Store and Service over the data dir (as a restart would open them)."""
        service = open_service(settings or self.settings(), self.data_dir)
        self.services.append(service)
        return service

    def app(
        self,
        settings: Settings | None = None,
        *,
        service: Service | None = None,
        refresh_on_start: bool = False,
        offline: bool = False,
    ) -> NewsreaderApp:
        """An app as `make_app` builds it for the CLI, over a new service unless one is given."""
        settings = settings or self.settings()
        return make_app(
            settings,
            service or self.service(settings),
            refresh_on_start=refresh_on_start,
            offline=offline,
            clock=fixed_clock,
        )

    @staticmethod
    def start_server(port: int = 0) -> DemoServer:
        """A running demo server (random port by default); the test stops it."""
        return start_server(port)

    async def prefill(self, service: Service) -> None:
        await prefill(service)

    @staticmethod
    async def settle(pilot: Pilot[Any], rounds: int = 3) -> None:
        """Let workers finish and their results reach the screen (workers start more workers)."""
        for _ in range(rounds):
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    @staticmethod
    async def wait_for(
        pilot: Pilot[Any], condition: Callable[[], object], *, timeout: float = 5.0
    ) -> None:
        """Pause until `condition()` is true; fails the test after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout} s waiting for {condition}")
            await pilot.pause(0.05)

    @staticmethod
    def screen_text(app: App[Any]) -> str:
        """What the terminal shows, as text (tags stripped from the SVG screenshot)."""
        svg = app.export_screenshot()
        return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")

    def close(self) -> None:
        for service in self.services:
            service.store.close()
        self.services.clear()


@pytest.fixture
def env(isolated_env: Path, demo_cache: Path) -> Iterator[AppEnv]:
    """A data dir holding a copy of the demo cache (66 unread articles, none starred)."""
    data_dir = isolated_env / "data"
    data_dir.mkdir()
    shutil.copyfile(demo_cache, data_dir / CACHE_NAME)
    env = AppEnv(data_dir)
    yield env
    env.close()


@pytest.fixture
def empty_env(isolated_env: Path) -> Iterator[AppEnv]:
    """A data dir with no cache yet; set `base_url` to the server the test uses."""
    env = AppEnv(isolated_env / "data")
    yield env
    env.close()
