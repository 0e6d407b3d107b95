"""Opening the next article updates the reader's widgets in place while they line up (text for
text, a caption for a picture), instead of removing and mounting them (each a layout of the
whole screen); what shows must be the new article's, and a picture decoded for the previous
article must not land on a reused widget."""

from __future__ import annotations

from textual.app import App, ComposeResult

from newsreader_tui.core.media.pictures import Refusal
from newsreader_tui.ui.widgets.article_image import ArticleImage
from newsreader_tui.ui.widgets.reader import Reader
from support.articles import make_article
from support.screen import screen_text


def figure(number: int, caption: str) -> str:
    return (
        f"<p>Đoạn mở đầu bài {number}.</p>"
        f'<figure><img src="/anh/{number}.jpg"><figcaption>{caption}</figcaption></figure>'
        f"<p>Đoạn kết bài {number}.</p>"
    )


class ReaderApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Reader(id="reader")


async def test_the_next_article_reuses_widgets_and_shows_only_itself() -> None:
    app = ReaderApp()
    async with app.run_test(size=(80, 30)) as pilot:
        reader = app.query_one(Reader)
        reader.show(make_article(figure(1, "Toàn cảnh hội nghị")))
        await pilot.pause()
        first = list(reader.query_one("#reader-body").children)
        old_image = reader.query_one(ArticleImage)
        old_section = old_image.section
        reader.show(make_article(figure(2, "Lễ khai mạc"), id=2, title="Bài thứ hai"))
        await pilot.pause()
        assert list(reader.query_one("#reader-body").children) == first  # the same widgets
        text = screen_text(app)
        assert "Bài thứ hai" in text and "Lễ khai mạc" in text and "Đoạn kết bài 2." in text
        assert "Toàn cảnh hội nghị" not in text and "bài 1" not in text
        # a refusal decoded for the first article's picture arrives late: dropped
        old_image.show(Refusal("too_large", width=9000, height=9000), old_section)
        await pilot.pause()
        assert old_image.reason is None
        # one for the picture it shows now is drawn
        old_image.show(Refusal("too_large", width=9000, height=9000), old_image.section)
        await pilot.pause()
        assert old_image.reason is not None
        # with a reason line under its caption it is not reused: a fresh widget instead
        reader.show(make_article(figure(3, "Ảnh: Bá Luân"), id=3, title="Bài thứ ba"))
        await pilot.pause()
        new_image = reader.query_one(ArticleImage)
        assert new_image is not old_image and new_image.reason is None
        assert "Bài thứ ba" in screen_text(app)


async def test_a_different_shape_replaces_what_no_longer_lines_up() -> None:
    app = ReaderApp()
    async with app.run_test(size=(80, 30)) as pilot:
        reader = app.query_one(Reader)
        reader.show(make_article(figure(1, "Toàn cảnh hội nghị")))
        await pilot.pause()
        reader.show(make_article("<p>Chỉ một đoạn, không ảnh.</p>", id=2, title="Bài ngắn"))
        await pilot.pause()
        assert not reader.query(ArticleImage)
        text = screen_text(app)
        assert "Chỉ một đoạn, không ảnh." in text and "Toàn cảnh" not in text


async def test_a_picture_first_then_text_first_article_replaces_the_picture() -> None:
    """A caption widget is reused for a caption only: an article opening with text after one
    opening with a picture crashed (a text section has no caption)."""
    app = ReaderApp()
    async with app.run_test(size=(80, 30)) as pilot:
        reader = app.query_one(Reader)
        first = '<figure><img src="/anh/1.jpg"><figcaption>Toàn cảnh</figcaption></figure>'
        reader.show(make_article(first + "<p>Đoạn một.</p>"))
        await pilot.pause()
        reader.show(make_article("<p>Chỉ chữ.</p>", id=2, title="Bài chữ"))
        await pilot.pause()
        assert not reader.query(ArticleImage)
        assert "Chỉ chữ." in screen_text(app) and "Toàn cảnh" not in screen_text(app)
