"""Automatic refresh: every feed, every `reload_minutes`, while the reader is open.

A timer on the reading screen (it ends with the screen) that starts the same refresh as `R`,
quietly: a refresh nobody asked for leaves a toast only when it brought something (new
articles, a feed that started failing or recovered). It never starts a second refresh, and
never runs in offline mode; going online (`O`) lets the next tick through.
"""

from __future__ import annotations

from textual.timer import Timer
from textual.widget import Widget

from .main_refresh import Refresher


class AutoReload:
    """Starts a refresh of every feed every `minutes` minutes; 0 (or less) never."""

    def __init__(self, host: Widget, refresher: Refresher, minutes: float) -> None:
        self.host = host
        self.refresher = refresher
        self.seconds = minutes * 60
        self.timer: Timer | None = None
        self.ticks = 0
        """How many times the timer fired, refreshing or not (tests wait on it)."""

    def start(self) -> None:
        """Start the timer (once the host is mounted), unless automatic refresh is off."""
        if self.seconds > 0 and self.timer is None:
            self.timer = self.host.set_interval(self.seconds, self.tick, name="auto-reload")

    def tick(self) -> None:
        """One period has passed: refresh, unless offline or a refresh is still running."""
        self.ticks += 1
        if not self.refresher.offline and not self.refresher.running:
            self.refresher.run(None, quiet=True)
