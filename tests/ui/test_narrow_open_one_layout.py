"""On a narrow screen, q then Enter on the next article (a reader's everyday loop at 80x24)
costs one layout of the screen, as an article opened beside the list does (issue 10: Enter
took 22-25 ms of UI work at 80x24, 15 at 160x48), and what that layout leaves is what a second
one would.

What it took before: the class that swapped the list for the reader restyled every widget in
both panes; the reader came into view a frame after the article was put in it, so its first
layout measured the old sizes and a second one followed; q had laid the reader out empty first
(its scroll bar gone, so the next article's text was wrapped at another width); and the late
`Reader.Changed` focused the reader again, which repaints all of it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
from textual._compositor import Compositor
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import Screen
from textual.scrollbar import ScrollBar
from textual.widget import Widget

from newsreader_tui.core.models import FeedConfig
from newsreader_tui.core.views import View
from newsreader_tui.demo import BASE_DATE
from newsreader_tui.ui.app import NewsreaderApp
from newsreader_tui.ui.widgets.reader import Reader
from support.articles import new_article
from support.layouts import second_layout_agrees
from support.screen import screen_text

if TYPE_CHECKING:
    from conftest import AppEnv

NARROW = (80, 24)
FEED = FeedConfig("https://tin.vn/rss", title="Tin", category="Thời sự")


def body(number: int, words: int) -> str:
    """Text, photo, text: the same widgets whatever the length."""
    text = " ".join(["Tỉnh tổ chức hội nghị tổng kết công tác dân vận năm 2026."] * words)
    return (
        f"<p>Mở đầu bài {number}.</p>"
        f'<figure><img src="https://tin.vn/anh/{number}.jpg">'
        f"<figcaption>Toàn cảnh hội nghị {number} (Ảnh: Bá Luân)</figcaption></figure>"
        f"<p>Bài {number}, đoạn cuối. {text} Hết-bài-{number}.</p>"
    )


WORDS = [4, 5, 3, 30, 28, 31, 6, 4, 29, 32, 5]
"""Lengths that fit one screen and lengths that do not: the scroll bar comes and goes."""


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the screen's layouts that moved or resized a widget, through Textual's compositor
    (`reflow` and its map of widget geometry, both private: nothing public tells a layout from
    a scroll). One that changes nothing is left out: a widget's own request, already served by
    the layout before it, can reach the screen after that layout when the key also moved focus,
    and that race is Textual's."""
    count = [0]
    reflow = Compositor.reflow

    def counting(compositor: Compositor, parent: Widget, size: Size) -> Any:
        before = dict(compositor._full_map)
        result = reflow(compositor, parent, size)
        if compositor._full_map != before:
            count[0] += 1
        return result

    monkeypatch.setattr(Compositor, "reflow", counting)
    return count


