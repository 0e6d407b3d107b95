"""The refresh's decisions as pure functions (core.refresh.decide): values in, what to record
out; no server, no database, no clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsreader_tui.core.errors import Problem
from newsreader_tui.core.fetch import Response
from newsreader_tui.core.models import FeedConfig, FetchState
from newsreader_tui.core.refresh import decide
from support.articles import new_article

NOW = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)
FEED = FeedConfig("https://bao.example.vn/trang")
BODY = "<rss><channel><title>Tin mới</title></channel></rss>".encode()


def answer(
    status: int = 200,
    body: bytes = BODY,
    *,
    etag: str | None = '"v2"',
    last_modified: str | None = "Fri, 20 Nov 2026 04:00:00 GMT",
    url: str = FEED.url,
) -> Response:
    return Response(url, status, {}, body, etag=etag, last_modified=last_modified)


def read_before(**fields: object) -> FetchState:
    """What the store remembers after the body BODY was read once."""
    base = {"etag": '"v1"', "last_modified": None, "body_hash": decide.body_hash(answer())}
    return FetchState(**{**base, **fields})  # type: ignore[arg-type]


def test_a_304_keeps_every_validator_and_stores_nothing() -> None:
    response = answer(304, b"")
    assert decide.body_hash(response) is None
    write = decide.after_response(FEED, read_before(), response, None)
    assert write is not None
    assert (write.outcome.status, write.outcome.http_status, write.outcome.ok) == (
        "not_modified",
        304,
        True,
    )
    assert write.state is None  # None: the stored validators stay as they are
    assert write.items is None and write.title is None


def test_the_body_read_last_time_is_not_parsed_and_takes_the_new_validators() -> None:
    state = read_before(resolved_url="https://bao.example.vn/rss")
    response = answer()
    write = decide.after_response(FEED, state, response, decide.body_hash(response))
    assert write is not None and write.items is None
    assert write.outcome.status == "unchanged" and write.outcome.http_status == 200
    assert write.state == FetchState(
        etag='"v2"',
        last_modified="Fri, 20 Nov 2026 04:00:00 GMT",
        body_hash=state.body_hash,
        resolved_url="https://bao.example.vn/rss",
    )


def test_a_changed_body_or_a_wordpress_site_is_parsed() -> None:
    changed = answer(body=BODY + b" ")
    assert decide.after_response(FEED, read_before(), changed, decide.body_hash(changed)) is None
    same = answer()
    wordpress = FeedConfig(FEED.url, kind="wordpress")
    assert decide.after_response(wordpress, read_before(), same, decide.body_hash(same)) is None
    assert decide.after_response(FEED, FetchState(), same, decide.body_hash(same)) is None


def test_a_feed_read_where_it_was_asked_for_keeps_this_response_for_next_time() -> None:
    response = answer()
    items = [new_article("1"), new_article("2")]
    warning = Problem.of("parse.recovered", detail="line 3", count=2)
    write = decide.after_parse(
        FEED,
        read_before(resolved_url="https://bao.example.vn/rss"),
        response,
        "abc",
        url="https://bao.example.vn/rss",
        title="  Tin\x1b[31m mới ",
        feed_url=None,
        warning=warning,
        items=items,
    )
    assert write.items == items
    assert write.title == "Tin mới" and write.outcome.title == "Tin mới"  # cleaned, one line
    assert write.state == FetchState(
        etag='"v2"',
        last_modified="Fri, 20 Nov 2026 04:00:00 GMT",
        body_hash="abc",
        resolved_url="https://bao.example.vn/rss",
    )
    outcome = write.outcome
    assert (outcome.url, outcome.status, outcome.http_status, outcome.total) == (
        FEED.url,
        "ok",
        200,
        2,
    )
    assert outcome.problem == warning and outcome.warning == warning.text
    assert (outcome.new, outcome.updated) == (0, 0)  # the store counts them when it writes


def test_a_page_that_points_to_its_feed_is_followed_and_its_validators_dropped() -> None:
    write = decide.after_parse(
        FEED,
        read_before(),
        answer(),
        "abc",
        url=FEED.url,
        title="",
        feed_url="https://bao.example.vn/rss",
        warning=None,
        items=[],
    )
    # Validators of an HTML page say nothing about the feed it pointed to.
    assert write.state == FetchState(resolved_url="https://bao.example.vn/rss")
    assert write.title is None and write.outcome.warning is None
    same = decide.after_parse(
        FEED,
        read_before(),
        answer(),
        "abc",
        url=FEED.url,
        title=None,
        feed_url=FEED.url,
        warning=None,
        items=[],
    )
    assert same.state is not None and same.state.body_hash == "abc"  # not a move


def test_a_feed_is_skipped_until_its_server_said_to_come_back() -> None:
    until = NOW + timedelta(hours=2)
    state = FetchState(retry_after=until, resolved_url="https://rss.example.vn/tin")
    waiting = decide.must_wait(FEED.url, state, NOW)
    assert waiting is not None and not waiting.ok
    assert waiting.retry_after == until
    assert waiting.problem is not None and waiting.problem.code == "fetch.retry_after"
    assert waiting.problem.params["host"] == "rss.example.vn"
    assert decide.must_wait(FEED.url, state, until) is None
    assert decide.must_wait(FEED.url, FetchState(), NOW) is None


def test_told_to_wait_and_failures_record_why_and_keep_the_articles() -> None:
    write = decide.told_to_wait(FEED.url, "bao.example.vn", 429, 3600, NOW)
    assert write.outcome.retry_after == NOW + timedelta(hours=1)
    assert write.outcome.http_status == 429 and not write.outcome.ok
    assert write.state is None and write.items is None
    problem = Problem.of("internal", detail="ValueError()")
    failure = decide.failed(FEED.url, problem, 500)
    assert (failure.outcome.status, failure.outcome.http_status) == ("error", 500)
    assert failure.outcome.error == problem.text and failure.outcome.problem == problem
    assert failure.state is None and failure.items is None


def test_fetching_takes_one_feed_of_each_site_in_turn() -> None:
    feeds = [
        FeedConfig("https://vnexpress.net/rss/thoi-su.rss"),
        FeedConfig("https://vnexpress.net/rss/the-gioi.rss"),
        FeedConfig("https://vnexpress.net/rss/kinh-doanh.rss"),
        FeedConfig("https://tuoitre.vn/rss/tin-moi-nhat.rss"),
        FeedConfig("https://thanhnien.vn/rss/home.rss"),
        FeedConfig("https://tuoitre.vn/rss/the-gioi.rss"),
    ]
    order = [feed.url for feed in decide.fetch_order(feeds)]
    assert order == [
        "https://vnexpress.net/rss/thoi-su.rss",
        "https://tuoitre.vn/rss/tin-moi-nhat.rss",
        "https://thanhnien.vn/rss/home.rss",
        "https://vnexpress.net/rss/the-gioi.rss",
        "https://tuoitre.vn/rss/the-gioi.rss",
        "https://vnexpress.net/rss/kinh-doanh.rss",
    ]
    assert decide.fetch_order([]) == []
