"""Attacks on the terminal: text from outside carrying controls, escape sequences and bidi
overrides, through every way it is shown (issue 9, items 3, 4 and 5).

A terminal obeys C0/C1 controls: `ESC ] 0;...BEL` and its 8-bit form `\\x9d...\\x9c` set the window
title, `ESC [ 2J` clears the screen, `\\x9b31m` turns the text red, `U+202E` reverses the rest of
the line ("gpj.exe" shows as "exe.jpg"), and a newline in a title fakes a line of `refresh`
output that a cron job may parse. None of it may reach `refresh`, `feeds`, `list`, `show`,
`search`, their `--json`, the sidebar, the reader pane, the links view or the details dialog.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsreader_tui.core.views import View
from newsreader_tui.ui.screens.details import DetailsScreen
from newsreader_tui.ui.screens.links import LinksScreen
from support.feeds import rss, rss_item
from support.hostile_text import assert_clean
from support.parsers import parse_path
from support.screen import screen_text

if TYPE_CHECKING:
    from conftest import User

# Every attack here is met on both XML paths: the fast reader in front, and feedparser alone.
pytestmark = pytest.mark.usefixtures(parse_path.__name__)

RSS = "application/rss+xml; charset=utf-8"
HOSTILE = "\u009b31m\u009d0;PWNED\u009c\u202e"
"""An 8-bit CSI (red), an 8-bit OSC title change, and a right-to-left override."""


def assert_clean_json(value: Any, *, multiline_keys: tuple[str, ...] = ("text", "summary")) -> None:
    """Every string in a `--json` document is clean; only `multiline_keys` may hold newlines."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert_clean(key)
            if isinstance(item, str):
                assert_clean(item, multiline=key in multiline_keys)
            else:
                assert_clean_json(item, multiline_keys=multiline_keys)
    elif isinstance(value, list):
        for item in value:
            assert_clean_json(item, multiline_keys=multiline_keys)
    elif isinstance(value, str):
        assert_clean(value)


# --- item 3: a feed's error and warning text ---------------------------------------------


@dataclass
class WordPressSite:
    """A WordPress site whose API link carries `HOSTILE`; `api` says how the API answers."""

    url: str
    api: str = "posts"
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def wordpress_api_link_escapes(httpserver: HTTPServer) -> WordPressSite:
    """Attacks the feed's stored address and every error naming it: the advertised REST API
    root is `/wp-json/<8-bit CSI><8-bit OSC title><RLO>evil/`."""
    site = WordPressSite(httpserver.url_for("/site"))
    link = f"/wp-json/{HOSTILE}evil/"
    page = (
        f'<html><head><link rel="https://api.w.org/" href="{link}"></head><body>Tin</body></html>'
    )
    httpserver.expect_request("/site").respond_with_data(page, content_type="text/html")
    posts = [
        {
            "id": 1,
            "date_gmt": "2026-11-20T01:00:00",
            "link": "http://127.0.0.1/bai-1",
            "title": {"rendered": "Bài một"},
            "content": {"rendered": "<p>Nội dung</p>"},
        }
    ]

    def api(request: Request) -> Response:
        site.requests.append(request.path)
        if site.api == "posts":
            return Response(json.dumps(posts), content_type="application/json")
        return Response("<html>not json</html>", content_type="application/json")

    httpserver.expect_request(re.compile("/wp-json/.*")).respond_with_handler(api)
    return site


def wordpress_config(user: User, site: WordPressSite) -> None:
    user.write_config(
        f'[settings]\nretries = 0\ntimeout = 5\n\n[[feeds]]\nurl = "{site.url}"\n'
        'title = "Cổng WordPress"\nkind = "wordpress"\n'
    )


async def test_wordpress_api_link_escapes_reach_no_output(
    user: User, wordpress_api_link_escapes: WordPressSite
) -> None:
    site = wordpress_api_link_escapes
    wordpress_config(user, site)

    assert user.run("refresh").code == 0
    [status] = json.loads(user.run("feeds", "--json").out)
    assert_clean_json(status)
    assert "/wp-json/evil/wp/v2/posts?" in status["resolved_url"]

    site.api = "garbage"  # the remembered API address now answers nonsense
    refresh = user.run("refresh")
    assert refresh.code == 1
    assert_clean(refresh.out, multiline=True)
    assert_clean(refresh.err, multiline=True)
    assert refresh.out.startswith("FAIL  Cổng WordPress: the response from http://")
    assert "/wp-json/evil/wp/v2/posts" in refresh.out.replace("\n      ", "")
    feeds = user.run("feeds")
    assert_clean(feeds.out, multiline=True)
    assert "is not valid JSON" in feeds.out
    [status] = json.loads(user.run("feeds", "--json").out)
    assert_clean_json(status)
    assert "/wp-json/evil/wp/v2/posts" in status["error"]

    app = user.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await user.settle(pilot)
        main = app.main_screen
        main.sidebar.focus()
        main.sidebar.set_current(View("feed", site.url))
        await pilot.pause()
        await pilot.press("e")
        await user.settle(pilot)
        assert isinstance(app.screen, DetailsScreen)
        rows = dict(app.screen.rows)
        assert_clean(rows.values())
        assert any("/wp-json/evil/wp/v2/posts" in value for value in rows.values())
        assert_clean(screen_text(app), multiline=True)


