"""What the reading screen's thread workers ask the service when a view is shown.

Plain functions of the service, with no Textual in them: they run in worker threads, and
keeping them apart keeps the screen about what is shown rather than how it is queried.
"""

from __future__ import annotations

from ...core.models import ArticleRow
from ...core.service import Service, SidebarData
from ...core.views import View
from ..widgets.article_list import ArticleList

LOCATE_LIMIT = 2000
"""How far down a reloaded list we look for the article that was under the cursor."""


def first_view(service: Service) -> tuple[SidebarData, View]:
    """The sidebar's counts and the view to open on: the last one shown, unless its feed or
    category has left the config since, then Unread."""
    view = service.last_view() or View("unread")
    data = service.sidebar()
    if view.kind in ("category", "feed") and not view_exists(view, data):
        view = View("unread")
    return data, view


def view_exists(view: View, data: SidebarData) -> bool:
    """Whether a category or feed view still has its category or feed."""
    if view.kind == "category":
        return any(c.name == view.value for c in data.categories)
    return any(f.url == view.value for c in data.categories for f in c.feeds)


def load_rows(
    service: Service, view: View, locate: int | None = None
) -> tuple[int, list[ArticleRow], int | None]:
    """A view's count, its first page, and the index of article `locate` in it (None when it
    is not within `LOCATE_LIMIT` rows, or not asked for)."""
    count = service.view_count(view)
    rows = service.view_rows(view, 0, ArticleList.PAGE_SIZE)
    if locate is None:
        return count, rows, None
    window = rows if count <= len(rows) else service.view_rows(view, 0, LOCATE_LIMIT)
    index = next((i for i, row in enumerate(window) if row.id == locate), None)
    return count, rows, index
