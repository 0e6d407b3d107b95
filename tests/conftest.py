"""Shared fixtures: a real HTTP server on 127.0.0.1 serving feed files we wrote ourselves."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from pytest_httpserver import HTTPServer

# Property tests (hypothesis): "ci", the default, is bounded, reproducible (derandomized, so a
# run never fails on a fresh example nobody can replay) and writes no example database into the
# tree; HYPOTHESIS_PROFILE=deep looks much harder, for a run by hand after touching the cleaner
# or a parser.
settings.register_profile(
    "ci",
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("deep", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def make_httpserver() -> Iterator[HTTPServer]:
    """Replaces pytest-httpserver's server: bound to 127.0.0.1 by address ("localhost" may resolve
    to ::1 first) and threaded, since per-host limits and slow feeds need concurrent requests."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


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
