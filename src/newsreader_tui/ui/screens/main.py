"""The reading screen: sidebar, article list, reader and status bar over one `Service`.

Everything about reading lives here: which view the list shows, which pane has focus, what is
open, and the workers that load views, mark articles and refresh feeds (SQLite in thread
workers; feeds in an async worker whose parsing and storage the service pushes to threads). The
app above holds what lasts the session and hands it down; the widgets below post messages up
and are called down.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.dom import DOMNode
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, get_current_worker

from ...core.config import Settings
from ...core.models import Article, ArticleRow
from ...core.service import Service
from ...core.views import SidebarData, View, ViewQueries
from ...i18n import Labels
from .. import dialogs
from ..bindings import translated
from ..widgets.article_list import ArticleList
from ..widgets.reader import Reader
from ..widgets.sidebar import Sidebar
from ..widgets.status_bar import StatusBar
from .focus_repaint import FocusRepaintScreen
from .main_layout import BREAKPOINTS, MainLayout
from .main_links import LinkActions
from .main_online import go_online
from .main_panes import PaneFocus, sidebar_open
from .main_reading import ReadingFlow
from .main_refresh import Refresher, RefreshHooks, feeds_for_view
from .main_reload import AutoReload
from .main_search import open_search, search_terms
from .main_views import first_view, load_rows


class MainScreen(FocusRepaintScreen):
    """The screen the app opens on and returns to; every dialog is pushed over it."""

    class FirstScreenShown(Message):
        """The first view from the cache is on screen (start-up is over)."""

    # Not annotated ClassVar: Screen declares it as an instance attribute, and mypy holds to that.
    HORIZONTAL_BREAKPOINTS = BREAKPOINTS
    # The ids keep their "app." prefix: they are the names users write under [keys].
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "focus_pane(1)", id="app.focus_next", show=False),
        Binding("shift+tab", "focus_pane(-1)", id="app.focus_previous", show=False),
        Binding("space", "page_or_next", id="app.page_or_next", show=False),
        Binding("n", "next_unread(1)", id="app.next_unread"),
        Binding("p", "next_unread(-1)", id="app.previous_unread", show=False),
        Binding("m", "toggle_read", id="app.toggle_read"),
        Binding("s", "toggle_star", id="app.toggle_star"),
        Binding("A", "mark_all_read", id="app.mark_all_read", show=False),
        Binding("r", "refresh_current", id="app.refresh_current", show=False),
        Binding("R", "refresh_all", id="app.refresh_all"),
        Binding("slash", "search", id="app.search"),
        Binding("o", "open_link", id="app.open_link", show=False),
        Binding("y", "copy_link", id="app.copy_link", show=False),
        Binding("u", "links", id="app.links", show=False),
        Binding("F", "full_text", id="app.full_text", show=False),
        Binding("z,f", "toggle_maximize", id="app.maximize", show=False),
        Binding("b", "toggle_sidebar", id="app.sidebar", show=False),
        Binding("e", "feed_details", id="app.feed_details", show=False),
        Binding("O", "go_online", id="app.go_online", show=False),
        Binding("escape", "back", id="app.back", show=False),
        Binding("question_mark", "help", id="app.help"),
    ]

    def __init__(
        self,
        service: Service,
        views: ViewQueries,
        settings: Settings,
        labels: Labels,
        *,
        clock: Callable[[], datetime],
        offline: bool = False,
        refresh_on_start: bool = False,
        picture_widget: type[Widget] | None = None,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.views = views
        self.settings = settings
        self.labels = labels
        self.clock = clock
        self.offline = offline
        self.refresh_on_start = refresh_on_start
        self.view = View("unread")
        self._previous_view: View | None = None
        self._positions: dict[View, tuple[int, float]] = {}
        # The panes are built here rather than in compose so that the helpers below can hold
        # them; Textual mounts them when compose yields them.
        self.sidebar = translated(Sidebar(labels=labels, id="sidebar"), labels)
        self.articles = translated(ArticleList(labels=labels, clock=clock, id="articles"), labels)
        self.reader = translated(
            Reader(
                labels=labels,
                resolve_image=service.images.picture,
                picture_widget=picture_widget,
                id="reader",
            ),
            labels,
        )
        self.status = StatusBar(labels=labels, id="status")
        self.reading = ReadingFlow(self, labels, notice)
        hooks = RefreshHooks(
            stored=self._articles_stored,
            finished=self._refresh_finished,
            feed_name=lambda url: self.sidebar.view_label(View("feed", url)),
            started=self.reading.refresh_started,
            feed_stored=self.reading.feed_stored,
        )
        self.refresher = Refresher(self, service, labels, self.status, hooks, offline=offline)
        self.auto_reload = AutoReload(self, self.refresher, settings.reload_minutes)
        self.pane_layout = MainLayout(self)
        self.panes = PaneFocus(self, self.pane_layout.can_focus)
        self.links = LinkActions(self, service, labels)
        translated(self, labels)

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield self.sidebar
            with Container(id="content"):
                yield self.articles
                yield self.reader
        yield self.status

    def on_mount(self) -> None:
        self.status.set_state(offline=self.offline)
        self.articles.focus()
        self.start()
        self.auto_reload.start()

    def on_resize(self, event: events.Resize) -> None:
        # Runs before Screen's own handler sets the breakpoint classes: look after it.
        self.pane_layout.resizing(event.size.width)
        self.call_later(self.pane_layout.resized)

    @on(Reader.Changed)
    def _reader_changed(self, event: Reader.Changed) -> None:
        # An opened article has its panes already (`_show_article`, before it is drawn).
        if event.article is None:
            self.pane_layout.article_changed(opened=False)

    # -- loading views ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="start")
    def start(self) -> None:
        """First screen from the cache: the last view (or Unread), its first page, the counts."""
        data, view = first_view(self.views)
        count, rows, _ = load_rows(self.views, view)
        unread = self.views.unread_count(view)
        self.app.call_from_thread(self._show_sidebar, data)
        self.app.call_from_thread(self._show_view, view, count, rows, 0, None, unread)
        self.post_message(self.FirstScreenShown())
        if self.refresh_on_start:
            self.app.call_from_thread(self.refresher.run, None)

    def switch_view(
        self, view: View, *, cursor: int | None = None, locate: int | None = None
    ) -> None:
        """Show `view` in the list, restoring where the cursor was in it this session (or on
        article `locate`, at `cursor`); the reader empties, its article was the old view's."""
        if view == self.view:
            return
        self._positions[self.view] = (self.articles.cursor, self.articles.scroll_y)
        if view.kind == "search" and self.view.kind != "search":
            self._previous_view = self.view
        self.reading.view_left()
        if cursor is not None:
            self.load_view(view, cursor, None, locate)
        else:
            self.load_view(view, *self._positions.get(view, (0, 0.0)))

    def reload_view(self) -> None:
        """Reload the current view (its rows changed), keeping the same article under the cursor
        (unless the cursor never left the top, where it stays on the newest)."""
        row, cursor = self.articles.highlighted_row, self.articles.cursor
        follow = row is not None and (cursor > 0 or self.reader.article is not None)
        locate = row.id if row is not None and follow else None
        self.load_view(self.view, cursor, self.articles.scroll_y, locate)

    @work(thread=True, exclusive=True, group="view")
    def load_view(
        self, view: View, cursor: int = 0, scroll: float | None = None, locate: int | None = None
    ) -> None:
        count, rows, found = load_rows(self.views, view, locate)
        unread = self.views.unread_count(view)
        if found is not None:  # keep the same article under the cursor when new ones pushed it,
            if scroll:  # on the same line of the screen (at the top, the newest show above it)
                scroll += (found - cursor) * self.articles.lines_per_row  # a reload: same view
            cursor = found
        self.app.call_from_thread(self._show_view, view, count, rows, cursor, scroll, unread)
        if view.kind != "search":
            self.views.remember(view)

    def _show_view(
        self,
        view: View,
        count: int,
        rows: list[ArticleRow],
        cursor: int,
        scroll: float | None,
        unread: int | None = None,
    ) -> None:
        self.view = view
        views = self.views

        def source(offset: int, limit: int) -> list[ArticleRow]:
            return views.rows(view, offset, limit)

        self.articles.empty_text = self.reading.empty_text(view)
        terms = search_terms(view)
        self.reader.marks = terms
        self.articles.load(
            source,
            count,
            first_page=rows,
            cursor=cursor,
            scroll_y=scroll,
            key=view.key,
            terms=terms,
        )
        self.sidebar.set_current(view)
        self.status.set_view(self.sidebar.view_label(view), count, unread)

    def _show_sidebar(self, data: SidebarData) -> None:
        self.sidebar.update_data(data)
        failed = sum(1 for c in data.categories for f in c.feeds if f.error)
        successes = [f.last_success for c in data.categories for f in c.feeds if f.last_success]
        self.status.set_state(failed=failed, last_refresh=max(successes, default=None))

    @work(thread=True, exclusive=True, group="counts")
    def reload_counts(self) -> None:
        data = self.views.sidebar()
        self.app.call_from_thread(self._show_sidebar, data)

    @on(Sidebar.ViewSelected)
    def _view_selected(self, event: Sidebar.ViewSelected) -> None:
        self.switch_view(event.view)
        self.pane_layout.show_list()

    # -- reading and marking ----------------------------------------------------------------

    @on(ArticleList.Selected)
    def _row_selected(self, event: ArticleList.Selected) -> None:
        self.open_article(event.row.id)

    @work(thread=True, exclusive=True, group="article")
    def open_article(self, article_id: int, *, keep_scroll: bool = False) -> None:
        """Read article `article_id` from the cache and show it, unless another article was
        opened meanwhile (this worker is then cancelled)."""
        article = self.service.store.article(article_id)
        if article is not None:
            self.app.call_from_thread(
                self._article_read, get_current_worker(), article, keep_scroll
            )

    def _article_read(self, worker: Worker[None], article: Article, keep_scroll: bool) -> None:
        # Checked here, in the UI thread that cancels: a check in the worker could pass just
        # before the cancel.
        if not worker.is_cancelled:
            self._show_article(article, keep_scroll)

    def show_article(self, article: Article) -> None:
        """Show `article`, already read from the cache: one still being read (an earlier
        Enter) must not replace it when it arrives."""
        self.workers.cancel_group(self, "article")
        self._show_article(article)

    def _show_article(self, article: Article, keep_scroll: bool = False) -> None:
        if keep_scroll:  # the same article again, with what a refresh brought (text, pictures)
            self.reader.show(article, keep_scroll=True)
            return
        self.reader.show(article)
        # The panes now: on a narrow screen the reader comes into view in the same layout
        # that measures the article (Reader.Changed, which would do it, arrives a frame late).
        self.pane_layout.article_changed(opened=True)
        if article.read:
            return
        delay = self.settings.mark_read_delay
        if delay <= 0:
            self.set_state(article, read=True)
        else:
            self.set_timer(delay, lambda: self._mark_if_still_open(article))

    def _mark_if_still_open(self, article: Article) -> None:
        current = self.reader.article
        if current is not None and current.id == article.id and not current.read:
            self.set_state(current, read=True)

    @work(thread=True, group="state")
    def set_state(
        self, item: Article | ArticleRow, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """Write read/starred state at once (kill -9 loses nothing), then update the screen."""
        self.reading.write_state(item, read, starred)

    @work(thread=True, group="state")
    def mark_view_read(self, view: View) -> None:
        count = self.views.mark_read(view)
        self.app.call_from_thread(self.notify, self.labels("notify.marked_all", count=count))
        # Reload rather than repaint: the view's rows changed (Unread may now be empty).
        self.app.call_from_thread(self.reload_view)
        self.app.call_from_thread(self.reload_counts)

    # -- panes and focus --------------------------------------------------------------------

    def action_focus_pane(self, step: int) -> None:
        self.panes.cycle(step)

    def action_back(self) -> None:
        if not self.pane_layout.back(closing=False) and self.view.kind == "search":
            self.switch_view(self._previous_view or View("unread"))

    def action_toggle_maximize(self) -> None:
        self.pane_layout.maximize()

    def action_toggle_sidebar(self) -> None:
        if self.pane_layout.narrow:
            opening = not sidebar_open(self)
            self.panes.focus("sidebar" if opening else self.pane_layout.main_pane())
        else:
            self.toggle_class("-sidebar-hidden")
            if self.has_class("-sidebar-hidden") and self.sidebar.has_focus:
                self.articles.focus()

    # -- reading keys -----------------------------------------------------------------------

    def action_page_or_next(self) -> None:
        self.reading.page_or_next()

    def action_next_unread(self, step: int) -> None:
        self.reading.next_unread(step)

    def action_toggle_read(self) -> None:
        self.reading.toggle(read=True)

    def action_toggle_star(self) -> None:
        self.reading.toggle(starred=True)

    # -- refreshing -------------------------------------------------------------------------

    def action_refresh_current(self) -> None:
        row = self.articles.highlighted_row
        feeds = feeds_for_view(self.view, self.service.feeds, row.feed_url if row else None)
        if self.reading.has_feeds():
            self.refresher.start(feeds or None)

    def action_refresh_all(self) -> None:
        if self.reading.has_feeds():
            self.refresher.start(None)

    def action_go_online(self) -> None:
        go_online(self)

    def _articles_stored(self) -> None:
        self.reading.feeds_done()
        self.reload_stored()

    def reload_stored(self) -> None:
        """Articles were stored (one feed's or all): show them, keeping what is under the cursor."""
        self.views.forget_search()  # the stored articles may match it now
        self.reload_view()
        self.reload_counts()

    def _refresh_finished(self) -> None:
        current = self.reader.article
        if current is not None:
            self.open_article(current.id, keep_scroll=True)

    def action_full_text(self) -> None:
        def show(article: Article) -> None:
            current = self.reader.article
            if current is not None and current.id == article.id:
                self.reader.show(article)

        self.refresher.full_text(self.reading.shown_article(), show)

    # -- dialogs ----------------------------------------------------------------------------

    def action_mark_all_read(self) -> None:
        self.reading.mark_all_read()

    def action_search(self) -> None:
        open_search(self)

    def action_feed_details(self) -> None:
        sidebar, row = self.sidebar, self.articles.highlighted_row
        feed = sidebar.feed_at_cursor() if sidebar.has_focus else None
        if feed is None and self.view.kind == "feed":
            feed = sidebar.feed_status(self.view.value)
        if feed is None and row is not None:
            feed = sidebar.feed_status(row.feed_url)
        if feed is None:
            self.notify(self.labels["notify.no_feed"])
        else:
            self.app.push_screen(dialogs.feed_details(self.labels, feed))

    def action_help(self) -> None:
        sections: list[tuple[str, list[DOMNode]]] = [
            ("help.section.app", [self, self.app]),  # the app's keys (quit) count as general
            ("help.section.list", [self.articles]),
            ("help.section.reader", [self.reader]),
            ("help.section.sidebar", [self.sidebar]),
        ]
        self.app.push_screen(dialogs.help_panel(self.labels, self.app, sections))

    # -- links ------------------------------------------------------------------------------

    def action_open_link(self) -> None:
        self.links.use(self._link_target(), copy=False)

    def action_copy_link(self) -> None:
        self.links.use(self._link_target(), copy=True)

    def action_links(self) -> None:
        self.links.browse(self._link_target())

    def _link_target(self) -> int | None:
        item = self.reading.target()
        return item.id if item is not None else None
