"""An article put onto the reader's widgets as they were (same kinds, same order; some may be
shown or hidden) costs one layout of the screen, not two (issue 10: 3-4 ms of Enter and n at
160x48), and what that one layout leaves is exactly what a second would: block sizes, the
reader's scroll range, paging to the end."""

from __future__ import annotations

from typing import Any

import pytest
from textual._compositor import Compositor
from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.widget import Widget

from newsreader_tui.ui.widgets.reader import Reader
from support.articles import make_article
from support.layouts import second_layout_agrees
from support.screen import screen_text


def article(number: int, paragraphs: int, words: int) -> str:
    """A body shaped text, photo, text: the same widgets whatever the lengths."""
    text = " ".join(["Tỉnh Hòa Bình Xanh tổ chức hội nghị tổng kết năm."] * words)
    body = "".join(f"<p>Bài {number}, đoạn {k}. {text}</p>" for k in range(paragraphs))
    figure = (
        f'<figure><img src="/anh/{number}.jpg"><figcaption>Toàn cảnh hội nghị {number}'
        + " (Ảnh: Bá Luân)" * (number % 3)
        + "</figcaption></figure>"
    )
    return f"<p>Mở đầu bài {number}.</p>{figure}{body}"


class ReaderApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.layouts = 0

    def compose(self) -> ComposeResult:
        yield Reader(id="reader")


@pytest.fixture(autouse=True)
def count_layouts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Count the screen's full layouts: Textual's compositor `reflow` (private, but a scroll
    also publishes the screen's layout signal, so that cannot tell the two apart)."""
    reflow = Compositor.reflow

    def counting(compositor: Compositor, parent: Widget, size: Size) -> Any:
        app = parent.app
        if isinstance(app, ReaderApp):
            app.layouts += 1
        return reflow(compositor, parent, size)

    monkeypatch.setattr(Compositor, "reflow", counting)


async def settle(pilot: object) -> None:
    for _ in range(3):
        await pilot.pause()  # type: ignore[attr-defined]


async def test_the_same_shape_costs_one_layout_and_lays_out_as_two_would() -> None:
    app = ReaderApp()
    async with app.run_test(size=(80, 30)) as pilot:
        reader = app.query_one(Reader)
        reader.show(make_article(article(1, 5, 6), id=1))
        await settle(pilot)
        # Some fit the screen: the scroll bar goes or comes back, which takes more layouts
        # (the bar's own reactive asks, and the text is wrapped to the new width).
        shapes = [(6, 8), (4, 12), (1, 1), (5, 5), (7, 9), (3, 6), (3, 1), (8, 3)]
        bar_changes = 0
        for number, (paragraphs, words) in enumerate(shapes, start=2):
            bar = reader.show_vertical_scrollbar
            app.layouts = 0
            reader.show(make_article(article(number, paragraphs, words), id=number))
            await settle(pilot)
            if reader.show_vertical_scrollbar == bar:
                assert app.layouts == 1, number
            else:
                bar_changes += 1
                assert app.layouts > 1, number
            assert await second_layout_agrees(reader, lambda: settle(pilot)), number
            assert f"Bài {number}, đoạn 0." in screen_text(app)
            while reader.page_down():
                await settle(pilot)
            assert reader.scroll_y == reader.max_scroll_y
            assert f"Bài {number}, đoạn {paragraphs - 1}." in screen_text(app)
        assert 2 <= bar_changes <= len(shapes) - 3  # both kinds of step were taken


def two_photos(number: int) -> str:
    figures = "".join(
        f'<figure><img src="/anh/{number}-{k}.jpg"><figcaption>Ảnh {k}</figcaption></figure>'
        f"<p>Đoạn {k}.</p>"
        for k in range(2)
    )
    return f"<p>Mở đầu bài {number}.</p>{figures}"


async def test_widgets_shown_or_hidden_again_cost_one_layout() -> None:
    """An article with fewer blocks hides the rest for later, one with more shows them again:
    they kept their styles while hidden, so one layout measures them."""
    app = ReaderApp()
    async with app.run_test(size=(80, 30)) as pilot:
        reader = app.query_one(Reader)
        reader.show(make_article(two_photos(1), id=1))
        await settle(pilot)
        assert not reader.show_vertical_scrollbar
        for number, body in enumerate(
            ["<p>Chỉ một đoạn.</p>", two_photos(3), "<p>Lại một đoạn.</p>", two_photos(5)],
            start=2,
        ):
            body_widgets = list(reader.query_one("#reader-body").children)
            app.layouts = 0
            reader.show(make_article(body, id=number))
            await settle(pilot)
            assert list(reader.query_one("#reader-body").children) == body_widgets
            assert not reader.show_vertical_scrollbar
            assert app.layouts == 1, number
            assert await second_layout_agrees(reader, lambda: settle(pilot)), number


async def test_a_mounted_widget_keeps_the_second_layout() -> None:
    app = ReaderApp()
    async with app.run_test(size=(80, 30)) as pilot:
        reader = app.query_one(Reader)
        reader.show(make_article(article(1, 1, 1), id=1))
        await settle(pilot)
        app.layouts = 0
        reader.show(make_article(two_photos(2), id=2))  # a second photo and text: mounted
        await settle(pilot)
        assert not reader.show_vertical_scrollbar
        assert app.layouts >= 2
        assert await second_layout_agrees(reader, lambda: settle(pilot))
