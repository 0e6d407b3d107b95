"""The Vietnamese relevance set (tests/data/relevance/): for every query, the articles that must
come first do, the ones that must not appear do not, and a query that must find nothing finds
nothing (`Đà Nẵng` over "Đá bóng ... nắng"; one letter `d`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader_tui.core.store import Store
from support.relevance import QUERY_SETS, Query, answer, fill, queries


@pytest.fixture(scope="module")
def relevance_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("relevance") / "cache.db"
    with Store.open(path) as store:
        fill(store)
        yield store


@pytest.mark.parametrize(
    "query", [q for name in QUERY_SETS for q in queries(name)], ids=lambda q: q.query
)
def test_relevance(relevance_store: Store, query: Query) -> None:
    found = answer(relevance_store, query)
    if query.none:
        assert found == []
        return
    assert set(found[: len(query.first)]) == set(query.first), found
    assert not set(query.absent) & set(found), found
