"""Pictures sized to the reader's room (issue 8, item 11): at most half its rows, and none in
a small reader, where the caption stands in for the picture."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult

from newsreader_tui.ui.widgets.article_image import SMALL_ROOM, ArticleImage, picture_rows
from newsreader_tui.ui.widgets.reader import Reader
from support.articles import make_article
from support.images import png


def test_pictures_take_at_most_half_the_room_and_none_when_small() -> None:
    assert picture_rows(SMALL_ROOM - 1) == 0
    assert picture_rows(23) == 11  # the reader of an 80x24 screen
    assert picture_rows(47) == 23


class PictureApp(App[None]):
    def __init__(self, picture: Path) -> None:
        super().__init__()
        self.picture = picture

    def compose(self) -> ComposeResult:
        from textual_image.widget import HalfcellImage

        yield Reader(resolve_image=lambda url: self.picture, picture_widget=HalfcellImage)


async def test_pictures_follow_the_readers_room(tmp_path: Path) -> None:
    picture = tmp_path / "anh.png"
    picture.write_bytes(png(64, 64, color=lambda x, y: (x * 4 % 256, 120, 200)))
    body = (
        "<p>Mở đầu.</p><figure><img src='https://baodientu.example.vn/anh.png'>"
        "<figcaption>Toàn cảnh</figcaption></figure><p>Tiếp.</p>"
    )
    app = PictureApp(picture)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.query_one(Reader)
        reader.show(make_article(body))
        image = reader.query_one(ArticleImage)
        for _ in range(20):
            if image.has_picture:
                break
            await pilot.pause(0.05)
        shown = image.query_one(".article-image--picture")
        await pilot.pause()
        assert 0 < shown.region.height <= 24 // 2
        await pilot.resize_terminal(80, 10)  # a small reader: the caption alone
        await pilot.pause()
        await pilot.pause()
        assert not shown.display
        assert "▣ Toàn cảnh" in reader.query_one(".article-image--caption").render().plain  # type: ignore[attr-defined]
        await pilot.resize_terminal(80, 40)
        await pilot.pause()
        await pilot.pause()
        assert shown.display and 12 < shown.region.height <= 20
