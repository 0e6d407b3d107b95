"""The sidebar: smart views, then categories with their feeds, each with its unread count.

A line-API `ScrollView` of our own (issue 10), drawn like the `ArticleList`: `render_line`
builds each line from segments (`sidebar_rows`), with the styles resolved once per render pass
and the strips cached by what a line shows. Textual's `Tree` drew the same lines in ~8 ms (a
rich style, guides and a `Text` rendered per line), and every focus move in or out redrew them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from ...core.models import FeedStatus
from ...core.views import SMART_VIEWS, SidebarData, View
from .pane_frame import FramedPane
from .sidebar_outline import Outline
from .sidebar_rows import (
    COMPONENTS,
    GUIDE_WIDTH,
    ICON_OPEN,
    SIDEBAR_CSS,
    Line,
    Palette,
    feed_marker,
    make_palette,
    render_line,
)
from .steady_scroll import SteadyScrollView


class _PassState(NamedTuple):
    room: int
    """The content's width, less the scrollbar."""
    width: int
    focused: View | None
    """The view under the cursor while the sidebar has focus (its feeds' guides are coloured)."""


class Sidebar(FramedPane, SteadyScrollView, can_focus=True):
    """An outline of views. Enter (or a click) opens the view under the cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = COMPONENTS
    DEFAULT_CSS = SIDEBAR_CSS
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
        self._outline = Outline()
        self._cursor = 0
        self._hover = -1
        # Counts by view, kept apart from the feeds so one article read adjusts four lines.
        self._counts: dict[View, int] = {}
        self._feeds: dict[str, FeedStatus] = {}
        self._palette: Palette | None = None
        self._pass: _PassState | None = None
        self._strips: LRUCache[tuple[Line, Palette], Strip] = LRUCache(512)

    # -- public -----------------------------------------------------------------------------

    @property
    def cursor_line(self) -> int:
        """The line under the cursor (0 when the sidebar is empty)."""
        return self._cursor

    @property
    def last_line(self) -> int:
        """The last line's index (-1 when the sidebar is empty)."""
        return len(self._outline.rows) - 1

    @property
    def cursor_view(self) -> View | None:
        """The view under the cursor."""
        rows = self._outline.rows
        return rows[self._cursor].view if rows else None

    def is_expanded(self, category: View) -> bool:
        return category in self._outline.expanded

    def update_data(self, data: SidebarData) -> None:
        """Show new counts and feeds, keeping the cursor's view and the open categories."""
        self._feeds = {f.url: f for c in data.categories for f in c.feeds}
        self._counts = {View(kind): data.smart.get(kind, 0) for kind in SMART_VIEWS}
        self._counts.update({View("category", c.name): c.unread for c in data.categories})
        self._counts.update({View("feed", url): f.unread for url, f in self._feeds.items()})
        categories = [
            (View("category", c.name), [View("feed", f.url) for f in c.feeds])
            for c in data.categories
        ]
        self.refresh()  # names and counts may have changed anywhere
        cursor_view = self.cursor_view or self.current
        if self._outline.set_categories(categories):
            self._laid_out(cursor_view)

    def adjust(self, feed_url: str, *, unread: int = 0, starred: int = 0, today: bool) -> None:
        """Apply one article's change of state to the counts without asking the database."""
        changed = []
        if unread:
            feed = View("feed", feed_url)
            changed += [View("all"), View("unread"), feed]
            category = self._outline.category_of(feed)
            if category is not None:
                changed.append(category)
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
        category = self._outline.category_of(view)
        if category is not None:
            self._set_expanded([category], True)
        line = self._outline.line_of.get(view)
        if line is not None:
            self._move_cursor(line)

    def feed_at_cursor(self) -> FeedStatus | None:
        """The feed under the cursor, if the cursor is on a feed."""
        view = self.cursor_view
        return self.feed_status(view.value) if view is not None and view.kind == "feed" else None

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
        line = self._outline.line_of.get(view)
        if line is None:
            return ""
        text = render_line(self._line(line, self._pass_state()), make_palette(self)).text
        return text[GUIDE_WIDTH * self._outline.rows[line].depth :]

    # -- outline ----------------------------------------------------------------------------

    def _laid_out(self, keep: View | None) -> None:
        """After the rows changed: the cursor stays on `keep` (or, when that is now hidden, on
        its category), and every line is drawn again."""
        rows = self._outline.rows
        self.virtual_size = Size(0, len(rows))
        line = self._outline.line_for(keep)
        if line is None:
            line = self._outline.line_for(self.current)
        self._cursor = min(max(self._cursor if line is None else line, 0), max(len(rows) - 1, 0))
        self._scroll_to_cursor()
        self.refresh()

    def _set_expanded(self, categories: Iterable[View], expand: bool) -> None:
        keep = self.cursor_view
        if self._outline.set_expanded(categories, expand):
            self._laid_out(keep)

    # -- cursor and scrolling ---------------------------------------------------------------

    def _move_cursor(self, line: int | None) -> None:
        rows = self._outline.rows
        if not rows or line is None:
            return
        line = min(max(line, 0), len(rows) - 1)
        old, self._cursor = self._cursor, line
        self._scroll_to_cursor()
        if line != old:
            for each in (old, line):
                self._refresh_line(each)
                if self.has_focus:  # a category's feeds' guides take the cursor's colour
                    for feed in self._outline.feeds_under(each):
                        self._refresh_line(feed)

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
        if height <= 0 or not self._outline.rows:
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

    def _refresh_views(self, views: Iterable[View]) -> None:
        """A changed count or mark redraws its own line only."""
        for view in views:
            line = self._outline.line_of.get(view)
            if line is not None:
                self._refresh_line(line)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Styles and sizes once per pass, not per line; the strips are keyed by the palette,
        # so a style change (a focus move, a theme) draws anew and the old strips age out.
        self._palette = make_palette(self)
        self._pass = self._pass_state()
        return super().render_lines(crop)

    def _pass_state(self) -> _PassState:
        """What every line of one render pass shares: the widths and the focused category."""
        cursor = self.cursor_view if self.has_focus else None
        return _PassState(self.scrollable_content_region.width, self.size.width, cursor)

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        if line >= len(self._outline.rows) or self._palette is None or self._pass is None:
            return Strip.blank(self.size.width, self.rich_style)
        key = (self._line(line, self._pass), self._palette)
        strip = self._strips.get(key)
        if strip is None:
            strip = render_line(*key)
            self._strips[key] = strip
        return strip

    def _line(self, line: int, state: _PassState) -> Line:
        """What line `line` shows."""
        rows = self._outline.rows
        row = rows[line]
        view = row.view
        feed = self._feeds.get(view.value) if view.kind == "feed" else None
        return Line(
            row=row,
            name=self.view_label(view),
            marker=feed_marker(feed),
            count=self._counts.get(view, 0),
            expanded=view in self._outline.expanded if view.kind == "category" else None,
            cursor=line == self._cursor,
            current=view == self.current,
            guide_selected=row.depth > 0 and state.focused == row.category,
            hover=line == self._hover,
            room=state.room - GUIDE_WIDTH * row.depth,
            width=state.width,
        )

    # -- mouse ------------------------------------------------------------------------------

    def _line_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        line = self.scroll_offset.y + offset.y
        return line if 0 <= line < len(self._outline.rows) else None

    async def _on_click(self, event: events.Click) -> None:
        line = self._line_at(event)
        if line is None:
            return
        view = self._outline.rows[line].view
        offset = event.get_content_offset(self)
        if view.kind == "category" and offset is not None and offset.x < len(ICON_OPEN):
            self._set_expanded([view], not self.is_expanded(view))  # a click on its toggle
            return
        self._move_cursor(line)
        self.action_select_cursor()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._line_at(event))

    def _on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, line: int | None) -> None:
        old, self._hover = self._hover, -1 if line is None else line
        if self._hover != old:
            self._refresh_line(old)
            self._refresh_line(self._hover)

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
        self._move_cursor(len(self._outline.rows) - 1)

    def action_cursor_page_down(self) -> None:
        self._move_cursor(self._cursor + max(self.scrollable_content_region.height - 1, 1))

    def action_cursor_page_up(self) -> None:
        self._move_cursor(self._cursor - max(self.scrollable_content_region.height - 1, 1))

    def action_expand_node(self) -> None:
        self._toggle(True)

    def action_toggle_node(self) -> None:
        self._toggle(None)

    def action_collapse_node(self) -> None:
        """Close the category under the cursor; on a feed, go up to its category."""
        if not self._toggle(False):
            self._move_cursor(self._outline.parent(self._cursor))

    def _toggle(self, expand: bool | None) -> bool:
        """Open, close (or with None, switch) the category under the cursor, if it is one."""
        view = self.cursor_view
        if view is None or view.kind != "category":
            return False
        self._set_expanded([view], not self.is_expanded(view) if expand is None else expand)
        return True

    def action_toggle_all(self) -> None:
        """Open every category, or close them all if any is open (from the top level)."""
        if self.cursor_view is not None and self.cursor_view.kind != "feed":
            categories = [category for category, _ in self._outline.categories]
            self._set_expanded(categories, not any(map(self.is_expanded, categories)))

    def action_cursor_parent(self) -> None:
        self._move_cursor(self._outline.parent(self._cursor))

    def action_cursor_next_group(self) -> None:
        self._move_cursor(self._outline.next_group(self._cursor))

    def action_cursor_previous_sibling(self) -> None:
        self._move_cursor(self._outline.previous_sibling(self._cursor))

    def action_cursor_next_sibling(self) -> None:
        self._move_cursor(self._outline.next_sibling(self._cursor))
