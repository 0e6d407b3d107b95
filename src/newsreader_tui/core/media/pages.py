"""Article pages (full text): fetch an article's own page and keep its main content, for
summary-only feeds.

The page is fetched with a conditional GET (the stored page's validators), the main content is
picked out by an extractor in a worker thread, and the result is cleaned like any feed HTML.
Every failure becomes a plain sentence in `FullTextResult.status` (and its `problem`, with a
code); nothing here raises for a bad page, so one article can never break a refresh.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

from newsreader_tui.core.errors import FetchError, Problem
from newsreader_tui.core.fetch import Fetcher
from newsreader_tui.core.media.transient import is_transient
from newsreader_tui.core.models import FullTextJob, FullTextResult
from newsreader_tui.core.text import clean_html, plain_text

log = logging.getLogger(__name__)

PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
_PAGE_TYPES = frozenset({"", "text/html", "application/xhtml+xml", "application/xml", "text/xml"})
"""Content types worth handing to the extractor; "" because some portals send none."""

NO_TEXT = Problem.of("page.no_text").text


class Extractor(Protocol):
    """Picks the main content out of an article page: HTML, or None when it finds none."""

    def __call__(
        self,
        page: bytes | str,
        url: str,
        *,
        selector: str | None = None,
        encoding: str | None = None,
    ) -> str | None: ...


def default_extractor(
    page: bytes | str, url: str, *, selector: str | None = None, encoding: str | None = None
) -> str | None:
    """`core.content.extract.extract_article`, imported on first use so that importing the core
    stays cheap for commands that never fetch a page."""
    from newsreader_tui.core.content.extract import extract_article

    return extract_article(page, url, selector=selector, encoding=encoding)


async def fetch_page(
    fetcher: Fetcher,
    job: FullTextJob,
    *,
    extractor: Extractor,
    selector: str | None = None,
    timeout: float | None = None,
) -> FullTextResult:
    """Fetch `job`'s page and extract its main content.

    A 304 keeps the stored text (`html` None, status "ok"). A page whose content type is not HTML,
    or where the extractor finds nothing, fails for good; network and server errors may be
    retried on a later refresh.
    """
    try:
        response = await fetcher.get(
            job.url,
            etag=job.etag,
            last_modified=job.last_modified,
            accept=PAGE_ACCEPT,
            timeout=timeout,
        )
    except FetchError as error:
        return FullTextResult(str(error), final=not is_transient(error), problem=error.problem)
    if response.not_modified:
        return FullTextResult("ok", None, response.etag, response.last_modified)
    if response.content_type not in _PAGE_TYPES:
        return _failed(Problem.of("page.not_html", type=response.content_type))
    try:
        html = await asyncio.to_thread(
            extractor,
            response.content,
            response.url,
            selector=selector,
            encoding=response.charset,
        )
    except Exception as error:  # a bug or odd page in extraction must not stop the refresh
        log.exception("extracting %s failed", job.url)
        return _failed(Problem.of("page.extract_failed", detail=repr(error)))
    cleaned = clean_html(html)
    # A photo story may have no words at all: its pictures still make it worth keeping.
    if not plain_text(cleaned) and "<img" not in cleaned.lower():
        return _failed(Problem.of("page.no_text"))
    return FullTextResult("ok", cleaned, response.etag, response.last_modified)


def _failed(problem: Problem) -> FullTextResult:
    """A failure for good (the page itself is the problem)."""
    return FullTextResult(problem.text, problem=problem)
