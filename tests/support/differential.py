"""The two XML paths side by side: feedparser (the reference) and the fast reader.

`compare_paths` reads one body both ways, normalises both results as a refresh does, and lists
every field in which the articles differ. Articles are compared as the user meets them: title,
link, guid, identity key, dates with their offsets, author, categories, image, and the summary
and content as the reader pane's blocks (text, links, images with their captions), since the
two parsers serialise the same HTML differently (feedparser rewrites it in its sanitiser).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from newsreader_tui.core.content.blocks import parse_html
from newsreader_tui.core.dates import VN_TZ
from newsreader_tui.core.errors import ParseError
from newsreader_tui.core.fingerprint import article_fingerprint
from newsreader_tui.core.models import NewArticle, ParsedFeed
from newsreader_tui.core.normalize import normalise_items
from newsreader_tui.core.sources import fast_xml, rss_atom
from newsreader_tui.core.sources.encoding import declare
from newsreader_tui.core.sources.xmlscan import TooDeep, prescan
from newsreader_tui.core.text import clean_line

CORPUS = Path(
    os.environ.get("NEWSREADER_TUI_CORPUS")
    or Path(__file__).resolve().parents[3] / "shared" / "corpus"
)
"""Public test documents of feedparser, newsboat and reader and saved Vietnamese feeds (see its
SOURCES.txt), written by others and so not in this repository: $NEWSREADER_TUI_CORPUS, else
`../shared/corpus` beside the checkout. The fixtures in tests/data run everywhere."""


def require_corpus(path: Path, ran_instead: str) -> None:
    """Skip the test unless `path` (in the corpus) is there, saying why it may be missing and
    which test, written by us in the same shapes, ran in its place."""
    if not path.exists():
        pytest.skip(
            f"{path} is not here: the public corpora are files written by others, so they are"
            " not in this repository; set NEWSREADER_TUI_CORPUS to a copy to run this"
            f" ({ran_instead} ran)"
        )


_XML_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")
_HEADER = re.compile(rb"^Header:\s*([A-Za-z\-]+):\s*(.*?)\s*$", re.M)


@dataclass
class Outcome:
    """What happened to one body: `fast` is None when the fast reader declined (`declined`
    says why); `differences` lists `item n: field` where the articles differ."""

    name: str
    declined: str | None = None
    reference_error: str | None = None
    fast_error: str | None = None
    differences: list[str] = field(default_factory=list)
    articles: int = 0


def xml_cases(root: Path) -> Iterator[tuple[str, bytes, dict[str, str]]]:
    """Every XML document under `root` with the HTTP headers its test declares (feedparser's
    corpus writes them in a leading comment: `Header: Content-type: text/xml`)."""
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() in _XML_SUFFIXES and path.is_file():
            body = path.read_bytes()
            headers = {
                k.decode("latin-1").lower(): v.decode("latin-1")
                for k, v in _HEADER.findall(body[:2000])
            }
            headers.setdefault("content-type", "application/xml")
            yield str(path.relative_to(root)), body, headers


def _date(value: datetime | None) -> tuple[str, Any] | None:
    return None if value is None else (value.isoformat(), value.utcoffset())


def view(article: NewArticle, base: str) -> dict[str, Any]:
    """The fields of an article as the comparison sees them."""
    page = article.url or base
    return {
        "key": article.key,
        "title": article.title,
        "url": article.url,
        "guid": article.guid,
        "published": _date(article.published),
        "updated": _date(article.updated),
        "author": article.author,
        "categories": article.categories,
        "image": article.image,
        "summary": parse_html(article.summary, page),
        "content": parse_html(article.content, page),
        # What decides "updated" when the hashes differ: the same article either way is the
        # same version.
        "fingerprint": article_fingerprint(
            article.title,
            article.url,
            article.summary,
            article.content,
            article.image,
            article.author,
        ),
    }


def _articles(parsed: ParsedFeed, url: str) -> list[NewArticle]:
    return normalise_items(parsed.items, base_url=url, tz=VN_TZ)


def _feed_view(parsed: ParsedFeed) -> Mapping[str, Any]:
    # The feed's title is only ever used cleaned (core.service).
    return {"kind": parsed.kind, "title": clean_line(parsed.title), "link": parsed.link}


def compare_paths(name: str, body: bytes, headers: Mapping[str, str], url: str) -> Outcome:
    """Read `body` with feedparser and with the fast reader and compare what they give."""
    outcome = Outcome(name)
    try:
        body = prescan(body, max_items=None)
    except (TooDeep, RecursionError):
        outcome.reference_error = "too deep"
        return outcome
    # As the parse worker does: an unlabelled body is decided and declared for both readers.
    body, headers = declare(body, headers)
    try:
        fast = fast_xml.read(body, headers, url)
    except fast_xml.Declined as exc:
        outcome.declined = str(exc)
        return outcome
    except Exception as exc:
        outcome.fast_error = repr(exc)
        return outcome
    try:
        reference = rss_atom.parse(body, headers, url)
    except ParseError as exc:
        outcome.reference_error = exc.problem.code
        outcome.differences.append(f"feedparser refuses it ({exc.problem.code})")
        return outcome
    if reference.warning is not None:
        outcome.differences.append(f"feedparser warns: {reference.warning.code}")
    for key, value in _feed_view(reference).items():
        if _feed_view(fast)[key] != value:
            outcome.differences.append(f"feed {key}: {value!r} != {_feed_view(fast)[key]!r}")
    ours, theirs = _articles(reference, url), _articles(fast, url)
    outcome.articles = len(ours)
    if len(ours) != len(theirs):
        outcome.differences.append(f"article count {len(ours)} != {len(theirs)}")
    for n, (a, b) in enumerate(zip(ours, theirs, strict=False)):
        left, right = view(a, url), view(b, url)
        for key, value in left.items():
            if right[key] != value:
                outcome.differences.append(
                    f"item {n}: {key}: {value!r:.200} != {right[key]!r:.200}"
                )
    return outcome
