"""The search prompt: one line of input; Enter searches, Esc cancels. From a category or a
feed, a second line says where the search looks, and Tab switches between there and everywhere
(issue 11)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


@dataclass(frozen=True)
class SearchRequest:
    """What the prompt was dismissed with: the query, and whether to look only in the scope."""

    query: str
    scoped: bool = False


class SearchScreen(ModalScreen[SearchRequest | None]):
    """Dismisses with the query typed, or None when cancelled or blank."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", id="search.cancel", show=False),
        Binding("tab", "toggle_scope", id="search.scope", show=False, priority=True),
    ]

    def __init__(
        self,
        *,
        title: str,
        placeholder: str,
        value: str = "",
        scope_lines: tuple[str, str] | None = None,
        scoped: bool = False,
    ) -> None:
        """`scope_lines`: what the second line says searching everywhere and only in the scope
        (None: no scope to offer); `scoped`: which one the prompt starts with."""
        super().__init__()
        self.title_text = title
        self.placeholder = placeholder
        self.value = value
        self.scope_lines = scope_lines
        self.scoped = scoped and scope_lines is not None

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Input(value=self.value, placeholder=self.placeholder, id="search-input")
            if self.scope_lines is not None:
                yield Label(self._scope_line(), id="search-scope", markup=False)

    def _scope_line(self) -> str:
        assert self.scope_lines is not None
        return self.scope_lines[1 if self.scoped else 0]

    def action_toggle_scope(self) -> None:
        if self.scope_lines is not None:
            self.scoped = not self.scoped
            self.query_one("#search-scope", Label).update(self._scope_line())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        query = event.value.strip()
        self.dismiss(SearchRequest(query, self.scoped) if query else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
