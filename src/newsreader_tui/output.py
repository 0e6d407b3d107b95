"""Plain-text and JSON shapes of core objects for the command line (no Rich: pipes stay clean).

Plain text is in the interface's language (the `Labels` given); JSON is a contract and stays
as it is, English error texts included.
"""

from __future__ import annotations

import os
import shutil
import textwrap
import unicodedata
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from .core.content.lead import lead_paragraphs
from .core.content.plain import DEFAULT_WORDS, IMAGE_MARK, ImageInfo, Words, html_to_text
from .core.dates import VN_TZ, to_iso
from .core.health import retry_time
from .core.media import MediaEvent
from .core.models import Article, FeedStatus, FetchOutcome, SearchHit
from .i18n import Labels, describe

MIN_WIDTH = 40
MAX_WIDTH = 100
FEED_COLUMNS = 20
"""Room kept for the source's name after a title in one-line listings."""


UNREAD, STARRED = "▪", "*"
"""The reader's own marks for an unread and a starred article (ui/widgets/article_rows.py)."""
ASCII_UNREAD = "N"
"""The unread mark where the output cannot encode "▪" (a file or pipe in a legacy code page
such as cp1252; a Windows console itself takes Unicode): newsboat's letter for a new article."""


def terminal_width() -> int:
    """Columns to lay plain output out in: the terminal's, or 80 when piped."""
    columns = shutil.get_terminal_size((80, 24)).columns
    if "COLUMNS" in os.environ or os.isatty(1):
        return max(MIN_WIDTH, min(columns, MAX_WIDTH))
    return 80


def listing_width(out: TextIO) -> int | None:
    """Columns for one-line listings on `out`: the terminal's, or None (nothing cut) when `out`
    is not a terminal, so a script or a pager gets whole titles."""
    return terminal_width() if out.isatty() else None


def unread_mark(encoding: str | None) -> str:
    """The reader's unread mark if `encoding` (the output's) can write it, else ASCII."""
    try:
        UNREAD.encode(encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return ASCII_UNREAD
    return UNREAD


def char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def truncate(text: str, width: int) -> str:
    """Cut to at most `width` terminal columns, ending in "…" when cut."""
    if display_width(text) <= width:
        return text
    out: list[str] = []
    used = 0
    for ch in text:
        w = char_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + "…"


def short_date(when: datetime, now: datetime | None = None) -> str:
    """`08/11 09:26` this year, `08/11/2018` for older ones; always in Vietnam time."""
    local = when.astimezone(VN_TZ)
    today = (now or datetime.now(VN_TZ)).astimezone(VN_TZ)
    if local.year == today.year:
        return local.strftime("%d/%m %H:%M")
    return local.strftime("%d/%m/%Y")


def article_flags(article: Article, unread: str = UNREAD) -> str:
    """The unread and starred marks, as the reader's list shows them (`unread` may be ASCII)."""
    return (unread if not article.read else " ") + (STARRED if article.starred else " ")


def article_line(article: Article, width: int | None, unread: str = UNREAD) -> str:
    """`   123 ▪* 08/11 09:26 Title · Feed`: id, unread (▪) and starred (*) marks, date, title
    and source, cut to `width` columns (None: whole)."""
    flags = article_flags(article, unread)
    head = f"{article.id:>6} {flags} {short_date(article.published):<11} "
    tail = f" · {article.feed_title}"
    if width is None:
        return head + article.title + tail
    room = width - display_width(head)
    title = truncate(article.title, max(10, room - min(display_width(tail), FEED_COLUMNS)))
    return truncate(head + title + tail, width)


def search_line(hit: SearchHit, width: int | None, unread: str = UNREAD) -> str:
    first = article_line(hit.article, width, unread)
    snippet = " ".join(hit.snippet.split())
    if snippet and width is not None:
        snippet = truncate(snippet, width - 10)
    return f"{first}\n{' ' * 10}{snippet}" if snippet else first


def feed_line(status: FeedStatus, width: int, labels: Labels) -> str:
    """Feed title, category, unread/total counts and the last result in one line, then its
    error, or the warning of its last read, indented below."""
    if status.error and status.retry_after:
        now = datetime.now(VN_TZ)
        state = labels("cli.feed_retry_after", time=retry_time(status.retry_after, now))
    elif status.error:
        state = labels["cli.feed_failed"]
    elif status.last_success:
        state = labels("cli.feed_ok", date=short_date(status.last_success))
    else:
        state = labels["cli.never"]
    head = f"{status.unread:>5}/{status.item_count:<5} {state:<15} "
    line = truncate(f"{head}{status.title} [{status.category}]", width)
    problem = describe(status, labels)
    if status.warning and not status.error:
        problem = labels("cli.warning", warning=problem)
    if problem:
        line += "\n" + textwrap.indent(textwrap.fill(problem, width - 14), " " * 14)
    return line


def outcome_line(outcome: FetchOutcome, title: str, width: int, labels: Labels) -> str:
    """One line per feed for `refresh`."""
    if outcome.status == "error":
        # A feed whose server asked us to come back later is waiting, not broken.
        tag = labels["cli.wait"] if outcome.retry_after else labels["cli.fail"]
        text = f"{tag:<5} {title}: {describe(outcome, labels)}"
        return textwrap.fill(text, width, subsequent_indent=" " * 6)
    if outcome.status == "not_modified":
        detail = labels["cli.not_modified"]
    elif outcome.status == "unchanged":
        detail = labels["cli.unchanged"]
    else:
        detail = labels("cli.counts", new=outcome.new, updated=outcome.updated, total=outcome.total)
    line = truncate(f"{labels['cli.ok']:<5} {title}: {detail}", width)
    if outcome.warning:
        warning = labels("cli.warning", warning=describe(outcome, labels))
        line += "\n" + textwrap.fill(
            warning, width, initial_indent=" " * 6, subsequent_indent=" " * 6
        )
    return line


class MediaTally:
    """Counts what a refresh's prefetch phase did, for `refresh`'s summary line."""

    def __init__(self) -> None:
        self.pages = self.unchanged = self.pages_failed = 0
        self.images = self.images_failed = 0

    def add(self, event: MediaEvent) -> None:
        """A `MediaProgress` callback."""
        if event.kind == "full_text":
            if event.status == "not_modified":
                self.unchanged += 1
            elif event.ok:
                self.pages += 1
            else:
                self.pages_failed += 1
            return
        if event.ok:
            self.images += 1
        else:
            self.images_failed += 1

    @property
    def page_count(self) -> int:
        return self.pages + self.unchanged + self.pages_failed

    def summary(self, *, images: bool, labels: Labels) -> str:
        """`full text: 12 fetched, 1 failed; images: 30 downloaded, 2 failed`."""
        text = labels("cli.tally_pages", pages=self.pages, failed=self.pages_failed)
        if self.unchanged:
            text += labels("cli.tally_unchanged", count=self.unchanged)
        if images or self.images or self.images_failed:
            text += labels("cli.tally_images", images=self.images, failed=self.images_failed)
        return text


def feed_json(status: FeedStatus) -> dict[str, Any]:
    """The `--json` shape of a configured feed and its fetch state."""
    return {
        "url": status.url,
        "title": status.title,
        "category": status.category,
        "kind": status.kind,
        "resolved_url": status.resolved_url,
        "unread": status.unread,
        "items": status.item_count,
        "ok": status.error is None,
        "error": status.error,
        "warning": status.warning,
        "http_status": status.http_status,
        "last_attempt": to_iso(status.last_attempt) if status.last_attempt else None,
        "last_success": to_iso(status.last_success) if status.last_success else None,
        "last_new": status.last_new,
    }


def article_json(
    article: Article,
    *,
    full: bool = False,
    image_path: Callable[[str], Path | None] | None = None,
) -> dict[str, Any]:
    """The `--json` shape of an article. `full` adds `text` (from the page's full text when it
    was fetched) and `images` (for `show`): each `{url, caption, credit, path}`, where `path`
    is the absolute path of the cached file as `image_path` gives it, or null."""
    data: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "published": to_iso(article.published),
        "feed": article.feed_title,
        "feed_url": article.feed_url,
        "category": article.category,
        "read": article.read,
        "starred": article.starred,
        "author": article.author or None,
        "tags": list(article.categories),
        "image": article.image,
    }
    if full:
        text, images = article_body(article)
        data["summary"] = html_to_text(article.summary, article.url or "")[0]
        data["text"] = text
        data["images"] = [
            {
                "url": image.url,
                "caption": image.caption,
                "credit": image.credit,
                "path": _path_text(image_path(image.url) if image_path else None),
            }
            for image in images
        ]
    return data


