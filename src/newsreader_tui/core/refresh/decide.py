"""The refresh's decisions, apart from the I/O that carries them out.

Refreshing one feed is: skip it if its server asked us to wait; download; stop if the server
said 304 or sent the very body we already read; otherwise parse and store. What to answer and
what to record at each of those points is decided here, from values only: no network, no
database, no clock (the time is an argument). The I/O side (`core.service`) fetches, parses,
and hands what these functions return to the store, so each rule can be tested on its own
(tests/core/test_refresh_decide.py) and the refresh reads as the sequence it is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from itertools import zip_longest
from urllib.parse import urlsplit

from ..errors import Problem
from ..fetch import Response
from ..health import retry_time
from ..models import FeedConfig, FetchOutcome, FetchState, NewArticle
from ..store import FeedWrite
from ..text import clean_line

__all__ = [
    "FeedWrite",
    "after_parse",
    "after_response",
    "body_hash",
    "failed",
    "fetch_order",
    "must_wait",
    "told_to_wait",
]

ALWAYS_PARSED = frozenset({"wordpress"})
"""Kinds whose body is parsed even when it is the same as last time: a WordPress feed's body is
only the list, and what it points to may have changed."""


def fetch_order(feeds: Sequence[FeedConfig]) -> list[FeedConfig]:
    """The order to start fetching `feeds` in: one feed of each site in turn, in config order
    within a site. A refresh lets only so many feeds be in flight at once (to bound memory),
    and a run of one site's feeds would fill them all with feeds waiting for that site's
    `per_host` turn while every other site sat idle."""
    by_host: dict[str, list[FeedConfig]] = {}
    for feed in feeds:
        by_host.setdefault(urlsplit(feed.url).hostname or feed.url, []).append(feed)
    rounds = zip_longest(*by_host.values())
    return [feed for round_ in rounds for feed in round_ if feed is not None]


def body_hash(response: Response) -> str | None:
    """The fingerprint an unchanged body is recognised by; None for a 304 (no body)."""
    if response.not_modified:
        return None
    return hashlib.sha256(response.content).hexdigest()


def must_wait(feed_url: str, state: FetchState, now: datetime) -> FetchOutcome | None:
    """The outcome of a feed whose server asked us to come back later than `now`, or None when
    it may be fetched. Skipping is not an attempt: nothing is recorded, and the feed keeps the
    error that says until when."""
    if state.retry_after is None or state.retry_after <= now:
        return None
    host = urlsplit(state.resolved_url or feed_url).hostname or feed_url
    return _waiting(feed_url, host, state.retry_after, now)


def told_to_wait(
    feed_url: str, host: str, status: int | None, seconds: float, now: datetime
) -> FeedWrite:
    """The server answered "come back in `seconds`" (Retry-After) beyond the feed's time: record
    a failure that says until when, so refreshes skip the feed until then."""
    until = now + timedelta(seconds=seconds)
    outcome = replace(_waiting(feed_url, host, until, now), http_status=status)
    return FeedWrite(outcome)


def failed(feed_url: str, problem: Problem, http_status: int | None = None) -> FeedWrite:
    """A fetch or parse that failed: record why; the previous validators and articles stay."""
    outcome = FetchOutcome(
        feed_url, "error", http_status=http_status, error=problem.text, problem=problem
    )
    return FeedWrite(outcome)


def after_response(
    feed: FeedConfig, state: FetchState, response: Response, digest: str | None
) -> FeedWrite | None:
    """What to record when the download alone settles it, or None when the body must be parsed.

    A 304 keeps every validator as it was. A body identical to the last one read (`digest`
    equal to the stored hash) is not parsed again; only the validators the server sent now are
    kept, so the next request can be conditional even if the last one could not.
    """
    if response.not_modified:
        return FeedWrite(FetchOutcome(feed.url, "not_modified", http_status=304))
    if digest == state.body_hash and feed.kind not in ALWAYS_PARSED:
        kept = replace(state, etag=response.etag, last_modified=response.last_modified)
        return FeedWrite(
            FetchOutcome(feed.url, "unchanged", http_status=response.status), state=kept
        )
    return None


def after_parse(
    feed: FeedConfig,
    state: FetchState,
    response: Response,
    digest: str | None,
    *,
    url: str,
    title: str | None,
    feed_url: str | None,
    warning: Problem | None,
    items: list[NewArticle],
) -> FeedWrite:
    """What to store and record after the body at `url` was read as a feed.

    `feed_url` is where the body said the real feed is (an HTML page pointing to its feed):
    when it differs from `url`, the next refresh goes there, and nothing of this response
    (validators, body hash) is kept, as it describes the page, not the feed.
    """
    shown_title = clean_line(title) or None
    followed = feed_url is not None and feed_url != url
    new_state = FetchState(
        etag=None if followed else response.etag,
        last_modified=None if followed else response.last_modified,
        body_hash=None if followed else digest,
        resolved_url=feed_url if followed else state.resolved_url,
    )
    outcome = FetchOutcome(
        feed.url,
        "ok",
        http_status=response.status,
        warning=warning.text if warning else None,
        problem=warning,
        total=len(items),
        title=shown_title,
    )
    return FeedWrite(outcome, state=new_state, title=shown_title, items=items)


def _waiting(url: str, host: str, until: datetime, now: datetime) -> FetchOutcome:
    problem = Problem.of("fetch.retry_after", host=host, time=retry_time(until, now))
    return FetchOutcome(url, "error", error=problem.text, problem=problem, retry_after=until)
