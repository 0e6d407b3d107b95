"""Any JSON endpoint, read through dotted paths from the feed's `[feeds.json]` table.

A path like `data.items` walks object keys; a numeric part indexes a list (`results.0.items`).
Field paths are relative to each item and may be nested (`anh.url`). Every field defaults to a
key of its own name, so an API whose items already say "title", "url", ... needs only `items`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import ParseError, Problem
from ..models import ParsedFeed, ParsedItem
from ._common import epoch_datetime, join_url, load_json, scalar_text

_MISSING = object()
_NAME_KEYS = ("name", "title", "rendered", "text", "label", "value")
_URL_KEYS = ("url", "src", "href", "source_url")


def resolve_path(data: Any, path: str) -> Any:
    """Follow a dotted path through objects and lists; None when any part of it is absent."""
    value = _walk(data, path)
    return None if value is _MISSING else value


def _walk(data: Any, path: str) -> Any:
    current = data
    for part in (p for p in path.strip().split(".") if p):
        if isinstance(current, Mapping):
            current = current.get(part, _MISSING)
        elif isinstance(current, list) and part.lstrip("-").isdigit():
            index = int(part)
            current = current[index] if -len(current) <= index < len(current) else _MISSING
        else:
            return _MISSING
        if current is _MISSING:
            return _MISSING
    return current


_NESTING = 4
"""How deep `_name` and `_url` look into objects and lists for a value: a name is never
further down than {"tags": [{"name": {"rendered": ...}}]}, and a JSON document nested a
thousand deep must not take the recursion with it."""


def _name(value: Any, depth: int = 0) -> str | None:
    """A display string from a scalar or from an object such as {"id": 3, "name": "Thời sự"}."""
    if isinstance(value, Mapping | list) and depth >= _NESTING:
        return None
    if isinstance(value, Mapping):
        for key in _NAME_KEYS:
            text = _name(value.get(key), depth + 1)
            if text:
                return text
        return None
    if isinstance(value, list):
        return next((t for t in (_name(v, depth + 1) for v in value) if t), None)
    return scalar_text(value)


def _url(value: Any, base: str, depth: int = 0) -> str | None:
    if isinstance(value, Mapping):
        value = next((value[k] for k in _URL_KEYS if isinstance(value.get(k), str)), None)
    elif isinstance(value, list):
        if depth >= _NESTING:
            return None
        return next((u for u in (_url(v, base, depth + 1) for v in value) if u), None)
    return join_url(base, value.strip()) if isinstance(value, str) and value.strip() else None


def _categories(value: Any) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    names = [_name(v) for v in values]
    return tuple(dict.fromkeys(n.strip() for n in names if n and n.strip()))


def _field(item: Any, paths: Mapping[str, str], name: str) -> Any:
    return resolve_path(item, paths.get(name) or name)


def _item(item: Any, paths: Mapping[str, str], base: str) -> ParsedItem | None:
    title = _name(_field(item, paths, "title"))
    if not title:
        return None
    published = _field(item, paths, "published")
    return ParsedItem(
        title=title,
        guid=_name(_field(item, paths, "id")),
        url=_url(_field(item, paths, "url"), base),
        published=epoch_datetime(published),
        published_raw=_name(published),
        summary=_name(_field(item, paths, "summary")) or "",
        content=_name(_field(item, paths, "content")) or "",
        author=_name(_field(item, paths, "author")) or "",
        categories=_categories(_field(item, paths, "category")),
        image=_url(_field(item, paths, "image"), base),
    )


def parse(body: bytes, url: str, paths: Mapping[str, str]) -> ParsedFeed:
    """Read a generic JSON API response fetched from `url` using `paths` (see JSON_PATH_FIELDS).

    Without an `items` path the document itself must be the list. Items without a title are
    skipped; ParseError when the items path leads nowhere or no item has a title.
    """
    data = load_json(body, url)
    items_path = (paths.get("items") or "").strip()
    raw_items = _walk(data, items_path) if items_path else data
    if raw_items is _MISSING:
        raise ParseError(Problem.of("parse.json_no_path", url=url, path=items_path))
    if not isinstance(raw_items, list):
        if items_path:
            raise ParseError(Problem.of("parse.json_path_not_list", url=url, path=items_path))
        raise ParseError(Problem.of("parse.json_top_not_list", url=url))
    items = [parsed for raw in raw_items if (parsed := _item(raw, paths, url)) is not None]
    if raw_items and not items:
        title_path = paths.get("title") or "title"
        count = len(raw_items)
        raise ParseError(Problem.of("parse.json_no_titles", count=count, url=url, path=title_path))
    return ParsedFeed(kind="json", items=tuple(items))