def _path_text(path: Path | None) -> str | None:
    return None if path is None else str(path.resolve())


def article_body(article: Article, words: Words = DEFAULT_WORDS) -> tuple[str, list[ImageInfo]]:
    """The article's body (the page's full text when fetched, else the fuller of content and
    summary) as plain text, plus its images (the feed's thumbnail first when the body does not
    show it)."""
    text, images = html_to_text(article.body_html, article.url or article.feed_url, words)
    if article.image and all(image.url != article.image for image in images):
        images.insert(0, ImageInfo(article.image, ""))
    return text, images


def render_article(article: Article, width: int, labels: Labels) -> str:
    """An article for reading in a terminal or a pager: header, then the wrapped body."""
    width = min(width, 80)
    rule = "─" * width
    header = [textwrap.fill(article.title, width), rule]
    meta = article.published.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M")
    header.append(textwrap.fill(f"{meta} · {article.feed_title} · {article.category}", width))
    if article.author:
        header.append(labels("render.author", author=article.author))
    if article.url:
        header.append(article.url)
    if article.categories:
        header.append(labels("render.tags", tags=", ".join(article.categories)))
    # The reader's bullet, and photo words in the interface's language (--json keeps its own).
    words = Words(bullet="-", photo=labels["render.image"], credit=labels["render.credit"])
    text, _images = article_body(article, words)
    # The sapo, when the body does not begin with it (`--json` carries it as `summary`).
    text = "\n\n".join(filter(None, (*lead_paragraphs(article), text)))
    paragraphs = []
    for block in text.split("\n\n"):
        lines = []
        for line in block.split("\n"):
            if line.lstrip().startswith((IMAGE_MARK, "- ")):
                lines.append(textwrap.fill(line, width, subsequent_indent="  "))
            else:
                lines.append(textwrap.fill(line, width))
        paragraphs.append("\n".join(lines))
    return "\n".join(header) + "\n\n" + "\n\n".join(paragraphs)
