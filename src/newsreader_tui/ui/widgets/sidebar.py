"""The sidebar: smart views, then categories with their feeds, each with its unread count."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...core.models import FeedStatus
from ...core.views import SMART_VIEWS, SidebarData, View


class Sidebar(Tree[View]):
    """A tree of views. Enter (or a click) opens the view under the cursor."""

    # ASCII toggles: the default triangles are ambiguous-width and misalign on some terminals.
    ICON_NODE = "+ "
    ICON_NODE_EXPANDED = "- "
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "sidebar--count",
        "sidebar--failed",
        "sidebar--waiting",
        "sidebar--current",
        "sidebar--heading",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", id="sidebar.open", show=False),
        Binding("j", "cursor_down", id="sidebar.down", show=False),
        Binding("k", "cursor_up", id="sidebar.up", show=False),
        Binding("right,l", "expand_node", id="sidebar.expand", show=False),
        Binding("left,h", "collapse_node", id="sidebar.collapse", show=False),
        Binding("g,home", "scroll_home", id="sidebar.first", show=False),
        Binding("G,end", "scroll_end", id="sidebar.last", show=False),
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
        # Nodes whose label changed and whose line is not yet redrawn (`_refresh_node`); set
        # first, as Tree's own setup already moves the cursor.
        self._relabelled: set[TreeNode[View]] = set()
        super().__init__("root", name=name, id=id, classes=classes)
        self.labels = labels
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False
        self.current: View | None = None
        self._shape: tuple[object, ...] = ()
        self._view_nodes: dict[View, TreeNode[View]] = {}
        # Counts by view, kept apart from `_data` so one article read adjusts four labels
        # instead of rebuilding two hundred.
        self._counts: dict[View, int] = {}
        self._feeds: dict[str, FeedStatus] = {}
        self._category_of: dict[str, str] = {}

    # -- public -----------------------------------------------------------------------------

    def update_data(self, data: SidebarData) -> None:
        """Show new counts; rebuilds the tree only when categories or feeds changed."""
        self._feeds = {f.url: f for c in data.categories for f in c.feeds}
        self._category_of = {f.url: c.name for c in data.categories for f in c.feeds}
        self._counts = {View(kind): data.smart.get(kind, 0) for kind in SMART_VIEWS}
        self._counts.update({View("category", c.name): c.unread for c in data.categories})
        self._counts.update({View("feed", url): f.unread for url, f in self._feeds.items()})
        shape = tuple((c.name, tuple(f.url for f in c.feeds)) for c in data.categories)
        if shape != self._shape or not self._view_nodes:
            self._rebuild(data)
            self._shape = shape
        else:
            self._relabel(self._view_nodes)

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
        self._relabel(changed)

    def set_current(self, view: View) -> None:
        """Mark `view` as the one the list shows (and put the cursor on it if it has a node)."""
        previous, self.current = self.current, view
        self._relabel([v for v in (previous, view) if v is not None])
        node = self._view_nodes.get(view)
        if node is not None:
            if node.parent is not None and node.parent is not self.root:
                node.parent.expand()
            self.move_cursor(node)

    def feed_at_cursor(self) -> FeedStatus | None:
        """The feed under the cursor, if the cursor is on a feed."""
        node = self.cursor_node
        if node is None or node.data is None or node.data.kind != "feed":
            return None
        return self.feed_status(node.data.value)

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

    # -- building ---------------------------------------------------------------------------

    def _rebuild(self, data: SidebarData) -> None:
        expanded = (
            {v for v, n in self._view_nodes.items() if n.is_expanded} if self._view_nodes else None
        )
        cursor_view = self.cursor_node.data if self.cursor_node is not None else None
        self.clear()
        self._view_nodes = {}
        for kind in SMART_VIEWS:
            view = View(kind)
            self._view_nodes[view] = self.root.add_leaf(self._label(view), data=view)
        for category in data.categories:
            view = View("category", category.name)
            # Categories start open: with a handful of feeds each, hiding them only adds keys.
            open_it = expanded is None or view in expanded
            node = self.root.add(self._label(view), data=view, expand=open_it)
            self._view_nodes[view] = node
            for feed in category.feeds:
                feed_view = View("feed", feed.url)
                self._view_nodes[feed_view] = node.add_leaf(self._label(feed_view), data=feed_view)
        target = self._view_nodes.get(cursor_view) if cursor_view else None
        target = target or (self._view_nodes.get(self.current) if self.current else None)
        if target is not None:
            self.call_after_refresh(self.move_cursor, target)

    def _relabel(self, views: Iterable[View]) -> None:
        for view in views:
            node = self._view_nodes.get(view)
            if node is not None:
                self._relabelled.add(node)
                node.set_label(self._label(view))

    def _label(self, view: View) -> Text:
        """The node's name; its count is added at render time, right-aligned to the width."""
        text = Text(no_wrap=True, overflow="crop")
        if view.kind in SMART_VIEWS:
            name = self.labels[f"view.{view.kind}"]
        elif view.kind == "category":
            name = view.value
        else:
            feed = self._feeds.get(view.value)
            name = feed.title if feed else view.value
            if feed is not None and feed.error and feed.retry_after:
                # Its server asked us to come back later (details, `e`, say when): not broken.
                text.append("~ ", self.get_component_rich_style("sidebar--waiting", partial=True))
            elif feed is not None and feed.error:
                text.append("! ", self.get_component_rich_style("sidebar--failed", partial=True))
        text.append(name)
        if view.kind == "category":
            text.stylize(self.get_component_rich_style("sidebar--heading", partial=True))
        if view == self.current:
            text.stylize(self.get_component_rich_style("sidebar--current", partial=True))
        return text

    def render_label(self, node: TreeNode[View], base_style: Style, style: Style) -> Text:
        """Name cut to fit, unread count at the right edge: long feed titles never hide it."""
        text = super().render_label(node, base_style, style)
        width = self._label_room(node)
        if width <= 0:
            return text
        suffix = self._count_suffix(node)
        text.truncate(max(1, width - len(suffix)), overflow="crop", pad=bool(suffix))
        if suffix:
            text.append(suffix, self.get_component_rich_style("sidebar--count", partial=True))
        return text

    def get_label_width(self, node: TreeNode[View]) -> int:
        """`render_label`'s width, worked out instead of rendered: Tree measures every label
        each time it builds its lines (new counts or feeds, a resize), and rendering a thousand
        feeds' labels only to measure them cost tens of milliseconds."""
        width = self._label_room(node)
        if width <= 0:
            return super().get_label_width(node)
        suffix = len(self._count_suffix(node))
        if suffix:
            return max(1, width - suffix) + suffix
        toggle = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        prefix = cell_len(toggle) if node.allow_expand else 0
        return min(prefix + node.label.cell_len, width)

    def _count_suffix(self, node: TreeNode[View]) -> str:
        count = self._counts.get(node.data, 0) if node.data is not None else 0
        return f" {count}" if count else ""

    def notify_style_update(self) -> None:
        """Draw the lines again, and nothing more. Tree's own answer to a style change (each
        focus move in or out of the sidebar, a theme) is to rebuild every line, measure every
        label and lay the whole screen out again, but a style changes how lines look, not which
        lines there are or how wide they are (a new size comes as a Resize, which rebuilds)."""
        Widget.notify_style_update(self)
        self._line_cache.clear()
        self.refresh()

    def _refresh_node(self, node: TreeNode[View]) -> None:
        """A new label redraws the node's own line. Tree redraws every visible line under the
        node as well, which it needs for a cursor or hover move (the guides beneath change
        style), but a category's count changes with each article read, and redrawing its
        hundred feeds' lines for that was the whole sidebar on every Enter and `n`."""
        if node not in self._relabelled:
            super()._refresh_node(node)
            return
        self._relabelled.discard(node)
        line = node.line - self.scroll_offset.y
        if 0 <= line < self.size.height:
            self.refresh(Region(0, line, self.size.width, 1))

    def _label_room(self, node: TreeNode[View]) -> int:
        """The cells a label may take: the sidebar's width less its guides at `node`'s depth."""
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        return self.scrollable_content_region.width - depth * self.guide_depth

    # -- events and actions -----------------------------------------------------------------

    def on_resize(self) -> None:
        """Show the cursor, from the top when it is on the first screenful. While the sidebar
        is hidden (narrow layouts) it has no height, and moving the cursor to the current view
        then scrolls as far as that view's line: shown again, "Tất cả" would be out of view."""
        height = self.scrollable_content_region.height
        if height <= 0 or self.cursor_line < 0:
            return
        if self.cursor_line < height:
            self.scroll_to(y=0, animate=False)
        else:
            self.scroll_to_line(self.cursor_line, animate=False)

    def on_tree_node_selected(self, event: Tree.NodeSelected[View]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.ViewSelected(event.node.data))

    def action_expand_node(self) -> None:
        node = self.cursor_node
        if node is not None and node.allow_expand:
            node.expand()

    def action_collapse_node(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)
