"""Refreshing feeds and fetching one article's full text, for the reading screen.

A refresh has state of its own (one at a time, progress in the status bar, a summary at the
end) that has nothing to do with layout or focus, so it lives here rather than in the screen.
The `Refresher` runs its network work in async workers owned by the screen (`host`), so they
end with it; what the screen must redo when articles arrive is handed in as callbacks.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.widget import Widget

from ...core.errors import Problem
from ...core.media import MediaEvent
from ...core.models import Article, FeedConfig, FeedStatus, FetchOutcome
from ...core.service import Service
from ...core.views import View
from ...i18n import Labels, describe
from ..widgets.status_bar import StatusBar
from .main_notices import health_notices
from .main_online import offline_notice


@dataclass(frozen=True)
class RefreshHooks:
    """What the screen does as a refresh goes on."""

    stored: Callable[[], None]
    """New articles are stored (pictures may still be downloading): reload list and counts."""
    finished: Callable[[], None]
    """Everything is downloaded: show the open article again, with what arrived."""
    feed_name: Callable[[str], str]
    """The title a feed URL is shown under, for failure notices."""
    started: Callable[[], None] = lambda: None
    """A refresh began: an empty list says the feeds are being fetched, not that all is read."""
    feed_stored: Callable[[FetchOutcome], None] = lambda outcome: None
    """One feed is done while others may still be fetching: show its new articles now."""


def feeds_for_view(
    view: View, feeds: Sequence[FeedConfig], row_feed: str | None
) -> list[FeedConfig]:
    """The feeds `r` refreshes: the view's feed or category, else the feed of the row under the
    cursor (smart views and searches mix feeds)."""
    if view.kind == "feed":
        urls = {view.value}
    elif view.kind == "category":
        urls = {f.url for f in feeds if f.group == view.value}
    else:
        urls = {row_feed} if row_feed else set()
    return [f for f in feeds if f.url in urls]


class Refresher:
    """Starts refreshes (one at a time, never offline) and reports how they went."""

    def __init__(
        self,
        host: Widget,
        service: Service,
        labels: Labels,
        status: StatusBar,
        hooks: RefreshHooks,
        *,
        offline: bool,
    ) -> None:
        self.host = host
        self.service = service
        self.labels = labels
        self.status = status
        self.hooks = hooks
        self.offline = offline
        self.running = False
        self.quiet = False

    def start(self, feeds: list[FeedConfig] | None) -> None:
        """Refresh `feeds` (None: all), unless offline or a refresh is already running."""
        if self.offline:
            self.host.notify(offline_notice(self.host, self.labels), severity="warning")
        elif self.running:
            self.host.notify(self.labels["notify.busy"])
        else:
            self.run(feeds)

    def run(self, feeds: list[FeedConfig] | None, *, quiet: bool = False) -> None:
        """Refresh now; the list and counts update when the feeds are stored. A `quiet` one
        (automatic) leaves a toast only when it has news: new articles, a feed's health."""
        self.quiet = quiet
        targets = list(self.service.feeds if feeds is None else feeds)
        if targets and self.service.store.read_only:
            if not quiet:  # what could not be saved is not worth downloading
                problem = Problem.of("store.read_only", path=self.service.store.path)
                self.host.notify(describe(problem, self.labels), severity="error", markup=False)
        elif targets:
            # The app owns it, as it outlives any screen: quitting cancels it before the status
            # bar it reports to is taken down, rather than after (a traceback at exit).
            self.host.app.run_worker(self._refresh(targets), exclusive=True, group="refresh")

    async def _refresh(self, targets: list[FeedConfig]) -> None:
        self.running = True
        self.status.start_progress(len(targets))
        self.hooks.started()
        # The feeds' health before this refresh stores its own: notices are about changes.
        before = await asyncio.to_thread(self.service.store.feeds)

        def progress(outcome: FetchOutcome, done: int, total: int) -> None:
            self.status.advance(done, total)
            self.hooks.feed_stored(outcome)

        def feeds_done(outcomes: list[FetchOutcome]) -> None:
            # New articles show now; pages and pictures keep downloading behind them.
            self.status.finish_progress()
            self._report(outcomes, before)
            self.hooks.stored()

        def media(event: MediaEvent) -> None:
            self.status.media(event.kind, event.done, event.total)

        try:
            await self.service.refresh(
                targets, progress=progress, feeds_done=feeds_done, media_progress=media
            )
        finally:
            self.running = False
            self.status.finish_progress()
        self.hooks.finished()

    def _report(self, outcomes: list[FetchOutcome], before: list[FeedStatus]) -> None:
        failed = [o for o in outcomes if not o.ok]
        network_down = (
            bool(failed)
            and len(failed) == len(outcomes)
            and all(o.http_status is None for o in failed)
        )
        known_down = self.status.offline
        self.status.set_state(offline=network_down or self.offline)
        notify = self.host.notify
        if network_down:
            if not (self.quiet and known_down):
                notify(self.labels["notify.offline"], severity="warning")
            return
        new = sum(o.new for o in outcomes)
        ok = len(outcomes) - len(failed)
        if new or not self.quiet:
            notify(self.labels("notify.refreshed", ok=ok, total=len(outcomes), new=new))
        for notice in health_notices(before, outcomes, self.labels, self.hooks.feed_name):
            notify(notice.text, severity=notice.severity, timeout=notice.timeout, markup=False)

    def full_text(self, article: Article | None, show: Callable[[Article], None]) -> None:
        """Fetch the open article's page now (the F key); `show` gets the article back."""
        notify = self.host.notify
        if article is None:
            notify(self.labels["notify.no_article"])
        elif self.offline:
            notify(offline_notice(self.host, self.labels), severity="warning")
        elif not article.url:
            notify(self.labels["notify.no_link"])
        else:
            notify(self.labels["notify.full_text_fetching"])
            work = self._full_text(article.id, show)
            self.host.app.run_worker(work, exclusive=True, group="full-text")

    async def _full_text(self, article_id: int, show: Callable[[Article], None]) -> None:
        article = await self.service.fetch_full_text(article_id)
        show(article)
        if article.full_status == "ok":
            self.host.notify(self.labels["notify.full_text_done"])
        else:
            error = describe(article.full_problem, self.labels) or "?"
            message = self.labels("notify.full_text_failed", error=error)
            self.host.notify(message, severity="error", markup=False)
