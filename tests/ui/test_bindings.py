"""`ui/bindings.py`, the one module over Textual's private binding tables."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget

from newsreader_tui.i18n import Labels
from newsreader_tui.ui.bindings import (
    binding_ids,
    commands,
    declared_bindings,
    key_rows,
    translated,
)
from newsreader_tui.ui.screens.confirm import ConfirmScreen


class Pane(Widget, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "down", id="list.down"),
        Binding("x", "nothing"),  # no id: neither in help nor in the palette
        Binding("enter", "open", id="list.open"),
    ]


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Pane()


def test_translation_changes_one_instance_only() -> None:
    english = translated(ConfirmScreen("?", yes="Yes", no="No"), Labels("en"))
    vietnamese = translated(ConfirmScreen("?", yes="Có", no="Không"), Labels("vi"))
    untouched = ConfirmScreen("?", yes="Có", no="Không")

    def description(screen: ConfirmScreen, binding_id: str) -> str:
        return next(b.description for _k, b in declared_bindings(screen) if b.id == binding_id)

    assert description(english, "confirm.no") == "Cancel"
    assert description(vietnamese, "confirm.no") == "Hủy"
    assert description(untouched, "confirm.no") == ""
    assert description(ConfirmScreen, "confirm.no") == ""  # the class is left as declared


def test_ids_and_declared_order_come_from_the_class() -> None:
    assert binding_ids([Pane]) == {"list.down", "list.open"}
    assert [key for key, _ in declared_bindings(Pane)] == ["j", "down", "x", "enter"]


async def test_help_rows_and_commands_follow_the_keymap_and_labels() -> None:
    app = Host()
    async with app.run_test() as pilot:
        pane = app.query_one(Pane)
        labels = Labels("en")
        assert key_rows(pane, app, labels) == [
            ("j ↓", "Down", "list.down"),
            ("⏎", "Read article", "list.open"),
        ]
        app.set_keymap({"list.open": "o,space"})
        await pilot.pause()
        assert key_rows(pane, app, labels)[1] == ("o space", "Read article", "list.open")
        offered = list(commands([pane], app, labels, skip={"list.down"}))
        assert [(c.title, c.action, c.namespace) for c in offered] == [
            ("Read article", "open", pane)
        ]
