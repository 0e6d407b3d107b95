"""Where unread articles are in a listing: the query behind `n` and `p`.

The list loads its rows a page at a time, so "the next unread article" may be on a page that was
never loaded; the answer comes from the database, in the list's own order (newest first), with
the article's position in it so the list can move its cursor there.
"""

from __future__ import annotations

import sqlite3

from newsreader_tui.core.store.articles import Filters

FAR = 1 << 62
"""A position past the end of any list: where a backward search from "the end" starts."""


def next_unread(
    conn: sqlite3.Connection,
    filters: Filters,
    *,
    anchor: int | None,
    start: int,
    step: int,
    skip: int | None,
) -> tuple[int, int] | None:
    """(position, id) of the nearest unread article matching `filters`, in list order.

    The search starts at article `anchor` itself (at position `start` when `anchor` is None or
    no longer listed), goes by `step` (+1 down the list, -1 up) and wraps around at the end;
    article `skip` (the one being read) is never the answer. None when no other article is
    unread.
    """
    where, params = filters.where()
    # The start sorts first, then the rest of the way down (or up), then the wrapped part.
    order = "(v.pos < b.p), v.pos" if step > 0 else "(v.pos > b.p), v.pos DESC"
    row = conn.execute(
        f"""
        WITH v AS (
            SELECT a.id AS id, s.read AS read,
                   ROW_NUMBER() OVER (ORDER BY a.published DESC, a.id DESC) - 1 AS pos
            FROM articles AS a
            JOIN feeds AS f ON f.id = a.feed_id
            JOIN article_state AS s ON s.article_id = a.id
            {where}
        ),
        b AS (SELECT COALESCE((SELECT pos FROM v WHERE id = ?), ?) AS p)
        SELECT v.pos, v.id FROM v, b
        WHERE v.read = 0 AND v.id IS NOT ?
        ORDER BY {order}
        LIMIT 1
        """,
        (*params, anchor, min(start, FAR), skip),
    ).fetchone()
    return None if row is None else (int(row[0]), int(row[1]))
