"""Once the first screen is drawn, the app run from the command line moves what start-up built
out of the garbage collector's sight (`gc.freeze`): the collector's full passes walked it all,
and one pass in about ten key presses paused the screen for 35-70 ms (issue 10). It also lets
more young objects pile up between collections, as a frame makes thousands. Apps built for
tests leave the collector alone: frozen objects are never collected."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from newsreader_tui.ui import run
from newsreader_tui.ui.app import YOUNG_OBJECTS

if TYPE_CHECKING:
    from conftest import AppEnv


@pytest.fixture
def unfrozen() -> Iterator[None]:
    threshold = gc.get_threshold()
    gc.unfreeze()
    yield
    gc.unfreeze()  # what a test froze is collected again with the rest
    gc.set_threshold(*threshold)


async def test_start_up_is_frozen_once_the_first_screen_is_drawn(
    env: AppEnv, unfrozen: None
) -> None:
    app = env.app(settle_heap=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await env.settle(pilot)
        assert app.main_screen.articles.count > 0  # the first view is on screen
        assert gc.get_freeze_count() > 10_000  # Textual and the app's widgets
        assert gc.get_threshold()[0] == YOUNG_OBJECTS
        frozen = gc.get_freeze_count()
        await pilot.press("j", "enter")
        await env.settle(pilot)
        assert gc.get_freeze_count() <= frozen  # once, not at each screen (some were freed)


async def test_apps_built_for_tests_leave_the_collector_alone(env: AppEnv, unfrozen: None) -> None:
    app = env.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await env.settle(pilot)
        assert app.main_screen.articles.count > 0
        assert gc.get_freeze_count() == 0
        assert gc.get_threshold()[0] != YOUNG_OBJECTS


def test_the_command_line_run_settles_the_heap(
    monkeypatch: pytest.MonkeyPatch, env: AppEnv
) -> None:
    built: dict[str, Any] = {}

    class Ran:
        failure = None
        return_code = 0

        def run(self) -> None:
            pass

    def make_app(*args: object, **options: Any) -> Ran:
        built.update(options)
        return Ran()

    monkeypatch.setattr(run, "make_app", make_app)
    monkeypatch.setattr(run, "pick_image_widget", lambda images: None)
    assert run.run_reader(env.settings(), object(), offline=True) == 0  # type: ignore[arg-type]
    assert built["settle_heap"] is True
