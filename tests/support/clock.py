"""A fixed "now" and a clock a test can move."""

from __future__ import annotations

from datetime import UTC, datetime

NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
"""15:00 in Vietnam on the demo's day: the "now" of the core tests unless one needs another."""


class Clock:
    """A clock that stands still until the test sets `now`; pass it where code takes `clock=`."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now