@pytest.fixture
def focus_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the reader being given focus (`Widget.focus` ends there too): Textual repaints
    a widget each time, whether it had focus or not."""
    count = [0]
    set_focus = Screen.set_focus

    def counting(screen: Screen[Any], widget: Widget | None, *args: Any, **kw: Any) -> Any:
        count[0] += isinstance(widget, Reader)
        return set_focus(screen, widget, *args, **kw)

    monkeypatch.setattr(Screen, "set_focus", counting)
    return count


@pytest.fixture
def restyled(monkeypatch: pytest.MonkeyPatch) -> list[DOMNode]:
    """The nodes Textual works the CSS out for again, in order (each is a rules match)."""
    nodes: list[DOMNode] = []
    apply = Stylesheet.apply

    def recording(stylesheet: Stylesheet, node: DOMNode, **options: Any) -> Any:
        nodes.append(node)
        return apply(stylesheet, node, **options)

    monkeypatch.setattr(Stylesheet, "apply", recording)
    return nodes


def app_over_articles(env: AppEnv) -> NewsreaderApp:
    settings = env.settings(feeds=(FEED,))
    service = env.service(settings)
    items = [
        new_article(
            f"a{number}",
            f"Tin số {number}",
            content=body(number, words),
            published=BASE_DATE - timedelta(minutes=number),
        )
        for number, words in enumerate(WORDS)
    ]
    service.store.upsert_articles(FEED.url, items, BASE_DATE)
    app = env.app(settings, service=service)
    app.views.remember(View("feed", FEED.url))
    return app


async def test_q_then_enter_takes_one_layout(
    env: AppEnv,
    layouts: list[int],
    focus_calls: list[int],
    restyled: list[DOMNode],
) -> None:
    app = app_over_articles(env)
    async with app.run_test(size=NARROW) as pilot:
        main = app.main_screen
        reader = main.reader
        await env.settle(pilot)
        await pilot.press("enter")
        await env.settle(pilot)
        assert reader.display and not main.articles.display
        steady = 0
        for number in range(1, len(WORDS)):
            await pilot.press("q")
            await env.settle(pilot)
            assert main.articles.display and not reader.display
            assert main.articles.has_focus and reader.article is None
            await pilot.press("j")
            await env.settle(pilot)
            bar = reader.show_vertical_scrollbar
            widgets = list(reader.query_one("#reader-body").children)
            layouts[0] = focus_calls[0] = 0
            restyled.clear()
            await pilot.press("enter")
            await env.settle(pilot)
            assert reader.article is not None and reader.article.title == f"Tin số {number}"
            assert reader.display and not main.articles.display and reader.has_focus
            assert list(reader.query_one("#reader-body").children) == widgets
            assert focus_calls[0] == 1, number
            # The move of focus restyles the reader itself (and its scroll bar), once; not the
            # widgets inside it, nor the list it hides (restyled when shown again).
            assert len(restyled) == len(set(restyled)), number
            panes = {n for n in restyled if isinstance(n, Widget) and not isinstance(n, ScrollBar)}
            assert panes == {reader}, number
            if reader.show_vertical_scrollbar == bar:
                steady += 1
                assert layouts[0] == 1, number
            else:  # the bar's own reactive asks for more, and the text is wrapped anew
                assert layouts[0] > 1, number
            assert await second_layout_agrees(reader, lambda: env.settle(pilot)), number
            text = screen_text(app)
            assert f"Tin số {number}" in text and f"Mở đầu bài {number}." in text
            assert "Toàn cảnh hội nghị" in text or reader.max_scroll_y > 0
            while reader.page_down():
                await env.settle(pilot)
            assert f"Hết-bài-{number}." in screen_text(app)
        assert steady >= 3  # enough steps where nothing but the text changed


async def test_the_panes_follow_the_width_with_an_article_open(env: AppEnv) -> None:
    """The list and the reader are shown by the layout, not by CSS: widening shows both in the
    frame the breakpoint changes, narrowing goes back to the pane that was in use."""
    app = app_over_articles(env)
    async with app.run_test(size=NARROW) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        await pilot.press("enter")
        await env.settle(pilot)
        assert main.reader.display and not main.articles.display
        await pilot.resize_terminal(160, 48)
        await env.settle(pilot)
        assert main.reader.display and main.articles.display
        assert main.reader.region.width > 0 and main.articles.region.width > 0
        await pilot.resize_terminal(*NARROW)
        await env.settle(pilot)
        assert main.reader.display and not main.articles.display and main.reader.has_focus
        await pilot.press("q")
        await env.settle(pilot)
        await pilot.resize_terminal(160, 48)
        await env.settle(pilot)
        assert main.reader.display and main.articles.display and main.reader.article is None
        # q left the hidden reader as it was; shown again, it says what to do, not the article
        text = screen_text(app)
        assert "Chọn một bài rồi nhấn Enter để đọc." in text and "Mở đầu bài 0." not in text
        await pilot.resize_terminal(*NARROW)
        await env.settle(pilot)
        assert main.articles.display and not main.reader.display and main.articles.has_focus


async def test_an_article_opened_on_a_narrow_screen_is_drawn_for_its_width(env: AppEnv) -> None:
    """The reader is hidden (or not laid out yet) when a narrow screen opens an article: the
    text is still prepared for the columns it will have, so a table on a 46-column terminal
    is drawn in ASCII (render.NARROW), not in a grid made for 100 columns."""
    settings = env.settings(feeds=(FEED,))
    service = env.service(settings)
    table = (
        "<table><tr><th>Xã</th><th>Số hộ</th></tr>"
        "<tr><td>Tân Lập</td><td>1.204</td></tr><tr><td>Hòa Bình</td><td>987</td></tr></table>"
    )
    for number in range(2):
        item = new_article(f"b{number}", f"Bảng số {number}", content=f"<p>Số liệu.</p>{table}")
        service.store.upsert_articles(FEED.url, [item], BASE_DATE)
    app = env.app(settings, service=service)
    app.views.remember(View("feed", FEED.url))
    async with app.run_test(size=(46, 24)) as pilot:
        await env.settle(pilot)
        for _ in range(2):  # the first open (never laid out) and one after q (hidden)
            await pilot.press("enter")
            await env.settle(pilot)
            text = screen_text(app)
            assert "Tân Lập" in text and "1.204" in text
            assert "┌" not in text and "│" not in text and "|" in text
            await pilot.press("q")
            await env.settle(pilot)
            await pilot.press("j")
            await env.settle(pilot)


def list_looks(app: NewsreaderApp) -> list[object]:
    articles = app.main_screen.articles
    return [
        dict(articles.styles.get_rules()),
        *(articles.get_component_rich_style(name) for name in sorted(articles.COMPONENT_CLASSES)),
    ]


async def test_the_hidden_list_is_restyled_once_and_looks_right_when_shown(
    env: AppEnv, restyled: list[DOMNode]
) -> None:
    """Focus leaves the list when Enter covers it with the reader: the list is restyled when it
    is shown again, once (q gives it focus back), and it looks as a full restyle makes it, with
    focus (after q) and without (the screen widened with the article open)."""
    app = app_over_articles(env)
    async with app.run_test(size=NARROW) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        for _ in range(2):
            restyled.clear()
            await pilot.press("enter")
            await env.settle(pilot)
            assert main.reader.has_focus and not main.articles.display
            assert main.articles not in restyled
            restyled.clear()
            await pilot.press("q")
            await env.settle(pilot)
            assert main.articles.has_focus and restyled.count(main.articles) == 1
            looks = list_looks(app)
            app.stylesheet.update(main.articles)
            assert list_looks(app) == looks
            await pilot.press("j")
            await env.settle(pilot)
        await pilot.press("enter")
        await env.settle(pilot)
        await pilot.resize_terminal(160, 48)
        await env.settle(pilot)
        assert main.articles.display and main.reader.has_focus
        looks = list_looks(app)
        app.stylesheet.update(main.articles)
        assert list_looks(app) == looks
