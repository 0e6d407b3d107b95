"""The one module that reads Textual's private binding tables.

Help, the command palette, the `[keys]` check and the translated descriptions all need what
Textual keeps to itself: a node's bindings as declared (`_bindings`, `_merged_bindings` and
their `key_to_bindings`) and the keymap in force (`App._keymap`). Only this module touches
those names, so a Textual release that renames them breaks one small file, and
tests/ui/test_bindings.py says so at once (checked against Textual 8.2).

Descriptions are never written in a `Binding(...)`: they come from the label catalogue
(`newsreader_tui.i18n`) by binding id, so every key is described once, in the user's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

from textual.binding import Binding
from textual.dom import DOMNode

if TYPE_CHECKING:
    from textual.app import App

NodeT = TypeVar("NodeT", bound=DOMNode)


def declared_bindings(node: DOMNode | type[DOMNode]) -> list[tuple[str, Binding]]:
    """(key, binding) for each binding of a node or node class, in declaration order, before
    the user's keymap. Inherited bindings are included, as Textual merges them."""
    if isinstance(node, DOMNode):
        return list(node._bindings)
    merged = node._merged_bindings
    return list(merged) if merged is not None else []


def binding_ids(nodes: Iterable[DOMNode | type[DOMNode]]) -> set[str]:
    """Every binding id declared by `nodes` (instances or classes)."""
    return {binding.id for node in nodes for _key, binding in declared_bindings(node) if binding.id}


def translated(node: NodeT, labels: Mapping[str, str]) -> NodeT:
    """`node`, its binding descriptions replaced by their labels (looked up by binding id).

    Textual shows `description` in the footer, the key panel and the palette; the catalogue
    holds the text. Only this node's table changes: Textual shares the class's lists between
    instances, so each key gets a new list rather than an edited one.
    """
    table = node._bindings.key_to_bindings
    for key, items in table.items():
        table[key] = [
            replace(b, description=labels[b.id]) if b.id and b.id in labels else b for b in items
        ]
    return node


def keymap(app: App[Any]) -> Mapping[str, str]:
    """The `[keys]` remapping in force: binding id -> comma-separated keys."""
    return dict(app._keymap)


def key_rows(node: DOMNode, app: App[Any], labels: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(keys, description, binding id) for each binding of `node` that has an id, in
    declaration order.

    Keys are the ones in force (the user's keymap wins over the declaration), shown the way
    Textual shows them; one row per id, however many keys it has. The id is what a `[keys]`
    table names to remap them.
    """
    remapped = keymap(app)
    rows: dict[str, tuple[list[str], str]] = {}
    for key, binding in declared_bindings(node):
        if not binding.id or binding.system:
            continue
        description = labels.get(binding.id) or binding.description
        displays, _ = rows.setdefault(binding.id, ([], description))
        keys = remapped[binding.id].split(",") if binding.id in remapped else [key]
        for each in keys:
            shown = app.get_key_display(binding.with_key(each.strip(), key_display=None))
            if shown not in displays:
                displays.append(shown)
    return [(" ".join(keys), description, id_) for id_, (keys, description) in rows.items()]


@dataclass(frozen=True)
class Command:
    """One binding offered in the command palette."""

    title: str
    """The binding's label in the user's language."""
    key: str
    """Its key as declared, as Textual displays it."""
    action: str
    namespace: DOMNode
    """Where the action runs (the node that declares the binding)."""


def commands(
    nodes: Iterable[DOMNode], app: App[Any], labels: Mapping[str, str], skip: Iterable[str]
) -> Iterator[Command]:
    """A command for each binding id of `nodes` (first key only), except the ids in `skip`."""
    seen = set(skip)
    for node in nodes:
        for key, binding in declared_bindings(node):
            if not binding.id or binding.id in seen:
                continue
            seen.add(binding.id)
            display = app.get_key_display(binding.with_key(key, key_display=None))
            yield Command(labels[binding.id], display, binding.action, node)
