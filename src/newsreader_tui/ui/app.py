"""The Textual app: what lasts the whole session, over one `Service`.

The app holds the service, settings, labels, clock and offline flag, applies the theme and the
`[keys]` keymap, shows start-up notices, fills the command palette and quits. Reading happens
on `MainScreen` (screens/main.py), which `get_default_screen` builds from those and every
dialog is pushed over. The app opens from the cache at once; all I/O runs in the screen's
workers.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widget import Widget

from ..core.config import Settings
from ..core.service import Service, utc_now
from ..core.views import ViewQueries
from ..i18n import Labels, pick_language
from . import bindings, failures, palette
from .screens.main import MainScreen
from .widgets.article_list import ArticleList
from .widgets.reader import Reader
from .widgets.sidebar import Sidebar

PALETTE_SKIP = frozenset(
    {"app.focus_next", "app.focus_previous", "app.back", "app.quit", "app.help"}
)
"""Keys the command palette leaves out: moving focus, going back, help and quit make no sense
as commands (the palette has its own Quit and Keys)."""


def keymap_ids() -> set[str]:
    """Every binding id a `[keys]` table may remap: the app's, the reading screen's and its
    panes'. Dialog keys are not remappable (they never were)."""
    return bindings.binding_ids([NewsreaderApp, MainScreen, Sidebar, ArticleList, Reader])


class NewsreaderApp(App[None]):
    """The reader. Build it with `make_app` (CLI, demo and tests share that one factory)."""

    CSS_PATH = "app.tcss"
    TITLE = "newsreader-tui"
    BINDINGS: ClassVar[list[BindingType]] = [
        # q steps back before it quits, as in newsboat: the article (or the sidebar), then the
        # app. The dialogs close on their own q.
        Binding("q", "close_or_quit", id="app.quit"),
    ]

    def __init__(
        self,
        service: Service,
        settings: Settings,
        *,
        views: ViewQueries,
        offline: bool = False,
        refresh_on_start: bool | None = None,
        clock: Callable[[], datetime] = utc_now,
        notice: str | None = None,
        picture_widget: type[Widget] | None = None,
        settle_heap: bool = False,
    ) -> None:
        super().__init__()
        self.picture_widget = picture_widget
        self._settle_heap = settle_heap
        self.service = service
        self.views = views
        """The sidebar's and the list's queries, with the search results they remember."""
        self.settings = settings
        self.labels = Labels(pick_language(settings.language))
        self.clock = clock
        self.offline = offline
        self.refresh_on_start = (
            settings.refresh_on_start if refresh_on_start is None else refresh_on_start
        ) and not (offline or service.store.read_only)
        self.notice = notice
        self._main_screen: MainScreen | None = None
        self.failure: str | None = None
        """The sentence to print when the app ended on a bug (see `failures`)."""
        self.failures = failures.FailureNotices(self, self.labels)
        bindings.translated(self, self.labels)

    def get_default_screen(self) -> MainScreen:
        self._main_screen = MainScreen(
            self.service,
            self.views,
            self.settings,
            self.labels,
            clock=self.clock,
            offline=self.offline,
            refresh_on_start=self.refresh_on_start,
            picture_widget=self.picture_widget,
            notice=self.notice,
        )
        return self._main_screen

    @property
    def main_screen(self) -> MainScreen:
        """The reading screen, at the bottom of the screen stack while the app runs."""
        if self._main_screen is None:
            raise RuntimeError("the app has not started: there is no main screen yet")
        return self._main_screen

    def on_mount(self) -> None:
        if self.settings.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        if self.settings.keys:
            self._apply_keymap(dict(self.settings.keys))
        if self.notice:
            self.notify(self.notice, severity="warning", timeout=10, markup=False)
        self.failures.show_problems(self.service.store.notices)

    def on_main_screen_first_screen_shown(self) -> None:
        """The first view is on screen: with `settle_heap`, what start-up built (Textual's
        widgets and styles, the modules, the first page) is moved out of the garbage
        collector's sight once that screen is drawn. It lives as long as the app, and the
        collector's full passes walked all of it: one pass in every ten or so key presses
        took 35-70 ms, a pause a reader feels (issue 10). Only a process that runs one app
        should do it: frozen objects are never collected, and the tests build hundreds.
        The youngest generation is also collected less often (`YOUNG_OBJECTS`)."""
        if self._settle_heap:
            self.call_after_refresh(settle_after_start)

    def _handle_exception(self, error: Exception) -> None:
        # Textual's one door for uncaught errors (see ui/failures.py): a problem the user can
        # act on is a notice and the app keeps running; a bug ends it with a sentence.
        problem = failures.expected(error)
        if problem is not None:
            self.failures.show(problem)
            return
        self.failure = failures.sentence(error, self.labels)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # Textual would print a traceback at exit; run_reader prints `failure` instead.
        self.bell()
        self._close_messages_no_wait()

    def action_close_or_quit(self) -> None:
        """Step back on the reading screen (a maximised reader, the sidebar, the open article);
        quit only from the list with nothing open. Dialogs bind q to close themselves."""
        screen = self.screen
        if not (isinstance(screen, MainScreen) and screen.pane_layout.back(closing=True)):
            self.exit()

    def _apply_keymap(self, keymap: dict[str, str]) -> None:
        """Remap keys from the config's [keys] table; ids that match no binding are reported."""
        known = keymap_ids()
        unknown = sorted(set(keymap) - known)
        if unknown:
            message = self.labels(
                "notify.unknown_keys", file=self.settings.source or "config", ids=", ".join(unknown)
            )
            self.notify(message, severity="warning", timeout=10, markup=False)
        self.set_keymap({k: v for k, v in keymap.items() if k in known})

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette lists every action of the reader, in the user's language."""
        yield from palette.system_commands(super().get_system_commands(screen), self.labels)
        nodes = [self.main_screen, self]
        for command in bindings.commands(nodes, self, self.labels, PALETTE_SKIP):
            run = partial(self.run_action, command.action, command.namespace)
            yield SystemCommand(command.title, command.key, run)

    # Textual's own sentences, in the user's language (see palette.py).
    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(palette.command_palette(self.labels))

    def search_themes(self) -> None:
        self.push_screen(palette.theme_palette(self.labels))

    def action_help_quit(self) -> None:
        palette.quit_hint(self, self.labels)


