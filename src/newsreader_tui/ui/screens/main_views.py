"""What the reading screen's thread workers ask the view queries when a view is shown.

Plain functions of `ViewQueries`, with no Textual in them: they run in worker threads, and
keeping them apart keeps the screen about what is shown rather than how it is queried.
"""

from __future__ import annotations

from ...core.models import ArticleRow
from ...core.views import SidebarData, View, ViewQueries
from ..widgets.article_list import ArticleList

LOCATE_LIMIT = 2000
"""How far down a reloaded list we look for the article that was under the cursor."""


def first_view(views: ViewQueries) -> tuple[SidebarData, View]:
    """The sidebar's counts and the view to open on: the last one shown (`last_view` already
    forgets a feed or category that has left the config since), else Unread."""
    return views.sidebar(), views.last_view() or View("unread")


def load_rows(
    views: ViewQueries, view: View, locate: int | None = None
) -> tuple[int, list[ArticleRow], int | None]:
    """A view's count, its first page, and the index of article `locate` in it (None when it
    is not within `LOCATE_LIMIT` rows, or not asked for)."""
    count = views.count(view)
    rows = views.rows(view, 0, ArticleList.PAGE_SIZE)
    if locate is None:
        return count, rows, None
    index = next((i for i, row in enumerate(rows) if row.id == locate), None)
    if index is None and count > len(rows):
        index = views.position(view, locate, LOCATE_LIMIT)
    return count, rows, index
