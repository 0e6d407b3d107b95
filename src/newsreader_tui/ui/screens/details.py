"""A read-only panel of facts: a feed's status and error, or a link to copy by hand."""

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


class DetailsScreen(ModalScreen[None]):
    """Shows (label, value) rows under a title. Values are feed text: shown as plain Text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "close", id="details.close", show=False),
        Binding("y", "copy", id="details.copy", show=False),
    ]

    def __init__(
        self,
        title: str,
        rows: Sequence[tuple[str, str]],
        *,
        hint: str,
        copy_text: str | None = None,
        copied: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows
        self.hint = hint
        self.copy_text = copy_text
        self.copied = copied

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold")
        for label, value in self.rows:
            table.add_row(Text(label), Text(value))
        with VerticalScroll(id="details-dialog", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Static(table, id="details-body")
            yield Label(self.hint, classes="dialog-hint", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_copy(self) -> None:
        if self.copy_text:
            self.app.copy_to_clipboard(self.copy_text)
            if self.copied:
                self.app.notify(self.copied, markup=False)  # it may quote the link
