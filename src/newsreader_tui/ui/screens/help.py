"""The help panel: keys and what they do, by where they work.

Its rows come from the bindings themselves (`bindings.key_rows`), so it can never disagree with
the keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

HelpSection = tuple[str, Sequence[tuple[str, str]]]
"""A heading and its (keys, description) rows."""


class HelpScreen(ModalScreen[None]):
    """Every key, by where it works."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", id="help.close", show=False),
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
