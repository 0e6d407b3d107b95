"""The content block model: what article HTML becomes, and what the reader pane renders.

Plain frozen dataclasses with no parsing in them; `blocks.parse_html` builds them and
`ui/render.py` draws them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby

__all__ = [
    "Block",
    "Heading",
    "Image",
    "Inline",
    "ListBlock",
    "Paragraph",
    "Preformatted",
    "Quote",
    "Rule",
    "Spans",
    "Table",
    "link_texts",
    "links",
    "spans_text",
]


@dataclass(frozen=True)
class Inline:
    """A run of text with one style. `href` is an absolute http(s) URL or None."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


Spans = tuple[Inline, ...]


@dataclass(frozen=True)
class Heading:
    level: int
    spans: Spans


@dataclass(frozen=True)
class Paragraph:
    """Wrapped text; a span may contain "\\n" where the HTML had `<br>`."""

    spans: Spans


@dataclass(frozen=True)
class ListBlock:
    """A list, nested lists flattened: `levels[i]` is item i's depth (0 = outermost).

    `ordered` is the outermost list's kind; nested items are numbered per level by the renderer.
    """

    ordered: bool
    items: tuple[Spans, ...]
    levels: tuple[int, ...] = ()

    def level(self, index: int) -> int:
        return self.levels[index] if index < len(self.levels) else 0


@dataclass(frozen=True)
class Quote:
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Table:
    """A data table as text cells; `header` means the first row is a header row."""

    rows: tuple[tuple[str, ...], ...]
    header: bool = False


@dataclass(frozen=True)
class Image:
    """An image with the caption and photo credit that belong to it ("" when none)."""

    url: str
    caption: str = ""
    credit: str = ""
    alt: str = ""

    @property
    def label(self) -> str:
        """What to show for the image: its caption, else its alt text."""
        return self.caption or self.alt


@dataclass(frozen=True)
class Rule:
    pass


@dataclass(frozen=True)
class Preformatted:
    text: str


Block = Heading | Paragraph | ListBlock | Quote | Table | Image | Rule | Preformatted


def spans_text(spans: Iterable[Inline]) -> str:
    """The plain text of a run of spans."""
    return "".join(span.text for span in spans)


def links(blocks: Iterable[Block]) -> list[str]:
    """The distinct link targets in reading order: reference [n] is `links(...)[n - 1]`."""
    return list(link_texts(blocks))


def link_texts(blocks: Iterable[Block]) -> dict[str, str]:
    """Each distinct link target, in the order of `links`, with the words first linked to it:
    one run of spans ("Tải về " + bold "Quyết định 123") joined; "" for a link with no words
    (an image, say). The words are as the body holds them, line breaks and all."""
    texts: dict[str, str] = {}
    for spans in _all_spans(blocks):
        for href, run in groupby(spans, key=lambda span: span.href):
            if href and href not in texts:
                texts[href] = "".join(span.text for span in run).strip()
    return texts


def _all_spans(blocks: Iterable[Block]) -> Iterator[Spans]:
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            yield block.spans
        elif isinstance(block, ListBlock):
            yield from block.items
        elif isinstance(block, Quote):
            yield from _all_spans(block.blocks)
