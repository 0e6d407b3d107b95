"""A small, forgiving HTML tree over the stdlib `html.parser`, for the block walker.

Feeds send broken HTML, so end tags close whatever they match and unknown ones are ignored, void
tags never open and `<p>` closes at the next block, as browsers do. A tree (rather than a stream
of events) is what makes image captions tractable: a caption is often a sibling of the image (the
next table row, the next paragraph) rather than a child of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["BLOCK_TAGS", "SKIP_TAGS", "VOID_TAGS", "Node", "build_tree", "is_junk"]

SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "iframe", "form", "button", "svg", "head", "object",
     "select", "textarea"}
)  # fmt: skip
"""Elements whose content is never article text; the builder drops them whole."""
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
     "track", "wbr"}
)  # fmt: skip
BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote",
     "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "figure", "figcaption", "pre",
     "hr", "dl", "dt", "dd", "address", "center", "body", "html"}
)  # fmt: skip

# Share bars, social widgets, print/e-mail buttons, comment boxes and advertising, recognised by a
# class or id *starting* a word ("box-share", "social_links", "advertisement", "quang-cao-top") so
# that "blueprint" or "sprint" do not match.
_JUNK_NAME = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|fb-like|fb-comments|zalo-share|addthis|print|comment|"
    r"banner|adv|ads\b|advert|quang-?cao|qc-)",
    re.IGNORECASE,
)


@dataclass(eq=False)  # identity, not structure: nodes are looked up in lists
class Node:
    """An element: lower-case tag, attributes, and children (elements or text)."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str]

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").lower().split())

    def iter(self) -> Iterator[Node]:
        """This node and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find(self, tag: str) -> Node | None:
        return next((node for node in self.iter() if node.tag == tag), None)

    def elements(self) -> list[Node]:
        """The element children, without the text between them."""
        return [child for child in self.children if isinstance(child, Node)]

    def text(self) -> str:
        """All text below this node, whitespace collapsed (a `<br>` counts as a space)."""
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag == "br":
                parts.append(" ")
            else:
                parts.append(" " + child.text() + " " if child.tag in BLOCK_TAGS else child.text())
        return " ".join("".join(parts).split())


def is_junk(node: Node) -> bool:
    """Whether an element is a share bar, social widget, print button, comment box or an ad."""
    name = f"{node.attrs.get('class', '')} {node.attrs.get('id', '')}".strip()
    return bool(name) and _JUNK_NAME.search(name) is not None


class _TreeBuilder(HTMLParser):
    """A forgiving DOM: void tags never open, `<p>` closes at the next block, stray ends vanish."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {}, [])
        self._stack = [self.root]
        self._skip: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip:
            if tag == self._skip[-1] and tag not in VOID_TAGS:
                self._skip.append(tag)
            return
        if tag in SKIP_TAGS:
            self._skip.append(tag)
            return
        if tag in BLOCK_TAGS:
            self._close("p")  # as browsers do: a paragraph cannot hold a block
        if tag == "li":
            self._close("li", stop={"ul", "ol"})
        elif tag in ("td", "th"):
            self._close("td", stop={"tr", "table"})
            self._close("th", stop={"tr", "table"})
        elif tag == "tr":
            self._close("tr", stop={"table"})
        node = Node(tag, {k.lower(): v or "" for k, v in attrs}, [])
        self._stack[-1].children.append(node)
        if tag not in VOID_TAGS:
            self._stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and not self._skip and self._stack[-1].tag == tag:
            self._stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            return
        if tag == "p" and not any(node.tag == "p" for node in self._stack):
            return  # a stray </p>; browsers make an empty paragraph, which is nothing to us
        self._close(tag)

    def _close(self, tag: str, stop: set[str] | frozenset[str] = frozenset()) -> None:
        """Pop up to and including the innermost open `tag`, unless a `stop` tag comes first."""
        for depth in range(len(self._stack) - 1, 0, -1):
            name = self._stack[depth].tag
            if name == tag:
                del self._stack[depth:]
                return
            if name in stop:
                return

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._stack[-1].children.append(data)


def build_tree(html: str) -> Node:
    """The tree of an HTML document or fragment, under a synthetic "root" element."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root
