"""Widgets of the reader that can take a new scrollable size without a second layout."""

from __future__ import annotations

from typing import cast

from textual.containers import Vertical
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static


class SettledSize:
    """Mixed in first among a reader widget's bases (a plain mixin, so that Textual's default
    CSS still comes from the widget's own base).

    Textual lays the screen out a second time after any layout that changed a widget's
    scrollable size, and opening an article changes the reader's and those of the blocks
    whose text got longer or shorter: 3-4 ms of Enter and `n` at 160x48 (issue 10). When the
    reader put the new article onto the same widgets, in the order they were, the
    first layout measured every block at its final width and the second one changes nothing.
    The reader then marks those widgets (`settle_next_layout`) and each takes its new size in
    the next layout without asking for another, as long as its width stayed the same. The
    mark lasts until that layout's frame is drawn.

    Some of them may have been hidden and shown again: they keep their styles while hidden,
    so the first layout measures them as it does the others. Anything else keeps Textual's
    second layout: a widget mounted or moved (the first layout can measure a new one before
    it is styled), a new width, and a scroll bar appearing or going (its own reactive asks
    for a layout).
    """

    _settled = False

    def settle_next_layout(self) -> None:
        self._settled = True

    def forget_settled(self) -> None:
        self._settled = False

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        widget = cast(Widget, self)
        if self._settled:
            self._settled = False
            same_width = size.width == widget.outer_size.width
            if same_width and container_size.width == widget.container_size.width:
                layout = False
        return super()._size_updated(  # type: ignore[misc]
            size, virtual_size, container_size, layout
        )


class SettledStatic(SettledSize, Static):
    """A `Static` of the reader (header, text block, caption)."""


class SettledVertical(SettledSize, Vertical):
    """A `Vertical` of the reader (its body)."""
