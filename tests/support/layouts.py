"""What one layout of the reader leaves, compared with what a second one would (issue 10: an
article on the same widgets is laid out once, and that must be the final layout)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.widget import Widget


def geometry(reader: Widget) -> list[object]:
    """The reader's scroll range and bar, and every shown block's place and scrollable size."""
    blocks: list[Widget] = [reader, *reader.query("*")]
    return [
        reader.virtual_size,
        reader.max_scroll_y,
        reader.show_vertical_scrollbar,
        *((type(w).__name__, w.region, w.virtual_size) for w in blocks if w.display),
    ]


async def second_layout_agrees(reader: Widget, settle: Callable[[], Awaitable[None]]) -> bool:
    """Lay the screen out again, as Textual's second layout would have: nothing moves."""
    once = geometry(reader)
    reader.screen.refresh(layout=True)
    await settle()
    return geometry(reader) == once
