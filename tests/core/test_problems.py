"""Problems the core reports carry a code and cleaned params, so each interface can say them in
its own language (`i18n.describe`), and the cache keeps them; a feed whose document is cut off
and yields nothing is a failure, never "ok, 0 articles"."""

from __future__ import annotations

import asyncio
import socket
import string

import pytest
from pytest_httpserver import HTTPServer

from newsreader_tui.core.errors import MESSAGES, Problem
from newsreader_tui.core.models import FeedConfig, FetchOutcome
from newsreader_tui.core.service import Service
from newsreader_tui.i18n import Labels, describe
from newsreader_tui.i18n.problems import PROBLEMS_VI
from support.feeds import cut_off, rss, rss_item
from support.services import ServiceFactory

VI, EN = Labels("vi"), Labels("en")
RSS = "application/rss+xml; charset=utf-8"


def refresh(service: Service) -> list[FetchOutcome]:
    return asyncio.run(service.refresh())


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_problem_has_a_vietnamese_sentence_with_the_same_params() -> None:
    assert sorted(set(MESSAGES) ^ set(PROBLEMS_VI)) == []
    differ = {
        code: (MESSAGES[code], PROBLEMS_VI[code])
        for code in MESSAGES
        if placeholders(MESSAGES[code]) != placeholders(PROBLEMS_VI[code])
    }
    assert differ == {}


def test_a_cut_off_feed_fails_naming_the_feed_and_the_cache_says_so(
    httpserver: HTTPServer, make_service: ServiceFactory
) -> None:
    document = rss(rss_item("1", "Tin một"), rss_item("2", "Tin hai"))
    httpserver.expect_request("/cut.rss").respond_with_data(cut_off(document), content_type=RSS)
    url = httpserver.url_for("/cut.rss")
    service = make_service(FeedConfig(url, title="Cổng cụt"))
    [outcome] = refresh(service)
    assert outcome.status == "error" and not outcome.ok
    assert outcome.problem is not None and outcome.problem.code == "parse.cut_off"
    assert outcome.error == (
        f"the feed at {url} is cut off or broken (unclosed token at line 1), "
        "so no articles could be read"
    )
    assert describe(outcome, VI) == (
        f"nguồn tin {url} bị cắt cụt hoặc hỏng (unclosed token at line 1) "
        "nên không đọc được bài nào"
    )
    [status] = service.store.feeds()
    assert status.error == outcome.error and status.problem == outcome.problem
    assert describe(status, VI) == describe(outcome, VI)


def test_recovered_entries_leave_a_warning_that_an_unchanged_body_keeps(
    httpserver: HTTPServer, make_service: ServiceFactory
) -> None:
    document = rss(rss_item("1", "Tin một"), rss_item("2", "Tin hai"))
    broken = cut_off(document, before=b"<item><guid>2")
    httpserver.expect_request("/half.rss").respond_with_data(broken, content_type=RSS)
    service = make_service(FeedConfig(httpserver.url_for("/half.rss")))
    [first] = refresh(service)
    assert first.ok and first.total == 1
    assert first.problem is not None and first.problem.code == "parse.recovered"
    [status] = service.store.feeds()
    assert status.error is None and status.warning == first.warning
    assert describe(status, VI).startswith("XML của nguồn tin bị lỗi")
    [second] = refresh(service)
    assert second.status == "unchanged"
    [status] = service.store.feeds()
    assert status.warning == first.warning and status.problem == first.problem


def test_a_refused_connection_in_both_languages_with_its_attempts(
    make_service: ServiceFactory,
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    service = make_service(FeedConfig(f"http://127.0.0.1:{port}/rss"), retries=1, backoff=0.01)
    [outcome] = refresh(service)
    assert outcome.problem is not None and outcome.problem.code == "fetch.refused"
    assert outcome.error == "could not connect to 127.0.0.1: connection refused (after 2 attempts)"
    assert describe(outcome, EN) == outcome.error
    assert describe(outcome, VI) == (
        "không kết nối được tới 127.0.0.1: máy chủ từ chối kết nối (sau 2 lần thử)"
    )


def test_params_from_outside_are_cleaned_once() -> None:
    problem = Problem.of("fetch.network", host="a.vn", detail="lỗi\x1b[31m đỏ\x07\nxuống dòng")
    assert problem.params["detail"] == "lỗi đỏ xuống dòng"
    assert "\x1b" not in describe(problem, VI) and "\x1b" not in problem.text


@pytest.mark.parametrize("labels", [VI, EN])
def test_text_without_a_code_is_shown_as_it_is(labels: Labels) -> None:
    outcome = FetchOutcome("https://a.vn/rss", "error", error="HTTP 404 Not Found from a.vn")
    assert describe(outcome, labels) == "HTTP 404 Not Found from a.vn"
    assert describe(FetchOutcome("https://a.vn/rss", "ok"), labels) == ""
    assert describe(None, labels) == ""
