"""The reader pane in a running app: content shown, paging, the empty state."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult

from newsreader_tui.ui.widgets.reader import Reader
from support.articles import make_article
from support.images import png
from support.screen import screen_text

FIGURE = (
    "<p>Hội nghị khai mạc sáng nay.</p>"
    '<figure><img src="/anh/hoi-nghi.jpg"><figcaption>Toàn cảnh hội nghị. Ảnh: Bá Luân'
    "</figcaption></figure><p>[video] Toàn cảnh phiên bế mạc.</p>"
)


class ReaderApp(App[None]):
    def __init__(self, labels: dict[str, str] | None = None) -> None:
        super().__init__()
        self.labels = labels

    def compose(self) -> ComposeResult:
        yield Reader(labels=self.labels, id="reader")


async def test_shows_article_with_caption() -> None:
    app = ReaderApp()
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.query_one(Reader)
        reader.show(make_article(FIGURE))
        await pilot.pause()
        text = screen_text(app)
        assert "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12" in text
        assert "▪ 08/11/2018 09:26 · Tin tức · baodientu.example.vn" in text
        assert "▣ Toàn cảnh hội nghị (Ảnh: Bá Luân)" in text
        assert "[video] Toàn cảnh phiên bế mạc." in text
        assert reader.article is not None and reader.article.id == 1


async def test_summary_used_when_longer_than_content() -> None:
    app = ReaderApp()
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.query_one(Reader)
        reader.show(make_article("<p>Ngắn.</p>", summary="<p>Tóm tắt dài hơn nội dung.</p>"))
        await pilot.pause()
        assert "Tóm tắt dài hơn nội dung." in screen_text(app)


async def test_page_down_reports_the_end() -> None:
    app = ReaderApp()
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.query_one(Reader)
        reader.show(make_article("<p>Một đoạn ngắn.</p>"))
        await pilot.pause()
        assert reader.at_end()
        assert reader.page_down() is False

        long = "".join(f"<p>Đoạn số {n} của bài viết dài.</p>" for n in range(60))
        reader.show(make_article(long))
        await pilot.pause()
        assert not reader.at_end()
        pages = 0
        while reader.page_down():
            pages += 1
            await pilot.pause()
            assert pages < 20
        assert pages >= 2
        assert reader.at_end()
        assert "Đoạn số 59" in screen_text(app)

        reader.show(make_article(long, id=2))  # a new article starts at its top
        await pilot.pause()
        assert reader.scroll_y == 0


async def test_keys_scroll() -> None:
    app = ReaderApp()
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.query_one(Reader)
        reader.focus()
        reader.show(make_article("".join(f"<p>Đoạn {n}.</p>" for n in range(80))))
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause(0.5)
        assert reader.scroll_y > 0
        await pilot.press("G")
        await pilot.pause()
        assert reader.at_end()
        await pilot.press("g")
        await pilot.pause()
        assert reader.scroll_y == 0
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert reader.scroll_y == reader.scrollable_content_region.height // 2
        await pilot.press("pagedown")
        await pilot.pause()
        assert reader.scroll_y > reader.scrollable_content_region.height
    ids = {binding.id for binding in Reader.BINDINGS if not isinstance(binding, tuple)}  # type: ignore[union-attr]
    assert {"reader.scroll_down", "reader.page_down", "reader.top", "reader.half_up"} <= ids


async def test_empty_state_hint() -> None:
    app = ReaderApp()
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.query_one(Reader)
        await pilot.pause()
        assert "Chọn một bài để đọc" in screen_text(app)
        reader.show(make_article(FIGURE))
        await pilot.pause()
        reader.show(None)
        await pilot.pause()
        assert reader.article is None
        text = screen_text(app)
        assert "Chọn một bài để đọc" in text
        assert "Toàn cảnh" not in text

    english = ReaderApp(labels={"reader.empty": "Pick an article"})
    async with english.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Pick an article" in screen_text(english)


async def test_text_column_stays_readable_on_wide_screens() -> None:
    app = ReaderApp()
    async with app.run_test(size=(160, 48)) as pilot:
        reader = app.query_one(Reader)
        reader.show(make_article("<p>" + "chữ " * 200 + "</p>"))
        await pilot.pause()
        body = reader.query_one("#reader-body")
        assert body.size.width <= 100


class PictureApp(App[None]):
    def __init__(self, files: dict[str, Path]) -> None:
        super().__init__()
        self.files = files

    def compose(self) -> ComposeResult:
        from textual_image.widget import HalfcellImage

        yield Reader(resolve_image=self.files.get, picture_widget=HalfcellImage, id="reader")


async def test_picture_sits_above_its_caption_in_the_text(tmp_path: Path) -> None:
    from newsreader_tui.ui.widgets.article_image import ArticleImage

    picture = tmp_path / "hoi-nghi.png"
    picture.write_bytes(png(64, 32, color=lambda x, y: (x * 4 % 256, 120, 200)))
    broken = tmp_path / "hong.jpg"
    broken.write_bytes(b"\xff\xd8\xff not really a jpeg")
    body = FIGURE.replace("/anh/hoi-nghi.jpg", "https://baodientu.example.vn/anh/hoi-nghi.jpg")
    body += '<figure><img src="https://baodientu.example.vn/anh/hong.jpg"><figcaption>Ảnh hỏng'
    body += "</figcaption></figure>"
    app = PictureApp(
        {
            "https://baodientu.example.vn/anh/hoi-nghi.jpg": picture,
            "https://baodientu.example.vn/anh/hong.jpg": broken,
        }
    )
    async with app.run_test(size=(100, 60)) as pilot:
        reader = app.query_one(Reader)
        reader.show(make_article(body))
        for _ in range(20):
            await pilot.pause(0.05)
        first, second = list(reader.query(ArticleImage))
        assert first.has_picture and not second.has_picture  # a broken file is just its caption
        picture_widget = first.query_one(".article-image--picture")
        caption = first.query_one(".article-image--caption")
        assert picture_widget.region.height > 0
        assert picture_widget.region.y < caption.region.y
        screen = screen_text(app)
        opening = screen.index("Hội nghị khai mạc sáng nay.")
        assert opening < screen.index("▣ Toàn cảnh hội nghị (Ảnh: Bá Luân)")
        assert screen.index("▣ Toàn cảnh hội nghị") < screen.index("[video] Toàn cảnh phiên")
        assert "▣ Ảnh hỏng" in screen
