"""How `ArticleList` draws one line: an article row, a placeholder, or a one-line message.

Plain functions over what a line needs (row, width, cursor flag, a component-style lookup, the
clock, the labels), so the drawing can be read and changed without the widget's paging and
cursor machinery around it. The widget caches the strips these return.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from newsreader_tui.core.dates import VN_TZ, format_short
from newsreader_tui.core.models import ArticleRow
from newsreader_tui.core.store import Term, match_spans

StyleLookup = Callable[[str], Style]
"""Component class name -> rich style, e.g. `Widget.get_component_rich_style`."""

CURSOR = "article-list--cursor"
"""The component class of the cursor row, the one row whose look follows the list's focus."""
MARKERS = 3
"""Unread marker, star and a space before the title."""
TITLE_MIN = 40
"""The narrowest title a list is laid out for (what `LIST_MIN_CELLS` is made of)."""
TITLE_WANT = 64
"""Most headlines fit in this: the source column only takes what the title does not need."""
SOURCE_MAX = 18
SOURCE_MIN = 12
"""A feed name cut shorter than this ("Cổng TTĐT t~") no longer tells feeds apart."""
TITLE_AMPLE = 80
SOURCE_WIDE = 28
"""Once the title keeps `TITLE_AMPLE` (nearly every headline), the source may grow to this:
"Cổng TTĐT tỉnh Hòa Bình Xanh" rather than "Cổng TTĐT tỉnh Hò~"."""
DATE_WIDTH = 11
""""08/11 09:26"; an older "08/11/2018" is right-aligned in the same column."""
SHORT_DATE_WIDTH = 7
""""08/11", or "11/2018" for another year: when the full date would squeeze the title."""
SHORT_TITLE = 24
"""Below this much title the date takes its short form rather than the title's room."""
TINY_TITLE = 10
"""Below this much title even the short date goes: a row must still say what it is."""
LIST_MIN_CELLS = MARKERS + TITLE_MIN + 1 + DATE_WIDTH + 1
"""The narrowest list that shows a full date and a `TITLE_MIN` title (the layout's list minimum)."""
_CUT = "~"  # "…" has East-Asian-ambiguous width and misaligns columns in some Windows terminals
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Columns:
    """How one list width is shared: the title takes whatever the other columns do not need."""

    title: int
    source: int
    """0: no source column (too narrow, or every row has the same source)."""
    date: int
    """`DATE_WIDTH`, `SHORT_DATE_WIDTH`, or 0 when even a short date would not fit."""


def plan_columns(width: int, *, show_source: bool = True) -> Columns:
    """The columns of a list `width` cells wide. First the markers and a title, then the date
    (its short form when the full one would leave less than `SHORT_TITLE`), then the source
    when the title still keeps `TITLE_WANT` (wider when it keeps `TITLE_AMPLE`). A column is
    there whole or not at all: a date is never cut."""
    room = width - MARKERS - 1  # the trailing space
    date = 0
    for candidate, title_floor in ((DATE_WIDTH, SHORT_TITLE), (SHORT_DATE_WIDTH, TINY_TITLE)):
        if room - (candidate + 1) >= title_floor:
            date = candidate
            break
    room -= date + 1 if date else 0
    source = 0
    if show_source and room - (SOURCE_MIN + 1) >= TITLE_WANT:
        source = min(SOURCE_MAX, room - TITLE_WANT - 1)
        source = max(source, min(SOURCE_WIDE, room - TITLE_AMPLE - 1))
    room -= source + 1 if source else 0
    return Columns(title=max(room, 0), source=source, date=date)


def format_date(published: datetime, now: datetime, width: int) -> str:
    """The list's date in `width` cells: `format_short`, or its short form ("08/11", "11/2018")."""
    if width >= DATE_WIDTH:
        return format_short(published, now)
    local = (published if published.tzinfo else published.replace(tzinfo=VN_TZ)).astimezone(VN_TZ)
    today = (now if now.tzinfo else now.replace(tzinfo=VN_TZ)).astimezone(VN_TZ)
    return local.strftime("%d/%m" if local.year == today.year else "%m/%Y")


def _fit(text: str, width: int) -> str:
    """`text` cut or padded to exactly `width` cells; a cut ends in `_CUT`."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + _CUT


def _fg(style: Style) -> Style:
    """The foreground half of `style`, to lay a marker colour over the cursor's background."""
    return Style(color=style.color, bold=style.bold, dim=style.dim, underline=style.underline)


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
    columns: Columns | None = None,
    failed: bool,
    style: StyleLookup,
    fill: Style,
    clock: Callable[[], datetime],
    labels: Mapping[str, str],
    terms: Sequence[Term] = (),
) -> Strip:
    """One list line: markers, title, source and date for `row`, or a loading/failed placeholder
    when `row` is None. `fill` is the widget's own style, used off the cursor and for padding;
    `columns` defaults to `plan_columns(width)`. In a search, the title's words that `terms`
    match are marked."""
    columns = columns or plan_columns(width)
    base = style(CURSOR) if is_cursor else fill
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
    if columns.source:
        source = _CONTROL.sub(" ", row.feed_title)
        right += [(" ", base), (_fit(source, columns.source), meta)]
    if columns.date:
        date = format_date(row.published, clock(), columns.date)
        right += [(" ", base), (date.rjust(columns.date), meta)]
    right.append((" ", base))
    title = _CONTROL.sub(" ", row.title)
    parts = [
        ("▪" if not row.read else " ", pick("article-list--unread-marker")),
        ("*" if row.starred else " ", pick("article-list--star")),
        (" ", base),
        *_marked(_fit(title, columns.title), title_style, terms, pick("article-list--match")),
        *right,
    ]
    return make_strip(parts, width, fill)


def _marked(text: str, style: Style, terms: Sequence[Term], mark: Style) -> list[tuple[str, Style]]:
    """`text` in `style` as parts, the words `terms` match in `style` + `mark`."""
    if not terms:
        return [(text, style)]
    parts: list[tuple[str, Style]] = []
    at = 0
    for start, end in match_spans(text, list(terms)):
        parts += [(text[at:start], style), (text[start:end], style + mark)]
        at = end
    parts.append((text[at:], style))
    return parts


def render_snippet(
    snippet: str,
    width: int,
    is_cursor: bool,
    *,
    style: StyleLookup,
    fill: Style,
    terms: Sequence[Term],
) -> Strip:
    """A search result's second line: the snippet under the title, muted, the matched words
    marked; under the cursor it keeps the cursor's colours, as the title line does."""
    base = style(CURSOR) if is_cursor else fill
    meta = base if is_cursor else style("article-list--meta")
    mark = style("article-list--match")
    text = _fit(_CONTROL.sub(" ", snippet), width - MARKERS - 1)
    parts = [(" " * MARKERS, base), *_marked(text, meta, terms, _fg(mark) if is_cursor else mark)]
    return make_strip(parts, width, fill)
