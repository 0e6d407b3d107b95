"""A refresh's requests do not search the import path: httpcore imports sniffio as it sets up
each lock, several times a request, and with anyio 4 sniffio is not installed, so every request
searched the whole path again, stat by stat (the package tells the import system once, in
newsreader_tui/__init__.py)."""

from __future__ import annotations

import importlib.machinery
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from newsreader_tui.core.config import NetworkSettings
from newsreader_tui.core.fetch import Fetcher

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Tin</title></channel></rss>'


async def test_requests_after_the_first_search_the_import_path_for_nothing(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpserver.expect_request("/rss").respond_with_data(RSS)
    url = httpserver.url_for("/rss")
    searched: list[str] = []
    find_spec = importlib.machinery.PathFinder.find_spec

    def spy(cls: Any, name: str, path: Any = None, target: Any = None) -> Any:
        searched.append(name)
        return find_spec(name, path, target)

    async with Fetcher(NetworkSettings(concurrency=2)) as fetcher:
        await fetcher.get(url)  # the first request imports what httpx and httpcore need
        monkeypatch.setattr(importlib.machinery.PathFinder, "find_spec", classmethod(spy))
        for _ in range(5):
            assert (await fetcher.get(url)).content == RSS
    assert searched == []
