"""`search` from the command line (issue 11): diacritics typed are honoured, and `--feed` or
`--category` limit the search; unknown ones give one sentence, as they do for `list`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from newsreader_tui.cli import main

RSS = "application/rss+xml; charset=utf-8"


def rss(title: str, items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<item><title>{t}</title><link>https://x.example.vn/{i}</link><guid>{i}</guid>"
        f"<description>{d}</description>"
        "<pubDate>Mon, 23 Nov 2026 08:00:00 +0700</pubDate></item>"
        for i, (t, d) in enumerate(items)
    )
    head = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0">'
    return f"{head}<channel><title>{title}</title>{entries}</channel></rss>"


@pytest.fixture
def site(httpserver: HTTPServer, isolated_env: Path) -> list[str]:
    tinh = rss("Tỉnh", [("Đại hội Đảng bộ tỉnh", "Đại hội thành công"), ("Giá vàng", "tăng")])
    bao = rss("Báo", [("Nông dân gặt lúa", "Bà con đang tất bật"), ("Giá vàng hôm nay", "")])
    httpserver.expect_request("/tinh.rss").respond_with_data(tinh, content_type=RSS)
    httpserver.expect_request("/bao.rss").respond_with_data(bao, content_type=RSS)
    config = isolated_env / "config.toml"
    config.write_text(
        f"""
[settings]
timeout = 5
retries = 0

[[feeds]]
url = "{httpserver.url_for("/tinh.rss")}"
title = "Cổng tỉnh"
category = "Chính quyền"

[[feeds]]
url = "{httpserver.url_for("/bao.rss")}"
title = "Báo"
category = "Tin tức"
""",
        encoding="utf-8",
    )
    argv = ["--config", str(config), "--data-dir", str(isolated_env / "data")]
    assert main([*argv, "refresh"]) == 0
    return argv


def titles(capsys: pytest.CaptureFixture[str], argv: list[str]) -> list[str]:
    capsys.readouterr()
    assert main(argv) == 0
    hits: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    assert all({"snippet", "rank", "title", "feed", "category"} <= set(h) for h in hits)
    return [hit["title"] for hit in hits]


def test_search_honours_typed_diacritics(
    site: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert titles(capsys, [*site, "search", "Đảng", "--json"]) == ["Đại hội Đảng bộ tỉnh"]
    assert titles(capsys, [*site, "search", "đang", "--json"]) == ["Nông dân gặt lúa"]


def test_search_limited_to_a_category_or_feed(
    site: list[str], capsys: pytest.CaptureFixture[str], httpserver: HTTPServer
) -> None:
    assert sorted(titles(capsys, [*site, "search", "gia vang", "--json"])) == [
        "Giá vàng",
        "Giá vàng hôm nay",
    ]
    category = [*site, "search", "gia vang", "--category", "Tin tức", "--json"]
    assert titles(capsys, category) == ["Giá vàng hôm nay"]
    feed = [*site, "search", "gia vang", "--feed", httpserver.url_for("/tinh.rss"), "--json"]
    assert titles(capsys, feed) == ["Giá vàng"]


def test_an_unknown_category_or_feed_is_one_sentence(
    site: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main([*site, "search", "gia", "--category", "tin tuc"]) == 2
    err = capsys.readouterr().err
    assert "Tin tức" in err and "Traceback" not in err
    assert main([*site, "search", "gia", "--feed", "https://khong.example/rss"]) == 2
    assert "https://khong.example/rss" in capsys.readouterr().err
