"""The sidebar's outline: which views it lists, in what order, and which categories are open.

No drawing and no widget here: `Sidebar` asks the outline for its rows and for where a key
takes the cursor, so moving about the outline can be read (and tested) apart from the screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsreader_tui.core.views import SMART_VIEWS, View


@dataclass(frozen=True)
class Row:
    """One line of the outline: which view, how deep, and the guide it takes."""

    view: View
    depth: int
    """0: a smart view or a category; 1: a feed under its category."""
    last: bool = False
    """The last feed of its category ("└" rather than "├")."""
    category: View | None = None
    """A feed's category (whose cursor colours the feed's guide)."""


Categories = Sequence[tuple[View, Sequence[View]]]
"""Each category's view with its feeds' views, in the order shown."""


class Outline:
    """Smart views, then categories (open or closed) with their feeds under the open ones."""

    def __init__(self) -> None:
        self.categories: list[tuple[View, list[View]]] = []
        self.expanded: set[View] = set()
        self.rows: list[Row] = []
        self.line_of: dict[View, int] = {}
        self._category_of: dict[View, View] = {}

    def set_categories(self, categories: Categories) -> bool:
        """Take new categories and feeds; False when they are the ones shown already. A new
        category starts open: with a handful of feeds each, hiding them only adds keys."""
        new = [(category, list(feeds)) for category, feeds in categories]
        if new == self.categories and self.rows:
            return False
        known = {category for category, _ in self.categories}
        self.categories = new
        self._category_of = {feed: category for category, feeds in new for feed in feeds}
        self.expanded = {c for c, _ in new if c not in known or c in self.expanded}
        self.lay_out()
        return True

    def lay_out(self) -> None:
        rows = [Row(View(kind), 0) for kind in SMART_VIEWS]
        for category, feeds in self.categories:
            rows.append(Row(category, 0))
            if category in self.expanded:
                last = len(feeds) - 1
                rows += [Row(feed, 1, i == last, category) for i, feed in enumerate(feeds)]
        self.rows = rows
        self.line_of = {row.view: line for line, row in enumerate(rows)}

    def set_expanded(self, categories: Iterable[View], expand: bool) -> bool:
        """Open or close `categories`; True when any changed (the rows are laid out again)."""
        changed = {c for c in categories if (c in self.expanded) != expand}
        if changed:
            self.expanded = self.expanded | changed if expand else self.expanded - changed
            self.lay_out()
        return bool(changed)

    def category_of(self, view: View) -> View | None:
        """A feed's category."""
        return self._category_of.get(view)

    def line_for(self, view: View | None) -> int | None:
        """The line showing `view`, or its category's when it is a feed in a closed one."""
        if view is None:
            return None
        line = self.line_of.get(view)
        if line is None and view in self._category_of:
            line = self.line_of.get(self._category_of[view])
        return line

    def feeds_under(self, line: int) -> range:
        """The lines of the feeds shown under the category at `line` (none for other rows)."""
        end = line + 1
        while end < len(self.rows) and self.rows[end].category == self.rows[line].view:
            end += 1
        return range(line + 1, end)

    # -- where keys go ----------------------------------------------------------------------

    def parent(self, line: int) -> int | None:
        if not 0 <= line < len(self.rows):
            return None
        category = self.rows[line].category
        return self.line_of.get(category) if category is not None else None

    def _siblings(self, line: int) -> tuple[list[int], int]:
        """The lines at `line`'s level under the same parent, and `line`'s place among them."""
        row = self.rows[line]
        lines = [
            i
            for i, other in enumerate(self.rows)
            if other.depth == row.depth and other.category == row.category
        ]
        return lines, lines.index(line)

    def next_group(self, line: int) -> int | None:
        """From a feed, the category after its own."""
        parent = self.parent(line)
        if parent is None:
            return None
        lines, at = self._siblings(parent)
        return lines[at + 1] if at + 1 < len(lines) else None

    def previous_sibling(self, line: int) -> int | None:
        """The line before at the same level; from a first feed, its category."""
        if not 0 <= line < len(self.rows):
            return None
        lines, at = self._siblings(line)
        return lines[at - 1] if at > 0 else self.parent(line)

    def next_sibling(self, line: int) -> int | None:
        """The line after at the same level; from a last feed, the next category."""
        if not 0 <= line < len(self.rows):
            return None
        lines, at = self._siblings(line)
        return lines[at + 1] if at + 1 < len(lines) else self.next_group(line)
