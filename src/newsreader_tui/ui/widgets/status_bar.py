"""The status bar: current view, refresh progress, offline state, last refresh, failed feeds.

One line that never runs two parts together: when they do not all fit, the least important
part goes first (`fit_parts`), whole, until the rest fits with a gap between each. The view's
name goes last of all, so a refresh never shrinks it to "Chưa ".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.widgets import Label, ProgressBar

from ...core.dates import VN_TZ

GAP = 2
"""Cells between two parts (app.tcss: the margins of the status bar's parts)."""
BAR_WIDTH = 24
"""The progress bar (app.tcss `#status-progress`)."""
RANKS = ("view", "progress", "offline", "failed", "count", "bar", "updated")
"""The parts, most important first: the last ones give way first on a narrow screen."""


@dataclass(frozen=True)
class Part:
    """One part of the status line and the cells it takes."""

    key: str
    width: int


def fit_parts(parts: Sequence[Part], width: int) -> set[str]:
    """The keys of the parts to show in `width` cells: all of them with a `GAP` between each,
    or, when that is too wide, without the least important (by `RANKS`) until it fits. The
    most important part always stays (cut to the width if it must be)."""
    kept = sorted(parts, key=lambda part: RANKS.index(part.key))
    while len(kept) > 1 and sum(p.width for p in kept) + GAP * (len(kept) - 1) > width:
        kept.pop()
    return {part.key for part in kept}


class StatusBar(Horizontal):
    """One line at the bottom. The app calls its methods; it sends nothing up."""

    def __init__(self, *, labels: Mapping[str, str], id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels = labels
        self.offline = False
        self.last_refresh: datetime | None = None
        self.failed = 0
        self._view = ""
        self._count: int | None = None
        self._unread: int | None = None
        self._progress: str | None = None
        """The progress label while a refresh runs, else None (no bar either)."""
        self._shown: dict[str | None, Text] = {}
        """What each label shows now, to tell whether its width changes."""

    def compose(self) -> ComposeResult:
        yield Label(id="status-view")
        yield ProgressBar(id="status-progress", show_eta=False, show_percentage=False)
        yield Label(id="status-progress-label")
        yield Label(id="status-state")

    def on_mount(self) -> None:
        self._layout()

    def on_resize(self, event: events.Resize) -> None:
        self._layout()

    def set_view(self, name: str, count: int | None, unread: int | None = None) -> None:
        """Name of the view the list shows, how many articles it has and, when not all of them,
        how many are unread (the number the sidebar shows beside it)."""
        self._view, self._count, self._unread = name, count, unread
        self._layout()

    def start_progress(self, total: int) -> None:
        if (bar := self._progress_bar()) is not None:
            bar.update(total=max(total, 1), progress=0)
        self.advance(0, total)

    def advance(self, done: int, total: int) -> None:
        if (bar := self._progress_bar()) is not None:
            bar.update(progress=done)
        self._progress = self.labels["status.refreshing"].format(done=done, total=total)
        self._layout()

    def media(self, kind: str, done: int, total: int) -> None:
        """Progress of the second phase of a refresh: article pages, then pictures."""
        if (bar := self._progress_bar()) is not None:
            bar.update(total=max(total, 1), progress=done)
        key = "status.full_text" if kind == "full_text" else "status.images"
        self._progress = self.labels[key].format(done=done, total=total)
        self._layout()

    def finish_progress(self) -> None:
        self._progress = None
        self._layout()

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
        self._layout()

    # -- drawing ------------------------------------------------------------------------------

    def _texts(self) -> dict[str, Text]:
        """Every part there is something to show for, by key (the bar has no text)."""
        labels = self.labels
        texts: dict[str, Text] = {"view": Text(self._view, style="bold")}
        count, unread = self._count, self._unread
        if count is not None and unread is not None and unread != count:
            counts = labels["status.unread_articles"].format(unread=unread, count=count)
            texts["count"] = Text(counts)
        elif count is not None:
            texts["count"] = Text(labels["status.articles"].format(count=count))
        if self._progress is not None:
            texts["progress"] = Text(self._progress)
        if self.failed:
            texts["failed"] = Text(labels["status.failed"].format(count=self.failed), "bold red")
        if self.offline:
            texts["offline"] = Text(labels["status.offline"], "bold reverse")
        if self.last_refresh is None:
            texts["updated"] = Text(labels["status.never"], "dim")
        else:
            when = self.last_refresh.astimezone(VN_TZ).strftime("%d/%m %H:%M")
            texts["updated"] = Text(labels["status.updated"].format(time=when), "dim")
        return texts

    def _parts(self) -> tuple[Label, ProgressBar, Label, Label] | None:
        """The bar's widgets: view, progress bar, progress label, state. None while the app
        closes and takes them down: a worker's last report (a count, the progress) can still
        arrive then, and must not end the app with an error."""
        try:
            return (
                self.query_one("#status-view", Label),
                self.query_one("#status-progress", ProgressBar),
                self.query_one("#status-progress-label", Label),
                self.query_one("#status-state", Label),
            )
        except NoMatches:
            return None

    def _progress_bar(self) -> ProgressBar | None:
        widgets = self._parts()
        return None if widgets is None else widgets[1]

    def _layout(self) -> None:
        """Show the parts that fit the bar's width now, most important first."""
        if not self.is_mounted or (widgets := self._parts()) is None:
            return
        view_label, bar, progress, status = widgets
        texts = self._texts()
        parts = [Part(key, text.cell_len) for key, text in texts.items()]
        if self._progress is not None:
            parts.append(Part("bar", BAR_WIDTH))
        width = self.content_region.width or self.app.size.width - 2
        shown = fit_parts(parts, width)

        view = texts["view"]
        if cell_len(view.plain) > width:  # alone and still too wide: cut, marked with "~"
            view = Text(set_cell_size(view.plain, max(width - 1, 0)) + "~", style="bold")
        if "count" in shown:
            view.append(" " * GAP)
            view.append_text(texts["count"])
        self._put(view_label, view)
        bar.display = "bar" in shown
        progress.display = "progress" in shown
        self._put(progress, texts.get("progress", Text()))
        state = Text(no_wrap=True)
        for key in ("failed", "offline", "updated"):
            if key in shown:
                if state:
                    state.append(" " * GAP)
                state.append_text(texts[key])
        status.display = bool(state)
        self._put(status, state)

    def _put(self, label: Label, text: Text) -> None:
        """Show `text` in `label`; the screen is laid out again only when the label's width
        changes (the bar is one row high), not each time a count goes down by one."""
        before = self._shown.get(label.id)
        if before is not None and before == text and before.style == text.style:
            return  # (Text's == looks at the characters and spans, not the base style)
        same_width = before is not None and before.cell_len == text.cell_len
        self._shown[label.id] = text.copy()
        label.update(text, layout=not same_width)
