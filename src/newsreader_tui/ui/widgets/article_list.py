"""`ArticleList`: one view's articles as a line-API list that loads pages from SQLite on demand.

Nothing here is one widget per row: `render_line` draws the rows on screen from a page cache, so
50,000 articles cost no more than 50. Pages are fetched by a caller-supplied `PageSource` in thread
workers; rows not loaded yet show as a dim placeholder until their page arrives.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from newsreader_tui.core.dates import VN_TZ
from newsreader_tui.core.models import ArticleRow
from newsreader_tui.core.store import Term

from .article_pages import PageCache
from .article_rows import (
    CURSOR,
    Columns,
    plan_columns,
    render_message,
    render_row,
    render_snippet,
    wrap_message,
)
from .pane_frame import FramedPane
from .steady_scroll import SteadyScrollView

PageSource = Callable[[int, int], list[ArticleRow]]
"""`(offset, limit) -> rows`. Called in a thread worker, never on the UI thread."""

DEFAULT_LABELS: Mapping[str, str] = {
    "list.loading": "Đang tải...",
    "list.failed": "Không tải được các bài này.",
    "list.empty": "Không có bài viết nào.",
}
"""Texts the list draws itself; override any of them with `ArticleList(labels=...)`."""


def _default_clock() -> datetime:
    """Now, in the time zone the dates are shown in."""
    return datetime.now(VN_TZ)


class _PageArrived(Message, bubble=False):
    """A page worker's result, delivered to the list on the UI thread."""

    def __init__(
        self, generation: int, page: int, rows: list[ArticleRow] | None, error: str | None
    ) -> None:
        super().__init__()
        self.generation = generation
        self.page = page
        self.rows = rows
        """None when the page failed or was skipped because it left the screen."""
        self.error = error


