"""The status bar: current view, refresh progress, offline state, last refresh, failed feeds."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from ...core.dates import VN_TZ


class StatusBar(Horizontal):
    """One line at the bottom. The app calls its methods; it sends nothing up."""

    def __init__(self, *, labels: Mapping[str, str], id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels = labels
        self.offline = False
        self.last_refresh: datetime | None = None
        self.failed = 0

    def compose(self) -> ComposeResult:
        yield Label(id="status-view")
        yield ProgressBar(id="status-progress", show_eta=False, show_percentage=False)
        yield Label(id="status-progress-label")
        yield Label(id="status-state")

    def on_mount(self) -> None:
        self.query_one("#status-progress").display = False
        self.query_one("#status-progress-label").display = False
        self._show_state()

    def set_view(self, name: str, count: int | None, unread: int | None = None) -> None:
        """Name of the view the list shows, how many articles it has and, when not all of them,
        how many are unread (the number the sidebar shows beside it)."""
        text = Text(name, style="bold", no_wrap=True, overflow="ellipsis")
        if count is not None and unread is not None and unread != count:
            counts = self.labels["status.unread_articles"].format(unread=unread, count=count)
            text.append("  " + counts)
        elif count is not None:
            text.append("  " + self.labels["status.articles"].format(count=count))
        self.query_one("#status-view", Label).update(text)

    def start_progress(self, total: int) -> None:
        bar = self.query_one("#status-progress", ProgressBar)
        bar.update(total=max(total, 1), progress=0)
        bar.display = True
        self.query_one("#status-progress-label").display = True
        self.advance(0, total)

    def advance(self, done: int, total: int) -> None:
        self.query_one("#status-progress", ProgressBar).update(progress=done)
        label = self.labels["status.refreshing"].format(done=done, total=total)
        self.query_one("#status-progress-label", Label).update(label)

    def media(self, kind: str, done: int, total: int) -> None:
        """Progress of the second phase of a refresh: article pages, then pictures."""
        bar = self.query_one("#status-progress", ProgressBar)
        bar.display = True
        bar.update(total=max(total, 1), progress=done)
        label = self.query_one("#status-progress-label", Label)
        label.display = True
        key = "status.full_text" if kind == "full_text" else "status.images"
        label.update(self.labels[key].format(done=done, total=total))

    def finish_progress(self) -> None:
        self.query_one("#status-progress").display = False
        self.query_one("#status-progress-label").display = False

    def set_state(
        self, *, offline: bool | None = None, last_refresh: datetime | None = None,
        failed: int | None = None,
    ) -> None:  # fmt: skip
        """Update whichever of the right-hand facts changed."""
        if offline is not None:
            self.offline = offline
        if last_refresh is not None:
            self.last_refresh = last_refresh
        if failed is not None:
            self.failed = failed
        self._show_state()

    def _show_state(self) -> None:
        text = Text(no_wrap=True, justify="right")
        if self.failed:
            text.append(self.labels["status.failed"].format(count=self.failed), "bold red")
            text.append("  ")
        if self.offline:
            text.append(self.labels["status.offline"], "bold reverse")
            text.append("  ")
        if self.last_refresh is None:
            text.append(self.labels["status.never"], "dim")
        else:
            when = self.last_refresh.astimezone(VN_TZ).strftime("%d/%m %H:%M")
            text.append(self.labels["status.updated"].format(time=when), "dim")
        self.query_one("#status-state", Label).update(text)
