"""Inline text while walking the tree: the current style, and runs of styled text (`Inline`
spans) with whitespace collapsed the way a browser would, across span borders."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..text import strip_controls
from .model import Block, Inline, Paragraph, Spans

__all__ = ["Output", "Style", "tidy"]

_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0\u200b]+")


@dataclass(frozen=True)
class Style:
    """The inline style in effect: bold, italic, and the link target (None outside links)."""

    bold: bool = False
    italic: bool = False
    href: str | None = None


class Output:
    """Collects blocks, and the inline spans of the paragraph being built."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.spans: list[Inline] = []

    def text(self, data: str, style: Style) -> None:
        text = "\n" if data == "\n" else _SPACE.sub(" ", strip_controls(data))
        if not text:
            return
        last = self.spans[-1] if self.spans else None
        if last and (last.bold, last.italic, last.href) == (style.bold, style.italic, style.href):
            self.spans[-1] = replace(last, text=last.text + text)
        else:
            self.spans.append(Inline(text, style.bold, style.italic, style.href))

    def flush(self) -> None:
        spans = tidy(self.spans)
        self.spans = []
        if spans:
            self.blocks.append(Paragraph(spans))

    def block(self, block: Block) -> None:
        self.flush()
        self.blocks.append(block)


def tidy(spans: Sequence[Inline]) -> Spans:
    """Collapse spaces across span borders, trim the ends, drop empty spans, merge equal styles."""
    out: list[Inline] = []
    previous = "\n"  # as if at the start of a line: leading spaces go
    for span in spans:
        text = re.sub(r" ?\n ?", "\n", span.text)
        if previous in " \n":
            text = text.lstrip(" ")
        if not text:
            continue
        if out and (out[-1].bold, out[-1].italic, out[-1].href) == (
            span.bold,
            span.italic,
            span.href,
        ):
            out[-1] = replace(out[-1], text=out[-1].text + text)
        else:
            out.append(replace(span, text=text))
        previous = text[-1]
    # Trailing spaces and line breaks, possibly spread over several spans.
    while out:
        stripped = out[-1].text.rstrip(" \n")
        if stripped:
            out[-1] = replace(out[-1], text=stripped)
            break
        out.pop()
    # Leading line breaks (a <br> at the start of a paragraph).
    while out:
        stripped = out[0].text.lstrip(" \n")
        if stripped:
            out[0] = replace(out[0], text=stripped)
            break
        out.pop(0)
    return tuple(out)
