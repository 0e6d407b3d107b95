"""Both XML paths for the source tests: the fast reader (feedparser-rs) and feedparser alone.

A test module runs on both with `pytestmark = pytest.mark.usefixtures("parse_path")` after
`from support.parsers import parse_path`; `read_xml` reads a body the way the parse worker
does (pre-scan, then the readers registered for XML) on the path under test.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pytest

from newsreader_tui.core.models import ParsedFeed
from newsreader_tui.core.sources import dispatch
from newsreader_tui.core.sources.worker import Job, run_job

PATHS = ("fast", "feedparser")


@pytest.fixture(params=PATHS)
def parse_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run the test with the fast reader first ("fast"), then with feedparser alone."""
    monkeypatch.setattr(dispatch, "FAST_PARSE", request.param == "fast")
    yield request.param


def read_xml(body: bytes, headers: Mapping[str, str], url: str) -> ParsedFeed:
    """`body` read as the worker reads XML, on the path the test runs (`parse_path`)."""
    parsed = run_job(Job("xml", body, url, headers=dict(headers), fast=dispatch.FAST_PARSE))
    assert isinstance(parsed, ParsedFeed)
    return parsed
