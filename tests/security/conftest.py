"""Shared pieces of the attack modules: the command line as a user runs it, a config file the
test writes, and the reader app over the same config and cache, as `newsreader-tui` opens it.

Every hostile case is a fixture in its module, named for what it attacks, and served by the
loopback `httpserver` (tests/conftest.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from textual.pilot import Pilot

from newsreader_tui.cli import main
from newsreader_tui.core.config import load_config
from newsreader_tui.core.paths import database_path
from newsreader_tui.core.service import Service
from newsreader_tui.core.store import Store
from newsreader_tui.ui.app import NewsreaderApp, make_app
from support.caches import Cache, fill_cache
from support.clock import Clock
from support.services import ServiceFactory

NOW = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)


def now() -> datetime:
    return NOW


@dataclass
class Run:
    """What one command printed, and its exit status."""

    code: int
    out: str
    err: str


@dataclass
class User:
    """A user with a config file and a data dir, at the command line and in the reader."""

    config: Path
    data: Path
    capsys: pytest.CaptureFixture[str]
    services: list[Service] = field(default_factory=list)

    def write_config(self, text: str) -> Path:
        self.config.write_text(text, encoding="utf-8")
        return self.config

    def run(self, *args: str) -> Run:
        """`newsreader-tui --config ... --data-dir ... args` in English."""
        self.capsys.readouterr()
        argv = ["--config", str(self.config), "--data-dir", str(self.data), *args]
        # In a thread of its own: the command runs its own event loop (asyncio.run), which an
        # async test's running loop would refuse.
        with ThreadPoolExecutor(1) as pool:
            code = pool.submit(main, argv).result()
        captured = self.capsys.readouterr()
        return Run(code, captured.out, captured.err)

    def app(self) -> NewsreaderApp:
        """The reader over this user's config and cache, without a refresh on start."""
        settings = load_config(self.config)
        self.data.mkdir(parents=True, exist_ok=True)
        service = Service(settings, Store.open(database_path(self.data)), clock=now)
        self.services.append(service)
        return make_app(settings, service, clock=now)

    @staticmethod
    async def settle(pilot: Pilot[Any]) -> None:
        for _ in range(3):
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    @staticmethod
    async def wait_for(pilot: Pilot[Any], condition: Callable[[], object]) -> None:
        deadline = time.monotonic() + 10
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {condition}")
            await pilot.pause(0.05)


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's English messages, whatever the machine's locale."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


@pytest.fixture
def cache(httpserver: HTTPServer, tmp_path: Path) -> Cache:
    """A sound cache of 120 articles, some read, some starred (the files and durability attacks)."""
    return fill_cache(httpserver, tmp_path)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_service(tmp_path: Path, clock: Clock) -> Iterator[ServiceFactory]:
    """Services over one data dir and `clock` (the HTTP and XML attacks)."""
    factory = ServiceFactory(tmp_path / "data", clock)
    yield factory
    factory.close()


@pytest.fixture
def user(isolated_env: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[User]:
    someone = User(isolated_env / "config.toml", isolated_env / "data", capsys)
    yield someone
    for service in someone.services:
        service.store.close()
