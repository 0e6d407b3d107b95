"""The notices a refresh leaves about feeds' health: once when a feed starts failing, once when
it recovers, never again while it stays down.

Which feeds changed is decided in the core (`core.health.feed_changes`, from the statuses the
store kept before the refresh); this module only words it, short enough for a toast on an
80-column screen (a toast is at most half the screen wide), in the interface's language. Every
text here is from outside (feed titles, server errors): cleaned, and shown with markup off.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ...core.health import feed_changes
from ...core.models import FeedStatus, FetchOutcome
from ...core.text import clean_line
from ...i18n import Labels, describe

ERROR_CHARS = 90
"""Longest error a toast quotes: about three lines of a toast at 80 columns. The whole error is
in the feed's details (`e`)."""
NAMES_CHARS = 60
"""Longest list of feed names a toast quotes when several feeds changed at once."""
FAILING_SECONDS = 8.0
"""How long a new failure stays up: it is news the user may want to act on."""


@dataclass(frozen=True)
class Notice:
    """One toast: its text (markup off) and how it looks."""

    text: str
    severity: str = "information"
    timeout: float | None = None


def outcome_error(outcome: FetchOutcome, labels: Labels) -> str:
    """The words a notice gives for a failed outcome's error, in the interface's language: the
    one place that turns an outcome's error into text for the user."""
    text = clean_line(describe(outcome, labels))
    return shorten(text, ERROR_CHARS) or labels["notify.feed_error_unknown"]


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters at a word boundary where there is one, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.:;") + "…"


def _names(outcomes: Sequence[FetchOutcome], feed_name: Callable[[str], str]) -> str:
    return shorten(", ".join(clean_line(feed_name(o.url)) for o in outcomes), NAMES_CHARS)


def health_notices(
    before: Iterable[FeedStatus],
    outcomes: Sequence[FetchOutcome],
    labels: Labels,
    feed_name: Callable[[str], str],
) -> list[Notice]:
    """At most two notices: the feeds that started failing, the feeds that recovered."""
    changes = feed_changes(before, outcomes)
    notices: list[Notice] = []
    failing, recovered = changes.failing, changes.recovered
    if len(failing) == 1:
        name = clean_line(feed_name(failing[0].url))
        text = labels("notify.feed_failing", feed=name, error=outcome_error(failing[0], labels))
        notices.append(Notice(text, "error", FAILING_SECONDS))
    elif failing:
        text = labels("notify.feeds_failing", count=len(failing), feeds=_names(failing, feed_name))
        notices.append(Notice(text, "error", FAILING_SECONDS))
    if len(recovered) == 1:
        name = clean_line(feed_name(recovered[0].url))
        notices.append(Notice(labels("notify.feed_recovered", feed=name)))
    elif recovered:
        names = _names(recovered, feed_name)
        notices.append(Notice(labels("notify.feeds_recovered", count=len(recovered), feeds=names)))
    return notices
