"""Which panes the reading screen shows at a given width, and the way back from each one.

The layout is worked out from the widths up. Three panes side by side only pay when each gets
the room it needs: the sidebar its fixed width, the list a title of `TITLE_MIN` plus a whole
date, the reader `READER_MIN_TEXT` columns of text. Below the sum of those (`THREE_PANES`) the
screen shows one pane at a time, as newsboat and mutt do: the list fills it until an article is
opened, then the reader fills it. A split with a short list above the reader was the other
choice; it was left out because at 80x24 it costs the reader a third of its rows, the very rows
issue 8 found missing, and `n`/`p`/Space already move between articles without the list.

`q` and Escape walk back one step at a time (a maximised reader, the sidebar, the open
article); `q` quits only from the list with nothing open, Escape never quits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ..widgets.article_rows import LIST_MIN_CELLS
from .main_panes import WIDE, set_sidebar_open, sidebar_open, within

if TYPE_CHECKING:
    from .main import MainScreen

SIDEBAR_WIDTH = 30
"""The sidebar's width beside the other panes (app.tcss `#sidebar`)."""
FRAME = 2
"""Each pane's border, left and right, in the three-pane layout."""
SCROLLBAR = 1
"""The list's and the reader's vertical scrollbar (app.tcss)."""
READER_MIN_TEXT = 60
"""The fewest columns of text worth reading in; a newspaper column holds about that."""
READER_PADDING = 2
LIST_MIN = LIST_MIN_CELLS + SCROLLBAR + FRAME
"""The narrowest list pane (app.tcss `Screen.-wide #articles` min-width)."""
READER_MIN = READER_MIN_TEXT + READER_PADDING + SCROLLBAR + FRAME
"""The narrowest reader pane (app.tcss `Screen.-wide #reader` min-width)."""
THREE_PANES = SIDEBAR_WIDTH + LIST_MIN + READER_MIN
"""From this many columns the screen shows sidebar, list and reader side by side."""
BREAKPOINTS: list[tuple[int, str]] = [(0, "-narrow"), (THREE_PANES, WIDE)]
"""`Screen.HORIZONTAL_BREAKPOINTS` for the reading screen."""

Pane = Literal["articles", "reader", "sidebar"]


class MainLayout:
    """The reading screen's layout state: one pane or three, reading or not, and going back."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._reading = False
        # Shown on the frames of the three-pane layout only (a narrow screen has no frames).
        for pane in (screen.sidebar, screen.articles, screen.reader):
            pane.set_frame_label(screen.labels[f"pane.{pane.id}"])

    @property
    def narrow(self) -> bool:
        """One pane at a time (the screen is narrower than `THREE_PANES`)."""
        return not self.screen.has_class(WIDE)

    @property
    def reading(self) -> bool:
        """An article is open: a narrow screen shows the reader instead of the list."""
        return self._reading

    def _show_panes(self, reading: bool, *, narrow: bool | None = None) -> None:
        """Show the list, the reader or both. Set on the panes, not by a CSS class: a class
        change restyles every widget below the one that carries it (the reader's paragraphs,
        captions and spares), and a focus change at the same Enter restyles them again (issue
        10: about 3 ms of an Enter's 22 on a narrow screen)."""
        self._reading = reading
        screen = self.screen
        if narrow is None:
            narrow = self.narrow
        screen.articles.display = not (narrow and reading)
        screen.reader.display = reading or not narrow
        if screen.articles.display:
            screen.articles.catch_up_styles()
        if screen.reader.display and not reading:  # (when reading, an article is on its way)
            screen.reader.catch_up()

    def main_pane(self) -> Pane:
        """The pane that fills a narrow screen (and the one focus returns to from the sidebar)."""
        return "reader" if self.narrow and self.reading else "articles"

    def reader_shown(self) -> bool:
        """Whether the open article is on screen: always when wide, when reading when narrow."""
        screen = self.screen
        return screen.reader.article is not None and (not self.narrow or self.reading)

    def can_focus(self, pane: str) -> bool:
        """Whether Tab may stop on `pane`: a narrow screen hides the list or the reader."""
        if not self.narrow or pane == "sidebar":
            return True
        return pane == self.main_pane()

    # -- events from the screen ---------------------------------------------------------------

    def article_changed(self, opened: bool) -> None:
        """An article was opened in the reader (`opened`), or the reader was cleared."""
        screen = self.screen
        self._show_panes(opened)
        if self.narrow and not sidebar_open(screen):
            screen.panes.focus(self.main_pane())

    def show_list(self) -> None:
        """Bring the list forward and focus it (a view was chosen in the sidebar)."""
        self._show_panes(False)
        self.screen.panes.focus("articles")

    def resizing(self, width: int) -> None:
        """The screen is about to be laid out `width` columns wide: show the panes that width
        shows in the same frame as the breakpoint classes change."""
        self._show_panes(self._reading, narrow=width < THREE_PANES)

    def resized(self) -> None:
        """Keep focus on a pane the new width shows (the breakpoint classes are already set)."""
        screen = self.screen
        focused = screen.focused
        if sidebar_open(screen) and not self.narrow:
            set_sidebar_open(screen, False)
        if self.narrow and focused is not None and within(focused, "sidebar"):
            set_sidebar_open(screen, True)  # focused in the sidebar when wide: keep it shown
        if self.narrow and focused is not None and not sidebar_open(screen):
            pane = next((p for p in ("articles", "reader") if within(focused, p)), None)
            if pane is not None and pane != self.main_pane():
                screen.panes.focus(self.main_pane())

    # -- going back ---------------------------------------------------------------------------

    def back(self, *, closing: bool) -> bool:
        """One step back; False when there was nothing to step back from (the list with no
        article on show). `closing` (q) also closes a maximised reader's article: q leaves the
        article, Escape only restores the layout around it."""
        screen = self.screen
        if screen.maximized is not None:
            screen.minimize()
            if closing:
                self.close_article()
            return True
        focused = screen.focused
        if sidebar_open(screen) or (focused is not None and within(focused, "sidebar")):
            screen.panes.focus(self.main_pane())
            return True
        if self.reader_shown():
            self.close_article()
            return True
        return False

    def close_article(self) -> None:
        """Clear the reader and go back to the list, the cursor still on the article."""
        screen = self.screen
        # Hidden first, so the reader is not emptied (`Reader.show`): the next article finds it
        # as the last one left it, scroll bar included, and takes one layout (issue 10).
        self._show_panes(False)
        screen.reader.show(None)
        screen.panes.focus("articles")

    def maximize(self) -> None:
        """`z`: the reader full screen and back; with nothing open, say so instead of
        maximising an empty pane."""
        screen = self.screen
        if screen.maximized is not None:
            screen.minimize()
        elif not self.reader_shown():
            screen.notify(screen.labels["notify.nothing_open"])
        else:
            screen.maximize(screen.reader, container=False)
