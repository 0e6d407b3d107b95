"""The lead paragraph (sapo): an item's summary, shown above its body when the body lacks it.

Vietnamese portals keep the sapo in its own field: the feed's summary holds "UBND huyện Sông
Xanh thông báo điều chỉnh lịch tiếp công dân…" and the content goes on from the next paragraph.
The reader and `show` show the fuller body, so without this the sapo is never seen. Many feeds
repeat it (the content starts with the summary, or the summary is the content's opening words
cut off with "…" or "[…]"); then it is not shown twice.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence

from ..models import Article
from .blocks import Block, Heading, Inline, ListBlock, Paragraph, Quote, parse_html, spans_text

__all__ = ["LEAD_WORDS", "lead_paragraphs", "with_lead"]

LEAD_WORDS = 30
"""How many of the summary's opening words the body must hold near its start to count as
already beginning with it: enough to tell a sapo from a teaser, few enough that a summary cut
off after 55 words (WordPress's excerpt) still matches."""
_SLACK = 60
"""Words of the body (a dateline, a caption, a heading) that may come before the summary's."""
_SHARE = 0.6
"""Share of a short summary's words that must open the body: the rest may be a "read more"."""
_MIN_WORDS = 4
"""Fewer opening words than this prove nothing (or all of a summary shorter than that)."""
_WORD = re.compile(r"\w+")
_CUT_OFF = re.compile(r"(?:…|\.\.\.|\[(?:…|\.\.\.)\])\s*$")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _texts(blocks: Sequence[Block]) -> Iterator[str]:
    """The text of the blocks in reading order (pictures and tables say nothing of the lead)."""
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            yield spans_text(block.spans)
        elif isinstance(block, ListBlock):
            yield from (spans_text(item) for item in block.items)
        elif isinstance(block, Quote):
            yield from _texts(block.blocks)


def _begins_with(body: Sequence[Block], summary: str) -> bool:
    """Whether the summary's opening words stand together near the start of the body."""
    words = _words(summary)
    if _CUT_OFF.search(summary) and len(words) > 1:
        words = words[:-1]  # the last word may be cut mid-way ("địa phư…")
    # Its opening words only: a short summary often ends in what the body has not ("Đọc tiếp",
    # "The post … appeared first on …").
    words = words[: min(LEAD_WORDS, max(_MIN_WORDS, math.ceil(len(words) * _SHARE)))]
    if not words:
        return True
    start: list[str] = []
    for text in _texts(body):
        start.extend(_words(text))
        if len(start) >= len(words) + _SLACK:
            break
    start = start[: len(words) + _SLACK]
    first = words[0]
    return any(
        start[at : at + len(words)] == words for at, word in enumerate(start) if word == first
    )


def lead_paragraphs(article: Article, body: Sequence[Block] | None = None) -> tuple[str, ...]:
    """The summary's paragraphs to show as the article's lead, or () when the body shown is
    the summary itself or already begins with it. `body` is the parsed `article.body_html`
    when the caller has it (the reader does), else it is parsed here."""
    if not article.summary or article.body_html == article.summary:
        return ()  # no summary, or it is the body shown
    base = article.url or article.feed_url
    paragraphs = tuple(text.strip() for text in _texts(parse_html(article.summary, base)))
    paragraphs = tuple(text for text in paragraphs if text)
    if not paragraphs:
        return ()
    blocks = parse_html(article.body_html, base) if body is None else body
    return () if _begins_with(blocks, " ".join(paragraphs)) else paragraphs


def with_lead(article: Article, body: list[Block]) -> list[Block]:
    """`body` (the parsed `article.body_html`) with the lead in front, in bold as portals set
    their sapo."""
    lead = [Paragraph((Inline(text, bold=True),)) for text in lead_paragraphs(article, body)]
    return [*lead, *body] if lead else body