YOUNG_OBJECTS = 10_000
"""Allocations between two collections of the youngest generation (Python's default: 700).
Drawing a frame makes and drops thousands of short-lived objects (strips, segments, styles):
at 700 the collector ran nine times per article opened and promoted objects that would have
died a moment later, 2-3 ms of the UI thread per Enter; at 10,000 it runs once in three
articles, 0.8-1.1 ms in all (issue 10)."""


def settle_after_start() -> None:
    """Freeze what exists now (start-up) out of the collector's sight, and collect the
    youngest generation less often (see `NewsreaderApp.on_main_screen_first_screen_shown`)."""
    gc.freeze()
    _young, *older = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS, *older)


def make_app(
    settings: Settings,
    service: Service,
    *,
    offline: bool = False,
    refresh_on_start: bool | None = None,
    clock: Callable[[], datetime] = utc_now,
    notice: str | None = None,
    picture_widget: type[Widget] | None = None,
    settle_heap: bool = False,
) -> NewsreaderApp:
    """The one way to build the app: the CLI, the demo and the tests all come through here.
    `settle_heap`: see `NewsreaderApp.on_main_screen_first_screen_shown` (the CLI's run sets it)."""
    return NewsreaderApp(
        service,
        settings,
        views=ViewQueries(service.store, service.clock),
        offline=offline,
        refresh_on_start=refresh_on_start,
        clock=clock,
        notice=notice,
        picture_widget=picture_widget,
        settle_heap=settle_heap,
    )
