"""The reading flow of the main screen: what the reading keys act on, `n`/`p` through a view and
on to the next one, Space at the end of an article, the number `A` asks about, what an empty list
says, and new articles shown feed by feed while a refresh runs.

What a key acts on is one screen-level rule over focus and what is open, never over widths: the
layout decides what is on screen, and this reads it.
- An article open in a reader that is on screen is what `m`, `s`, `o`, `y` and `F` act on,
  wherever the list's cursor has gone since; with none on screen, they act on the cursor's row.
- `j`/`k` scroll the reader when it has focus. It has focus whenever it fills the screen: Textual
  moves focus off a pane that leaves the screen (a maximised reader, a list the layout hides) to
  the pane beside it, the reader.
- Space pages the open article, unless the list has focus and its cursor has moved to another
  row (then it opens that row, as Enter would); at the end of the article it goes on like `n`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.timer import Timer
from textual.widget import Widget

from ...core.models import Article, ArticleRow, FetchOutcome
from ...core.paths import config_path
from ...core.text import clean_text
from ...core.views import View, start_of_day
from ...i18n import Labels
from .. import dialogs
from .main_panes import within

if TYPE_CHECKING:
    from .main import MainScreen

RELOAD_DELAY = 0.3
"""Seconds between reloads of the list while feeds are being stored, at most one per interval."""
LAST = 1 << 62
"""A list position past the end of any view: `p` into a view starts from its last article."""
EMPTY_LABELS = {"unread": "list.empty_unread", "search": "list.empty_search"}


class Throttle:
    """Calls `callback` once, `delay` seconds after the first of any number of requests: a burst
    of feeds stored together costs one reload of the list, not one per feed."""

    def __init__(self, host: Widget, delay: float, callback: Callable[[], None]) -> None:
        self.host = host
        self.delay = delay
        self.callback = callback
        self._timer: Timer | None = None

    def __call__(self) -> None:
        if self._timer is None:
            self._timer = self.host.set_timer(self.delay, self._fire)

    @property
    def pending(self) -> bool:
        return self._timer is not None

    def cancel(self) -> None:
        """Forget a pending call (the caller is about to do the work itself)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _fire(self) -> None:
        self._timer = None
        self.callback()


@dataclass(frozen=True)
class Offer:
    """`n` (or `p`, by `step`) found nothing unread left in `origin` and offered `target`:
    the same key again, with still nothing unread here, goes there."""

    origin: View
    step: int
    target: View


