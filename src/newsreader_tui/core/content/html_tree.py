"""A small, forgiving HTML tree over the stdlib `html.parser`, for the block walker.

Feeds send broken HTML, so end tags close whatever they match and unknown ones are ignored, void
tags never open and `<p>` closes at the next block, as browsers do. A tree (rather than a stream
of events) is what makes image captions tractable: a caption is often a sibling of the image (the
next table row, the next paragraph) rather than a child of it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from ..text import clean_text
from .unclosed import defuse_unclosed

__all__ = ["BLOCK_TAGS", "MAX_DEPTH", "SKIP_TAGS", "VOID_TAGS", "Node", "build_tree", "is_junk"]

MAX_DEPTH = 100
"""Elements open at once, at most; deeper markup is flattened into the deepest one (see
`_TreeBuilder`). Articles nest a few dozen levels at most; browsers stop at 512."""

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
    """An element: lower-case tag, attributes, and children (elements or text).

    The walks below are loops over an explicit stack, not recursion: a tree is at most
    `MAX_DEPTH` deep, but a loop costs nothing and needs no such argument."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str]

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").lower().split())

    def iter(self) -> Iterator[Node]:
        """This node and every element below it, in document order."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(child for child in reversed(node.children) if isinstance(child, Node))

    def find(self, tag: str) -> Node | None:
        return next((node for node in self.iter() if node.tag == tag), None)

    def elements(self) -> list[Node]:
        """The element children, without the text between them."""
        return [child for child in self.children if isinstance(child, Node)]

    def raw_text(self) -> str:
        """All text below this node as written, a `<br>` as a line break (for `<pre>`)."""
        return "".join(self._pieces(br="\n", block=""))

    def has_text(self) -> bool:
        """Whether any text lies below this node; stops at the first word."""
        return any(piece.strip() for piece in self._pieces(br="", block=""))

    def text(self) -> str:
        """All text below this node, whitespace collapsed (a `<br>` counts as a space)."""
        return " ".join("".join(self._pieces(br=" ", block=" ")).split())

    def _pieces(self, *, br: str, block: str) -> Iterator[str]:
        # A block element's text is set off by `block` on both sides; END marks where one ends.
        stack: list[Node | str | None] = list(reversed(self.children))
        while stack:
            child = stack.pop()
            if child is None:
                yield block
            elif isinstance(child, str):
                yield child
            elif child.tag == "br":
                yield br
            else:
                if child.tag in BLOCK_TAGS:
                    yield block
                    stack.append(None)
                stack.extend(reversed(child.children))


def is_junk(node: Node) -> bool:
    """Whether an element is a share bar, social widget, print button, comment box or an ad."""
    name = f"{node.attrs.get('class', '')} {node.attrs.get('id', '')}".strip()
    return bool(name) and _JUNK_NAME.search(name) is not None


class _TreeBuilder(HTMLParser):
    """A forgiving DOM: void tags never open, `<p>` closes at the next block, stray ends vanish.

    Every text node and attribute value passes the cleaner as it arrives, after the parser has
    decoded its character references (`&#x9d;`, `&#x202e;`): whatever is read from the tree
    (text, captions, alt text, link targets) is clean without anyone remembering to clean it.

    At most `MAX_DEPTH` elements are open at once. Past that, start tags open nothing (their
    text and pictures go to the deepest open element) and their end tags are swallowed, so the
    tree stays shallow whatever the markup: every step over it is linear and recursion-free.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {}, [])
        self._stack = [self.root]
        self._open: Counter[str] = Counter()  # open elements by tag: `_close` skips a missing one
        self._flat: Counter[str] = Counter()  # start tags past MAX_DEPTH, waiting for their end
        self._skip: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> Node | None:
        """Add the element; return it when it was opened (is now the deepest open element)."""
        if self._skip:
            if tag == self._skip[-1] and tag not in VOID_TAGS:
                self._skip.append(tag)
            return None
        if tag in SKIP_TAGS:
            self._skip.append(tag)
            return None
        if tag in BLOCK_TAGS:
            self._close("p")  # as browsers do: a paragraph cannot hold a block
        if tag == "li":
            self._close("li", stop={"ul", "ol"})
        elif tag in ("td", "th"):
            self._close("td", stop={"tr", "table"})
            self._close("th", stop={"tr", "table"})
        elif tag == "tr":
            self._close("tr", stop={"table"})
        if tag not in VOID_TAGS and len(self._stack) > MAX_DEPTH:
            self._flat[tag] += 1
            return None
        node = Node(tag, {k.lower(): clean_text(v) if v else "" for k, v in attrs}, [])
        self._stack[-1].children.append(node)
        if tag in VOID_TAGS:
            return None
        self._stack.append(node)
        self._open[tag] += 1
        return node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # `<div/>` is an empty element, and `<br/>` a line break.
        if self._start(tag, attrs) is not None:
            self._pop(len(self._stack) - 1)
        elif self._flat[tag]:
            self._flat[tag] -= 1

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            return
        if self._flat[tag]:
            self._flat[tag] -= 1  # ends an element that was never opened
            return
        if tag == "p" and not self._open["p"]:
            return  # a stray </p>; browsers make an empty paragraph, which is nothing to us
        self._close(tag)

    def _close(self, tag: str, stop: set[str] | frozenset[str] = frozenset()) -> None:
        """Pop up to and including the innermost open `tag`, unless a `stop` tag comes first."""
        if not self._open[tag]:
            return
        for depth in range(len(self._stack) - 1, 0, -1):
            name = self._stack[depth].tag
            if name == tag:
                self._pop(depth)
                return
            if name in stop:
                return

    def _pop(self, depth: int) -> None:
        """Close the open elements from `depth` up."""
        for node in self._stack[depth:]:
            self._open[node.tag] -= 1
        del self._stack[depth:]

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        # The stdlib raises AssertionError for a marked section it does not know, and a body
        # that forgot to escape "<![video] Toàn cảnh" would then read as nothing at all: such a
        # "<![" is text. The ones Word writes (`<![if !supportLists]>`) still vanish.
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.handle_data("<![")
            return i + 3

    def handle_data(self, data: str) -> None:
        if not self._skip:
            text = clean_text(data, multiline=True)
            if text:
                self._stack[-1].children.append(text)


def build_tree(html: str) -> Node:
    """The tree of an HTML document or fragment, under a synthetic "root" element."""
    builder = _TreeBuilder()
    builder.feed(defuse_unclosed(html))  # html.parser is quadratic on what never closes
    builder.close()
    return builder.root
