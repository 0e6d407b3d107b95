"""The store tests' fixture: a cache in a temp dir that does not exist yet, with two feeds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader_tui.core.store import Store
from support.store import TWO_FEEDS


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A store at tmp_path/sub/cache.db configured with `support.store.TWO_FEEDS`."""
    with Store.open(tmp_path / "sub" / "cache.db") as store:
        store.sync_feeds(TWO_FEEDS)
        yield store