class ReadingFlow:
    """The reading keys' decisions for `screen`, whose thread workers do the queries."""

    def __init__(self, screen: MainScreen, labels: Labels, notice: str | None = None) -> None:
        self.screen = screen
        self.labels = labels
        self.notice = clean_text(notice) if notice else None
        """Why there are no feeds (no config file, and where to put it), from the app."""
        self.fetching = False
        """Feeds are being fetched: an empty list is not "all read" yet."""
        self.reload_soon = Throttle(screen, RELOAD_DELAY, screen.reload_stored)
        self._offer: Offer | None = None
        self._busy = False
        self._queued: list[int] = []
        """Presses of n/p that came while the one before was still looking."""
        self._opening: int | None = None
        """The article n/p last opened, which the reader may not show yet."""

    # -- what the keys act on ---------------------------------------------------------------

    def shown_article(self) -> Article | None:
        """The article open in the reader, while the reader is on screen."""
        reader = self.screen.reader
        article = reader.article
        if article is None or not reader.display or not reader.region.area:
            return None
        return article

    def reader_focused(self) -> bool:
        focused = self.screen.focused
        return focused is not None and within(focused, "reader")

    def target(self) -> Article | ArticleRow | None:
        """What `m`, `s`, `o` and `y` act on: the article being read, else the cursor's row."""
        return self.shown_article() or self.screen.articles.highlighted_row

    def toggle(self, *, read: bool = False, starred: bool = False) -> None:
        """Flip read (or starred) on what the keys act on."""
        item = self.target()
        if item is None:
            self.screen.notify(self.labels["notify.no_article"])
            return
        self.screen.set_state(
            item,
            read=not item.read if read else None,
            starred=not item.starred if starred else None,
        )

    def page_or_next(self) -> None:
        """Space: open the cursor's row, page the article being read, or at its end go on to
        the next unread article."""
        screen = self.screen
        row = screen.articles.highlighted_row
        article = self.shown_article()
        if article is None:
            if row is not None:
                screen.open_article(row.id)
        elif row is not None and row.id != article.id and not self.reader_focused():
            screen.open_article(row.id)
        elif not screen.reader.page_down():
            self.next_unread(1)

    # -- marking ------------------------------------------------------------------------------

    def write_state(
        self, item: Article | ArticleRow, read: bool | None, starred: bool | None
    ) -> None:
        """In a thread: write the state at once (kill -9 loses nothing), then show it in the
        list, the sidebar, the reader and the status bar."""
        screen = self.screen
        view, views, service = screen.view, screen.views, screen.service
        views.hold(view, [item.id])  # it keeps its row in Unread (or Starred) until we leave
        service.store.mark([item.id], read=read, starred=starred, now=service.clock())
        unread = views.unread_count(view)
        screen.app.call_from_thread(self._state_written, item, read, starred, view, unread)

    def _state_written(
        self,
        item: Article | ArticleRow,
        read: bool | None,
        starred: bool | None,
        view: View,
        unread: int,
    ) -> None:
        screen = self.screen
        unread_delta = 0 if read is None or read == item.read else (-1 if read else 1)
        stars = 0 if starred is None or starred == item.starred else (1 if starred else -1)
        today = item.published >= start_of_day(screen.clock())
        screen.articles.update_row(item.id, read=read, starred=starred)
        screen.sidebar.adjust(item.feed_url, unread=unread_delta, starred=stars, today=today)
        current = screen.reader.article
        if current is not None and current.id == item.id:
            screen.reader.update_state(read=read, starred=starred)
        if view == screen.view:
            self.show_count(view, unread)

    def show_count(self, view: View, unread: int) -> None:
        """The status bar's view name and counts, as the list and sidebar have them now."""
        screen = self.screen
        screen.status.set_view(screen.sidebar.view_label(view), screen.articles.count, unread)

    def mark_all_read(self) -> None:
        """`A`: ask first, naming how many unread articles it will mark (none: say so)."""
        screen = self.screen
        view = screen.view

        def count() -> None:
            unread = screen.views.unread_count(view)
            screen.app.call_from_thread(self._ask_mark_all, view, unread)

        screen.run_worker(count, thread=True, group="mark-all", name="count_unread")

    def _ask_mark_all(self, view: View, unread: int) -> None:
        screen = self.screen
        if view != screen.view:
            return
        if not unread:
            screen.notify(self.labels["notify.no_unread"])
            return

        def answered(yes: bool | None) -> None:
            if yes:
                screen.mark_view_read(view)

        dialog = dialogs.confirm_mark_all(self.labels, unread, screen.sidebar.view_label(view))
        screen.app.push_screen(dialog, answered)

    # -- n and p ----------------------------------------------------------------------------

    def next_unread(self, step: int) -> None:
        """Open the nearest unread article by `step` (+1: `n`, -1: `p`): the cursor's row first
        (unless it is the one being read), then on through the whole view, wrapping around;
        with none left, offer the next view that has some."""
        if self._busy:  # pressed again while the last press is looking: go on from its answer
            self._queued.append(step)
            return
        articles, reader = self.screen.articles, self.screen.reader
        row = articles.highlighted_row
        shown = reader.article.id if reader.article is not None else None
        # The article being opened counts as the one being read, though not shown yet.
        skip = self._opening if self._opening not in (None, shown) else shown
        self._search(step, row.id if row is not None else None, articles.cursor, skip)

    def _search(self, step: int, anchor: int | None, start: int, skip: int | None) -> None:
        screen = self.screen
        view, views = screen.view, screen.views
        self._busy = True

        def find() -> None:
            found = views.next_unread(view, anchor=anchor, start=start, step=step, skip=skip)
            target = None if found is not None else views.next_view_with_unread(view, step)
            # Read here too, so the cursor's move and the article come in one callback and one
            # frame, not a second worker's round trip and frame later (issue 10).
            article = screen.service.store.article(found[1]) if found is not None else None
            screen.app.call_from_thread(self._found, view, step, found, target, article)

        screen.run_worker(find, thread=True, group="next-unread", name="next_unread")

    def _found(
        self,
        view: View,
        step: int,
        found: tuple[int, int] | None,
        target: View | None,
        article: Article | None = None,
    ) -> None:
        self._busy = False
        screen = self.screen
        if view != screen.view or found is None:  # elsewhere now, or nowhere to go on from
            self._queued.clear()
        if view != screen.view:
            return
        if found is not None:
            self._offer = None
            position, article_id = found
            self._open_at(view, position, article_id, article)
            if self._queued:
                self._search(self._queued.pop(0), article_id, position, article_id)
            return
        if target is None:
            self._offer = None
            screen.notify(self.labels["notify.no_unread"])
            return
        offer = Offer(view, step, target)
        if self._offer == offer:
            self._offer = None
            self._enter(target, step)
            return
        self._offer = offer
        binding = "app.next_unread" if step > 0 else "app.previous_unread"
        message = self.labels(
            "notify.no_unread_next",
            shortcut=self._key(binding, "n" if step > 0 else "p"),
            view=screen.sidebar.view_label(target),
        )
        screen.notify(message, markup=False)

    def _open_at(
        self, view: View, position: int, article_id: int, article: Article | None = None
    ) -> None:
        """Put the cursor on `article_id` and open it (`article`, when already read from the
        cache; else it is read in a worker)."""
        screen = self.screen
        index = screen.articles.position_of(article_id)
        if index is not None:
            screen.articles.move_cursor_to(index)
        else:  # on a page the list never loaded: load the list around it
            screen.load_view(view, position, None, article_id)
        self._opening = article_id
        if article is not None:
            screen.show_article(article)
        else:
            screen.open_article(article_id)

    def _enter(self, target: View, step: int) -> None:
        """Show view `target` and open its first unread article (its last for `p`)."""
        screen = self.screen
        views = screen.views

        def find() -> None:
            start = 0 if step > 0 else LAST
            found = views.next_unread(target, anchor=None, start=start, step=step)
            screen.app.call_from_thread(self._entered, target, found)

        screen.run_worker(find, thread=True, group="next-unread", name="enter_view")

    def _entered(self, target: View, found: tuple[int, int] | None) -> None:
        screen = self.screen
        if found is None:  # read meanwhile, by another instance
            screen.notify(self.labels["notify.no_unread"])
            return
        position, article_id = found
        screen.switch_view(target, cursor=position, locate=article_id)
        self._opening = article_id
        screen.open_article(article_id)

    def _key(self, binding_id: str, fallback: str) -> str:
        """The key that runs binding `binding_id` now (the user's [keys] may have moved it)."""
        screen = self.screen
        for active in screen.active_bindings.values():
            if active.binding.id == binding_id:
                return screen.app.get_key_display(active.binding)
        return fallback

    def view_left(self) -> None:
        """The list shows another view now: what was open and held belonged to the old one."""
        self._offer = None
        self.screen.views.release()
        self.screen.reader.show(None)

    # -- refreshing and empty lists -----------------------------------------------------------

    def refresh_started(self) -> None:
        self.fetching = True
        self.screen.articles.empty_text = self.empty_text(self.screen.view)

    def feed_stored(self, outcome: FetchOutcome) -> None:
        """One feed is stored: its new articles show shortly, with any others stored by then."""
        if outcome.new or outcome.updated:
            self.reload_soon()

    def feeds_done(self) -> None:
        """Every feed is done; the screen reloads now, so a pending reload is not needed."""
        self.fetching = False
        self.reload_soon.cancel()

    def has_feeds(self) -> bool:
        """Whether there is anything to refresh; if not, say where the feeds go (R would do
        nothing, silently)."""
        if self.screen.service.feeds:
            return True
        self.screen.notify(self.no_feeds_text(), severity="warning", markup=False)
        return False

    def no_feeds_text(self) -> str:
        if self.notice:
            return self.notice
        source = self.screen.settings.source or config_path()
        return self.labels("list.no_feeds", path=clean_text(str(source)))

    def empty_text(self, view: View) -> str:
        """What the list says when `view` has no articles."""
        if not self.screen.service.feeds:
            return self.no_feeds_text()
        if self.fetching and view.kind != "search":
            return self.labels["list.fetching"]
        return self.labels[EMPTY_LABELS.get(view.kind, "list.empty")]