# --- item 4: OPML import and the config file ---------------------------------------------

TITLE_ESCAPES = "\u001b]0;X\u0007\u001b[2J"
"""Sets the terminal's title and clears the screen, written in the config as TOML escapes."""
FAKE_LINE = "Tin\nok    Nguồn giả: 99 new, 0 updated (99 items)"
"""A title whose newline fakes a line of `refresh` output."""


@pytest.fixture
def config_title_escapes(httpserver: HTTPServer, user: User) -> list[str]:
    """Attacks every place a feed's configured title and category are printed: a hand-written
    config.toml whose titles hold an OSC title change, a clear-screen and a forged line, and
    whose category holds an 8-bit CSI and a bidi override. Returns the feed URLs."""
    document = rss(rss_item("1", "Bài một"), rss_item("2", "Bài hai"))
    urls = []
    for name in ("a", "b"):
        httpserver.expect_request(f"/{name}.rss").respond_with_data(document, content_type=RSS)
        urls.append(httpserver.url_for(f"/{name}.rss"))
    user.write_config(
        "[settings]\nretries = 0\n\n"
        f'[[feeds]]\nurl = "{urls[0]}"\ntitle = "Tin {json.dumps(TITLE_ESCAPES)[1:-1]} một"\n'
        f'category = "Thời sự {json.dumps(HOSTILE)[1:-1]}"\n\n'
        f'[[feeds]]\nurl = "{urls[1]}"\ntitle = {json.dumps(FAKE_LINE)}\n'
    )
    return urls


async def test_config_title_escapes_reach_no_output(
    user: User, config_title_escapes: list[str]
) -> None:
    refresh = user.run("refresh")
    assert refresh.code == 0
    assert_clean(refresh.out, multiline=True)
    assert [line[:5] for line in refresh.out.splitlines()][:2] == ["ok   ", "ok   "]
    assert len(refresh.out.splitlines()) == 3  # two feeds and the summary: no forged line
    assert "ok    Tin ok Nguồn giả: 99 new" in refresh.out

    for args in (("list",), ("feeds",), ("list", "--json"), ("feeds", "--json")):
        run = user.run(*args)
        assert run.code == 0
        assert_clean(run.out, multiline=True)
        if "--json" in args:
            assert_clean_json(json.loads(run.out))
    listing = user.run("list").out
    assert len(listing.splitlines()) == 4  # one line per article
    [first, _second] = json.loads(user.run("feeds", "--json").out)
    assert first["title"] == "Tin một"
    assert first["category"] == "Thời sự"

    app = user.app()
    async with app.run_test(size=(160, 36)) as pilot:  # wide enough for the sidebar
        await user.settle(pilot)
        shown = screen_text(app)
        assert_clean(shown, multiline=True)
        assert "Thời sự" in shown and "Tin một" in shown


