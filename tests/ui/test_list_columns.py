"""List rows sized to the room there is (issue 8, items 2 and 3).

The title takes every cell the other columns do not need; the source column goes away where
every row has the same source; a date is whole or absent, never cut.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from textual.app import App, ComposeResult

from newsreader_tui.core.dates import VN_TZ
from newsreader_tui.core.models import ArticleRow
from newsreader_tui.ui.widgets.article_list import ArticleList
from newsreader_tui.ui.widgets.article_rows import (
    DATE_WIDTH,
    MARKERS,
    SHORT_DATE_WIDTH,
    TITLE_WANT,
    plan_columns,
)

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=VN_TZ)
TITLE = "Khởi công cảng cạn ICD Sông Xanh vốn đầu tư 1.200 tỷ đồng, đón tàu đầu tiên năm 2027"


def rows(count: int, *, feeds: int) -> list[ArticleRow]:
    return [
        ArticleRow(
            id=i + 1,
            feed_url=f"https://tin{i % feeds}.example.vn/rss",
            feed_title=f"Báo Tỉnh Hòa Bình Xanh số {i % feeds}",
            category="Tin tức",
            title=TITLE,
            published=NOW - timedelta(hours=i),
            read=False,
            starred=False,
        )
        for i in range(count)
    ]


class ListApp(App[None]):
    def __init__(self, rows: list[ArticleRow]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield ArticleList(id="articles", clock=lambda: NOW)

    def on_mount(self) -> None:
        self.query_one(ArticleList).load(
            lambda offset, limit: self.rows[offset : offset + limit], len(self.rows)
        )


def line(article_list: ArticleList, y: int) -> str:
    return article_list.render_line(y).text


def test_every_width_adds_up_and_never_cuts_a_date() -> None:
    for width in range(16, 241):
        for show_source in (True, False):
            columns = plan_columns(width, show_source=show_source)
            used = MARKERS + columns.title + 1
            used += columns.date + 1 if columns.date else 0
            used += columns.source + 1 if columns.source else 0
            assert used == width, width
            assert columns.date in (0, SHORT_DATE_WIDTH, DATE_WIDTH)
            if width >= 40:
                assert columns.date == DATE_WIDTH, width
            if columns.source:
                assert columns.title >= TITLE_WANT, width
            if not show_source:
                assert columns.source == 0


def test_the_source_column_only_takes_what_the_title_does_not_need() -> None:
    assert plan_columns(79).source == 0  # 80 columns: the title gets 63 cells
    assert plan_columns(79).title == 63
    assert plan_columns(99).source == 18  # 100 columns: the title keeps 64
    assert plan_columns(119).source == 22  # 120 columns: the title keeps 80
    assert plan_columns(119).title == 80
    assert plan_columns(144).source == 28  # "Cổng TTĐT tỉnh Hòa Bình Xanh", whole


async def test_a_view_of_one_feed_leaves_the_source_out() -> None:
    app = ListApp(rows(30, feeds=1))
    async with app.run_test(size=(120, 20)) as pilot:
        await pilot.pause()
        article_list = app.query_one(ArticleList)
        assert article_list.single_source
        assert "Báo Tỉnh" not in line(article_list, 0)
        assert TITLE in line(article_list, 0)  # the whole title
        app.rows = rows(30, feeds=3)
        article_list.refresh_rows()
        await pilot.pause()
        await pilot.pause()
        assert not article_list.single_source
        assert "Báo Tỉnh Hòa Bình" in line(article_list, 0)


async def test_rows_keep_whole_dates_at_sixty_columns() -> None:
    """Below 66 columns the rows read "19/11 1"."""
    app = ListApp(rows(30, feeds=3))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        article_list = app.query_one(ArticleList)
        text = line(article_list, 0)
        assert text.rstrip().endswith("20/11 12:00")
        assert len(text) == article_list.scrollable_content_region.width
        older = replace(app.rows[0], published=datetime(2018, 11, 8, 9, 26, tzinfo=VN_TZ))
        app.rows = [older, *app.rows[1:]]
        article_list.refresh_rows()
        await pilot.pause()
        await pilot.pause()
        assert line(article_list, 0).rstrip().endswith("08/11/2018")
