"""One rule for when two URLs are one feed, used alike by import, validation and lookup.

Before, the config told `…/A.rss` and `…/a.rss` apart but `Service.find_feed` lowercased both,
so `refresh --feed …/a.rss` refreshed A.rss.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest
from pytest_httpserver import HTTPServer

from newsreader_tui.cli import main
from newsreader_tui.core.config import add_feeds, feed_identity, load_config
from newsreader_tui.core.errors import ConfigError
from newsreader_tui.core.models import FeedConfig
from newsreader_tui.core.opml import parse_opml
from support.data import feed_file
from support.services import ServiceFactory

SAME = [
    ("https://a.vn/rss", "HTTPS://A.VN/rss"),
    ("https://a.vn/rss", "https://a.vn:443/rss"),
    ("http://a.vn/rss", "http://a.vn:80/rss"),
    ("https://a.vn/feed/", "https://a.vn/feed"),
    ("https://a.vn", "https://a.vn/"),
    ("https://a.vn/rss#top", "https://a.vn/rss"),
    (" https://a.vn/rss ", "https://a.vn/rss"),
    ("http://[::1]:8080/rss", "http://[::1]:8080/rss/"),
]
DIFFERENT = [
    ("https://a.vn/A.rss", "https://a.vn/a.rss"),
    ("https://a.vn/rss", "http://a.vn/rss"),
    ("https://a.vn/rss", "https://a.vn:8443/rss"),
    ("http://a.vn:443/rss", "http://a.vn/rss"),
    ("https://a.vn/rss?cat=Kinh-Te", "https://a.vn/rss?cat=kinh-te"),
    ("https://a.vn/rss", "https://b.a.vn/rss"),
]
PAIRS = [(*pair, True) for pair in SAME] + [(*pair, False) for pair in DIFFERENT]


@pytest.mark.parametrize(("first", "second"), SAME)
def test_same_feed(first: str, second: str) -> None:
    assert feed_identity(first) == feed_identity(second)


@pytest.mark.parametrize(("first", "second"), DIFFERENT)
def test_different_feeds(first: str, second: str) -> None:
    assert feed_identity(first) != feed_identity(second)


def test_malformed_port_does_not_raise() -> None:
    # find_feed takes whatever the user typed after --feed.
    assert feed_identity("https://A.vn:x/rss/") == "https://a.vn:x/rss"


def config_with(tmp_path: Path, *urls: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text("".join(f'[[feeds]]\nurl = "{url.strip()}"\n\n' for url in urls))
    return path


def opml_with(*urls: str) -> bytes:
    outlines = "".join(f"<outline text='x' xmlUrl={quoteattr(url.strip())}/>" for url in urls)
    return f"<opml version='2.0'><body>{outlines}</body></opml>".encode()


@pytest.mark.parametrize(("first", "second", "same"), PAIRS)
def test_import_validation_and_lookup_agree(
    tmp_path: Path, make_service: ServiceFactory, first: str, second: str, same: bool
) -> None:
    # Validation: a config listing both is refused exactly when they are one feed.
    both = config_with(tmp_path, first, second)
    if same:
        with pytest.raises(ConfigError, match=r"feeds\[2\]\.url repeats the URL of feeds\[1\]"):
            load_config(both)
    else:
        assert len(load_config(both).feeds) == 2
    # Import into a config that has the first: the second is skipped exactly when the same.
    one = config_with(tmp_path, first)
    assert add_feeds(one, [FeedConfig(second.strip())]) == ([] if same else [FeedConfig(second)])
    skipped: list[str] = []
    assert len(parse_opml(opml_with(first, second), "feeds.opml", skipped=skipped)) == (
        1 if same else 2
    )
    assert len(skipped) == (1 if same else 0)
    # Lookup: asking for the second finds the first exactly when they are one feed.
    found = make_service(FeedConfig(first.strip())).find_feed(second)
    assert (found is not None and found.url == first.strip()) is same


def test_find_feed_tells_path_case_apart(make_service: ServiceFactory) -> None:
    service = make_service(
        FeedConfig("https://a.vn/rss/A.rss"), FeedConfig("https://a.vn/rss/a.rss")
    )
    assert service.find_feed("https://a.vn/rss/a.rss").url == "https://a.vn/rss/a.rss"
    assert service.find_feed("HTTPS://A.VN/rss/A.rss/").url == "https://a.vn/rss/A.rss"
    assert service.find_feed("https://a.vn/rss/A.RSS") is None


def test_refresh_feed_refreshes_the_one_named(
    httpserver: HTTPServer, isolated_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = feed_file("rss_utf8.xml")
    for path in ("/rss/A.rss", "/rss/a.rss"):
        httpserver.expect_request(path).respond_with_data(body, content_type="application/rss+xml")
    upper, lower = httpserver.url_for("/rss/A.rss"), httpserver.url_for("/rss/a.rss")
    config = isolated_env / "config.toml"
    config.write_text(
        f'[settings]\nretries = 0\n\n[[feeds]]\nurl = "{upper}"\n\n[[feeds]]\nurl = "{lower}"\n'
    )
    args = ["--config", str(config), "--data-dir", str(isolated_env / "data")]

    assert main([*args, "refresh", "--feed", lower]) == 0
    assert [request.path for request, _ in httpserver.log] == ["/rss/a.rss"]
    capsys.readouterr()
    assert main([*args, "feeds", "--json"]) == 0
    fetched = {
        feed["url"]: feed["last_attempt"] is not None
        for feed in json.loads(capsys.readouterr().out)
    }
    assert fetched == {upper: False, lower: True}
