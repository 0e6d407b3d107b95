"""Precision of search over the Vietnamese relevance set (tests/data/relevance/). Prints numbers.

P@1: the share of queries whose first answer is one that must come first (or, for a query that
must find nothing, that found nothing). P@3: of the first three answers, the share that must come
first, over how many could be (at most 3), averaged over the queries. A query that finds an
article it must not scores 0. Runs the code of whatever checkout's Python runs it:
    .venv/bin/python benchmarks/relevance.py            # this branch
    /other/checkout/.venv/bin/python benchmarks/relevance.py   # another, for before/after
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from newsreader_tui.core.store import Store
from support.relevance import QUERY_SETS, answer, fill, precision, queries


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "cache.db") as store:
        fill(store)
        for name in QUERY_SETS:
            print(name)
            p1, p3 = [], []
            for query in queries(name):
                found = answer(store, query)
                p1.append(precision(found, query, 1))
                p3.append(precision(found, query, 3))
                mark = "ok " if p1[-1] == 1 and p3[-1] == 1 else "MISS"
                scores = f"P@1 {p1[-1]:.2f}  P@3 {p3[-1]:.2f}"
                print(f"  {mark} {query.query!r:28} {scores}  {found[:5]}")
            means = f"P@1 {statistics.mean(p1):.3f}  P@3 {statistics.mean(p3):.3f}"
            print(f"{len(p1)} queries: {means}")


if __name__ == "__main__":
    main()
