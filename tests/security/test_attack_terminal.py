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
from typing import TYPE_CHECKING, Any

import pytest
from pytest_httpserver import HTTPServer

from newsreader_tui.ui.screens.links import LinksScreen
from support.feeds import rss, rss_item
from support.hostile import assert_clean
from support.screen import screen_text

if TYPE_CHECKING:
    from conftest import User

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
