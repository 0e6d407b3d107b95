"""The sidebar works out its labels' widths instead of rendering them (Tree measures every
label on each focus move); the worked-out width must be the rendered one, for every node."""

from __future__ import annotations

import pytest
from rich.style import Style
from textual.app import App, ComposeResult

from newsreader_tui.core.models import FeedStatus
from newsreader_tui.core.views import CategoryCounts, SidebarData
from newsreader_tui.i18n import VI
from newsreader_tui.ui.widgets.sidebar import Sidebar


def feed(url: str, title: str, unread: int, error: str | None = None) -> FeedStatus:
    return FeedStatus(
        url=url,
        title=title,
        category="",
        kind="rss",
        resolved_url=None,
        last_attempt=None,
        last_success=None,
        http_status=None,
        error=error,
        item_count=unread,
        unread=unread,
        last_new=0,
    )


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
        CategoryCounts("新闻 wide 漢字", 0, (feed("http://a.test/4", "漢字漢字漢字", 3),)),
        CategoryCounts("Đóng", 5, (feed("http://a.test/5", "Trong nhóm đóng", 5),)),
    ),
)


class SidebarApp(App[None]):
    def __init__(self, width: int) -> None:
        super().__init__()
        self.width = width

    def compose(self) -> ComposeResult:
        sidebar = Sidebar(labels=VI, id="sidebar")
        sidebar.styles.width = self.width
        yield sidebar


@pytest.mark.parametrize("width", [4, 9, 16, 28, 60])
async def test_worked_out_width_is_the_rendered_width(width: int) -> None:
    app = SidebarApp(width)
    async with app.run_test(size=(80, 24)) as pilot:
        sidebar = app.query_one(Sidebar)
        sidebar.update_data(DATA)
        await pilot.pause()
        sidebar.root.children[-1].collapse()  # a closed category: the other toggle
        await pilot.pause()
        nodes = [n for n in sidebar._tree_nodes.values() if n.data is not None]
        assert len(nodes) == 4 + 3 + 5
        for node in nodes:
            rendered = sidebar.render_label(node, Style(), Style()).cell_len
            assert sidebar.get_label_width(node) == rendered, node.label.plain
        # and as Tree measures them, all together while building its lines
        widths: list[int] = []
        original = sidebar.get_label_width
        sidebar.get_label_width = lambda node: widths.append(original(node)) or widths[-1]  # type: ignore[method-assign]
        sidebar._invalidate()
        await pilot.pause()
        assert widths and max(widths) <= max(width, 1) + 12
        assert sidebar.virtual_size.width == max(
            sidebar.render_label(line.node, Style(), Style()).cell_len
            + line._get_guide_width(sidebar.guide_depth, sidebar.show_root)
            for line in sidebar._tree_lines
        )
