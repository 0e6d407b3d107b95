"""OPML import and export: the subscription list format every feed reader speaks.

Parsing uses expat directly rather than ElementTree so that DTDs can be refused before any
entity is expanded: an OPML file from the internet must not be able to exhaust memory with a
"billion laughs" entity bomb, and a subscription list never needs a DTD.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn
from urllib.parse import urlsplit
from xml.parsers import expat

from newsreader_tui.core.config import feed_identity
from newsreader_tui.core.errors import ConfigError, Problem
from newsreader_tui.core.models import FEED_KINDS, FeedConfig
from newsreader_tui.core.text import clean_text

CATEGORY_SEPARATOR = " / "
"""Joins the names of nested OPML groups into one sidebar category."""

KIND_ATTRIBUTE = "newsreaderKind"
"""Our own outline attribute carrying kinds that OPML's `type` cannot (auto, jsonfeed, ...),
so that export followed by import gives back the same config; other readers ignore it."""


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[_Node] = field(default_factory=list)


class _Refused(Exception):
    """A construct OPML never needs and a hostile file might use; `str()` is its problem code."""

    def __init__(self, line: int, code: str) -> None:
        super().__init__(code)
        self.line = line


def parse_opml(data: bytes, source: str, *, skipped: list[str] | None = None) -> list[FeedConfig]:
    """Read the feeds of an OPML 1.0 or 2.0 document.

    `source` names the file in error messages. Outlines with an `xmlUrl` are feeds; the outlines
    around them name the category (nested groups joined with " / "). A feed whose URL is not
    http(s), or repeats an earlier one, is left out and described in `skipped` when given.
    Raises ConfigError for malformed XML, a DTD, or a document that is not OPML.
    """
    root = _parse_xml(data, source)
    if root.tag.lower() != "opml":
        raise ConfigError(Problem.of("opml.not_opml", path=source, line=root.line, tag=root.tag))
    body = next((child for child in root.children if child.tag.lower() == "body"), None)
    if body is None:
        raise ConfigError(Problem.of("opml.no_body", path=source, line=root.line))
    feeds: list[FeedConfig] = []
    seen: set[str] = set()
    notes: list[str] = [] if skipped is None else skipped
    _collect(body, (), feeds, seen, notes, source)
    return feeds


def export_opml(feeds: Sequence[FeedConfig], *, title: str = "newsreader-tui") -> str:
    """`feeds` as an OPML 2.0 document, one group outline per category in config order.

    Feeds without a category sit directly in the body, so they come back without one.
    """
    groups: dict[str | None, list[FeedConfig]] = {}
    for feed in feeds:
        groups.setdefault(feed.category or None, []).append(feed)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_escape(title)}</title>",
        "  </head>",
        "  <body>",
    ]
    for category, members in groups.items():
        if category is None:
            lines.extend(f"    {_feed_outline(feed)}" for feed in members)
            continue
        name = _attr(category)
        lines.append(f'    <outline text="{name}" title="{name}">')
        lines.extend(f"      {_feed_outline(feed)}" for feed in members)
        lines.append("    </outline>")
    lines.extend(["  </body>", "</opml>", ""])
    return "\n".join(lines)


# --- parsing -------------------------------------------------------------------------------


def _parse_xml(data: bytes, source: str) -> _Node:
    # No encoding argument: expat then honours the XML declaration and any BOM.
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[_Node] = []
    roots: list[_Node] = []

    def refuse(code: str) -> NoReturn:
        raise _Refused(parser.CurrentLineNumber, code)

    def start(tag: str, attrs: dict[str, str]) -> None:
        node = _Node(
            tag, {key.lower(): value for key, value in attrs.items()}, parser.CurrentLineNumber
        )
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)

    def end(_tag: str) -> None:
        stack.pop()

    def on_doctype(*_args: Any) -> None:
        refuse("opml.doctype")

    def on_entity(*_args: Any) -> None:
        refuse("opml.entity")

    def on_external(*_args: Any) -> int:
        refuse("opml.external")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = on_doctype
    parser.EntityDeclHandler = on_entity
    parser.UnparsedEntityDeclHandler = on_entity
    parser.ExternalEntityRefHandler = on_external
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        raise ConfigError(Problem.of(str(exc), path=source, line=exc.line)) from None
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code) if exc.code else str(exc)
        raise ConfigError(
            Problem.of("opml.malformed", path=source, line=exc.lineno, detail=reason)
        ) from None
    if not roots:
        raise ConfigError(Problem.of("opml.empty", path=source))
    return roots[0]


def _collect(
    node: _Node,
    groups: tuple[str, ...],
    feeds: list[FeedConfig],
    seen: set[str],
    skipped: list[str],
    source: str,
) -> None:
    for child in node.children:
        if child.tag.lower() != "outline":
            continue
        attrs = child.attrs
        url = clean_text(attrs.get("xmlurl")).strip()
        if not url:
            name = _clean(attrs.get("text") or attrs.get("title") or "")
            _collect(child, (*groups, name) if name else groups, feeds, seen, skipped, source)
            continue
        url = _feed_scheme_to_http(url)
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            skipped.append(f"{source}, line {child.line}: {url} is not an http(s) URL")
            continue
        key = feed_identity(url)
        if key in seen:
            skipped.append(f"{source}, line {child.line}: {url} is listed twice")
            continue
        seen.add(key)
        category = CATEGORY_SEPARATOR.join(groups) if groups else _category_attribute(attrs)
        feeds.append(
            FeedConfig(
                url=url,
                title=_title(attrs, url),
                category=category or None,
                kind=_kind(attrs),
            )
        )


def _title(attrs: dict[str, str], url: str) -> str | None:
    title = _clean(attrs.get("title") or attrs.get("text") or "")
    # Exporters (ours included) fill the required `text` with the URL when there is no title.
    return title if title and title != url else None


def _kind(attrs: dict[str, str]) -> str:
    ours = attrs.get(KIND_ATTRIBUTE.lower(), "").strip().lower()
    if ours in FEED_KINDS:
        return ours
    declared = attrs.get("type", "").strip().lower()
    return declared if declared in ("rss", "atom") else "auto"


def _category_attribute(attrs: dict[str, str]) -> str:
    # OPML 2.0: a comma-separated list of slash-delimited paths, e.g. "/Tin tức/Thể thao,/Khác".
    first = attrs.get("category", "").split(",")[0]
    return CATEGORY_SEPARATOR.join(_clean(part) for part in first.split("/") if part.strip())


def _feed_scheme_to_http(url: str) -> str:
    # Some old exporters write feed://host/path or feed:https://host/path.
    lowered = url.lower()
    if lowered.startswith("feed:http"):
        return url[5:]
    if lowered.startswith("feed://"):
        return "http://" + url[7:]
    return url


def _clean(text: str) -> str:
    # The cleaner, so that no control, line break or bidi override reaches config.toml (and from
    # there every output and the sidebar); NFC so that a category typed with combining marks
    # joins the same sidebar group.
    return " ".join(clean_text(text).split())


# --- writing -------------------------------------------------------------------------------

_INVALID_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _escape(text: str) -> str:
    text = _INVALID_XML_RE.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    # Newlines and tabs are escaped because attribute-value normalisation would turn them
    # into spaces on the way back in.
    return (
        _escape(text)
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def _feed_outline(feed: FeedConfig) -> str:
    url = _attr(feed.url)
    text = _attr(feed.title or feed.url)
    parts = [f'<outline type="{"atom" if feed.kind == "atom" else "rss"}"', f'text="{text}"']
    if feed.title:
        parts.append(f'title="{text}"')
    parts.append(f'xmlUrl="{url}"')
    if feed.kind not in ("rss", "atom"):
        parts.append(f'{KIND_ATTRIBUTE}="{_attr(feed.kind)}"')
    return " ".join(parts) + "/>"
