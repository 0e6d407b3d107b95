"""A screen whose change of focus repaints only the widgets it restyles.

Textual's `Screen.focused` is a reactive that repaints the whole screen when it changes. The
widgets that gain and lose focus are restyled and repainted anyway (their `:focus` rules, the
list's cursor colour, the pane frames), so the whole-screen repaint only redraws what did not
change: at 160x48 with a thousand feeds in the sidebar, a third of a Tab's 55-70 ms of UI
work (bench_keys.py; the two panes whose frames change colour are still redrawn whole).
"""

from __future__ import annotations

from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget


class FocusRepaintScreen(Screen[None]):
    """`Screen`, but moving focus repaints the widgets restyled by it, not the whole screen."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
