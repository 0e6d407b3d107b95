"""Article pages as portals serve them, and a stand-in for the content extractor.

Tests about fetching pages should not depend on how well the real extractor reads a portal
(tests/core/test_extract.py is about that): `StandIn` takes what is inside `<article>`.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

_ARTICLE = re.compile(r"<article>(.*)</article>", re.DOTALL)


def article_page(
    body: str, *, nav: str = "Menu", title: str | None = None, footer: str | None = None
) -> str:
    """An HTML page with `body` inside `<article>`, after a `<nav>` holding `nav` (text that must
    not end up in the extracted content) and before an optional `<footer>`."""
    head = "" if title is None else f"<head><title>{title}</title></head>"
    tail = "" if footer is None else f"<footer>{footer}</footer>"
    return f"<html>{head}<body><nav>{nav}</nav><article>{body}</article>{tail}</body></html>"


@dataclass
class StandIn:
    """An extractor (`core.media.Extractor`) that returns what is inside `<article>`, or None.

    It records each call as (url, selector, encoding). A page containing `trip` makes it raise,
    as a real extractor might on a page it cannot handle.
    """

    trip: str | None = None
    calls: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __call__(
        self,
        page: bytes | str,
        url: str,
        *,
        selector: str | None = None,
        encoding: str | None = None,
    ) -> str | None:
        with self.lock:  # pages are extracted in worker threads
            self.calls.append((url, selector, encoding))
        text = page.decode(encoding or "utf-8") if isinstance(page, bytes) else page
        if self.trip is not None and self.trip in text:
            raise RuntimeError("the extractor tripped over this page")
        match = _ARTICLE.search(text)
        return match.group(1) if match else None
