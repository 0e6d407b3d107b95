"""The sidebar: smart views, then categories with their feeds, each with its unread count.

A line-API `ScrollView` of our own (issue 10), drawn like the `ArticleList`: `render_line`
builds each line from segments (`sidebar_rows`), with the styles resolved once per render pass
and the strips cached by what a line shows. Textual's `Tree` drew the same lines in ~8 ms (a
rich style, guides and a `Text` rendered per line), and every focus move in or out redrew them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...core.models import FeedStatus
from ...core.views import SMART_VIEWS, SidebarData, View
from .sidebar_rows import GUIDE_WIDTH, ICON_OPEN, Line, Palette, Row, render_line


class Sidebar(ScrollView, can_focus=True):
    """An outline of views. Enter (or a click) opens the view under the cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
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
    # Tree's look, kept: the cursor's colours follow focus, the guides under a focused
    # category take the cursor's colour, the focused sidebar is tinted a little lighter.
    DEFAULT_CSS = """
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
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", id="sidebar.open", show=False),
        Binding("j,down", "cursor_down", id="sidebar.down", show=False),
        Binding("k,up", "cursor_up", id="sidebar.up", show=False),
        Binding("right,l", "expand_node", id="sidebar.expand", show=False),
        Binding("left,h", "collapse_node", id="sidebar.collapse", show=False),
        Binding("g,home", "cursor_first", id="sidebar.first", show=False),
        Binding("G,end", "cursor_last", id="sidebar.last", show=False),
        Binding("pagedown", "cursor_page_down", id="sidebar.page_down", show=False),
        Binding("pageup", "cursor_page_up", id="sidebar.page_up", show=False),
        Binding("space", "toggle_node", id="sidebar.toggle", show=False),
        Binding("shift+space", "toggle_all", id="sidebar.toggle_all", show=False),
        Binding("shift+left", "cursor_parent", id="sidebar.parent", show=False),
        Binding("shift+right", "cursor_next_group", id="sidebar.next_group", show=False),
        Binding("shift+up", "cursor_previous_sibling", id="sidebar.previous_sibling", show=False),
        Binding("shift+down", "cursor_next_sibling", id="sidebar.next_sibling", show=False),
    ]

    @dataclass
    class ViewSelected(Message):
        """The user asked to show `view` in the article list."""

        view: View

    def __init__(
        self,
        *,
        labels: Mapping[str, str],
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.labels = labels
        self.current: View | None = None
        self._categories: list[tuple[View, list[View]]] = []
        self._expanded: set[View] = set()
        self._rows: list[Row] = []
        self._line_of: dict[View, int] = {}
        self._cursor = 0
        self._hover = -1
        # Counts by view, kept apart from the feeds so one article read adjusts four lines.
        self._counts: dict[View, int] = {}
        self._feeds: dict[str, FeedStatus] = {}
        self._category_of: dict[str, str] = {}
        self._palette: Palette | None = None
        self._strips: LRUCache[tuple[Line, Palette], Strip] = LRUCache(512)

    # -- public -----------------------------------------------------------------------------

    @property
    def cursor_line(self) -> int:
        """The line under the cursor (0 when the sidebar is empty)."""
        return self._cursor

    @property
    def last_line(self) -> int:
        """The last line's index (-1 when the sidebar is empty)."""
        return len(self._rows) - 1

    @property
    def cursor_view(self) -> View | None:
        """The view under the cursor."""
        return self._rows[self._cursor].view if self._rows else None

    def is_expanded(self, category: View) -> bool:
        return category in self._expanded

    def update_data(self, data: SidebarData) -> None:
        """Show new counts and feeds, keeping the cursor's view and the open categories."""
        self._feeds = {f.url: f for c in data.categories for f in c.feeds}
        self._category_of = {f.url: c.name for c in data.categories for f in c.feeds}
        self._counts = {View(kind): data.smart.get(kind, 0) for kind in SMART_VIEWS}
        self._counts.update({View("category", c.name): c.unread for c in data.categories})
        self._counts.update({View("feed", url): f.unread for url, f in self._feeds.items()})
        categories = [
            (View("category", c.name), [View("feed", f.url) for f in c.feeds])
            for c in data.categories
        ]
        self.refresh()  # names and counts may have changed anywhere
        if categories == self._categories and self._rows:
            return
        known = {category for category, _ in self._categories}
        cursor_view = self.cursor_view
        self._categories = categories
        # Categories start open: with a handful of feeds each, hiding them only adds keys.
        self._expanded = {
            view for view, _ in self._categories if view not in known or view in self._expanded
        }
        self._lay_out(cursor_view or self.current)

    def adjust(self, feed_url: str, *, unread: int = 0, starred: int = 0, today: bool) -> None:
        """Apply one article's change of state to the counts without asking the database."""
        changed = []
        if unread:
            changed += [View("all"), View("unread"), View("feed", feed_url)]
            if feed_url in self._category_of:
                changed.append(View("category", self._category_of[feed_url]))
            if today:
                changed.append(View("today"))
            for view in changed:
                self._counts[view] = max(0, self._counts.get(view, 0) + unread)
        if starred:
            self._counts[View("starred")] = max(0, self._counts.get(View("starred"), 0) + starred)
            changed.append(View("starred"))
        self._refresh_views(changed)

    def set_current(self, view: View) -> None:
        """Mark `view` as the one the list shows, and put the cursor on it (opening its
        category) if the sidebar has it."""
        previous, self.current = self.current, view
        self._refresh_views([v for v in (previous, view) if v is not None])
        if view.kind == "feed" and view.value in self._category_of:
            category = View("category", self._category_of[view.value])
            if category not in self._expanded:
                self._expanded.add(category)
                self._lay_out(self.cursor_view)
                self.refresh()
        if view in self._line_of:
            self._move_cursor(self._line_of[view])

    def feed_at_cursor(self) -> FeedStatus | None:
        """The feed under the cursor, if the cursor is on a feed."""
        view = self.cursor_view
        if view is None or view.kind != "feed":
            return None
        return self.feed_status(view.value)

    def feed_status(self, url: str) -> FeedStatus | None:
        return self._feeds.get(url)

    def view_label(self, view: View) -> str:
        """The name a view is shown under (for the status bar and dialogs)."""
        if view.kind in SMART_VIEWS:
            return self.labels[f"view.{view.kind}"]
        if view.kind == "search" and view.scope is not None:
            scope = self.view_label(view.scope)
            return self.labels["view.search_in"].format(query=view.value, scope=scope)
        if view.kind == "search":
            return self.labels["view.search"].format(query=view.value)
        if view.kind == "feed":
            feed = self.feed_status(view.value)
            return feed.title if feed is not None else view.value
        return view.value

    def label_text(self, view: View) -> str:
        """The text of `view`'s line as drawn right of its guide (toggle, marker, name, count;
        uncut while the sidebar is hidden), or "" when it is hidden in a closed category."""
        line = self._line_of.get(view)
        if line is None:
            return ""
        if self._palette is None:
            self._palette = self._make_palette()
        text = render_line(self._line(line), self._palette).text
        return text[GUIDE_WIDTH * self._rows[line].depth :]

    # -- outline ----------------------------------------------------------------------------

    def _lay_out(self, keep: View | None) -> None:
        """The visible rows from the categories and which are open; the cursor stays on `keep`
        (or, when that is now hidden, on its category)."""
        rows = [Row(View(kind), 0) for kind in SMART_VIEWS]
        for category, feeds in self._categories:
            rows.append(Row(category, 0))
            if category in self._expanded:
                last = len(feeds) - 1
                rows += [Row(feed, 1, i == last, category) for i, feed in enumerate(feeds)]
        self._rows = rows
        self._line_of = {row.view: line for line, row in enumerate(rows)}
        self.virtual_size = Size(0, len(rows))
        if keep is not None and keep not in self._line_of and keep.kind == "feed":
            keep = View("category", self._category_of.get(keep.value, ""))
        line = self._line_of.get(keep, self._cursor) if keep is not None else self._cursor
        self._cursor = min(max(line, 0), max(len(rows) - 1, 0))
        self._scroll_to_cursor()

    def _set_expanded(self, categories: Iterable[View], expand: bool) -> None:
        changed = False
        for category in categories:
            if (category in self._expanded) != expand:
                changed = True
                (self._expanded.add if expand else self._expanded.discard)(category)
        if changed:
            self._lay_out(self.cursor_view)
            self.refresh()

    def _parent_line(self, line: int) -> int | None:
        row = self._rows[line]
        return self._line_of.get(row.category) if row.category is not None else None

    def _siblings(self, line: int) -> list[int]:
        """The lines of the row's siblings, itself included (top level: views and categories)."""
        depth, category = self._rows[line].depth, self._rows[line].category
        return [
            i for i, row in enumerate(self._rows) if row.depth == depth and row.category == category
        ]

    # -- cursor and scrolling ---------------------------------------------------------------

    def _move_cursor(self, line: int) -> None:
        if not self._rows:
            return
        line = min(max(line, 0), len(self._rows) - 1)
        old, self._cursor = self._cursor, line
        self._scroll_to_cursor()
        if line != old:
            for each in (old, line):
                self._refresh_line(each)
                if self._rows[each].depth == 0 and self._rows[each].view in self._expanded:
                    # Its feeds' guides take the cursor's colour.
                    self._refresh_children(self._rows[each].view)

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = self.scroll_offset.y
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, force=True)
        elif self._cursor >= top + height:
            self.scroll_to(y=self._cursor - height + 1, animate=False, force=True)

    def on_resize(self) -> None:
        """Show the cursor, from the top when it is on the first screenful. While the sidebar
        is hidden (narrow layouts) it has no height, and moving the cursor to the current view
        then scrolls as far as that view's line: shown again, "Tất cả" would be out of view."""
        height = self.scrollable_content_region.height
        if height <= 0 or not self._rows:
            return
        if self._cursor < height:
            self.scroll_to(y=0, animate=False, force=True)
        else:
            self._scroll_to_cursor()

    # -- drawing ----------------------------------------------------------------------------

    def _refresh_line(self, line: int) -> None:
        top, height = self.scroll_offset.y, self.size.height
        if top <= line < top + height:
            self.refresh(Region(0, line - top, self.size.width, 1))

    def _refresh_children(self, category: View) -> None:
        first = self._line_of[category] + 1
        for line in range(first, len(self._rows)):
            if self._rows[line].category != category:
                break
            self._refresh_line(line)

    def _refresh_views(self, views: Iterable[View]) -> None:
        """A changed count or mark redraws its own line only."""
        for view in views:
            line = self._line_of.get(view)
            if line is not None:
                self._refresh_line(line)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._palette = None  # the strips are keyed by palette: the old ones age out

    def _make_palette(self) -> Palette:
        style = self.get_component_rich_style

        def guides(name: str) -> Style | None:
            hidden = self.get_component_styles(name).color.a == 0
            return None if hidden else style(name, partial=True)

        plain = guides("sidebar--guides")
        selected = guides("sidebar--guides-selected")
        return Palette(
            fill=self.rich_style,
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

    def render_lines(self, crop: Region) -> list[Strip]:
        self._palette = self._make_palette()  # once per pass, not per line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        if line >= len(self._rows):
            return Strip.blank(self.size.width, self.rich_style)
        return self._strip(line)

    def _strip(self, line: int) -> Strip:
        if self._palette is None:
            self._palette = self._make_palette()
        key = (self._line(line), self._palette)
        strip = self._strips.get(key)
        if strip is None:
            strip = render_line(*key)
            self._strips[key] = strip
        return strip

    def _line(self, line: int) -> Line:
        """What line `line` shows."""
        row = self._rows[line]
        view = row.view
        marker = ""
        if view.kind in SMART_VIEWS:
            name = self.labels[f"view.{view.kind}"]
        elif view.kind == "category":
            name = view.value
        else:
            feed = self._feeds.get(view.value)
            name = feed.title if feed else view.value
            if feed is not None and feed.error:
                # "~": its server asked us to come back later (details, `e`, say when).
                marker = "~ " if feed.retry_after else "! "
        return Line(
            row=row,
            name=name,
            marker=marker,
            count=self._counts.get(view, 0),
            expanded=view in self._expanded if view.kind == "category" else None,
            cursor=line == self._cursor,
            current=view == self.current,
            guide_selected=row.depth > 0
            and self.has_focus
            and self._rows[self._cursor].view == row.category,
            hover=line == self._hover,
            room=self.scrollable_content_region.width - GUIDE_WIDTH * row.depth,
            width=self.size.width,
        )

    # -- mouse ------------------------------------------------------------------------------

    def _line_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        line = self.scroll_offset.y + offset.y
        return line if 0 <= line < len(self._rows) else None

    async def _on_click(self, event: events.Click) -> None:
        line = self._line_at(event)
        if line is None:
            return
        row = self._rows[line]
        offset = event.get_content_offset(self)
        on_toggle = row.view.kind == "category" and offset is not None and offset.x < len(ICON_OPEN)
        if on_toggle:
            self._set_expanded([row.view], row.view not in self._expanded)
            return
        self._move_cursor(line)
        self.action_select_cursor()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        line = self._line_at(event)
        self._set_hover(-1 if line is None else line)

    def _on_leave(self, event: events.Leave) -> None:
        self._set_hover(-1)

    def _set_hover(self, line: int) -> None:
        if line != self._hover:
            old, self._hover = self._hover, line
            self._refresh_line(old)
            self._refresh_line(line)

    # -- actions ----------------------------------------------------------------------------

    def action_select_cursor(self) -> None:
        view = self.cursor_view
        if view is not None:
            self.post_message(self.ViewSelected(view))

    def action_cursor_down(self) -> None:
        self._move_cursor(self._cursor + 1)

    def action_cursor_up(self) -> None:
        self._move_cursor(self._cursor - 1)

    def action_cursor_first(self) -> None:
        self._move_cursor(0)

    def action_cursor_last(self) -> None:
        self._move_cursor(len(self._rows) - 1)

    def action_cursor_page_down(self) -> None:
        self._move_cursor(self._cursor + max(self.scrollable_content_region.height - 1, 1))

    def action_cursor_page_up(self) -> None:
        self._move_cursor(self._cursor - max(self.scrollable_content_region.height - 1, 1))

    def action_expand_node(self) -> None:
        view = self.cursor_view
        if view is not None and view.kind == "category":
            self._set_expanded([view], True)

    def action_collapse_node(self) -> None:
        """Close the category under the cursor; on a feed, go up to its category."""
        view = self.cursor_view
        if view is None:
            return
        if view in self._expanded:
            self._set_expanded([view], False)
        else:
            parent = self._parent_line(self._cursor)
            if parent is not None:
                self._move_cursor(parent)

    def action_toggle_node(self) -> None:
        view = self.cursor_view
        if view is not None and view.kind == "category":
            self._set_expanded([view], view not in self._expanded)

    def action_toggle_all(self) -> None:
        """Open every category, or close them all if any is open (from the top level)."""
        if not self._rows or self._rows[self._cursor].depth:
            return
        categories = [category for category, _ in self._categories]
        self._set_expanded(categories, not any(c in self._expanded for c in categories))

    def action_cursor_parent(self) -> None:
        parent = self._parent_line(self._cursor) if self._rows else None
        if parent is not None:
            self._move_cursor(parent)

    def action_cursor_next_group(self) -> None:
        """From a feed to the category after its own."""
        parent = self._parent_line(self._cursor) if self._rows else None
        if parent is not None:
            siblings = self._siblings(parent)
            at = siblings.index(parent)
            if at + 1 < len(siblings):
                self._move_cursor(siblings[at + 1])

    def action_cursor_previous_sibling(self) -> None:
        """To the row before at the same level, or up to the category from its first feed."""
        if not self._rows:
            return
        siblings = self._siblings(self._cursor)
        at = siblings.index(self._cursor)
        if at > 0:
            self._move_cursor(siblings[at - 1])
        else:
            self.action_cursor_parent()

    def action_cursor_next_sibling(self) -> None:
        """To the row after at the same level, or from a last feed to the next category."""
        if not self._rows:
            return
        siblings = self._siblings(self._cursor)
        at = siblings.index(self._cursor)
        if at + 1 < len(siblings):
            self._move_cursor(siblings[at + 1])
        else:
            self.action_cursor_next_group()
