"""Article HTML to plain text, with images kept in place as caption lines.

For the CLI's `show` and for summaries in `--json`. Built on `blocks.parse_html`, so the text and
the reader pane agree on structure, captions and credits: each image stands in the text as a line
`▣ caption (Ảnh: credit)`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ..text import plain_text
from .blocks import (
    Block,
    Heading,
    Image,
    ListBlock,
    Paragraph,
    Preformatted,
    Quote,
    Rule,
    Table,
    parse_html,
    spans_text,
)
from .captions import image_source

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_WORDS",
    "IMAGE_MARK",
    "ImageInfo",
    "Words",
    "html_to_text",
    "image_source",
    "plain_image_line",
]

IMAGE_MARK = "▣"


@dataclass(frozen=True)
class Words:
    """The few words plain text writes itself. The defaults are what `--json` has always
    carried; `show` passes the reader's bullet and the interface's words for a photo."""

    bullet: str = "•"
    photo: str = "Ảnh"
    credit: str = "Ảnh: {credit}"


DEFAULT_WORDS = Words()


@dataclass(frozen=True)
class ImageInfo:
    """An image of the article with its caption (else its alt text) and photo credit."""

    url: str
    caption: str = ""
    credit: str = ""


def plain_image_line(caption: str, credit: str, words: Words = DEFAULT_WORDS) -> str:
    """`▣ caption (Ảnh: credit)`, `▣ Ảnh: credit`, `▣ caption`, or `▣ Ảnh` with neither."""
    if caption and credit:
        return f"{IMAGE_MARK} {caption} ({words.credit.format(credit=credit)})"
    if credit:
        return f"{IMAGE_MARK} {words.credit.format(credit=credit)}"
    return f"{IMAGE_MARK} {caption or words.photo}"


def _lines(blocks: list[Block], images: list[ImageInfo], words: Words) -> list[str]:
    """One string per block (a block may span lines); images are collected as they come."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            out.append(spans_text(block.spans))
        elif isinstance(block, Image):
            info = ImageInfo(block.url, block.label, block.credit)
            images.append(info)
            out.append(plain_image_line(info.caption, info.credit, words))
        elif isinstance(block, ListBlock):
            items = []
            counters: dict[int, int] = {}
            for index, spans in enumerate(block.items):
                level = block.level(index)
                counters = {k: v for k, v in counters.items() if k <= level}
                counters[level] = counters.get(level, 0) + 1
                ordered = block.ordered and level == 0
                marker = f"{counters[level]}. " if ordered else f"{words.bullet} "
                items.append("  " * level + marker + spans_text(spans).replace("\n", " "))
            out.append("\n".join(items))
        elif isinstance(block, Quote):
            out.extend(_lines(list(block.blocks), images, words))
        elif isinstance(block, Table):
            out.append("\n".join(" | ".join(row) for row in block.rows))
        elif isinstance(block, Preformatted):
            out.append(block.text)
        elif isinstance(block, Rule):
            out.append("―" * 3)
    return out


def html_to_text(
    html: str, base_url: str = "", words: Words = DEFAULT_WORDS
) -> tuple[str, list[ImageInfo]]:
    """Plain text of an article body and its images, paragraphs separated by a blank line; each
    image stands in the text as a line `▣ caption (Ảnh: credit)` where it appeared.

    Never raises: should the body defeat the parser (a bug, or markup no parser should have to
    survive), its words come back on one line, without images, so `show` still shows it."""
    images: list[ImageInfo] = []
    try:
        blocks = parse_html(html, base_url)
    except Exception as error:
        log.warning("reading an article body failed: %r", error)
        return plain_text(html), []
    parts = _lines(blocks, images, words)
    text = "\n\n".join(part.strip() for part in parts if part.strip())
    return text, images
