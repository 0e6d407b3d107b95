"""Which pane of the reading screen has focus, and how Tab moves it.

Focus can arrive a refresh later than the key that moved it (a hidden sidebar must be shown
first), so the pane on its way is remembered: a second Tab typed in between continues from it
instead of from the pane that still has focus. Only Textual's `Screen` is needed here, so the
reading screen keeps its layout and this keeps its timing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen
from textual.widget import Widget

PANES: tuple[str, ...] = ("articles", "reader", "sidebar")
"""Tab order: the list first, where the reading starts."""
SIDEBAR_OPEN = "-sidebar-open"
"""The sidebar's class that shows it over the list on narrow terminals (see app.tcss). On the
sidebar, not the screen: a change of class on the screen restyles every widget on it, and on a
narrow screen every Tab to and from the sidebar changes it (a third of such a Tab's work)."""
WIDE = "-wide"
"""Screen class of the three-pane layout (`main_layout.BREAKPOINTS`), where the sidebar shows."""


def sidebar_open(screen: Screen[Any]) -> bool:
    """Whether the sidebar is shown over the list (narrow screens)."""
    return screen.query_one("#sidebar").has_class(SIDEBAR_OPEN)


def set_sidebar_open(screen: Screen[Any], opens: bool) -> None:
    screen.query_one("#sidebar").set_class(opens, SIDEBAR_OPEN)


def within(widget: Widget, pane_id: str) -> bool:
    """Whether `widget` is the pane `pane_id` or inside it."""
    return any(node.id == pane_id for node in (widget, *widget.ancestors))


class PaneFocus:
    """Moves focus between the panes of `screen` (ids in `PANES`)."""

    def __init__(self, screen: Screen[Any], can_focus: Callable[[str], bool] | None = None) -> None:
        self.screen = screen
        self.can_focus = can_focus or (lambda pane: True)
        """Whether Tab may stop on a pane (a narrow screen hides the list or the reader)."""
        self.pending: str | None = None
        """The pane focus is on its way to, until it arrives."""

    def current(self) -> str:
        """The pane focus is in or on its way to (the list when focus is elsewhere)."""
        if self.pending is not None:
            return self.pending
        focused = self.screen.focused
        return next((p for p in PANES if focused is not None and within(focused, p)), PANES[0])

    def cycle(self, step: int) -> None:
        """Focus the pane `step` places after the current one (Tab: 1, Shift+Tab: -1),
        passing over panes the layout does not show."""
        index = PANES.index(self.current())
        for _ in PANES:
            index = (index + step) % len(PANES)
            if self.can_focus(PANES[index]):
                break
        self.focus(PANES[index])

    def focus(self, target: str) -> None:
        """Focus pane `target`, showing the sidebar first when that is where it goes."""
        screen = self.screen
        widget = screen.query_one(f"#{target}")
        hidden = target == "sidebar" and not widget.display
        # The class matters only where the sidebar is hidden (narrow screens): a change of
        # class restyles the sidebar, which a wide screen need not pay on each Tab.
        opens = target == "sidebar" and not screen.has_class(WIDE)
        if opens != sidebar_open(screen):
            set_sidebar_open(screen, opens)
        if self.pending == target or (self.pending is None and screen.focused is widget):
            # There or on its way. Textual's `focus` would still repaint the whole pane: on a
            # narrow screen, the open article a frame after it was drawn (issue 10).
            return
        self.pending = target

        def arrive() -> None:
            # The screen's own call, not `widget.focus()`, which repaints the pane and moves
            # focus a turn of the event loop later: the Focus then came after the frame that
            # drew the article a narrow screen's Enter opened, and its repaint drew it again.
            screen.set_focus(widget)
            screen.call_later(self._arrived, target)

        if hidden:
            screen.call_after_refresh(arrive)
        else:
            arrive()

    def _arrived(self, target: str) -> None:
        if self.pending == target:
            self.pending = None
