"""Conversions between Python values and what the database stores.

Timestamps are stored as integer UTC epoch seconds: they sort and compare correctly whatever offset
the feed used, and range filters (`since`, retention) become plain integer comparisons that can use
an index. Sub-second precision is dropped on purpose; feeds never carry it. Every timestamp comes
back as an aware datetime in Vietnam time (+07:00), the zone this reader is written for.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from newsreader_tui.core.dates import VN_TZ
from newsreader_tui.core.errors import Problem
from newsreader_tui.core.models import DEFAULT_CATEGORY, Article


def to_epoch(value: datetime) -> int:
    """An aware datetime as UTC epoch seconds. Naive values are taken as UTC rather than failing."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp())


def opt_epoch(value: datetime | None) -> int | None:
    """`to_epoch` that passes None through."""
    return None if value is None else to_epoch(value)


def from_epoch(value: int) -> datetime:
    """UTC epoch seconds as an aware datetime in +07:00."""
    return datetime.fromtimestamp(value, VN_TZ)


def opt_datetime(value: int | None) -> datetime | None:
    """`from_epoch` that passes None through."""
    return None if value is None else from_epoch(value)


def dump_problem(problem: Problem | None) -> str | None:
    """A problem's code and params as JSON (its English text is stored next to it)."""
    if problem is None or not problem.code:
        return None
    return json.dumps({"code": problem.code, "params": dict(problem.params)}, ensure_ascii=False)


def load_problem(data: str | None, text: str | None) -> Problem | None:
    """The problem stored as `data` with its English `text`; a plain one for rows written
    before problems had codes (or with JSON this version cannot read), None without text."""
    if text is None:
        return None
    try:
        stored = json.loads(data) if data else None
    except ValueError:
        stored = None
    if not isinstance(stored, dict) or not isinstance(stored.get("code"), str):
        return Problem.plain(text)
    params = stored.get("params")
    kept = {
        name: value
        for name, value in (params.items() if isinstance(params, dict) else ())
        if isinstance(value, str | int) and not isinstance(value, bool)
    }
    return Problem(stored["code"], kept, text)


def dump_categories(categories: tuple[str, ...]) -> str:
    """Article categories as JSON text; ensure_ascii off keeps Vietnamese readable in the file."""
    return json.dumps(list(categories), ensure_ascii=False)


def load_categories(text: str | None) -> tuple[str, ...]:
    """The inverse of `dump_categories`, tolerant of a damaged value."""
    if not text:
        return ()
    try:
        value = json.loads(text)
    except ValueError:
        return ()
    if not isinstance(value, list):
        return ()
    return tuple(str(item) for item in value)


FEED_TITLE_SQL = "COALESCE(f.title, f.feed_title, f.url)"
"""The title a feed is shown under: the config's, else the feed's own, else its URL."""

_DEFAULT_LITERAL = "'" + DEFAULT_CATEGORY.replace("'", "''") + "'"
CATEGORY_SQL = f"COALESCE(f.category, {_DEFAULT_LITERAL})"
"""A feed's sidebar group: feeds whose config names no category belong to DEFAULT_CATEGORY."""

ARTICLE_COLUMNS = f"""
a.id, f.url, {FEED_TITLE_SQL}, {CATEGORY_SQL}, a.key, a.title, a.url, a.guid,
a.published, a.first_seen, a.updated, a.summary, a.content, a.author, a.categories,
a.image, s.read, s.starred, s.read_at, a.full_content, a.full_status, a.full_problem
"""
"""The columns `row_to_article` expects, over aliases a (articles), f (feeds), s (state)."""

ARTICLE_JOINS = """
JOIN feeds AS f ON f.id = a.feed_id
JOIN article_state AS s ON s.article_id = a.id
"""

ARTICLE_SELECT = f"SELECT {ARTICLE_COLUMNS} FROM articles AS a {ARTICLE_JOINS}"
"""Selects the columns `row_to_article` expects; callers append WHERE/ORDER BY."""


def row_to_article(row: sqlite3.Row) -> Article:
    """Build an `Article` from a row selected with `ARTICLE_SELECT`."""
    return Article(
        id=row[0],
        feed_url=row[1],
        feed_title=row[2],
        category=row[3],
        key=row[4],
        title=row[5],
        url=row[6],
        guid=row[7],
        published=from_epoch(row[8]),
        first_seen=from_epoch(row[9]),
        updated=opt_datetime(row[10]),
        summary=row[11] or "",
        content=row[12] or "",
        author=row[13] or "",
        categories=load_categories(row[14]),
        image=row[15],
        read=bool(row[16]),
        starred=bool(row[17]),
        read_at=opt_datetime(row[18]),
        full_content=row[19] or "",
        full_status=row[20],
        full_problem=load_problem(row[21], row[20] if row[20] != "ok" else None),
    )
