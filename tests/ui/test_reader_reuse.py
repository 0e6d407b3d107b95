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


def shown_images(reader: Reader) -> list[ArticleImage]:
    return [image for image in reader.query(ArticleImage) if image.display]


async def test_a_different_shape_hides_what_it_does_not_use() -> None:
    app = ReaderApp()
    async with app.run_test(size=(80, 30)) as pilot:
        reader = app.query_one(Reader)
        reader.show(make_article(figure(1, "Toàn cảnh hội nghị")))
        await pilot.pause()
        reader.show(make_article("<p>Chỉ một đoạn, không ảnh.</p>", id=2, title="Bài ngắn"))
        await pilot.pause()
        assert not shown_images(reader)
        text = screen_text(app)
        assert "Chỉ một đoạn, không ảnh." in text and "Toàn cảnh" not in text


async def test_a_picture_first_then_text_first_article_hides_the_picture() -> None:
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
        assert not shown_images(reader)
        assert "Chỉ chữ." in screen_text(app) and "Toàn cảnh" not in screen_text(app)


def shaped(number: int, shape: str) -> str:
    """An article body: "t" a paragraph, "i" a captioned photo, in the order given."""
    parts = []
    for place, kind in enumerate(shape):
        if kind == "t":
            parts.append(f"<p>Bài {number} đoạn {place}.</p>")
        else:
            parts.append(
                f'<figure><img src="/anh/{number}-{place}.jpg">'
                f"<figcaption>Bài {number} ảnh {place}</figcaption></figure>"
            )
    return "".join(parts)


def expected_lines(number: int, shape: str) -> list[str]:
    return [
        f"Bài {number} đoạn {place}." if kind == "t" else f"▣ Bài {number} ảnh {place}"
        for place, kind in enumerate(shape)
    ]


def body_widgets(reader: Reader) -> set[int]:
    return {id(widget) for widget in reader.query_one("#reader-body").children}


async def test_articles_of_other_shapes_show_in_order_on_the_widgets_already_there() -> None:
    shapes = ["tit", "titit", "it", "ttit", "iti", "t", "titit", "itit", "tit"]
    app = ReaderApp()
    async with app.run_test(size=(80, 60)) as pilot:
        reader = app.query_one(Reader)
        widgets: set[int] = set()
        for number, shape in enumerate(shapes, start=1):
            reader.show(make_article(shaped(number, shape), id=number, title=f"Bài số {number}"))
            await pilot.pause()
            await pilot.pause()
            text = screen_text(app)
            lines = [line.strip() for line in text.splitlines()]
            found = [
                line for line in lines if line.startswith(("Bài ", "▣ Bài ")) and "số" not in line
            ]
            assert found == expected_lines(number, shape), (shape, found)
            assert f"Bài số {number}" in text
            assert len(shown_images(reader)) == shape.count("i")
            if number > 2:  # the pool holds the most of each kind seen ("titit": 3 and 2)
                assert body_widgets(reader) == widgets, shape
            widgets = body_widgets(reader)


async def test_closing_the_article_keeps_its_widgets_for_the_next() -> None:
    app = ReaderApp()
    async with app.run_test(size=(80, 30)) as pilot:
        reader = app.query_one(Reader)
        reader.show(make_article(shaped(1, "tit"), id=1))
        await pilot.pause()
        widgets = body_widgets(reader)
        reader.show(None)
        await pilot.pause()
        text = screen_text(app)
        assert "Chọn một bài để đọc" in text and "Bài 1" not in text
        reader.show(make_article(shaped(2, "tit"), id=2))
        await pilot.pause()
        text = screen_text(app)
        assert "Chọn một bài để đọc" not in text and "Bài 2 đoạn 2." in text
        assert body_widgets(reader) - widgets == set()  # nothing new (but the hint) mounted


async def test_at_most_spares_of_each_kind_stay_hidden() -> None:
    from newsreader_tui.ui.widgets.reader import SPARES

    app = ReaderApp()
    async with app.run_test(size=(80, 30)) as pilot:
        reader = app.query_one(Reader)
        reader.show(make_article(shaped(1, "ti" * (SPARES + 5) + "t"), id=1))
        await pilot.pause()
        reader.show(make_article(shaped(2, "t"), id=2))
        await pilot.pause()
        await pilot.pause()
        body = reader.query_one("#reader-body").children
        images = [w for w in body if isinstance(w, ArticleImage)]
        texts = [w for w in body if w.has_class("reader-text")]
        assert len(images) == SPARES and not shown_images(reader)
        assert len(texts) == SPARES + 1 and sum(w.display for w in texts) == 1
