"""The dialogs the reading screen opens, built from plain data and the label catalogue.

Each function returns a modal screen ready to push; none knows the app or the main screen,
so the screen decides when to open one and what to do with the answer, and this module only
says what the dialog contains.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from textual.app import App
from textual.dom import DOMNode

from ..core.dates import VN_TZ
from ..core.models import FeedStatus
from ..i18n import Labels, describe
from .bindings import key_rows, translated
from .screens.confirm import ConfirmScreen
from .screens.details import DetailsScreen
from .screens.help import HelpScreen, HelpSection
from .screens.links import LinkRow, LinksScreen
from .screens.search import SearchScreen


def confirm_mark_all(labels: Mapping[str, str], count: int, view_name: str) -> ConfirmScreen:
    """Asks before marking every article of a view read: it cannot be undone in one key."""
    question = labels["confirm.mark_all"].format(count=count, view=view_name)
    dialog = ConfirmScreen(question, yes=labels["confirm.yes"], no=labels["confirm.no"])
    return translated(dialog, labels)


def search_prompt(
    labels: Mapping[str, str], current: str, scope: str | None = None, scoped: bool = False
) -> SearchScreen:
    """The search line, holding the query on show so it can be refined; `scope` names the
    category or feed a search may be limited to (Tab), `scoped` whether it starts so."""
    lines = None
    if scope is not None:
        lines = (
            labels["search.scope_all"].format(scope=scope),
            labels["search.scope_only"].format(scope=scope),
        )
    dialog = SearchScreen(
        title=labels["search.title"],
        placeholder=labels["search.placeholder"],
        value=current,
        scope_lines=lines,
        scoped=scoped,
    )
    return translated(dialog, labels)


def link_panel(
    labels: Mapping[str, str], url: str, *, copied: str, note: str = ""
) -> DetailsScreen:
    """A link to copy by hand, for sessions where no browser can open (SSH, no display) or
    where the terminal may not take a copy (`note` says why). `copied` is what `y` says there,
    as honest as `clipboard.copied_notice` can be."""
    hint = f"y: {labels['app.copy_link']}  Esc"
    rows = [("", url), ("", note)] if note else [("", url)]
    dialog = DetailsScreen(labels["details.url"], rows, hint=hint, copy_text=url, copied=copied)
    return translated(dialog, labels)


def links_view(labels: Mapping[str, str], rows: Sequence[LinkRow]) -> LinksScreen:
    """Every link of an article, to open or copy (the `u` key)."""
    dialog = LinksScreen(labels["links.title"], rows, hint=labels["links.hint"])
    return translated(dialog, labels)


def feed_details(labels: Labels, feed: FeedStatus) -> DetailsScreen:
    """A feed's address, counts, last success and attempt, and its state: the error of its last
    fetch, else the warning of the last one that read it, else that it works."""

    def when(moment: datetime | None) -> str:
        return moment.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M") if moment else "-"

    rows = [
        (labels["details.url"], feed.url),
        (labels["details.articles"], f"{feed.unread}/{feed.item_count}"),
        (labels["details.last_success"], when(feed.last_success)),
        (labels["details.last_attempt"], when(feed.last_attempt)),
    ]
    if feed.error:
        rows.append((labels["details.error"], describe(feed, labels)))
        if feed.retry_after:
            rows.append((labels["details.retry_after"], when(feed.retry_after)))
    elif feed.warning:
        rows.append((labels["details.warning"], describe(feed, labels)))
    else:
        rows.append((labels["details.state"], labels["notify.feed_ok"]))
    return translated(DetailsScreen(feed.title, rows, hint=labels["details.hint"]), labels)


def help_panel(
    labels: Mapping[str, str], app: App[Any], parts: Sequence[tuple[str, Sequence[DOMNode]]]
) -> HelpScreen:
    """Every key, by the part of the screen where it works: `parts` pairs a heading's label
    key with the nodes whose bindings it lists."""
    sections: list[HelpSection] = [
        (labels[heading], [row for node in nodes for row in key_rows(node, app, labels)])
        for heading, nodes in parts
    ]
    dialog = HelpScreen(
        labels["help.title"], sections, hint=labels["help.hint"], more=labels["help.more"]
    )
    return translated(dialog, labels)
