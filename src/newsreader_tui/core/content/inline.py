"""Inline text while walking the tree: the current style, and runs of styled text (`Inline`
spans) with whitespace collapsed the way a browser would, across span borders."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .model import Block, Inline, Paragraph, Spans

__all__ = ["Output", "Style", "tidy"]

_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0]+")
_AROUND_NEWLINE = re.compile(r" ?\n ?")


@dataclass(frozen=True)
class Style:
    """The inline style in effect: bold, italic, and the link target (None outside links)."""

    bold: bool = False
    italic: bool = False
    href: str | None = None


class Output:
    """Collects blocks, and the inline spans of the paragraph being built.

    The text of the span being built is kept as a list of pieces and joined when the style
    changes: adding to a string would copy it each time, quadratic in a paragraph of 100,000
    `<span>`s."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._done: list[Inline] = []
        self._pieces: list[str] = []
        self._style: Style | None = None

    @property
    def spans(self) -> list[Inline]:
        """The spans of the paragraph being built."""
        self._seal()
        return self._done

    def text(self, data: str, style: Style) -> None:
        # The tree's text is clean already (html_tree); here only whitespace is collapsed.
        text = "\n" if data == "\n" else _SPACE.sub(" ", data)
        if not text:
            return
        if style != self._style:
            self._seal()
            self._style = style
        self._pieces.append(text)

    def _seal(self) -> None:
        if self._pieces and self._style is not None:
            style = self._style
            self._done.append(Inline("".join(self._pieces), style.bold, style.italic, style.href))
        self._pieces = []
        self._style = None

    def flush(self) -> None:
        spans = tidy(self.spans)
        self._done = []
        if spans:
            self.blocks.append(Paragraph(spans))

    def block(self, block: Block) -> None:
        self.flush()
        self.blocks.append(block)


def tidy(spans: Sequence[Inline]) -> Spans:
    """Collapse spaces across span borders, trim the ends, drop empty spans, merge equal styles."""
    runs: list[tuple[Inline, list[str]]] = []  # a style and its pieces, joined once below
    previous = "\n"  # as if at the start of a line: leading spaces go
    for span in spans:
        text = _AROUND_NEWLINE.sub("\n", span.text)
        if previous in " \n":
            text = text.lstrip(" ")
        if not text:
            continue
        if runs and (runs[-1][0].bold, runs[-1][0].italic, runs[-1][0].href) == (
            span.bold,
            span.italic,
            span.href,
        ):
            runs[-1][1].append(text)
        else:
            runs.append((span, [text]))
        previous = text[-1]
    out = [replace(span, text="".join(pieces)) for span, pieces in runs]
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
