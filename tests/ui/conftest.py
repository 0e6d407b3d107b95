"""Fixtures for the app tests: the demo feeds fetched once into a cache, copied for each test.

Every test runs against the real fetch/parse/store path's results (the shipped demo data) but
starts from a copy of one cache filled at the start of the session, so a test never waits on a
refresh it is not about. The clock is fixed at the demo's "today" (2026-11-20 12:00 +07:00):
dates, the "Hôm nay" view and the snapshots come out the same on every run.

The template cache is filled through the in-process demo (`DemoTransport`) at a fixed URL,
`CACHE_BASE_URL`, because article URLs carry the port and the reader shows them. Nothing binds
that port, so a demo (or anything else) listening on it changes nothing here; the tests that
refresh against a live server start a DemoServer on a port the system picks.
"""

from __future__ import annotations

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
from newsreader_tui.core.paths import database_path
from newsreader_tui.core.service import Service
from newsreader_tui.demo import BASE_DATE, DemoServer, demo_feeds
from newsreader_tui.demo.cache import build_demo_cache, demo_service, refresh_one_by_one
from newsreader_tui.demo.transport import IN_PROCESS_BASE_URL, DemoTransport
from newsreader_tui.ui.app import NewsreaderApp, make_app
from support.screen import screen_text

CACHE_BASE_URL = IN_PROCESS_BASE_URL
"""Where the template cache's feeds live: the in-process demo's fixed, never bound URL."""
CACHE_PORT = int(CACHE_BASE_URL.rsplit(":", 1)[1])


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


def open_service(
    settings: Settings, data_dir: Path, transport: DemoTransport | None = None
) -> Service:
    """A service over `data_dir`'s cache with the fixed clock, as the CLI would open it;
    fetching through `transport` when given, else over the loopback network."""
    return demo_service(settings, data_dir, transport=transport, clock=fixed_clock)


async def prefill(service: Service) -> None:
    """Fetch every configured feed, one at a time so article ids are the same on every run."""
    await refresh_one_by_one(service)


def start_server() -> DemoServer:
    """A running DemoServer on a port the system picks."""
    return DemoServer().start()


@pytest.fixture(scope="session")
def demo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache database holding every demo article, fetched from `CACHE_BASE_URL`.

    The in-process demo that filled it is stopped again: apps over copies of this cache cannot
    refresh by accident.
    """
    data_dir = tmp_path_factory.mktemp("demo-cache")
    return build_demo_cache(data_dir, demo_settings(CACHE_BASE_URL), clock=fixed_clock)


@pytest.fixture(scope="module")
def demo_server() -> Iterator[DemoServer]:
    """A live demo server on a random port, for tests that refresh."""
    server = start_server()
    yield server
    server.stop()


@dataclass
class AppEnv:
    """One test's data dir (a copy of the demo cache) and the apps opened over it.

    The Pilot helpers live here too, next to the app they drive; builders that need no app are
    in tests/support.
    """

    data_dir: Path
    base_url: str = CACHE_BASE_URL
    services: list[Service] = field(default_factory=list)
    demo: DemoTransport = field(default_factory=lambda: DemoTransport(CACHE_BASE_URL))
    """The in-process demo at CACHE_BASE_URL, which this env's services fetch through while
    `base_url` is that URL. Stopped (connections refused) until `start_server(CACHE_PORT)`."""

    def settings(self, **changes: Any) -> Settings:
        return demo_settings(self.base_url, **changes)

    def service(self, settings: Settings | None = None) -> Service:
        """A new Store and Service over the data dir (as a restart would open them)."""
        transport = self.demo if self.base_url == CACHE_BASE_URL else None
        service = open_service(settings or self.settings(), self.data_dir, transport)
        self.services.append(service)
        return service

    def app(
        self,
        settings: Settings | None = None,
        *,
        service: Service | None = None,
        refresh_on_start: bool = False,
        offline: bool = False,
        settle_heap: bool = False,
    ) -> NewsreaderApp:
        """An app as `make_app` builds it for the CLI, over a new service unless one is given."""
        settings = settings or self.settings()
        return make_app(
            settings,
            service or self.service(settings),
            refresh_on_start=refresh_on_start,
            offline=offline,
            clock=fixed_clock,
            settle_heap=settle_heap,
        )

    def start_server(self, port: int = 0) -> DemoServer | DemoTransport:
        """A running demo server on a port the system picks; the test stops it.

        `CACHE_PORT` starts this env's in-process demo instead (the cache's article links point
        there): its apps reach it without anything binding the port. Tests never bind a fixed
        port, so any other port is refused.
        """
        if port == CACHE_PORT:
            return self.demo.start()
        if port != 0:
            raise ValueError(f"tests do not bind fixed ports ({port}); use 0 or CACHE_PORT")
        return start_server()

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
        """What the terminal shows, as text (see `support.screen.screen_text`)."""
        return screen_text(app)

    def close(self) -> None:
        for service in self.services:
            service.store.close()
        self.services.clear()


@pytest.fixture
def env(isolated_env: Path, demo_cache: Path) -> Iterator[AppEnv]:
    """A data dir holding a copy of the demo cache (66 unread articles, none starred)."""
    data_dir = isolated_env / "data"
    data_dir.mkdir()
    shutil.copyfile(demo_cache, database_path(data_dir))
    env = AppEnv(data_dir)
    yield env
    env.close()


@pytest.fixture
def empty_env(isolated_env: Path) -> Iterator[AppEnv]:
    """A data dir with no cache yet; set `base_url` to the server the test uses."""
    env = AppEnv(isolated_env / "data")
    yield env
    env.close()
