"""Small navigation gaps and Textual's stray English: help scrolls with the reading keys and
lists each binding's id; the sidebar has g/G and opens, on a narrow screen, with its top in
view; the command palette and Ctrl-C speak the interface's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.command import CommandInput, CommandPalette
from textual.containers import VerticalScroll

from newsreader_tui.ui.screens.help import HelpScreen

if TYPE_CHECKING:
    from conftest import AppEnv

SMALL = (60, 20)


async def test_help_scrolls_with_the_reading_keys(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=SMALL) as pilot:
        await env.settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        panel = app.screen.query_one("#help-dialog", VerticalScroll)
        assert panel.max_scroll_y > panel.size.height  # more than two screenfuls at 60x20
        moves = [
            ("G", panel.max_scroll_y),
            ("g", 0),
            ("j", 1),
            ("j", 2),
            ("k", 1),
            ("space", 1 + panel.scrollable_content_region.height),
            ("pageup", 1),
            ("end", panel.max_scroll_y),
            ("home", 0),
        ]
        for key, expected in moves:
            await pilot.press(key)
            await pilot.pause()
            assert (key, panel.scroll_y) == (key, min(expected, panel.max_scroll_y))
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_help_lists_each_binding_id_for_the_keys_table(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=(100, 40)) as pilot:
        await env.settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = {row[2]: row for _heading, section in app.screen.sections for row in section}
        assert rows["app.toggle_star"][:2] == ("s", "Đánh dấu sao")
        assert {"list.down", "reader.page_down", "sidebar.first", "sidebar.last"} <= set(rows)
        assert "app.toggle_star" in env.screen_text(app)
        await pilot.press("G")
        await pilot.pause()
        assert "Cột cuối là tên phím dùng trong bảng [keys]" in env.screen_text(app)


async def test_sidebar_g_and_G_go_to_the_first_and_last_view(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=(120, 36)) as pilot:
        await env.settle(pilot)
        sidebar = app.main_screen.sidebar
        sidebar.focus()
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        assert sidebar.cursor_line == sidebar.last_line > 10
        await pilot.press("g")
        await pilot.pause()
        assert sidebar.cursor_line == 0
        assert sidebar.cursor_view is not None and sidebar.cursor_view.kind == "all"


async def test_the_narrow_sidebar_opens_with_its_top_in_view(env: AppEnv) -> None:
    app = env.app()
    # Fewer rows than the sidebar has lines, as with a dozen feeds at 60x20.
    async with app.run_test(size=(60, 14)) as pilot:
        await env.settle(pilot)
        sidebar = app.main_screen.sidebar
        assert not sidebar.display
        await pilot.press("b")
        await env.settle(pilot)
        assert sidebar.display and sidebar.has_focus
        assert sidebar.last_line >= sidebar.scrollable_content_region.height  # it does scroll
        assert sidebar.cursor_view is not None
        assert sidebar.cursor_view.kind == "unread"  # the current view, under the cursor
        assert sidebar.scroll_y == 0  # and "Tất cả", line 0, above it in view


async def test_palette_and_ctrl_c_speak_the_interface_language(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await env.settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Tìm lệnh…"
        await pilot.press("escape")
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Giao diện màu", "Thoát", "Chụp màn hình"} <= titles
        assert not {"Theme", "Quit", "Screenshot"} & titles

        await pilot.press("ctrl+c")
        await pilot.pause()
        [notice] = list(app._notifications)
        assert notice.title == "Thoát chương trình?"
        assert notice.message.startswith("Nhấn ") and notice.message.endswith(" để thoát.")
