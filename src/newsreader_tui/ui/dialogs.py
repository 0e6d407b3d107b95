"""The app's dialogs and link actions: confirm, search, help, feed details, open/copy link,
and the command palette. A mixin of `NewsreaderApp`, kept apart so app.py stays about layout,
views and reading."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.app import SystemCommand
from textual.screen import Screen

from ..core.dates import VN_TZ
from ..core.views import View
from .bindings import commands, key_rows, translated
from .environment import has_display
from .screens.confirm import ConfirmScreen
from .screens.details import DetailsScreen
from .screens.help import HelpScreen
from .screens.search import SearchScreen

if TYPE_CHECKING:
    from .app import NewsreaderApp

    _Base = NewsreaderApp
else:
    _Base = object


class DialogsMixin(_Base):
    """Actions that open a dialog or act on an article's link."""

    def action_mark_all_read(self) -> None:
        count = self.articles.count
        if not count:
            return
        view = self.view
        question = self.labels("confirm.mark_all", count=count, view=self.sidebar.view_label(view))

        def answered(yes: bool | None) -> None:
            if yes:
                self.mark_view_read(view)

        dialog = ConfirmScreen(
            question, yes=self.labels["confirm.yes"], no=self.labels["confirm.no"]
        )
        self.push_screen(translated(dialog, self.labels), answered)

    @work(thread=True, group="state")
    def mark_view_read(self, view: View) -> None:
        count = self.service.mark_view_read(view)
        self.call_from_thread(self.notify, self.labels("notify.marked_all", count=count))
        # Reload rather than repaint: the view's rows changed (Unread may now be empty).
        self.call_from_thread(self.reload_view)
        self.call_from_thread(self.reload_counts)

    def action_search(self) -> None:
        current = self.view.value if self.view.kind == "search" else ""

        def searched(query: str | None) -> None:
            if query:
                self.switch_view(View("search", query))
                self.articles.focus()

        dialog = SearchScreen(
            title=self.labels["search.title"],
            placeholder=self.labels["search.placeholder"],
            value=current,
        )
        self.push_screen(translated(dialog, self.labels), searched)

    def _link_target(self) -> int | None:
        """The article a link key acts on: the one in the reader when reading, else the row."""
        article = self.reader.article
        row = self.articles.highlighted_row
        if article is not None and (row is None or article.id == row.id or self._in_reader()):
            return article.id
        return row.id if row is not None else None

    def _in_reader(self) -> bool:
        return self.focused is not None and self._within(self.focused, "reader")

    def action_open_link(self) -> None:
        self.with_link(self._link_target(), copy=False)

    def action_copy_link(self) -> None:
        self.with_link(self._link_target(), copy=True)

    @work(thread=True, group="link")
    def with_link(self, article_id: int | None, *, copy: bool) -> None:
        article = self.service.article(article_id) if article_id is not None else None
        url = article.url if article is not None else None
        self.call_from_thread(self._use_link, url, copy)

    def _use_link(self, url: str | None, copy: bool) -> None:
        if not url:
            self.notify(self.labels["notify.no_link"])
        elif copy:
            # OSC 52: the terminal (even at the far end of SSH) puts it on its clipboard.
            self.copy_to_clipboard(url)
            self.notify(self.labels["notify.copied"])
        elif has_display():
            self.open_url(url)
        else:
            hint = f"y: {self.labels['app.copy_link']}  Esc"
            dialog = DetailsScreen(
                self.labels["details.url"],
                [("", url)],
                hint=hint,
                copy_text=url,
                copied=self.labels["notify.copied"],
            )
            self.push_screen(translated(dialog, self.labels))

    def action_feed_details(self) -> None:
        feed = self.sidebar.feed_at_cursor() if self.sidebar.has_focus else None
        if feed is None and self.view.kind == "feed":
            feed = self.sidebar.feed_status(self.view.value)
        row = self.articles.highlighted_row
        if feed is None and row is not None:
            feed = self.sidebar.feed_status(row.feed_url)
        if feed is None:
            self.notify(self.labels["notify.no_feed"])
            return

        def when(moment: datetime | None) -> str:
            return moment.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M") if moment else "-"

        rows = [
            (self.labels["details.url"], feed.url),
            (self.labels["details.articles"], f"{feed.unread}/{feed.item_count}"),
            (self.labels["details.last_success"], when(feed.last_success)),
            (self.labels["details.last_attempt"], when(feed.last_attempt)),
            (self.labels["details.error"], feed.error or self.labels["notify.feed_ok"]),
        ]
        dialog = DetailsScreen(feed.title, rows, hint=self.labels["details.hint"])
        self.push_screen(translated(dialog, self.labels))

    def action_help(self) -> None:
        labels = self.labels
        sections = [
            (labels["help.section.app"], key_rows(self, self, labels)),
            (labels["help.section.list"], key_rows(self.articles, self, labels)),
            (labels["help.section.reader"], key_rows(self.reader, self, labels)),
            (labels["help.section.sidebar"], key_rows(self.sidebar, self, labels)),
        ]
        dialog = HelpScreen(labels["help.title"], sections, hint=labels["help.hint"])
        self.push_screen(translated(dialog, labels))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette lists every action of the reader, in the user's language."""
        yield from super().get_system_commands(screen)
        skip = {"app.focus_next", "app.focus_previous", "app.back", "app.quit", "app.help"}
        for command in commands([self], self, self.labels, skip):
            run = partial(self.run_action, command.action, command.namespace)
            yield SystemCommand(command.title, command.key, run)
