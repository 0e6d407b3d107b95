"""The help panel: keys, what they do and their binding ids, by where they work.

Its rows come from the bindings themselves (`bindings.key_rows`), so it can never disagree with
the keys. The last column is each binding's id, the name a `[keys]` table remaps it by. The
panel is longer than a small terminal, so it scrolls with the keys the list uses.
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

HelpSection = tuple[str, Sequence[tuple[str, str, str]]]
"""A heading and its (keys, description, binding id) rows."""

_SCROLLS = {
    "down": "scroll_down",
    "up": "scroll_up",
    "page_down": "scroll_page_down",
    "page_up": "scroll_page_up",
    "top": "scroll_home",
    "bottom": "scroll_end",
}


class HelpScreen(ModalScreen[None]):
    """Every key, by where it works."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", id="help.close", show=False),
        Binding("j,down", "scroll_help('down')", id="help.down", show=False),
        Binding("k,up", "scroll_help('up')", id="help.up", show=False),
        Binding(
            "space,pagedown,ctrl+d", "scroll_help('page_down')", id="help.page_down", show=False
        ),
        Binding("pageup,ctrl+u", "scroll_help('page_up')", id="help.page_up", show=False),
        Binding("g,home", "scroll_help('top')", id="help.top", show=False),
        Binding("G,end", "scroll_help('bottom')", id="help.bottom", show=False),
    ]

    def __init__(
        self, title: str, sections: Sequence[HelpSection], *, hint: str, more: str = ""
    ) -> None:
        super().__init__()
        self.title_text = title
        self.sections = sections
        self.hint = hint
        self.more = more

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            for heading, rows in self.sections:
                table = Table.grid(padding=(0, 2))
                table.add_column(style="bold", no_wrap=True, min_width=12)
                table.add_column(ratio=1)
                table.add_column(style="dim", no_wrap=True, overflow="ellipsis")
                for keys, description, binding_id in rows:
                    table.add_row(Text(keys), Text(description), Text(binding_id))
                yield Label(heading, classes="help-heading", markup=False)
                yield Static(table, classes="help-table")
            yield Label(self.hint, classes="dialog-hint", markup=False)
            if self.more:
                yield Label(self.more, classes="help-more", markup=False)

    def action_scroll_help(self, how: str) -> None:
        """Scroll the panel (`how` is a key of _SCROLLS), wherever focus is inside it."""
        panel = self.query_one("#help-dialog", VerticalScroll)
        getattr(panel, _SCROLLS[how])(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
