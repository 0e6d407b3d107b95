"""The demo's notice 101 keeps its sapo in the JSON API's summary field (issue 11, item 6): the
reader and `show` show it as the lead, at 80x24 and 160x48."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from newsreader_tui.i18n import Labels
from newsreader_tui.output import render_article
from newsreader_tui.ui.app import NewsreaderApp
from support.screen import screen_text

if TYPE_CHECKING:
    from conftest import AppEnv

MARKUP_TITLE = "[b]Chú ý[/b]: Thay đổi lịch tiếp công dân tháng 12/2026"

SAPO_START = "UBND huyện Sông Xanh thông báo"
SAPO = (
    "UBND huyện Sông Xanh thông báo điều chỉnh lịch tiếp công dân định kỳ của Chủ tịch UBND "
    "huyện trong tháng 12/2026."
)


def _row_of(app: NewsreaderApp, title: str) -> int:
    articles = app.main_screen.articles
    rows = [articles._row_at(i) for i in range(articles.count)]
    return next(i for i, row in enumerate(rows) if row is not None and row.title == title)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_reader_shows_the_sapo_above_the_body(env: AppEnv, size: tuple[int, int]) -> None:
    app = env.app()
    async with app.run_test(size=size) as pilot:
        await env.settle(pilot)
        index = _row_of(app, MARKUP_TITLE)
        await pilot.press(*"j" * index, "enter")
        await env.settle(pilot)
        article = app.main_screen.reader.article
        assert article is not None and article.title == MARKUP_TITLE
        assert SAPO not in article.body_html  # the API keeps it in the summary alone
        text = screen_text(app)
        assert SAPO_START in text
        assert text.index(SAPO_START) < text.index("Lịch tiếp công dân cụ thể như sau")


def test_show_prints_the_sapo_first_and_once(env: AppEnv) -> None:
    service = env.service()
    notices = [a for a in service.store.articles() if a.title == MARKUP_TITLE]
    assert notices
    for article in notices:  # every demo source of notice 101: the sapo once, before the body
        text = render_article(article, 80, Labels("vi"))
        flat = " ".join(text.split())
        assert flat.count(SAPO) == 1
        assert flat.index(SAPO) < flat.index("Lịch tiếp công dân cụ thể như sau")
