"""Moving focus in or out of the list redraws its cursor row only: the other rows look the
same either way, and drawing all of them again cost 2 ms of each Tab at 160x48 (issue 10). A
real change of style (another theme) still draws every row again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from newsreader_tui.ui.widgets import article_list

if TYPE_CHECKING:
    from conftest import AppEnv


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each row drawn (not taken from the list's cache) was the cursor's."""
    rows: list[bool] = []
    render_row = article_list.render_row

    def counting(row: Any, width: int, is_cursor: bool, **options: Any) -> Any:
        rows.append(is_cursor)
        return render_row(row, width, is_cursor, **options)

    monkeypatch.setattr(article_list, "render_row", counting)
    return rows


async def test_a_focus_move_redraws_the_cursor_row_only(env: AppEnv, drawn: list[bool]) -> None:
    app = env.app()
    async with app.run_test(size=(160, 48)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        assert main.articles.has_focus and main.articles.count > 10
        assert len(drawn) > 10  # the first screenful
        for key, focused in (("tab", main.reader), ("shift+tab", main.articles)):
            drawn.clear()
            await pilot.press(key)
            await env.settle(pilot, rounds=1)
            assert focused.has_focus
            assert False not in drawn, drawn  # the cursor row, unless drawn so before

        drawn.clear()
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await env.settle(pilot)
        assert drawn.count(False) > 10
