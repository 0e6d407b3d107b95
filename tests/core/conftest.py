"""Fixtures for the core tests: a clock the test can move and services over a temp cache.

`NOW`, `Clock` and the builders are in tests/support (a test imports them by name); the
fixtures that hand them out are here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.clock import Clock
from support.services import ServiceFactory


@pytest.fixture
def clock() -> Clock:
    """This test's clock, standing at `support.clock.NOW` until the test moves it."""
    return Clock()


@pytest.fixture
def make_service(tmp_path: Path, clock: Clock) -> Iterator[ServiceFactory]:
    """`make_service(*feeds, **settings)`: a `Service` over tmp_path/data/cache.sqlite3 running
    on this test's `clock`; every store it opened is closed after the test."""
    factory = ServiceFactory(tmp_path / "data", clock)
    yield factory
    factory.close()
