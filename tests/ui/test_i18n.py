"""The label catalogue agrees with itself and with the keys the UI declares.

Every binding's description lives only in `newsreader_tui.i18n`, looked up by binding id.
These tests fail when a language misses a label, when the two languages fill in different
`{placeholders}`, or when a widget, screen or the app declares a binding id that has no label
(or writes its own description text instead of leaving it to the catalogue).
"""

from __future__ import annotations

import importlib
import pkgutil
import string

from textual.binding import Binding
from textual.dom import DOMNode

import newsreader_tui.ui
from newsreader_tui.i18n import EN, VI, Labels, pick_language
from newsreader_tui.ui.app import NewsreaderApp, keymap_ids
from newsreader_tui.ui.bindings import binding_ids
from newsreader_tui.ui.screens.main import MainScreen
from newsreader_tui.ui.widgets.article_list import ArticleList
from newsreader_tui.ui.widgets.reader import Reader
from newsreader_tui.ui.widgets.sidebar import Sidebar


def ui_node_classes() -> list[type[DOMNode]]:
    """Every widget, screen and app class defined in the `newsreader_tui.ui` package."""
    prefix = newsreader_tui.ui.__name__ + "."
    for module in pkgutil.walk_packages(newsreader_tui.ui.__path__, prefix):
        importlib.import_module(module.name)
    found: list[type[DOMNode]] = []
    pending: list[type[DOMNode]] = [DOMNode]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith(prefix) and sub not in found:
                found.append(sub)
    return found


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_both_catalogues_have_the_same_keys() -> None:
    assert sorted(set(VI) - set(EN)) == []
    assert sorted(set(EN) - set(VI)) == []


def test_both_catalogues_fill_in_the_same_placeholders() -> None:
    differ = {
        key: (VI[key], EN[key]) for key in VI if placeholders(VI[key]) != placeholders(EN[key])
    }
    assert differ == {}


def test_every_binding_id_has_a_label_in_both_languages() -> None:
    classes = ui_node_classes()
    # The walk found the classes that matter (a broken walk would pass vacuously).
    assert {NewsreaderApp, MainScreen, Sidebar, ArticleList, Reader} <= set(classes)
    ids = binding_ids(classes)
    assert keymap_ids() <= ids and len(ids) > 40
    missing = {
        language: sorted(i for i in ids if not table.get(i))
        for language, table in (("vi", VI), ("en", EN))
    }
    assert missing == {"vi": [], "en": []}


def test_bindings_leave_their_descriptions_to_the_catalogue() -> None:
    written = [
        f"{cls.__name__}: {binding.id} = {binding.description!r}"
        for cls in ui_node_classes()
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", []))
        if binding.description
    ]
    assert written == []


def test_labels_fall_back_to_vietnamese_and_fill_placeholders() -> None:
    english = Labels("en")
    assert english["app.toggle_star"] == "Star"
    assert english("status.articles", count=3) == "3 articles"
    assert Labels("fr").language == "vi"
    assert pick_language(None, {"LANG": "en_GB.UTF-8"}) == "en"
    assert pick_language(None, {"LANG": "vi_VN.UTF-8"}) == "vi"
    assert pick_language("en", {"LANG": "vi_VN.UTF-8"}) == "en"
