"""How `Sidebar` draws one line: a smart view, a category or a feed under its guide.

Plain functions over what a line shows (`Line`) and the styles of one render pass (`Palette`),
so the drawing can be read apart from the widget's cursor and expand machinery. The widget
caches the strips by the `Line` and the `Palette` together: a line is drawn again only when
what it shows or how it is styled changed.

The look is the one Textual's `Tree` gave the sidebar before (issue 10 replaced the Tree, which
cost ~8 ms to draw 47 lines): ASCII toggles, a one-cell guide before each feed, the cursor's
colours over the name only, the count right-aligned in the sidebar's accent.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from newsreader_tui.core.models import FeedStatus

from .sidebar_outline import Row

ICON_OPEN = "- "
ICON_CLOSED = "+ "
"""ASCII toggles: triangles are ambiguous-width and misalign on some terminals."""
GUIDE_WIDTH = 2
"""Cells of the guide before a feed ("├ "), the indent of a category's feeds."""
_GUIDES = {"default": ("├ ", "└ "), "bold": ("┣ ", "┗ "), "double": ("╠ ", "╚ ")}
"""Middle and last feed of a category, by the guide style's weight (as Tree drew them)."""


COMPONENTS = {
    "sidebar--count",
    "sidebar--failed",
    "sidebar--waiting",
    "sidebar--current",
    "sidebar--heading",
    "sidebar--cursor",
    "sidebar--guides",
    "sidebar--guides-selected",
    "sidebar--hover",
}
"""The sidebar's component classes: the first five are styled in app.tcss, the rest here."""

SIDEBAR_CSS = """
Sidebar {
    background: $surface;
    color: $foreground;
    overflow-x: hidden;
    & > .sidebar--cursor {
        text-style: $block-cursor-blurred-text-style;
        background: $block-cursor-blurred-background;
    }
    & > .sidebar--guides { color: $surface-lighten-2; }
    & > .sidebar--guides-selected { color: $block-cursor-blurred-background; }
    & > .sidebar--hover { background: $block-hover-background; }
    &:focus {
        background-tint: $foreground 5%;
        & > .sidebar--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .sidebar--guides { color: $surface-lighten-3; }
        & > .sidebar--guides-selected { color: $block-cursor-background; }
    }
    &:light {
        & > .sidebar--guides { color: $surface-darken-1; }
        & > .sidebar--guides-selected { color: $block-cursor-background; }
    }
}
Sidebar:ansi {
    color: ansi_default;
    & > .sidebar--guides { color: $ansi-background; }
    &:nocolor > .sidebar--cursor { text-style: reverse; }
}
"""
"""Tree's look, kept: the cursor's colours follow focus, the guides under a focused category
take the cursor's colour, the focused sidebar is tinted a little lighter."""


@dataclass(frozen=True)
class Line:
    """Everything one drawn line depends on besides the palette: the strip cache's key."""

    row: Row
    name: str
    marker: str
    """"! " for a failed feed, "~ " for one waiting (Retry-After), else ""."""
    count: int
    expanded: bool | None
    """A category's state (its toggle), None for other rows."""
    cursor: bool
    current: bool
    guide_selected: bool
    """The cursor is on this feed's category and the sidebar has focus."""
    hover: bool
    room: int
    """Cells for the label: the content width less the guide."""
    width: int


@dataclass(frozen=True)
class Palette:
    """The styles of one render pass, resolved once rather than per line."""

    fill: Style
    """The widget's own style: background and text of every line."""
    cursor: Style
    hover: Style
    guides: Style | None
    """None when the theme hides the guides (a transparent colour)."""
    guides_selected: Style | None
    count: Style
    failed: Style
    waiting: Style
    current: Style
    heading: Style


def feed_marker(feed: FeedStatus | None) -> str:
    """ "! " before a failed feed's name; "~ " when its server asked us to come back later
    (Retry-After: not broken, and its details, `e`, say when)."""
    if feed is None or not feed.error:
        return ""
    return "~ " if feed.retry_after else "! "


def make_palette(widget: Widget) -> Palette:
    """The sidebar's styles as they are now (a focus move or a theme changes them)."""
    style = widget.get_component_rich_style

    def guides(name: str) -> Style | None:
        hidden = widget.get_component_styles(name).color.a == 0
        return None if hidden else style(name, partial=True)

    plain = guides("sidebar--guides")
    selected = guides("sidebar--guides-selected")
    return Palette(
        fill=widget.rich_style,
        cursor=style("sidebar--cursor"),
        hover=style("sidebar--hover"),
        guides=plain,
        guides_selected=plain + selected if plain and selected else selected,
        count=style("sidebar--count", partial=True),
        failed=style("sidebar--failed", partial=True),
        waiting=style("sidebar--waiting", partial=True),
        current=style("sidebar--current", partial=True),
        heading=style("sidebar--heading", partial=True),
    )


def _guide(style: Style, last: bool) -> str:
    weight = "bold" if style.bold else "double" if style.underline2 else "default"
    return _GUIDES[weight][1 if last else 0]


def render_line(line: Line, palette: Palette) -> Strip:
    """One sidebar line, exactly `line.width` cells: guide, toggle, marker and name cut to
    leave room for the count, then the count at the right edge. A sidebar with no room (hidden)
    gets its label uncut, count left out, as Tree gave it."""
    base = palette.fill + palette.hover if line.hover else palette.fill
    segments: list[Segment] = []
    if line.row.depth:
        guides = palette.guides_selected if line.guide_selected else palette.guides
        text = _guide(guides, line.row.last) if guides is not None else "  "
        segments.append(Segment(text, base + guides if guides is not None else base))
    label: list[Segment] = []
    if line.expanded is not None:
        label.append(Segment(ICON_OPEN if line.expanded else ICON_CLOSED, base))
    # The name's style as Tree composed it: its own, then current, then the cursor on top.
    over = Style()
    if line.current:
        over += palette.current
    if line.cursor:
        over += palette.cursor
    if line.marker:
        marker = palette.waiting if line.marker == "~ " else palette.failed
        label.append(Segment(line.marker, base + marker + over))
    if line.expanded is not None:
        label.append(Segment(line.name, base + palette.heading + over))
    else:
        label.append(Segment(line.name, base + over))
    strip = Strip(label)
    if line.room > 0:
        # The count is never hidden: a long title gives way to it.
        suffix = f" {line.count}" if line.count else ""
        keep = max(1, line.room - len(suffix))
        strip = strip.crop(0, keep)
        if suffix:
            strip = strip.adjust_cell_length(keep, base)
            strip = Strip([*strip, Segment(suffix, base + palette.count)])
    strip = Strip([*segments, *strip])
    return strip.adjust_cell_length(line.width, base) if line.width > 0 else strip
