"""What `o` and `y` do with an article's link: open it, copy it, or show it to copy by hand.

The article is read from the store in a thread worker (the screen may hold only its row), then
the link goes to the browser when one can open on the user's screen, to the terminal's
clipboard (OSC 52, which works at the far end of SSH too), or into a panel.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.widget import Widget

from ...core.models import Article, ArticleRow
from ...core.service import Service
from .. import dialogs
from ..environment import has_display


def link_target(article: Article | None, row: ArticleRow | None, in_reader: bool) -> int | None:
    """The article a link key acts on: the one in the reader when reading it (or when it is
    the row under the cursor), else the row under the cursor."""
    if article is not None and (row is None or article.id == row.id or in_reader):
        return article.id
    return row.id if row is not None else None


class LinkActions:
    """Opens or copies article links for the widget `host`, whose workers do the reading."""

    def __init__(self, host: Widget, service: Service, labels: Mapping[str, str]) -> None:
        self.host = host
        self.service = service
        self.labels = labels

    def use(self, article_id: int | None, *, copy: bool) -> None:
        """Open (or with `copy`, copy) the link of article `article_id`."""
        self.host.run_worker(
            lambda: self._read(article_id, copy), thread=True, group="link", name="with_link"
        )

    def _read(self, article_id: int | None, copy: bool) -> None:
        article = self.service.store.article(article_id) if article_id is not None else None
        url = article.url if article is not None else None
        self.host.app.call_from_thread(self._use, url, copy)

    def _use(self, url: str | None, copy: bool) -> None:
        host, labels = self.host, self.labels
        if not url:
            host.notify(labels["notify.no_link"])
        elif copy:
            host.app.copy_to_clipboard(url)
            host.notify(labels["notify.copied"])
        elif has_display():
            host.app.open_url(url)
        else:
            host.app.push_screen(dialogs.link_panel(labels, url))
