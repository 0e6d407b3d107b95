"""Shared fixtures: a real HTTP server on 127.0.0.1 serving feed files we wrote ourselves."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
FEEDS = DATA / "feeds"


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    # Loopback by address, not "localhost": it may resolve to ::1 first on some machines.
    return ("127.0.0.1", 0)


@pytest.fixture
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Keep tests away from the user's real config and cache."""
    monkeypatch.setenv("NEWSREADER_TUI_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("NEWSREADER_TUI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("HTTP_PROXY", raising=False)
    monkeypatch.delenv("HTTPS_PROXY", raising=False)
    monkeypatch.delenv("ALL_PROXY", raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    return tmp_path