class ArticleList(FramedPane, SteadyScrollView, can_focus=True):
    """The articles of one view, newest first, one line each, paged in from a `PageSource`."""

    PAGE_SIZE: ClassVar[int] = 100

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", id="list.down", show=False),
        Binding("up,k", "cursor_up", id="list.up", show=False),
        Binding("home,g", "cursor_first", id="list.first", show=False),
        Binding("end,G", "cursor_last", id="list.last", show=False),
        Binding("pageup", "cursor_page_up", id="list.page_up", show=False),
        Binding("pagedown", "cursor_page_down", id="list.page_down", show=False),
        Binding("ctrl+d", "cursor_half_down", id="list.half_down", show=False),
        Binding("ctrl+u", "cursor_half_up", id="list.half_up", show=False),
        Binding("enter", "select", id="list.open"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--unread-marker",
        "article-list--star",
        "article-list--unread",
        "article-list--read",
        "article-list--meta",
        "article-list--placeholder",
        "article-list--match",
    }

    DEFAULT_CSS = """
    ArticleList {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        & > .article-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus {
            & > .article-list--cursor {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
            }
        }
        & > .article-list--unread-marker { color: $accent; }
        & > .article-list--star { color: $warning; text-style: bold; }
        & > .article-list--unread { color: $text; text-style: bold; }
        & > .article-list--read { color: $text-muted; }
        & > .article-list--meta { color: $text-muted; }
        & > .article-list--placeholder { color: $text-disabled; }
        & > .article-list--match { color: $accent; text-style: bold underline; }
    }
    """

    @dataclass
    class Highlighted(Message):
        """The cursor moved to `index`; `row` is None while that row's page is still loading
        (a second message follows when it arrives). Floods coalesce: only the latest matters."""

        row: ArticleRow | None
        index: int
        article_list: ArticleList

        @property
        def control(self) -> ArticleList:
            return self.article_list

        def can_replace(self, message: Message) -> bool:
            return (
                isinstance(message, ArticleList.Highlighted)
                and message.article_list is self.article_list
            )

    @dataclass
    class Selected(Message):
        """The user opened `row` (Enter, or a mouse click)."""

        row: ArticleRow
        index: int
        article_list: ArticleList

        @property
        def control(self) -> ArticleList:
            return self.article_list

    @dataclass
    class LoadFailed(Message):
        """A page could not be loaded; its rows show the "failed" label until `refresh_rows()`."""

        error: str
        article_list: ArticleList

        @property
        def control(self) -> ArticleList:
            return self.article_list

    def __init__(
        self,
        *,
        labels: Mapping[str, str] | None = None,
        clock: Callable[[], datetime] | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._labels = {**DEFAULT_LABELS, **(labels or {})}
        self._empty_text = self._labels["list.empty"]
        self._clock = clock or _default_clock
        self._source: PageSource | None = None
        self._count = 0
        self._cursor = 0
        self._key = ""
        self._cache = PageCache(self.PAGE_SIZE)
        self._wanted = (0, 0)
        """First and last page near the viewport; read by page threads to skip obsolete work."""
        self._announced: tuple[int, bool] | None = None
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._looks: tuple[object, ...] = ()
        """The styles every row is drawn in, but the cursor's (`_check_looks`)."""
        self._looks_checked = False
        self._restyle_owed = False
        self._single_source = False
        self._columns: tuple[int, bool, Columns] | None = None
        self._lines = 1
        """Lines per row: 2 in a search view, the second the row's snippet (issue 11)."""
        self._terms: list[Term] = []
        """The search's terms, whose words each row marks; [] outside a search."""

    @property
    def _pages(self) -> dict[int, list[ArticleRow]]:
        """The loaded pages by number (tests look at them)."""
        return self._cache.pages

    # -- public API ------------------------------------------------------------------------------

    @property
    def cursor(self) -> int:
        """Index of the highlighted row (0 when the list is empty)."""
        return self._cursor

    @property
    def count(self) -> int:
        return self._count

    @property
    def view_key(self) -> str:
        """The `key` passed to the last `load()`."""
        return self._key

    @property
    def empty(self) -> bool:
        return self._count == 0

    @property
    def empty_text(self) -> str:
        """Shown on the first line when the view has no articles (e.g. "Không có bài chưa đọc.")."""
        return self._empty_text

    @empty_text.setter
    def empty_text(self, text: str) -> None:
        self._empty_text = text
        self.refresh()

    @property
    def single_source(self) -> bool:
        """Whether every loaded row comes from one feed (a feed's own view, or a view that
        happens to hold one feed's articles): then the rows leave the source column out."""
        return self._single_source

    @property
    def highlighted_row(self) -> ArticleRow | None:
        """The row under the cursor, or None if the list is empty or its page is loading."""
        return self._row_at(self._cursor) if self._count else None

    @property
    def lines_per_row(self) -> int:
        """Screen lines a row takes: 2 in a search view (the snippet), else 1."""
        return self._lines

    def load(
        self,
        source: PageSource,
        count: int,
        *,
        first_page: list[ArticleRow] | None = None,
        cursor: int = 0,
        scroll_y: float | None = None,
        key: str = "",
        terms: list[Term] | None = None,
    ) -> None:
        """Show a new view of `count` rows, fetched from `source` a page at a time.

        `first_page` holds rows [0:len] if the caller already has them (no flash of placeholders).
        The cursor is clamped into the list; without `scroll_y` the list scrolls just enough to
        show it. Results of page workers started for an earlier `load()` are ignored. With
        `terms` (a search), each row marks the words they match and takes a second line for
        its snippet.
        """
        self._terms = list(terms or [])
        self._lines = 2 if self._terms else 1
        self._source = source
        self._count = max(0, count)
        self._key = key
        self._reset_pages(keep_stale=False)
        size = self.PAGE_SIZE
        for start in range(0, len(first_page or []), size):
            rows = (first_page or [])[start : start + size]
            page = start // size
            self._cache.store(page, rows, complete=len(rows) >= self._expected(page))
        self._check_sources()
        self._cursor = min(max(cursor, 0), max(self._count - 1, 0))
        self.virtual_size = Size(0, self._count * self._lines)
        height = self._visible_rows()
        if scroll_y is None:
            # A cursor beyond the first screen is shown mid-screen, with context around it.
            top = 0 if self._cursor < height else self._cursor - height // 2
            scroll_y = top * self._lines
        self.scroll_to(y=scroll_y, animate=False, force=True)
        self._scroll_to_cursor()
        self._after_scroll()
        self.refresh()
        self._announce()

    def refresh_rows(self, count: int | None = None) -> None:
        """Reload the rows from the source (after a refresh or marking), keeping cursor and scroll.

        Rows on screen stay visible until their fresh page arrives. Changes made with
        `update_row` are forgotten: the source is the truth again. Pass `count` if the number of
        rows changed; indexes are kept as they are, so call `load()` instead to follow an article
        whose position moved.
        """
        if count is not None:
            self._count = max(0, count)
            self._cursor = min(self._cursor, max(self._count - 1, 0))
            self.virtual_size = Size(0, self._count * self._lines)
        self._reset_pages(keep_stale=True)
        self._after_scroll()
        self.refresh()

    def move_cursor_to(self, index: int) -> None:
        """Highlight row `index` (clamped), scroll it into view and post `Highlighted`."""
        self._place_cursor(index)

    def update_row(
        self, article_id: int, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """Change the read/starred state the list shows for one article (None leaves it)."""
        if read is None and starred is None:
            return
        index = self._cache.set_state(article_id, read, starred)
        if index is not None:
            self._refresh_row(index)

    def position_of(self, article_id: int) -> int | None:
        """Where article `article_id` is in the list, if a loaded page holds it."""
        index = self._cache.index_of.get(article_id)
        row = self._row_at(index) if index is not None else None
        return index if row is not None and row.id == article_id else None

    # -- actions ---------------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self._place_cursor(self._cursor + 1)

    def action_cursor_up(self) -> None:
        self._place_cursor(self._cursor - 1)

    def action_cursor_first(self) -> None:
        self._place_cursor(0)

    def action_cursor_last(self) -> None:
        self._place_cursor(self._count - 1)

    def action_cursor_page_down(self) -> None:
        self._page_by(self._page_height())

    def action_cursor_page_up(self) -> None:
        self._page_by(-self._page_height())

    def action_cursor_half_down(self) -> None:
        self._page_by(max(self._page_height() // 2, 1))

    def action_cursor_half_up(self) -> None:
        self._page_by(-max(self._page_height() // 2, 1))

    def action_select(self) -> None:
        row = self.highlighted_row
        if row is not None:
            self.post_message(self.Selected(row, self._cursor, self))

    # -- cursor and scrolling --------------------------------------------------------------------

    def _page_height(self) -> int:
        return max(self._visible_rows(), 1)

    def _visible_rows(self) -> int:
        """How many rows the viewport holds whole (lines, outside a search)."""
        return self.scrollable_content_region.height // self._lines

    def _top_row(self) -> int:
        """The first row the viewport shows whole."""
        return -(-self.scroll_offset.y // self._lines)

    def _scroll_to_row(self, row: int) -> None:
        self.scroll_to(y=row * self._lines, animate=False, force=True)

    def _refresh_row(self, index: int) -> None:
        self.refresh_lines(index * self._lines, self._lines)

    def _page_by(self, delta: int) -> None:
        """Move cursor and viewport together by `delta` rows, like a pager."""
        if self._count:
            top = self._top_row() + delta
            self._place_cursor(self._cursor + delta, top=top)

    def _place_cursor(self, index: int, *, top: int | None = None) -> None:
        if not self._count:
            return
        index = min(max(index, 0), self._count - 1)
        old = self._cursor
        # The cursor is set before scrolling so that the scroll watcher finds it in view.
        self._cursor = index
        if top is not None:
            self._scroll_to_row(top)
        self._scroll_to_cursor()
        if index != old:
            self._refresh_row(old)
            self._refresh_row(index)
            self._announce()

    def _scroll_to_cursor(self) -> None:
        height = self._visible_rows()
        if height <= 0:
            return
        top = self._top_row()
        if self._cursor < top:
            self._scroll_to_row(self._cursor)
        elif self._cursor >= top + height:
            self._scroll_to_row(self._cursor - height + 1)

    def _announce(self) -> None:
        row = self.highlighted_row
        self._announced = (self._cursor, row is not None)
        self.post_message(self.Highlighted(row, self._cursor, self))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._after_scroll()
        # Wheel and scrollbar drags move the cursor along (as vim does) so `j` continues from
        # what is on screen instead of jumping back.
        height = self._visible_rows()
        top = self._top_row()
        if height > 0 and self._count and not top <= self._cursor < top + height:
            self._place_cursor(min(max(self._cursor, top), top + height - 1))

    def _on_resize(self, event: events.Resize) -> None:
        self._scroll_to_cursor()
        self._after_scroll()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._looks_checked = False

    def watch_has_focus(self, has_focus: bool) -> None:
        if self.display:
            self._restyle_owed = False
            super().watch_has_focus(has_focus)
        else:
            # Hidden behind the reader (a narrow screen's Enter): restyled when shown again,
            # where q gives it focus back and restyles it anyway. Done at once, the list and
            # its eight component classes were restyled twice per Enter and q (issue 10).
            self._restyle_owed = True

    def catch_up_styles(self) -> None:
        """The list is shown again: restyle it if focus left it while hidden, unless focus
        comes back (q) and restyles it anyway. Checked once the caller is done, when the
        screen knows where focus went."""
        if self._restyle_owed:
            self.call_later(self._restyle_if_owed)

    def _restyle_if_owed(self) -> None:
        if self._restyle_owed and self.display and self.screen.focused is not self:
            self._restyle_owed = False
            self.update_node_styles()

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self._looks_checked:
            self._check_looks()
        return super().render_lines(crop)

    def _check_looks(self) -> None:
        """Forget the drawn rows if their styles changed. Each focus move in or out of the list
        restyles it, and only the cursor row looks different then (its key holds the cursor's
        style): redrawing every row of a 48-line list cost 2 ms of each Tab. Checked when
        drawing, as the component styles are not resolved yet when the first restyle comes."""
        style = self.get_component_rich_style
        looks = (
            self.rich_style,
            *(style(name) for name in sorted(self.COMPONENT_CLASSES) if name != CURSOR),
        )
        self._looks_checked = True
        if looks != self._looks:
            self._looks = looks
            self._strips.clear()

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (self.scroll_offset.y + offset.y) // self._lines
        if 0 <= index < self._count:
            self._place_cursor(index)
            self.action_select()

    # -- pages -----------------------------------------------------------------------------------

    def _reset_pages(self, *, keep_stale: bool) -> None:
        self._cache.reset(keep_stale=keep_stale)
        self._strips.clear()
        self._check_sources()

    def _check_sources(self) -> None:
        """Note whether the loaded rows share one feed; a change redraws every row."""
        single = self._cache.single_feed()
        if single != self._single_source:
            self._single_source = single
            self.refresh()

    def _row_at(self, index: int) -> ArticleRow | None:
        return self._cache.row_at(index)

    def _expected(self, page: int) -> int:
        """How many rows page `page` holds when the source agrees with `count`."""
        return min(self.PAGE_SIZE, self._count - page * self.PAGE_SIZE)

    def _after_scroll(self) -> None:
        """Note which pages are near the viewport, fetch them and drop far ones."""
        size = self.PAGE_SIZE
        top = self._top_row()
        height = max(self._visible_rows(), 1)
        # One screen of look-ahead either way, so paging rarely meets a placeholder.
        first = max(top - height, 0) // size
        last = max(min(top + 2 * height, self._count) - 1, 0) // size
        self._wanted = (first, last)
        if self._count:
            for page in range(first, last + 1):
                self._request_page(page)
        self._cache.evict(self._cursor // size, self._wanted)

    def _request_page(self, page: int) -> None:
        cache = self._cache
        if (
            self._source is None
            or page in cache.pending
            or page in cache.failed
            or page in cache.complete
            or not 0 <= page * self.PAGE_SIZE < self._count
        ):
            return
        cache.pending.add(page)
        source, generation = self._source, cache.generation
        offset, limit = page * self.PAGE_SIZE, self.PAGE_SIZE

        def fetch() -> None:
            # Runs in a thread. A page that left the screen while queued is not worth a query
            # (dragging the scrollbar across 50,000 rows would otherwise queue hundreds).
            first, last = self._wanted
            if generation != cache.generation or not first - 1 <= page <= last + 1:
                self.post_message(_PageArrived(generation, page, None, None))
                return
            try:
                rows = source(offset, limit)
            except Exception as error:  # shown as a failed page, never a crash
                self.post_message(_PageArrived(generation, page, None, str(error) or repr(error)))
                return
            self.post_message(_PageArrived(generation, page, rows, None))

        self.run_worker(fetch, name=f"page {page}", group="pages", thread=True, exit_on_error=False)

    @on(_PageArrived)
    def _page_arrived(self, message: _PageArrived) -> None:
        message.stop()
        if message.generation != self._cache.generation:
            return
        page = message.page
        self._cache.pending.discard(page)
        if message.error is not None:
            self._cache.failed.add(page)
            self.post_message(self.LoadFailed(message.error, self))
        elif message.rows is not None:
            self._cache.store(page, message.rows, complete=True)
            self._check_sources()
        else:
            return
        start = page * self.PAGE_SIZE
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        lines = self._lines
        first = max(start * lines, top)
        last = min((start + self.PAGE_SIZE) * lines, top + height)
        if first < last:
            self.refresh_lines(first, last - first)
        if (
            start <= self._cursor < start + self.PAGE_SIZE
            and self._announced == (self._cursor, False)
            and self.highlighted_row is not None
        ):
            self._announce()

    # -- rendering -------------------------------------------------------------------------------

    def _plan(self, width: int) -> Columns:
        """The row columns at `width`, worked out once per width and source state."""
        if self._columns is None or self._columns[:2] != (width, self._single_source):
            columns = plan_columns(width, show_source=not self._single_source)
            self._columns = (width, self._single_source, columns)
        return self._columns[2]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index, part = divmod(self.scroll_offset.y + y, self._lines)
        if not self._count:
            # Wrapped: the text may be a notice with a long path in it (no config yet).
            lines = wrap_message(self.empty_text, width - 1)
            if y < len(lines):
                style = self.get_component_rich_style("article-list--meta")
                return render_message(lines[y], width, style, self.rich_style)
            return Strip.blank(width, self.rich_style)
        if index >= self._count:
            return Strip.blank(width, self.rich_style)
        row = self._row_at(index)
        is_cursor = index == self._cursor
        if part:
            return self._snippet_line(row, width, is_cursor)
        if row is None:
            page = index // self.PAGE_SIZE
            if page in self._cache.complete:  # the source returned fewer rows than `count` promised
                return Strip.blank(width, self.rich_style)
            self._request_page(page)
            failed = page in self._cache.failed
            key: tuple[object, ...] = (None, failed, width, self._cursor_look(is_cursor))
        else:  # cleared on load
            key = (row, width, self._cursor_look(is_cursor), self._single_source)
        strip = self._strips.get(key)
        if strip is None:
            strip = render_row(
                row,
                width,
                is_cursor,
                columns=self._plan(width),
                failed=key[1] is True,
                style=self.get_component_rich_style,
                fill=self.rich_style,
                clock=self._clock,
                labels=self._labels,
                terms=self._terms,
            )
            self._strips[key] = strip
        return strip

    def _cursor_look(self, is_cursor: bool) -> object:
        """What of the cursor's look a row's drawing depends on: nothing, off the cursor."""
        return self.get_component_rich_style(CURSOR) if is_cursor else None

    def _snippet_line(self, row: ArticleRow | None, width: int, is_cursor: bool) -> Strip:
        """A search result's second line: its snippet, the matched words marked."""
        if row is None:
            return Strip.blank(width, self.rich_style)
        key = ("snippet", row.id, row.snippet, width, self._cursor_look(is_cursor))
        strip = self._strips.get(key)
        if strip is None:
            strip = render_snippet(
                row.snippet,
                width,
                is_cursor,
                style=self.get_component_rich_style,
                fill=self.rich_style,
                terms=self._terms,
            )
            self._strips[key] = strip
        return strip
