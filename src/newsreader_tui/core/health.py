"""Which feeds started failing and which recovered in one refresh: the decision behind the UI's
failure notices, kept apart from the notices themselves.

A feed that is down for days fails on every refresh; telling the user so every time buries the
news under the same red message. What is worth a notice is a change: a feed that worked (or was
never fetched) and now fails, or one that failed and now works. The store keeps each feed's
last state (`FeedStatus.error`), so the change is the store's statuses read before a refresh
against the refresh's outcomes. Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .dates import VN_TZ
from .models import FeedStatus, FetchOutcome


@dataclass(frozen=True)
class FeedChanges:
    """The outcomes of one refresh that changed a feed's health, in the refresh's order."""

    failing: tuple[FetchOutcome, ...] = ()
    """Feeds that worked, or had never been fetched, and failed this time."""
    recovered: tuple[FetchOutcome, ...] = ()
    """Feeds whose last fetch had failed and that worked this time."""

    def __bool__(self) -> bool:
        return bool(self.failing or self.recovered)


def feed_changes(before: Iterable[FeedStatus], outcomes: Iterable[FetchOutcome]) -> FeedChanges:
    """What changed between the feeds' stored statuses `before` a refresh and its `outcomes`.

    A feed missing from `before` (new in the config) counts as not failing: its first failure
    is news. A feed failing again, even with another error, is not: its `!` in the sidebar and
    its details (`e`) already say so, and the new error is stored there.
    """
    was_failing = {status.url: status.error is not None for status in before}
    failing: list[FetchOutcome] = []
    recovered: list[FetchOutcome] = []
    for outcome in outcomes:
        failed_before = was_failing.get(outcome.url, False)
        if not outcome.ok and not failed_before:
            failing.append(outcome)
        elif outcome.ok and failed_before:
            recovered.append(outcome)
    return FeedChanges(tuple(failing), tuple(recovered))


def retry_time(until: datetime, now: datetime) -> str:
    """When a feed the server asked us to leave alone will be fetched again, as the reader shows
    times: "14:35" today, "14:35 21/11" on another day (Vietnam time, like every date shown)."""
    local = until.astimezone(VN_TZ)
    if local.date() == now.astimezone(VN_TZ).date():
        return local.strftime("%H:%M")
    return local.strftime("%H:%M %d/%m")


def waiting_until(status: FeedStatus, now: datetime) -> datetime | None:
    """The time before which refreshes skip this feed (its server's Retry-After), if still ahead."""
    if status.retry_after is not None and status.retry_after > now:
        return status.retry_after
    return None