@pytest.fixture
def opml_titles_escapes(httpserver: HTTPServer, tmp_path: Path) -> Path:
    """Attacks config.toml through an OPML import: titles and group names carrying C1
    controls, a line break, escapes and bidi overrides as character references."""
    url = httpserver.url_for("/tin.rss")
    httpserver.expect_request("/tin.rss").respond_with_data(
        rss(rss_item("1", "Bài")), content_type=RSS
    )
    opml = tmp_path / "hostile.opml"
    opml.write_text(
        '<?xml version="1.0" encoding="utf-8"?><opml version="2.0"><body>'
        '<outline text="Nhóm&#x9d;0;PWNED&#x9c; &#x202e;một">'
        f'<outline type="rss" text="Tin&#10;ok    giả&#x9b;2J&#x2066;" xmlUrl="{url}"/>'
        "</outline>"
        f'<outline type="rss" text="Khác" category="/Thời&#x85;sự&#x200b;/Trong&#13;nước"'
        f' xmlUrl="{url}?b=1"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    return opml


def test_opml_titles_escapes_never_reach_the_config(user: User, opml_titles_escapes: Path) -> None:
    user.write_config("[settings]\nretries = 0\n")
    imported = user.run("import-opml", str(opml_titles_escapes))
    assert imported.code == 0
    assert_clean(imported.out, multiline=True)
    written = tomllib.loads(user.config.read_text(encoding="utf-8"))  # as written, unvalidated
    feeds = written["feeds"]
    for feed in feeds:
        assert_clean([feed.get("title"), feed.get("category"), feed["url"]])
    assert [feed.get("title") for feed in feeds] == ["Tin ok giả", "Khác"]
    assert [feed.get("category") for feed in feeds] == ["Nhóm một", "Thời sự / Trong nước"]
    feeds_out = user.run("feeds")
    assert_clean(feeds_out.out, multiline=True)


@pytest.fixture
def config_key_escapes(user: User) -> str:
    """Attacks the config error message: an unknown key holding escapes is echoed in it."""
    user.write_config(
        '[[feeds]]\nurl = "http://127.0.0.1/a.rss"\n"\\u001b]0;PWNED\\u0007tit\\u202ele" = "x"\n'
    )
    return str(user.config)


def test_config_key_escapes_are_echoed_clean(user: User, config_key_escapes: str) -> None:
    run = user.run("feeds")
    assert run.code != 0
    assert_clean(run.err, multiline=True)
    assert config_key_escapes in run.err and "is not a known feed key" in run.err
    assert "0;PWNED" not in run.err  # the whole sequence goes, not just its ESC


# --- item 5: captions and link targets ---------------------------------------------------

# HTML decodes &#x80;-&#x9f; as windows-1252 ("&#x9b;" is "›") and drops &#x1b; and &#x7;,
# except for five code points windows-1252 leaves undefined, which stay C1 controls: among them
# U+009D, which starts an OSC (the terminal then swallows the text that follows), and U+0090,
# which starts a DCS.
CAPTIONED = (
    "<p>Mở đầu <a href='http://127.0.0.1/&#x9d;t&#x202e;gpj.exe'>tải&#x202e; về</a></p>"
    "<figure><img src='http://127.0.0.1/a.jpg'>"
    "<figcaption>Toàn cảnh&#x9d; hội nghị&#x202e;. Ảnh: &#x2066;TTXVN&#x90;</figcaption></figure>"
    "<p><img src='http://127.0.0.1/b.jpg'></p>"
    "<p style='text-align:center'><em>Đại biểu&#x202e; biểu quyết&#x9d;</em></p>"
    "<table class='image'><tr><td><img src='http://127.0.0.1/c&#x202e;.jpg'></td></tr>"
    "<tr><td class='caption'>Quang&#x8d; cảnh&#x200b;</td></tr></table>"
)


@pytest.fixture
def caption_and_link_escapes(httpserver: HTTPServer, user: User) -> str:
    """Attacks captions (figcaption, a caption paragraph, a caption table) and link targets
    with character references to C1 controls, escapes and bidi overrides."""
    url = httpserver.url_for("/anh.rss")
    httpserver.expect_request("/anh.rss").respond_with_data(
        rss(rss_item("1", "Hội nghị", description=CAPTIONED)), content_type=RSS
    )
    user.write_config(f'[settings]\nretries = 0\n\n[[feeds]]\nurl = "{url}"\ntitle = "Ảnh"\n')
    return url


async def test_caption_and_link_escapes_reach_no_output(
    user: User, caption_and_link_escapes: str
) -> None:
    assert user.run("refresh").code == 0
    [article] = json.loads(user.run("list", "--json").out)
    show = user.run("show", str(article["id"]))
    assert_clean(show.out, multiline=True)
    assert "▣ Toàn cảnh hội nghị (Photo: TTXVN)" in show.out
    [shown] = json.loads(user.run("show", str(article["id"]), "--json").out)
    assert_clean_json(shown)
    assert [image["caption"] for image in shown["images"]] == [
        "Toàn cảnh hội nghị",
        "Đại biểu biểu quyết",
        "Quang cảnh",
    ]
    assert shown["images"][2]["url"] == "http://127.0.0.1/c.jpg"
    found = user.run("search", "bieu quyet")
    assert_clean(found.out, multiline=True)
    assert "Hội nghị" in found.out

    app = user.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await user.settle(pilot)
        await pilot.press("enter")
        await user.wait_for(pilot, lambda: app.main_screen.reader.article is not None)
        await user.settle(pilot)
        assert_clean(screen_text(app), multiline=True)
        await pilot.press("u")
        await user.settle(pilot)
        assert isinstance(app.screen, LinksScreen)
        assert_clean([row.url for row in app.screen.rows])
        assert_clean([row.text for row in app.screen.rows])
        assert "http://127.0.0.1/tgpj.exe" in [row.url for row in app.screen.rows]
        assert_clean(screen_text(app), multiline=True)
