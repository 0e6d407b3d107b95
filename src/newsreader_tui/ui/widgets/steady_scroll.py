"""A line-API scroll view that redraws its scroll bars only when what they show changed."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView

_Sizes = tuple[Size, Size, Size, str, str]


class SteadyScrollView(ScrollView):
    """`ScrollView`, less a redraw of its scroll bars at every layout of the screen.

    At each layout Textual compares the size the layout gives the view with the view's own
    virtual size (all its rows). They never agree once the rows outnumber the screen, so every
    layout, even one that only opened an article in another pane, redrew the whole bar of the
    sidebar and of the article list: 45 rows each at 160x48, a third of opening an article
    (issue 10). Here the bars are updated as before whenever any size, or the overflow rule,
    differs from the last layout's, and left alone when none does.
    """

    _steady_sizes: _Sizes | None = None

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        styles = self.styles
        sizes = (size, self.virtual_size, container_size, styles.overflow_x, styles.overflow_y)
        if sizes == self._steady_sizes:
            return False
        self._steady_sizes = sizes
        return super()._size_updated(size, virtual_size, container_size, layout)
