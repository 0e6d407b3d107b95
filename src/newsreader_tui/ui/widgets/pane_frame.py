"""The title on a pane's frame, drawn in the accent colour while the pane has focus."""

from __future__ import annotations

from typing import cast

from textual import events
from textual.content import Content
from textual.widget import Widget

FOCUSED_TITLE = "bold $accent"
"""The focused pane's title: its frame's colour (app.tcss `:focus`), bold."""


class FramedPane:
    """Mixed into a pane of the three-pane layout, whose frame names it (`frame_label`).

    The focused title's look is set on the title itself, not by a `:focus` rule of
    `border-title-color`/`border-title-style`: Textual repaints every child of a widget whose
    colour rules change, so each Tab in or out of the reader drew the whole open article again,
    3 to 4 ms of a Tab at 160x48 (issue 10). A frame's own colour is a `border` rule, which
    repaints the pane alone.

    A plain mixin, put first among the bases: Textual takes a widget's default CSS along the
    first base that is a DOM node only, so a `Widget` here would hide the pane's own base's
    (a `VerticalScroll`'s scrolling rules).
    """

    frame_label = ""

    def set_frame_label(self, label: str) -> None:
        self.frame_label = label
        self._show_frame_title(cast(Widget, self).has_focus)

    def on_focus(self, event: events.Focus) -> None:
        # Runs before Widget's own handler sets `has_focus`, so the state is passed on.
        self._show_frame_title(True)

    def on_blur(self, event: events.Blur) -> None:
        self._show_frame_title(False)

    def _show_frame_title(self, focused: bool) -> None:
        title = Content(self.frame_label)
        cast(Widget, self).border_title = title.stylize(FOCUSED_TITLE) if focused else title
