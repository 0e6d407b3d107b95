"""The reading flow a newsboat user relies on (issue 8, items 4, 5, 7, 12 and 13), under Pilot.

Keys act on the article being read, not on the row the cursor wandered to; `n`/`p` find the
nearest unread article anywhere in the view (loaded or not), wrap around and then offer the next
category; each feed's articles show as soon as it is stored, with cursor and reader left alone;
and the list and status bar never say something stale or misleading.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import pytest
from pytest_httpserver import HTTPServer
from textual.app import App, ComposeResult
from textual.widget import Widget
from werkzeug import Request, Response

from newsreader_tui.core.models import FeedConfig
from newsreader_tui.core.views import View
from newsreader_tui.demo import BASE_DATE
from newsreader_tui.ui.app import NewsreaderApp, make_app
from newsreader_tui.ui.screens.confirm import ConfirmScreen
from newsreader_tui.ui.screens.main_reading import Throttle
from support.articles import new_article
from support.feeds import rss, rss_item

if TYPE_CHECKING:
    from conftest import AppEnv

WIDE = (160, 48)
NARROW = (80, 24)
TOTAL = 66
CATEGORY = "Kinh tế - Xã hội"


def status_text(app: NewsreaderApp) -> str:
    return " ".join(str(label.render()) for label in app.main_screen.status.query("Label"))


def messages(app: NewsreaderApp) -> list[str]:
    return [n.message for n in app._notifications]


def row_id(app: NewsreaderApp, index: int) -> int:
    row = app.main_screen.articles._row_at(index)
    assert row is not None
    return row.id


def stored(app: NewsreaderApp, article_id: int) -> tuple[bool, bool]:
    """(read, starred) as the database has them."""
    article = app.service.store.article(article_id)
    assert article is not None
    return article.read, article.starred


# -- item 7: keys act on the article being read ---------------------------------------------------


async def test_keys_act_on_the_open_article_not_on_the_cursor_row(env: AppEnv) -> None:
    """Open A, press j, press s: A is starred, not B; m and y act on A too, and the reader's
    article keeps up with its state (its header draws it)."""
    app = env.app()
    async with app.run_test(size=WIDE) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        first, second = row_id(app, 0), row_id(app, 1)
        await pilot.press("enter")  # A opens (and is marked read at once in these tests)
        await env.settle(pilot)
        await pilot.press("j")
        assert main.articles.highlighted_row.id == second  # type: ignore[union-attr]
        await pilot.press("s")
        await env.settle(pilot)
        assert stored(app, first) == (True, True)
        assert stored(app, second) == (False, False)
        assert main.reader.article is not None and main.reader.article.starred
        await pilot.press("m")
        await env.settle(pilot)
        assert stored(app, first) == (False, True)
        assert stored(app, second) == (False, False)
        assert main.reader.article is not None and not main.reader.article.read
        await pilot.press("y")
        await env.settle(pilot)
        assert app.clipboard == main.reader.article.url


async def test_space_pages_the_focused_reader_where_the_cursor_went(env: AppEnv) -> None:
    """With the reader focused, Space pages what is being read even though the list's cursor
    moved to another row (j scrolls it too); from the list, Space opens that row. Three panes,
    where the list and the reader are both on screen; 16 rows, so the article takes pages."""
    app = env.app()
    async with app.run_test(size=(WIDE[0], 16)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        await pilot.press("j", "enter")  # a long article: several pages at this size
        await env.settle(pilot)
        reading = main.reader.article
        assert reading is not None and main.reader.max_scroll_y > 0
        await pilot.press("j")  # the list's cursor moves on
        await pilot.press("tab")  # into the reader
        await pilot.pause()
        assert app.focused is main.reader
        await pilot.press("space")
        await env.settle(pilot)
        assert main.reader.article.id == reading.id  # type: ignore[union-attr]
        assert main.reader.scroll_y > 0
        scrolled = main.reader.scroll_y
        await pilot.press("j")
        await pilot.pause()
        assert main.reader.scroll_y > scrolled
        await pilot.press("shift+tab")  # back to the list, whose cursor is on another row
        await pilot.pause()
        await pilot.press("space")
        await env.settle(pilot)
        assert main.reader.article.id == row_id(app, 2)  # type: ignore[union-attr]


# -- item 5: n and p ------------------------------------------------------------------------------


async def test_n_pressed_quickly_goes_one_unread_article_per_press(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=WIDE) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        for _ in range(3):  # three presses before the first answer is back
            main.action_next_unread(1)
        await env.settle(pilot)
        assert main.articles.cursor == 2
        assert main.reader.article is not None and main.reader.article.id == row_id(app, 2)


async def test_n_moves_the_cursor_and_opens_the_article_in_one_frame(env: AppEnv) -> None:
    """One callback does both: no frame shows the cursor on the next article while the reader
    still shows the last one (and no second worker's round trip, issue 10)."""
    app = env.app()
    async with app.run_test(size=WIDE) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        await pilot.press("n")
        await env.settle(pilot)
        frames: list[tuple[int | None, int | None]] = []

        def seen() -> None:
            row, open_ = main.articles.highlighted_row, main.reader.article
            frames.append((row.id if row else None, open_.id if open_ else None))

        app.post_display_hook = seen  # type: ignore[method-assign]
        for _ in range(3):
            await pilot.press("n")
            await env.settle(pilot)
        assert frames and all(row == open_ for row, open_ in frames), frames
        assert main.reader.article is not None and main.articles.cursor == 3


async def test_an_article_read_late_does_not_replace_the_one_opened_since(
    env: AppEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter reads its article in a worker; `n` opens another meanwhile: the first must not
    land over it when its read finally returns."""
    app = env.app()
    async with app.run_test(size=WIDE) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        slow, released = row_id(app, 0), threading.Event()
        read = main.service.store.article

        def held(article_id: int) -> Any:
            if article_id == slow:
                released.wait(5)
            return read(article_id)

        monkeypatch.setattr(main.service.store, "article", held)
        await pilot.press("enter")  # its read is held
        await pilot.pause()
        later = main.service.store.article(row_id(app, 1))
        assert later is not None
        main.show_article(later)  # what `n` does once it has found and read the next
        released.set()
        await env.settle(pilot)
        assert main.reader.article is not None and main.reader.article.id == later.id


async def test_n_at_the_bottom_wraps_to_the_unread_above(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=WIDE) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        await pilot.press("G", "m")  # the last row read: nothing unread below the cursor
        await env.settle(pilot)
        await pilot.press("n")
        await env.settle(pilot)
        assert main.articles.cursor == 0
        assert main.reader.article is not None and main.reader.article.id == row_id(app, 0)
        assert "Không còn bài chưa đọc." not in messages(app)


async def test_n_finds_unread_articles_on_pages_not_loaded(env: AppEnv) -> None:
    """350 articles; the only unread one is on the third page, which the list never loaded."""
    feed = FeedConfig("https://tin.vn/rss", title="Tin", category="Thời sự")
    settings = env.settings(feeds=(feed,))
    service = env.service(settings)
    items = [
        new_article(f"a{i}", f"Tin số {i}", published=BASE_DATE - timedelta(minutes=i))
        for i in range(350)
    ]
    service.store.upsert_articles(feed.url, items, BASE_DATE)
    view = View("feed", feed.url)
    app = env.app(settings, service=service)
    ids = [row.id for row in app.views.rows(view, 0, 400)]
    service.store.mark([i for i in ids if i != ids[250]], read=True, now=BASE_DATE)
    app.views.remember(view)
    async with app.run_test(size=WIDE) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        assert main.view == view and 2 not in main.articles._pages
        await pilot.press("n")
        await env.settle(pilot)
        assert main.reader.article is not None and main.reader.article.id == ids[250]
        assert main.articles.cursor == 250
        assert main.articles.highlighted_row.id == ids[250]  # type: ignore[union-attr]
        await pilot.press("n")  # the one being read was the last unread
        await env.settle(pilot)
        assert "Không còn bài chưa đọc." in messages(app)


async def test_n_after_a_refresh_opens_the_unread_row_under_the_cursor(env: AppEnv) -> None:
    """Read A in Unread, refresh: A keeps its row (and the cursor), and n opens B, the article
    after it, instead of jumping over it."""
    server = env.start_server(int(env.base_url.rsplit(":", 1)[1]))
    try:
        app = env.app()
        async with app.run_test(size=WIDE) as pilot:
            main = app.main_screen
            await env.settle(pilot)
            first, second = row_id(app, 0), row_id(app, 1)
            await pilot.press("enter")
            await env.settle(pilot)
            await pilot.press("R")
            await env.wait_for(pilot, lambda: not main.refresher.running)
            await env.settle(pilot)
            assert main.articles.highlighted_row.id == first  # type: ignore[union-attr]
            await pilot.press("n")
            await env.settle(pilot)
            assert main.reader.article is not None and main.reader.article.id == second
    finally:
        server.stop()


async def test_n_offers_the_next_category_then_goes_there(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=WIDE) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        names = [c.name for c in app.views.sidebar().categories]
        following = View("category", names[(names.index(CATEGORY) + 1) % len(names)])
        main.switch_view(View("category", CATEGORY))
        await env.settle(pilot)
        await pilot.press("A", "y")
        await env.settle(pilot)
        await pilot.press("n")
        await env.settle(pilot)
        label = main.sidebar.view_label(following)
        assert f"Hết bài chưa đọc ở đây. Nhấn n để sang “{label}”." in messages(app)
        assert main.view == View("category", CATEGORY)
        await pilot.press("n")
        await env.settle(pilot)
        assert main.view == following
        first = app.views.rows(following, 0, 1)[0]
        assert main.reader.article is not None and main.reader.article.id == first.id
        assert main.articles.highlighted_row.id == first.id  # type: ignore[union-attr]


# -- item 12: the reader follows the view; Space and A count unread ----------------------------


async def test_switching_view_clears_the_reader(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=WIDE) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        await pilot.press("enter")
        await env.settle(pilot)
        assert main.reader.article is not None
        main.switch_view(View("category", CATEGORY))
        await env.settle(pilot)
        assert main.reader.article is None
        await pilot.press("s")  # nothing is being read: s stars the cursor's row
        await env.settle(pilot)
        assert stored(app, row_id(app, 0))[1]


async def test_space_at_the_end_of_an_article_goes_to_the_next_unread(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=WIDE) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        await pilot.press("j", "m", "k")  # row 1 read
        await env.settle(pilot)
        await pilot.press("space")
        await env.settle(pilot)
        assert main.reader.article is not None and main.reader.article.id == row_id(app, 0)
        for _ in range(30):
            if main.reader.article.id != row_id(app, 0):
                break
            await pilot.press("space")
            await env.settle(pilot, rounds=1)
        assert main.articles.cursor == 2
        assert main.reader.article.id == row_id(app, 2)


async def test_mark_all_read_counts_only_the_unread(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=WIDE) as pilot:
        await env.settle(pilot)
        await pilot.press("m", "j", "m")
        await env.settle(pilot)
        await pilot.press("A")
        await env.settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert f"{TOTAL - 2} bài" in app.screen.question
        await pilot.press("y")
        await env.settle(pilot)
        assert f"Đã đánh dấu đọc {TOTAL - 2} bài." in messages(app)
        await pilot.press("A")  # nothing left to mark: no question
        await env.settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)


# -- item 13: what the list and the status bar say -------------------------------------------


async def test_status_bar_count_agrees_with_the_sidebar(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=WIDE) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        for _ in range(4):
            await pilot.press("enter", "j")
            await env.settle(pilot)
        assert main.articles.count == TOTAL  # the rows read stay where they were
        assert f"{TOTAL - 4} chưa đọc, {TOTAL} bài" in status_text(app)
        assert main.sidebar.view_label(View("unread")) in status_text(app)
        await pilot.press("k", "m")  # unread again
        await env.settle(pilot)
        assert f"{TOTAL - 3} chưa đọc, {TOTAL} bài" in status_text(app)


async def test_no_config_keeps_saying_where_to_put_it(empty_env: AppEnv) -> None:
    notice = "Chưa có tệp cấu hình. Tạo tệp tại /nhà/tôi/.config/newsreader-tui/config.toml."
    settings = empty_env.settings(feeds=())
    service = empty_env.service(settings)
    app = make_app(settings, service, notice=notice, clock=lambda: BASE_DATE)
    async with app.run_test(size=NARROW) as pilot:
        main = app.main_screen
        await empty_env.settle(pilot)
        text = empty_env.screen_text(app)
        assert "Đã đọc hết" not in text
        assert "/nhà/tôi/.config/newsreader-tui/config.toml." in text  # wrapped, not cut
        assert main.articles.empty_text == notice  # there for good, not in a 10 s toast only
        await pilot.press("R")
        await empty_env.settle(pilot)
        assert not main.refresher.running
        assert messages(app).count(notice) == 2  # once at start, once for R


# -- item 4 and 13: a slow feed does not hold the others back ----------------------------------


@pytest.fixture
def slow_feed(httpserver: HTTPServer) -> Iterator[tuple[FeedConfig, threading.Event]]:
    """A feed that answers only when the test sets the event: a portal taking its time."""
    release = threading.Event()
    news = rss(rss_item("cham", "Tin đến muộn", published=BASE_DATE - timedelta(hours=1)))

    def answer(request: Request) -> Response:
        release.wait(timeout=20)
        return Response(news, content_type="application/rss+xml")

    httpserver.expect_request("/cham.rss").respond_with_handler(answer)
    feed = FeedConfig(url=httpserver.url_for("/cham.rss"), title="Cổng chậm", category="Chậm")
    yield feed, release
    release.set()


async def test_each_feed_shows_as_soon_as_it_is_stored(
    empty_env: AppEnv, demo_server: Any, slow_feed: tuple[FeedConfig, threading.Event]
) -> None:
    feed, release = slow_feed
    empty_env.base_url = demo_server.base_url
    settings = empty_env.settings()
    app = empty_env.app(empty_env.settings(feeds=(*settings.feeds, feed)), refresh_on_start=True)
    async with app.run_test(size=WIDE) as pilot:
        main = app.main_screen
        articles = main.articles
        await empty_env.wait_for(pilot, lambda: main.refresher.running)
        assert "Đang tải các nguồn tin..." in empty_env.screen_text(app)
        assert "Đã đọc hết" not in empty_env.screen_text(app)
        # Every fast feed shows while the slow one has not answered yet.
        await empty_env.wait_for(pilot, lambda: articles.count == TOTAL)
        assert main.refresher.running and not release.is_set()
        assert f"{TOTAL} bài" in status_text(app)
        await pilot.press("j", "j", "j", "enter")
        reading = articles.highlighted_row
        assert reading is not None
        # (Not `settle`: it waits for every worker, the refresh too.)
        await empty_env.wait_for(pilot, lambda: main.reader.article is not None)
        assert main.reader.article.id == reading.id  # type: ignore[union-attr]
        release.set()  # the slow feed's article is the newest: it goes on top
        await empty_env.wait_for(pilot, lambda: articles.count == TOTAL + 1)
        await empty_env.settle(pilot)
        assert articles.cursor == 4
        assert articles.highlighted_row.id == reading.id  # type: ignore[union-attr]
        assert main.reader.article.id == reading.id
        assert articles._row_at(0).title == "Tin đến muộn"  # type: ignore[union-attr]


async def test_a_stored_feed_leaves_a_scrolled_list_where_it_was(
    empty_env: AppEnv, demo_server: Any, slow_feed: tuple[FeedConfig, threading.Event]
) -> None:
    """Scrolled down the list, the article under the cursor stays on the same screen line
    when a feed stores newer articles above it."""
    feed, release = slow_feed
    empty_env.base_url = demo_server.base_url
    settings = empty_env.settings()
    app = empty_env.app(empty_env.settings(feeds=(*settings.feeds, feed)), refresh_on_start=True)
    async with app.run_test(size=NARROW) as pilot:
        main = app.main_screen
        articles = main.articles
        await empty_env.wait_for(pilot, lambda: articles.count == TOTAL)
        await pilot.press("G", "k")
        await pilot.pause()
        under = articles.highlighted_row
        line = articles.cursor - articles.scroll_y
        assert under is not None and articles.scroll_y > 0
        release.set()
        await empty_env.wait_for(pilot, lambda: articles.count == TOTAL + 1)
        await empty_env.settle(pilot)
        assert articles.highlighted_row.id == under.id  # type: ignore[union-attr]
        assert articles.cursor - articles.scroll_y == line
        assert main.reader.article is None  # nothing was opened for the user


class _Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Widget()


async def test_a_burst_of_stored_feeds_reloads_once() -> None:
    calls: list[datetime] = []
    app = _Host()
    async with app.run_test() as pilot:
        throttle = Throttle(app.query_one(Widget), 0.05, lambda: calls.append(datetime.now()))
        for _ in range(14):
            throttle()
        assert throttle.pending and not calls
        while throttle.pending:
            await pilot.pause(0.02)
        assert len(calls) == 1
        throttle()
        throttle.cancel()  # the final reload happens anyway: the pending one is dropped
        assert not throttle.pending and len(calls) == 1
