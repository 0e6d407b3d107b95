"""The sidebar cuts a long name, never its unread count: the count stays whole at the right edge
of every line, at every width the sidebar may be given, with wide (CJK) characters too."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult

from newsreader_tui.core.models import FeedStatus
from newsreader_tui.core.views import CategoryCounts, SidebarData, View
from newsreader_tui.i18n import VI
from newsreader_tui.ui.widgets.sidebar import Sidebar
from support.sidebar import feed_status


def feed(url: str, title: str, unread: int, error: str | None = None) -> FeedStatus:
    return feed_status(url, title, unread=unread, error=error)


DATA = SidebarData(
    smart={"all": 1234, "unread": 0, "today": 7, "starred": 2},
    categories=(
        CategoryCounts(
            "HĐ Đảng - Đoàn thể",
            12,
            (
                feed("http://a.test/1", "Tin hoạt động của Đảng bộ tỉnh Sông Xanh", 12),
                feed("http://a.test/2", "Ngắn", 0),
                feed("http://a.test/3", "Báo lỗi", 0, error="hỏng"),
            ),
        ),
        CategoryCounts("新闻 wide 漢字", 3, (feed("http://a.test/4", "漢字" * 6, 3),)),
        CategoryCounts("Đóng", 5, (feed("http://a.test/5", "Trong nhóm đóng", 5),)),
    ),
)
COUNTS = {View(kind): n for kind, n in DATA.smart.items()} | {
    View("category", c.name): c.unread for c in DATA.categories
}
COUNTS |= {View("feed", f.url): f.unread for c in DATA.categories for f in c.feeds}


class SidebarApp(App[None]):
    def __init__(self, width: int) -> None:
        super().__init__()
        self.width = width

    def compose(self) -> ComposeResult:
        sidebar = Sidebar(labels=VI, id="sidebar")
        sidebar.styles.width = self.width
        yield sidebar


@pytest.mark.parametrize("width", [9, 16, 28, 60])
async def test_a_long_name_never_hides_the_count(width: int) -> None:
    app = SidebarApp(width)
    async with app.run_test(size=(80, 24)) as pilot:
        sidebar = app.query_one(Sidebar)
        sidebar.update_data(DATA)
        await pilot.pause()
        await pilot.press("G", "h", "h")  # the last feed, up to its category, close it
        await pilot.pause()
        assert sidebar.label_text(View("category", "Đóng")).startswith("+ ")
        assert sidebar.label_text(View("feed", "http://a.test/5")) == ""  # hidden
        shown = [v for v in COUNTS if sidebar.label_text(v)]
        assert len(shown) == 4 + 3 + 3 + 1
        room = sidebar.scrollable_content_region.width
        for view in shown:
            text = sidebar.label_text(view)
            label_room = room - (2 if view.kind == "feed" else 0)
            assert cell_len(text) >= label_room, (view, text)
            if COUNTS[view]:
                assert text[:label_room].endswith(f" {COUNTS[view]}"), (view, text)
                assert text[:label_room].split()[0], text  # and something of the name
            else:
                assert not text.rstrip()[-1:].isdigit(), text
        long_feed = sidebar.label_text(View("feed", "http://a.test/1"))
        name = "Tin hoạt động của Đảng bộ tỉnh Sông Xanh"
        assert (name in long_feed) == (cell_len(name) + 3 <= room - 2)
