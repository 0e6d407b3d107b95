"""Pilot tests for `ArticleList`: paging from a source, keys, messages, rendering."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime, timedelta

from textual import on
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from newsreader_tui.core.dates import VN_TZ
from newsreader_tui.core.models import ArticleRow
from newsreader_tui.ui.widgets.article_list import ArticleList

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=VN_TZ)
TITLES = (
    "Khánh thành cầu Sông Xanh 2",
    "[b]Chú ý[/b] lịch cắt điện",
    "Nông dân Phú Lộc thu hoạch lúa mùa được giá",
    "Xuất khẩu dệt may tăng tốc dịp cuối năm",
)


def make_rows(count: int, *, prefix: str = "") -> list[ArticleRow]:
    """Newest first, like the store; row 1 has a markup-like title, every third row is read."""
    return [
        ArticleRow(
            id=i + 1,
            feed_url=f"https://tin{i % 7}.example.vn/rss",
            feed_title=f"Báo Tỉnh Hòa Bình Xanh số {i % 7}",
            category="Tin tức",
            title=f"{prefix}{TITLES[i % len(TITLES)]} #{i}",
            published=NOW - timedelta(hours=i),
            read=i % 3 == 2,
            starred=i % 5 == 0,
        )
        for i in range(count)
    ]


class ListApp(App[None]):
    """Mounts one ArticleList fed from a list in memory, recording calls and messages."""

    def __init__(self, rows: list[ArticleRow]) -> None:
        super().__init__()
        self.rows = rows
        self.calls: list[tuple[int, int]] = []
        self.highlighted: list[ArticleList.Highlighted] = []
        self.selected: list[ArticleList.Selected] = []
        self.failures: list[str] = []
        self.gate: threading.Event | None = None
        """When set, the source waits on it: lets a test hold a page in flight."""

    def compose(self) -> ComposeResult:
        yield ArticleList(id="articles", clock=lambda: NOW)

    def on_mount(self) -> None:
        article_list = self.query_one(ArticleList)
        article_list.load(self.source, len(self.rows), key="all:")
        article_list.focus()

    def source(self, offset: int, limit: int) -> list[ArticleRow]:
        self.calls.append((offset, limit))
        if self.gate is not None:
            self.gate.wait(5)
        return self.rows[offset : offset + limit]

    @on(ArticleList.Highlighted)
    def _highlighted(self, message: ArticleList.Highlighted) -> None:
        self.highlighted.append(message)

    @on(ArticleList.LoadFailed)
    def _failed(self, message: ArticleList.LoadFailed) -> None:
        self.failures.append(message.error)

    @on(ArticleList.Selected)
    def _selected(self, message: ArticleList.Selected) -> None:
        self.selected.append(message)


async def settle(pilot: Pilot[None]) -> None:
    """Let page workers finish and their results be applied."""
    await pilot.pause()
    while any(worker.is_running for worker in pilot.app.workers):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def line(widget: ArticleList, y: int) -> str:
    return widget.render_line(y).text


async def test_first_rows_render_and_only_nearby_pages_load() -> None:
    app = ListApp(make_rows(10_000))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        article_list = app.query_one(ArticleList)
        assert article_list.count == 10_000
        assert app.calls == [(0, 100)]
        assert "Khánh thành cầu Sông Xanh 2 #0" in line(article_list, 0)
        assert line(article_list, 0).startswith("▪*")
        assert "20/11 12:00" in line(article_list, 0)
        assert "Báo Tỉnh Hòa" in line(article_list, 0)
        await pilot.press("G")
        await settle(pilot)
        # Only the last page (and none in between) was asked for.
        assert app.calls == [(0, 100), (9_900, 100)]
        assert article_list.highlighted_row == app.rows[-1]


async def test_markup_like_title_is_shown_literally() -> None:
    app = ListApp(make_rows(50))
    async with app.run_test() as pilot:
        await settle(pilot)
        assert "[b]Chú ý[/b] lịch cắt điện #1" in line(app.query_one(ArticleList), 1)


async def test_keys_move_cursor_and_post_highlighted() -> None:
    app = ListApp(make_rows(10_000))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        article_list = app.query_one(ArticleList)
        height = article_list.scrollable_content_region.height
        steps = [
            ("j", 1),
            ("down", 2),
            ("k", 1),
            ("up", 0),
            ("up", 0),
            ("pagedown", height),
            ("ctrl+d", height + height // 2),
            ("ctrl+u", height),
            ("pageup", 0),
            ("G", 9_999),
            ("g", 0),
            ("end", 9_999),
            ("home", 0),
        ]
        for key, expected in steps:
            await pilot.press(key)
            await settle(pilot)
            assert article_list.cursor == expected, key
            assert app.highlighted[-1].index == expected, key
            assert app.highlighted[-1].row == app.rows[expected], key
            top = article_list.scroll_offset.y
            assert top <= expected < top + height, key


async def test_enter_and_click_post_selected() -> None:
    app = ListApp(make_rows(500))
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "enter")
        assert [(m.index, m.row) for m in app.selected] == [(2, app.rows[2])]
        await pilot.click(ArticleList, offset=(10, 4))
        assert app.selected[-1].index == 4
        assert app.query_one(ArticleList).cursor == 4


async def test_update_row_changes_only_that_row() -> None:
    app = ListApp(make_rows(500))
    async with app.run_test() as pilot:
        await settle(pilot)
        article_list = app.query_one(ArticleList)
        assert line(article_list, 3).startswith("▪ ")
        article_list.update_row(app.rows[3].id, read=True, starred=True)
        await pilot.pause()
        assert line(article_list, 3).startswith(" *")


async def test_load_with_new_key_discards_stale_pages() -> None:
    app = ListApp(make_rows(1_000))
    async with app.run_test() as pilot:
        await settle(pilot)
        article_list = app.query_one(ArticleList)
        app.gate = threading.Event()
        await pilot.press("G")  # page 9 is now in flight and held
        await pilot.pause()
        assert (900, 100) in app.calls
        other = make_rows(1_000, prefix="Khác: ")
        article_list.load(lambda o, n: other[o : o + n], len(other), key="feed:x", first_page=[])
        app.gate.set()
        await settle(pilot)
        assert article_list.view_key == "feed:x"
        assert article_list.cursor == 0
        assert all(row.title.startswith("Khác: ") for row in article_list._pages[0])
        assert 9 not in article_list._pages
        assert "Khác: " in line(article_list, 0)


async def test_placeholder_then_row_when_page_arrives() -> None:
    app = ListApp(make_rows(300))
    async with app.run_test() as pilot:
        await settle(pilot)
        article_list = app.query_one(ArticleList)
        app.gate = threading.Event()
        article_list.load(app.source, 300, key="all:")
        await pilot.pause()
        assert "Đang tải..." in line(article_list, 0)
        assert article_list.highlighted_row is None
        # Marked read while its page was in flight: the page arrives with the old state.
        article_list.update_row(app.rows[0].id, read=True)
        app.gate.set()
        await settle(pilot)
        assert "#0" in line(article_list, 0)
        assert line(article_list, 0).startswith(" *")
        # The cursor's row arrived after the first Highlighted: a second one carries it.
        assert app.highlighted[-1].row == replace(app.rows[0], read=True)


async def test_refresh_rows_keeps_cursor_and_shows_new_state() -> None:
    app = ListApp(make_rows(500))
    async with app.run_test() as pilot:
        await settle(pilot)
        article_list = app.query_one(ArticleList)
        article_list.move_cursor_to(5)
        app.rows = [replace(row, read=True) for row in app.rows]
        article_list.refresh_rows()
        await settle(pilot)
        assert article_list.cursor == 5
        assert not line(article_list, 0).startswith("▪")


async def test_narrow_widths_drop_source_then_shorten_date() -> None:
    app = ListApp(make_rows(50))
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        article_list = app.query_one(ArticleList)
        assert "Báo Tỉnh" in line(article_list, 0)
        await pilot.resize_terminal(80, 24)  # the title keeps the room the source would take
        await pilot.pause()
        assert "Báo Tỉnh" not in line(article_list, 0)
        assert line(article_list, 0).rstrip().endswith("20/11 12:00")
        assert len(line(article_list, 0)) == article_list.scrollable_content_region.width
        await pilot.resize_terminal(36, 24)
        await pilot.pause()
        assert line(article_list, 0).rstrip().endswith(" 20/11")


async def test_empty_view_shows_empty_text() -> None:
    app = ListApp([])
    async with app.run_test() as pilot:
        await settle(pilot)
        article_list = app.query_one(ArticleList)
        assert article_list.empty
        assert article_list.highlighted_row is None
        assert "Không có bài viết nào." in line(article_list, 0)
        await pilot.press("j", "enter")
        assert app.selected == []


async def test_scrolling_away_brings_the_cursor_along() -> None:
    app = ListApp(make_rows(1_000))
    async with app.run_test() as pilot:
        await settle(pilot)
        article_list = app.query_one(ArticleList)
        article_list.scroll_to(y=300, animate=False)
        await settle(pilot)
        assert article_list.cursor == 300
        assert app.highlighted[-1].index == 300
        assert (300, 100) in app.calls
        assert all(offset < 500 for offset, _ in app.calls)


async def test_short_page_and_failing_source_do_not_loop() -> None:
    app = ListApp(make_rows(150))
    async with app.run_test() as pilot:
        await settle(pilot)
        article_list = app.query_one(ArticleList)
        app.calls.clear()

        def failing(offset: int, limit: int) -> list[ArticleRow]:
            app.calls.append((offset, limit))
            raise OSError("database is locked")

        article_list.load(failing, 150, key="all:")
        await settle(pilot)
        await settle(pilot)
        assert app.calls == [(0, 100)]
        assert app.failures == ["database is locked"]
        assert "Không tải được" in line(article_list, 0)
        # Fewer rows than the view promised (articles pruned meanwhile): the missing ones stay
        # blank and are not asked for again and again.
        app.calls.clear()
        app.rows = app.rows[:120]
        article_list.load(app.source, 150, key="all:")
        article_list.action_cursor_last()
        await settle(pilot)
        await settle(pilot)
        assert sorted(app.calls) == [(0, 100), (100, 100)]
        assert line(article_list, article_list.scrollable_content_region.height - 1).strip() == ""
