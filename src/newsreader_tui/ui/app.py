"""The Textual app: sidebar, article list, reader and status bar over one `Service`.

All I/O runs in workers: SQLite in thread workers, feeds in an async worker whose parsing and
storage the service pushes to threads. The app opens from the cache at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.widget import Widget

from ..core.config import Settings
from ..core.models import Article, ArticleRow, FeedConfig, FetchOutcome
from ..core.prefetch import MediaEvent
from ..core.service import Service, SidebarData, utc_now
from ..core.views import View, start_of_day
from . import bindings
from .dialogs import DialogsMixin
from .i18n import Labels, pick_language
from .screens.confirm import ConfirmScreen
from .screens.details import DetailsScreen
from .screens.help import HelpScreen
from .screens.search import SearchScreen
from .widgets.article_list import ArticleList
from .widgets.reader import Reader
from .widgets.sidebar import Sidebar
from .widgets.status_bar import StatusBar

PANES: tuple[str, ...] = ("articles", "reader", "sidebar")
"""Tab order: the list first, where the reading starts."""
LOCATE_LIMIT = 2000
"""How far down a reloaded list we look for the article that was under the cursor."""


class NewsreaderApp(DialogsMixin, App[None]):
    """The reader. Build it with `make_app` (CLI, demo and tests share that one factory)."""

    CSS_PATH = "app.tcss"
    TITLE = "newsreader-tui"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (101, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "focus_pane(1)", id="app.focus_next", show=False,
                priority=True),
        Binding("shift+tab", "focus_pane(-1)", id="app.focus_previous",
                show=False, priority=True),
        Binding("space", "page_or_next", id="app.page_or_next", show=False),
        Binding("n", "next_unread(1)", id="app.next_unread"),
        Binding("p", "next_unread(-1)", id="app.previous_unread",
                show=False),
        Binding("m", "toggle_read", id="app.toggle_read"),
        Binding("s", "toggle_star", id="app.toggle_star"),
        Binding("A", "mark_all_read", id="app.mark_all_read", show=False),
        Binding("r", "refresh_current", id="app.refresh_current", show=False),
        Binding("R", "refresh_all", id="app.refresh_all"),
        Binding("slash", "search", id="app.search"),
        Binding("o", "open_link", id="app.open_link", show=False),
        Binding("y", "copy_link", id="app.copy_link", show=False),
        Binding("F", "full_text", id="app.full_text", show=False),
        Binding("z,f", "toggle_maximize", id="app.maximize", show=False),
        Binding("b", "toggle_sidebar", id="app.sidebar", show=False),
        Binding("e", "feed_details", id="app.feed_details", show=False),
        Binding("escape", "back", id="app.back", show=False),
        Binding("question_mark", "help", id="app.help"),
        Binding("q", "quit", id="app.quit"),
    ]  # fmt: skip

    def __init__(
        self,
        service: Service,
        settings: Settings,
        *,
        offline: bool = False,
        refresh_on_start: bool | None = None,
        clock: Callable[[], datetime] = utc_now,
        notice: str | None = None,
        picture_widget: type[Widget] | None = None,
    ) -> None:
        super().__init__()
        self.picture_widget = picture_widget
        self.service = service
        self.settings = settings
        self.labels = Labels(pick_language(settings.language))
        self.clock = clock
        self.offline = offline
        self.refresh_on_start = (
            settings.refresh_on_start if refresh_on_start is None else refresh_on_start
        ) and not offline
        self.notice = notice
        self.view = View("unread")
        self._previous_view: View | None = None
        self._positions: dict[View, tuple[int, float]] = {}
        self._refreshing = False
        self._pending_pane: str | None = None
        bindings.translated(self, self.labels)

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield Sidebar(labels=self.labels, id="sidebar")
            with Container(id="content"):
                yield ArticleList(labels=self.labels, clock=self.clock, id="articles")
                yield Reader(
                    labels=self.labels,
                    resolve_image=self.service.image_file,
                    picture_widget=self.picture_widget,
                    id="reader",
                )
        yield StatusBar(labels=self.labels, id="status")

    def on_mount(self) -> None:
        if self.settings.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        for widget in (self.sidebar, self.articles, self.reader):
            bindings.translated(widget, self.labels)
        if self.settings.keys:
            self._apply_keymap(dict(self.settings.keys))
        self.status.set_state(offline=self.offline)
        self.articles.focus()
        if self.notice:
            self.notify(self.notice, severity="warning", timeout=10, markup=False)
        self.start()

    def _apply_keymap(self, keymap: dict[str, str]) -> None:
        """Remap keys from the config's [keys] table; ids that match no binding are reported."""
        known = bindings.binding_ids([self, self.sidebar, self.articles, self.reader])
        unknown = sorted(set(keymap) - known)
        if unknown:
            message = self.labels(
                "notify.unknown_keys", file=self.settings.source or "config", ids=", ".join(unknown)
            )
            self.notify(message, severity="warning", timeout=10, markup=False)
        self.set_keymap({k: v for k, v in keymap.items() if k in known})

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one("#sidebar", Sidebar)

    @property
    def articles(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    @property
    def reader(self) -> Reader:
        return self.query_one("#reader", Reader)

    @property
    def status(self) -> StatusBar:
        return self.query_one("#status", StatusBar)

    # -- loading views ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="start")
    def start(self) -> None:
        """First screen from the cache: the last view (or Unread), its first page, the counts."""
        view = self.service.last_view() or View("unread")
        data = self.service.sidebar()
        if view.kind in ("category", "feed") and not _view_exists(view, data):
            view = View("unread")
        count = self.service.view_count(view)
        rows = self.service.view_rows(view, 0, ArticleList.PAGE_SIZE)
        self.call_from_thread(self._show_sidebar, data)
        self.call_from_thread(self._show_view, view, count, rows, 0, None)
        if self.refresh_on_start:
            self.call_from_thread(self.refresh_feeds, None)

    def switch_view(self, view: View) -> None:
        """Show `view` in the list, restoring where the cursor was in it this session."""
        if view == self.view:
            return
        self._positions[self.view] = (self.articles.cursor, self.articles.scroll_y)
        if view.kind == "search" and self.view.kind != "search":
            self._previous_view = self.view
        cursor, scroll = self._positions.get(view, (0, 0.0))
        self.load_view(view, cursor, scroll)

    def reload_view(self) -> None:
        """Reload the current view (its rows changed), keeping the same article under the cursor."""
        row = self.articles.highlighted_row
        self.load_view(
            self.view, self.articles.cursor, self.articles.scroll_y, row.id if row else None
        )

    @work(thread=True, exclusive=True, group="view")
    def load_view(
        self, view: View, cursor: int = 0, scroll: float | None = None, locate: int | None = None
    ) -> None:
        count = self.service.view_count(view)
        rows = self.service.view_rows(view, 0, ArticleList.PAGE_SIZE)
        if locate is not None:
            # Keep the same article under the cursor when new articles pushed it down.
            window = rows if count <= len(rows) else self.service.view_rows(view, 0, LOCATE_LIMIT)
            index = next((i for i, row in enumerate(window) if row.id == locate), None)
            if index is not None:
                scroll = None if index != cursor else scroll
                cursor = index
        self.call_from_thread(self._show_view, view, count, rows, cursor, scroll)
        if view.kind != "search":
            self.service.remember_view(view)

    def _show_view(
        self, view: View, count: int, rows: list[ArticleRow], cursor: int, scroll: float | None
    ) -> None:
        self.view = view
        service = self.service

        def source(offset: int, limit: int) -> list[ArticleRow]:
            return service.view_rows(view, offset, limit)

        empty = {"unread": "list.empty_unread", "search": "list.empty_search"}
        self.articles.empty_text = self.labels[empty.get(view.kind, "list.empty")]
        self.articles.load(
            source, count, first_page=rows, cursor=cursor, scroll_y=scroll, key=view.key
        )
        self.sidebar.set_current(view)
        self.status.set_view(self.sidebar.view_label(view), count)

    def _show_sidebar(self, data: SidebarData) -> None:
        self.sidebar.update_data(data)
        failed = sum(1 for c in data.categories for f in c.feeds if f.error)
        successes = [f.last_success for c in data.categories for f in c.feeds if f.last_success]
        self.status.set_state(failed=failed, last_refresh=max(successes, default=None))

    @work(thread=True, exclusive=True, group="counts")
    def reload_counts(self) -> None:
        data = self.service.sidebar()
        self.call_from_thread(self._show_sidebar, data)

    @on(Sidebar.ViewSelected)
    def _view_selected(self, event: Sidebar.ViewSelected) -> None:
        self.switch_view(event.view)
        if self.screen.has_class("-narrow"):
            self._focus_pane("articles")

    # -- reading ----------------------------------------------------------------------------

    @on(ArticleList.Selected)
    def _row_selected(self, event: ArticleList.Selected) -> None:
        self.open_article(event.row.id)

    @work(thread=True, exclusive=True, group="article")
    def open_article(self, article_id: int, *, keep_scroll: bool = False) -> None:
        article = self.service.article(article_id)
        if article is not None:
            self.call_from_thread(self._show_article, article, keep_scroll)

    def _show_article(self, article: Article, keep_scroll: bool = False) -> None:
        if keep_scroll:  # the same article again, with what a refresh brought (text, pictures)
            self.reader.show(article, keep_scroll=True)
            return
        self.reader.show(article)
        if article.read:
            return
        delay = self.settings.mark_read_delay
        if delay <= 0:
            self.set_state(article, read=True)
        else:
            self.set_timer(delay, lambda: self._mark_if_still_open(article))

    def _mark_if_still_open(self, article: Article) -> None:
        current = self.reader.article
        if current is not None and current.id == article.id:
            self.set_state(article, read=True)

    @work(thread=True, group="state")
    def set_state(
        self, item: Article | ArticleRow, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """Write read/starred state at once (kill -9 loses nothing), then update the screen."""
        self.service.mark([item.id], read=read, starred=starred)
        unread = 0 if read is None or read == item.read else (-1 if read else 1)
        stars = 0 if starred is None or starred == item.starred else (1 if starred else -1)
        today = item.published >= start_of_day(self.clock())
        self.call_from_thread(self.articles.update_row, item.id, read=read, starred=starred)
        self.call_from_thread(
            self.sidebar.adjust, item.feed_url, unread=unread, starred=stars, today=today
        )

    def _open_index(self, index: int) -> None:
        self.articles.move_cursor_to(index)
        row = self.articles.highlighted_row
        if row is not None:
            self.open_article(row.id)

    # -- refreshing -------------------------------------------------------------------------

    @work(exclusive=True, group="refresh")
    async def refresh_feeds(self, feeds: list[FeedConfig] | None) -> None:
        """Fetch feeds in the background; the list and counts update when it is done."""
        targets = list(self.service.feeds if feeds is None else feeds)
        if not targets:
            return
        self._refreshing = True
        self.status.start_progress(len(targets))

        def progress(outcome: FetchOutcome, done: int, total: int) -> None:
            self.status.advance(done, total)

        def feeds_done(outcomes: list[FetchOutcome]) -> None:
            # New articles show now; pages and pictures keep downloading behind them.
            self.status.finish_progress()
            self._report(outcomes)
            self.service.forget_search()
            self.reload_view()
            self.reload_counts()

        def media(event: MediaEvent) -> None:
            self.status.media(event.kind, event.done, event.total)

        try:
            await self.service.refresh(
                targets, progress=progress, feeds_done=feeds_done, media_progress=media
            )
        finally:
            self._refreshing = False
            self.status.finish_progress()
        current = self.reader.article
        if current is not None:
            self.open_article(current.id, keep_scroll=True)

    def action_full_text(self) -> None:
        article = self.reader.article
        if article is None:
            self.notify(self.labels["notify.no_article"])
        elif self.offline:
            self.notify(self.labels["notify.offline_mode"], severity="warning")
        elif not article.url:
            self.notify(self.labels["notify.no_link"])
        else:
            self.notify(self.labels["notify.full_text_fetching"])
            self.fetch_full_text(article.id)

    @work(exclusive=True, group="full-text")
    async def fetch_full_text(self, article_id: int) -> None:
        """Fetch one article's page now (the F key) and show what was extracted."""
        article = await self.service.fetch_full_text(article_id)
        current = self.reader.article
        if current is not None and current.id == article_id:
            self.reader.show(article)
        if article.full_status == "ok":
            self.notify(self.labels["notify.full_text_done"])
        else:
            message = self.labels("notify.full_text_failed", error=article.full_status or "?")
            self.notify(message, severity="error", markup=False)

    def _report(self, outcomes: list[FetchOutcome]) -> None:
        failed = [o for o in outcomes if not o.ok]
        network_down = (
            bool(failed)
            and len(failed) == len(outcomes)
            and all(o.http_status is None for o in failed)
        )
        self.status.set_state(offline=network_down or self.offline)
        if network_down:
            self.notify(self.labels["notify.offline"], severity="warning")
            return
        new = sum(o.new for o in outcomes)
        ok = len(outcomes) - len(failed)
        self.notify(self.labels("notify.refreshed", ok=ok, total=len(outcomes), new=new))
        for outcome in failed[:3]:
            name = self.sidebar.view_label(View("feed", outcome.url))
            message = self.labels("notify.refresh_failed", feed=name, error=outcome.error)
            self.notify(message, severity="error", timeout=8, markup=False)

    def _feeds_for_current(self) -> list[FeedConfig]:
        if self.view.kind == "feed":
            urls = {self.view.value}
        elif self.view.kind == "category":
            urls = {f.url for f in self.service.feeds if f.group == self.view.value}
        else:
            row = self.articles.highlighted_row
            urls = {row.feed_url} if row else set()
        return [f for f in self.service.feeds if f.url in urls]

    # -- actions ----------------------------------------------------------------------------

    def action_focus_pane(self, step: int) -> None:
        if isinstance(self.screen, HelpScreen | DetailsScreen | ConfirmScreen | SearchScreen):
            self.screen.focus_next() if step > 0 else self.screen.focus_previous()
            return
        focused = self.focused
        current = next(
            (i for i, pane in enumerate(PANES) if focused and self._within(focused, pane)), 0
        )
        if self._pending_pane is not None:  # a Tab typed before the sidebar could appear
            current = PANES.index(self._pending_pane)
        target = PANES[(current + step) % len(PANES)]
        self._focus_pane(target)

    def _focus_pane(self, target: str) -> None:
        """Focus a pane. Focus moves later (after the sidebar is shown, when it was hidden), so
        the target is remembered: a second Tab typed in between continues from it."""
        widget = self.query_one(f"#{target}")
        hidden = target == "sidebar" and not widget.display
        self.screen.set_class(target == "sidebar", "-sidebar-open")
        self._pending_pane = target

        def arrive() -> None:
            widget.focus()
            self.call_later(self._arrived, target)

        if hidden:
            self.call_after_refresh(arrive)
        else:
            arrive()

    def _arrived(self, target: str) -> None:
        if self._pending_pane == target:
            self._pending_pane = None

    def _within(self, widget: Widget, pane_id: str) -> bool:
        return any(node.id == pane_id for node in (widget, *widget.ancestors))

    def action_page_or_next(self) -> None:
        row = self.articles.highlighted_row
        article = self.reader.article
        if row is None:
            return
        if article is None or article.id != row.id:
            self.open_article(row.id)
        elif not self.reader.page_down() and self.articles.cursor + 1 < self.articles.count:
            self._open_index(self.articles.cursor + 1)

    def action_next_unread(self, step: int) -> None:
        index = self.articles.find_unread(self.articles.cursor + step, step)
        if index is None:
            self.notify(self.labels["notify.no_unread"])
        else:
            self._open_index(index)

    def action_toggle_read(self) -> None:
        row = self.articles.highlighted_row
        if row is None:
            self.notify(self.labels["notify.no_article"])
        else:
            self.set_state(row, read=not row.read)

    def action_toggle_star(self) -> None:
        row = self.articles.highlighted_row
        if row is None:
            self.notify(self.labels["notify.no_article"])
        else:
            self.set_state(row, starred=not row.starred)

    def action_refresh_current(self) -> None:
        self._start_refresh(self._feeds_for_current() or None)

    def action_refresh_all(self) -> None:
        self._start_refresh(None)

    def _start_refresh(self, feeds: list[FeedConfig] | None) -> None:
        if self.offline:
            self.notify(self.labels["notify.offline_mode"], severity="warning")
        elif self._refreshing:
            self.notify(self.labels["notify.busy"])
        else:
            self.refresh_feeds(feeds)

    def action_back(self) -> None:
        if self.screen.maximized is not None:
            self.screen.minimize()
        elif self.view.kind == "search":
            self.switch_view(self._previous_view or View("unread"))
        elif self.screen.has_class("-sidebar-open"):
            self._focus_pane("articles")

    def action_toggle_maximize(self) -> None:
        if self.screen.maximized is not None:
            self.screen.minimize()
        else:
            self.screen.maximize(self.reader, container=False)

    def action_toggle_sidebar(self) -> None:
        if self.screen.has_class("-narrow"):
            opening = not self.screen.has_class("-sidebar-open")
            self._focus_pane("sidebar" if opening else "articles")
        else:
            self.screen.toggle_class("-sidebar-hidden")
            if self.screen.has_class("-sidebar-hidden") and self.sidebar.has_focus:
                self.articles.focus()


def _view_exists(view: View, data: SidebarData) -> bool:
    if view.kind == "category":
        return any(c.name == view.value for c in data.categories)
    return any(f.url == view.value for c in data.categories for f in c.feeds)


def make_app(
    settings: Settings,
    service: Service,
    *,
    offline: bool = False,
    refresh_on_start: bool | None = None,
    clock: Callable[[], datetime] = utc_now,
    notice: str | None = None,
    picture_widget: type[Widget] | None = None,
) -> NewsreaderApp:
    """The one way to build the app: the CLI, the demo and the tests all come through here."""
    return NewsreaderApp(
        service,
        settings,
        offline=offline,
        refresh_on_start=refresh_on_start,
        clock=clock,
        notice=notice,
        picture_widget=picture_widget,
    )
