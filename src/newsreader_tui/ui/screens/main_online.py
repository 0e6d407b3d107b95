"""Offline mode and the way out of it without restarting: `O` ("Go online", also in the command
palette) lets refreshes run again, and every notice that offline mode stops something says
which key that is, the key in force after the user's `[keys]`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.dom import DOMNode

from ...i18n import Labels
from ..bindings import declared_bindings, keymap

if TYPE_CHECKING:
    from .main import MainScreen

GO_ONLINE = "app.go_online"
REFRESH_ALL = "app.refresh_all"


def key_for(node: DOMNode, binding_id: str) -> str:
    """The first key bound to `binding_id` on `node`, as Textual shows keys ("O", "R")."""
    app = node.app
    for key, binding in declared_bindings(node):
        if binding.id == binding_id:
            chosen = keymap(app).get(binding_id, key).split(",")[0].strip()
            return app.get_key_display(binding.with_key(chosen, key_display=None))
    return binding_id


def offline_notice(node: DOMNode, labels: Labels) -> str:
    """What offline mode says when it stops a refresh: that it did, and how to go online."""
    return labels("notify.offline_mode", shortcut=key_for(node, GO_ONLINE))


def go_online(screen: MainScreen) -> None:
    """Leave offline mode: refreshes (by key and by the timer) run again; the status bar drops
    its offline mark. Nothing is fetched until asked: the user may still be on a metered
    connection, and `R` is one key away (the notice says so)."""
    refresh = key_for(screen, REFRESH_ALL)
    if not screen.refresher.offline:
        screen.notify(screen.labels("notify.already_online", shortcut=refresh))
        return
    screen.offline = screen.refresher.offline = False
    screen.status.set_state(offline=False)
    screen.notify(screen.labels("notify.online", shortcut=refresh))
