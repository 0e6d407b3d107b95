"""The main screen's search (issue 11): the prompt, with the category or feed it may be limited
to, and the terms whose words the list and the reader mark while a search is on show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsreader_tui.core.store import Term, query_terms
from newsreader_tui.core.views import View

from .. import dialogs
from .search import SearchRequest

if TYPE_CHECKING:
    from .main import MainScreen

SCOPES = ("category", "feed")
"""The views a search can be limited to."""


def search_terms(view: View) -> list[Term]:
    """The terms to mark in a search view's rows and articles; [] in any other view."""
    return query_terms(view.value) if view.kind == "search" else []


def search_scope(view: View, previous: View | None) -> View | None:
    """The category or feed a search from `view` may be limited to: `view` itself, or, from a
    search, the one it was limited to or the view it was started from."""
    if view.kind in SCOPES:
        return view
    if view.kind == "search":
        if view.scope is not None:
            return view.scope
        if previous is not None and previous.kind in SCOPES:
            return previous
    return None


def open_search(screen: MainScreen) -> None:
    """Ask for a query (the current one on show, to refine it) and show its results."""
    view = screen.view
    scope = search_scope(view, screen._previous_view)
    name = screen.sidebar.view_label(scope) if scope is not None else None

    def searched(request: SearchRequest | None) -> None:
        if request:
            chosen = scope if request.scoped else None
            screen.switch_view(View("search", request.query, scope=chosen))
            screen.articles.focus()

    current = view.value if view.kind == "search" else ""
    scoped = view.kind == "search" and view.scope is not None
    prompt = dialogs.search_prompt(screen.labels, current, name, scoped)
    screen.app.push_screen(prompt, searched)
