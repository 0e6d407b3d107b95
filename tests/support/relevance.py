"""The Vietnamese relevance set (tests/data/relevance/): build a store from it, run its queries,
and score the answers. Used by tests/core/store/test_search_relevance.py and by
benchmarks/relevance.py, which prints precision for a report."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from newsreader_tui.core.models import FeedConfig
from newsreader_tui.core.store import Store
from support.articles import new_article

DATA = Path(__file__).resolve().parent.parent / "data" / "relevance"
NOW = datetime.fromisoformat("2026-11-28T12:00:00+07:00")


@dataclass(frozen=True)
class Query:
    """One query of the set: the articles that must come first (any order among them), the
    ones that must not appear at all, or `none` when nothing may match."""

    query: str
    first: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    none: bool = False


QUERY_SETS = ("queries.json", "queries_heldout.json")
"""The set written with the search code, and one held out: written after it, by someone else."""


def queries(name: str = "queries.json") -> list[Query]:
    data = json.loads((DATA / name).read_text(encoding="utf-8"))
    return [
        Query(
            query=q["query"],
            first=tuple(q.get("first", ())),
            absent=tuple(q.get("absent", ())),
            none=bool(q.get("none", False)),
        )
        for q in data["queries"]
    ]


def fill(store: Store) -> None:
    """Configure the set's feeds in `store` and store its articles."""
    data = json.loads((DATA / "articles.json").read_text(encoding="utf-8"))
    feeds = data["feeds"]
    store.sync_feeds(
        [FeedConfig(url=f["url"], title=f["title"], category=f["category"]) for f in feeds.values()]
    )
    for name, feed in feeds.items():
        items = [
            new_article(
                a["id"],
                a["title"],
                summary=a["summary"],
                content=a["content"],
                published=datetime.fromisoformat(a["published"]),
            )
            for a in data["articles"]
            if a["feed"] == name
        ]
        store.upsert_articles(feed["url"], items, NOW)


def answer(store: Store, query: Query, limit: int = 20) -> list[str]:
    """The keys of the articles `query` finds, best first."""
    return [hit.article.key for hit in store.search(query.query, limit=limit)]


def precision(found: list[str], query: Query, k: int) -> float:
    """Of the first k answers, the share that must come first, over how many could (at most k);
    for a query that must find nothing, 1 when it found nothing. Absent articles found anywhere
    count as a miss (0)."""
    if query.none:
        return 1.0 if not found else 0.0
    if any(key in found for key in query.absent):
        return 0.0
    wanted = set(query.first)
    return len(wanted.intersection(found[:k])) / min(k, len(wanted))
