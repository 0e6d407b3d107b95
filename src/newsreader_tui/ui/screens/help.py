"""Help generated from the bindings themselves, so it can never disagree with the keys."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

HelpSection = tuple[str, Sequence[tuple[str, str]]]


def binding_rows(
    node: DOMNode, app: App[object], labels: Mapping[str, str], keymap: Mapping[str, str]
) -> list[tuple[str, str]]:
    """(keys, description) for each binding of `node` that has an id, in declaration order.

    Keys come from the user's keymap when it remaps the binding; descriptions from the label
    catalogue by binding id.
    """
    rows: dict[str, tuple[list[str], str]] = {}
    for key, binding in node._bindings:  # the node's own bindings, before the keymap
        if not binding.id or binding.system:
            continue
        description = labels.get(binding.id) or binding.description
        displays, _ = rows.setdefault(binding.id, ([], description))
        keys = keymap[binding.id].split(",") if binding.id in keymap else [key]
        for each in keys:
            shown = app.get_key_display(binding.with_key(each.strip(), key_display=None))
            if shown not in displays:
                displays.append(shown)
    return [(" ".join(keys), description) for keys, description in rows.values()]


class HelpScreen(ModalScreen[None]):
    """Every key, by where it works."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close", id="help.close", show=False),
    ]

    def __init__(self, title: str, sections: Sequence[HelpSection], *, hint: str) -> None:
        super().__init__()
        self.title_text = title
        self.sections = sections
        self.hint = hint

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            for heading, rows in self.sections:
                table = Table.grid(padding=(0, 2))
                table.add_column(style="bold", no_wrap=True, min_width=12)
                table.add_column()
                for keys, description in rows:
                    table.add_row(Text(keys), Text(description))
                yield Label(heading, classes="help-heading", markup=False)
                yield Static(table, classes="help-table")
            yield Label(self.hint, classes="dialog-hint", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
