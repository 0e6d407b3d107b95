"""What `o`, `y` and `u` do with an article's links: open one, copy one, or show it to copy by
hand; `u` first lists them all (screens/links.py) to pick one.

The article is read from the store in a thread worker (the screen may hold only its row), then
the link goes to the browser when one can open on the user's screen, to the terminal's
clipboard (OSC 52, which works at the far end of SSH too, when the terminal takes it: see
clipboard.py, whose probe may run `tmux` and so runs in that worker too), or into a panel.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.widget import Widget

from ...core.service import Service
from .. import dialogs
from ..clipboard import Support, copied_notice, probe
from ..environment import has_display
from .links import LinkChoice, LinkRow, article_links

COPY_SECONDS = 10.0
"""How long the notice after a copy stays: it shows the address, to select by hand."""


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

    def browse(self, article_id: int | None) -> None:
        """List every link of article `article_id` to open or copy one (the `u` key)."""
        self.host.run_worker(
            lambda: self._browse(article_id), thread=True, group="link", name="links"
        )

    def _read(self, article_id: int | None, copy: bool) -> None:
        article = self.service.store.article(article_id) if article_id is not None else None
        url = article.url if article is not None else None
        self.host.app.call_from_thread(self._use, url, copy, probe())

    def _browse(self, article_id: int | None) -> None:
        article = self.service.store.article(article_id) if article_id is not None else None
        rows = article_links(article, self.labels["links.article"]) if article else []
        self.host.app.call_from_thread(self._show_links, rows, probe())

    def _show_links(self, rows: list[LinkRow], support: Support) -> None:
        if not rows:
            self.host.notify(self.labels["notify.no_link"])
            return

        def chosen(choice: LinkChoice | None) -> None:
            if choice is not None:
                self._use(choice.url, choice.copy, support)

        self.host.app.push_screen(dialogs.links_view(self.labels, rows), chosen)

    def _use(self, url: str | None, copy: bool, support: Support) -> None:
        host, labels = self.host, self.labels
        if not url:
            host.notify(labels["notify.no_link"])
        elif copy:
            self._copy(url, support)
        elif has_display():
            host.app.open_url(url)
        else:
            copied = copied_notice(support, labels, url)
            host.app.push_screen(dialogs.link_panel(labels, url, copied=copied))

    def _copy(self, url: str, support: Support) -> None:
        """Copy with OSC 52 and say how sure that is; where it is unlikely to work, show the
        link in a panel to select by hand rather than in a toast that goes away."""
        app = self.host.app
        app.copy_to_clipboard(url)
        notice = copied_notice(support, self.labels, url)
        if support.level == "unlikely":
            app.push_screen(dialogs.link_panel(self.labels, url, copied=notice, note=notice))
        else:
            self.host.notify(notice, timeout=COPY_SECONDS, markup=False)
