"""Every key the sidebar answered as a Textual Tree still works on the sidebar of our own
(issue 10), each under a binding id; a click selects a row, a click on a toggle opens or
closes its category; a rebuild keeps the cursor's view and the closed categories."""

from __future__ import annotations

from dataclasses import replace

from textual.app import App, ComposeResult
from textual.widgets import Static

from newsreader_tui.core.models import FeedStatus
from newsreader_tui.core.views import CategoryCounts, SidebarData, View
from newsreader_tui.i18n import VI
from newsreader_tui.ui.bindings import declared_bindings
from newsreader_tui.ui.widgets.sidebar import Sidebar
from support.sidebar import feed_status


def feed(url: str, title: str) -> FeedStatus:
    return feed_status(url, title)


def group(name: str, size: int) -> CategoryCounts:
    feeds = tuple(feed(f"http://{name}.test/{i}", f"{name} {i}") for i in range(size))
    return CategoryCounts(name, size, feeds)


DATA = SidebarData(
    smart={"all": 9, "unread": 9, "today": 0, "starred": 0},
    categories=(group("Thời sự", 3), group("Kinh tế", 2), group("Thể thao", 4)),
)
NEWS, ECONOMY, SPORT = (View("category", c.name) for c in DATA.categories)


def fv(name: str, i: int) -> View:
    return View("feed", f"http://{name}.test/{i}")


class SidebarApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.selected: list[View] = []

    def compose(self) -> ComposeResult:
        yield Sidebar(labels=VI, id="sidebar")
        yield Static("khác")

    def on_sidebar_view_selected(self, event: Sidebar.ViewSelected) -> None:
        self.selected.append(event.view)


def test_every_key_of_the_tree_has_an_id() -> None:
    keys = {key: binding.id for key, binding in declared_bindings(Sidebar) if binding.id}
    tree_keys = ["up", "down", "enter", "space", "shift+space", "pageup", "pagedown"]
    tree_keys += ["shift+left", "shift+right", "shift+up", "shift+down", "home", "end"]
    ours = ["j", "k", "right", "l", "left", "h", "g", "G"]
    assert set(tree_keys + ours) <= set(keys), set(tree_keys + ours) - set(keys)


async def test_keys_move_open_and_close() -> None:
    app = SidebarApp()
    async with app.run_test(size=(40, 12)) as pilot:
        sidebar = app.query_one(Sidebar)
        sidebar.update_data(DATA)
        sidebar.focus()
        await pilot.pause()

        async def at(*keys: str) -> View | None:
            await pilot.press(*keys)
            return sidebar.cursor_view

        assert await at("down", "j") == View("starred")
        assert await at("up", "k") == View("all")
        assert await at("end") == fv("Thể thao", 3)
        assert sidebar.scroll_offset.y > 0  # the cursor is kept on screen
        assert await at("home") == View("all")
        assert sidebar.scroll_offset.y == 0
        assert await at("G") == fv("Thể thao", 3)
        assert await at("g") == View("all")
        page = sidebar.scrollable_content_region.height - 1  # a screenful less one line
        await pilot.press("pagedown")
        assert 4 < sidebar.cursor_line == page < sidebar.last_line
        assert await at("pageup") == View("all")
        assert await at("shift+down", "shift+down", "shift+down", "shift+down") == NEWS
        assert await at("shift+down") == ECONOMY  # over the feeds, to the next category
        assert await at("shift+up", "down") == fv("Thời sự", 0)
        assert await at("shift+down", "shift+down") == fv("Thời sự", 2)
        assert await at("shift+down") == ECONOMY  # the last feed goes on to the next category
        assert await at("down", "shift+right") == SPORT
        assert await at("down", "shift+left") == SPORT
        assert await at("down", "shift+up") == SPORT  # the first feed goes up to its category

        assert await at("left") == SPORT and not sidebar.is_expanded(SPORT)
        assert await at("down") == SPORT  # nothing below a closed last category
        assert await at("right", "down") == fv("Thể thao", 0)
        assert await at("h") == SPORT and sidebar.is_expanded(SPORT)  # a feed goes up
        assert await at("h", "l") == SPORT and sidebar.is_expanded(SPORT)
        assert await at("space") == SPORT and not sidebar.is_expanded(SPORT)
        assert await at("space") == SPORT and sidebar.is_expanded(SPORT)
        await pilot.press("shift+space")  # some open: all close
        assert not any(map(sidebar.is_expanded, (NEWS, ECONOMY, SPORT)))
        assert sidebar.last_line == 4 + 3 - 1
        await pilot.press("shift+space")  # all closed: all open
        assert all(map(sidebar.is_expanded, (NEWS, ECONOMY, SPORT)))

        assert await at("g", "down", "enter") == View("unread")
        assert app.selected == [View("unread")]


async def test_a_click_selects_and_a_click_on_the_toggle_opens_or_closes() -> None:
    app = SidebarApp()
    async with app.run_test(size=(40, 24)) as pilot:
        sidebar = app.query_one(Sidebar)
        sidebar.update_data(DATA)
        await pilot.pause()
        await pilot.click(Sidebar, offset=(4, 5))  # "├ Thời sự 0"
        assert sidebar.cursor_view == fv("Thời sự", 0)
        assert app.selected == [fv("Thời sự", 0)]
        await pilot.click(Sidebar, offset=(0, 4))  # the "- " of "Thời sự"
        assert not sidebar.is_expanded(NEWS)
        assert sidebar.cursor_view == NEWS  # its feed was hidden: the cursor goes up
        assert app.selected == [fv("Thời sự", 0)]  # a toggle is not a choice
        await pilot.click(Sidebar, offset=(0, 4))
        assert sidebar.is_expanded(NEWS)


async def test_set_current_opens_its_category_and_a_rebuild_keeps_the_state() -> None:
    app = SidebarApp()
    async with app.run_test(size=(40, 8)) as pilot:
        sidebar = app.query_one(Sidebar)
        sidebar.update_data(DATA)
        sidebar.focus()
        await pilot.pause()
        await pilot.press("G", "h", "h")  # close "Thể thao"
        assert not sidebar.is_expanded(SPORT)
        sidebar.set_current(fv("Thể thao", 2))
        await pilot.pause()
        assert sidebar.is_expanded(SPORT) and sidebar.cursor_view == fv("Thể thao", 2)
        top = sidebar.scroll_offset.y
        assert top <= sidebar.cursor_line < top + sidebar.scrollable_content_region.height

        await pilot.press("shift+left", "shift+up", "left")  # close "Kinh tế"
        assert sidebar.cursor_view == ECONOMY and not sidebar.is_expanded(ECONOMY)
        more = replace(DATA, categories=(group("Mới", 1), *DATA.categories))
        sidebar.update_data(more)  # a new category before the others: lines move
        await pilot.pause()
        assert sidebar.cursor_view == ECONOMY
        assert not sidebar.is_expanded(ECONOMY)
        assert sidebar.is_expanded(View("category", "Mới")) and sidebar.is_expanded(SPORT)
