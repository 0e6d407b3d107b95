"""How `ArticleList` draws one line: an article row, a placeholder, or a one-line message.

Plain functions over what a line needs (row, width, cursor flag, a component-style lookup, the
clock, the labels), so the drawing can be read and changed without the widget's paging and
cursor machinery around it. The widget caches the strips these return.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import lru_cache

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from newsreader_tui.core.dates import format_short
from newsreader_tui.core.models import ArticleRow

StyleLookup = Callable[[str], Style]
"""Component class name -> rich style, e.g. `Widget.get_component_rich_style`."""

_SOURCE_WIDTH = 18
_DATE_WIDTH = 11  # "08/11 09:26"; an older "08/11/2018" is right-aligned in the same column
_SOURCE_MIN_WIDTH = 60
_DATE_MIN_WIDTH = 45
_CUT = "~"  # "…" has East-Asian-ambiguous width and misaligns columns in some Windows terminals
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _fit(text: str, width: int) -> str:
    """`text` cut or padded to exactly `width` cells; a cut ends in `_CUT`."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + _CUT


def _fg(style: Style) -> Style:
    """The foreground half of `style`, to lay a marker colour over the cursor's background."""
    return Style(color=style.color, bold=style.bold, dim=style.dim)


def make_strip(parts: list[tuple[str, Style]], width: int, fill: Style) -> Strip:
    """`parts` as one strip of exactly `width` cells, padded with `fill` (the widget's style)."""
    segments = [Segment(text, style) for text, style in parts if text]
    return Strip(segments).adjust_cell_length(width, fill)


def render_message(text: str, width: int, style: Style, fill: Style) -> Strip:
    """A one-line notice such as the empty-list text, indented by one cell."""
    return make_strip([(" " + _fit(text, width - 1), style)], width, fill)


@lru_cache(maxsize=16)
def wrap_message(text: str, width: int) -> tuple[str, ...]:
    """`text` broken into lines of at most `width` cells, at spaces where it can be (a long
    path is cut wherever it must). Cached: the list asks again for every line it draws."""
    if not text or width <= 0:
        return ()
    wrapped = Text(_CONTROL.sub(" ", text)).wrap(Console(width=width), width)
    return tuple(line.plain.rstrip() for line in wrapped)


def render_row(
    row: ArticleRow | None,
    width: int,
    is_cursor: bool,
    *,
    failed: bool,
    style: StyleLookup,
    fill: Style,
    clock: Callable[[], datetime],
    labels: Mapping[str, str],
) -> Strip:
    """One list line: markers, title, source and date for `row`, or a loading/failed placeholder
    when `row` is None. `fill` is the widget's own style, used off the cursor and for padding."""
    base = style("article-list--cursor") if is_cursor else fill
    if row is None:
        label = labels["list.failed" if failed else "list.loading"]
        text_style = base if is_cursor else style("article-list--placeholder")
        return make_strip([("   " + _fit(label, width - 3), text_style)], width, fill)

    def pick(component: str) -> Style:
        return base + _fg(style(component)) if is_cursor else style(component)

    meta = base if is_cursor else style("article-list--meta")
    if row.read:
        title_style = base if is_cursor else style("article-list--read")
    else:
        title_style = base + Style(bold=True) if is_cursor else style("article-list--unread")
    right: list[tuple[str, Style]] = []
    if width >= _SOURCE_MIN_WIDTH:
        source = _CONTROL.sub(" ", row.feed_title)
        right += [(" ", base), (_fit(source, _SOURCE_WIDTH), meta)]
    if width >= _DATE_MIN_WIDTH:
        date = format_short(row.published, clock())
        right += [(" ", base), (date.rjust(_DATE_WIDTH), meta)]
    right.append((" ", base))
    title_width = width - 3 - sum(cell_len(text) for text, _ in right)
    title = _CONTROL.sub(" ", row.title)
    parts = [
        ("▪" if not row.read else " ", pick("article-list--unread-marker")),
        ("*" if row.starred else " ", pick("article-list--star")),
        (" ", base),
        (_fit(title, title_width), title_style),
        *right,
    ]
    return make_strip(parts, width, fill)
