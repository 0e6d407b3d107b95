"""Article HTML to a small block model: headings, paragraphs, lists, quotes, tables, images.

The reader pane renders these blocks (ui/render.py); nothing here knows about the screen. Parsing
happens in two steps: a forgiving tree builder (`html_tree`), then a walk of that tree that emits
blocks (`model`) and pairs each image with its caption (`captions`). This module is also the
façade of the package: the model and `split_credit` are importable from here.

What is dropped on the way: scripts, styles, forms, iframes, tracking pixels (2 px or less), and
share bars, social widgets, print buttons, comment boxes and ads (`html_tree.is_junk`).

Caption styles understood, each kept next to its image:

* `<figure>` with `<figcaption>` (WordPress `wp-element-caption`, `figure.tplCaption` with
  `figcaption > p.Image`, a credit in `<em>` after "Ảnh:");
* caption tables: the image in one row, the caption (`td.caption`, `p.Image`) in the next
  (`table.tplCaption`, `table.image`);
* VCCorp's `<div type="Photo">` with `div.PhotoCMS_Caption` (its `PhotoCMS_Author` is noise);
* a paragraph holding only an image, followed by a short centred or italic paragraph, or by a
  credit line "Ảnh: X" (`captions.caption_paragraph`);
* an image, a `<br>`, then a short italic line ending there: `<p><img><br><em>Bình gốm
  men lam trưng bày…</em></p>` (`captions.caption_of`);
* otherwise the image's `alt` text, unless that is a file name.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..urls import web_url
from .captions import caption_of, credit_only, image_source, is_tracking_pixel, split_credit
from .html_tree import BLOCK_TAGS, MAX_DEPTH, Node, build_tree, is_junk
from .inline import Output as _Output
from .inline import Style as _Style
from .inline import tidy as _tidy
from .model import (
    Block,
    Heading,
    Image,
    Inline,
    ListBlock,
    Paragraph,
    Preformatted,
    Quote,
    Rule,
    Spans,
    Table,
    links,
    spans_text,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_LIST_LEVEL",
    "MAX_QUOTE_DEPTH",
    "Block",
    "Heading",
    "Image",
    "Inline",
    "ListBlock",
    "Paragraph",
    "Preformatted",
    "Quote",
    "Rule",
    "Table",
    "links",
    "parse_html",
    "spans_text",
    "split_credit",
]

MAX_QUOTE_DEPTH = 6
"""Quotes nested deeper than this are shown at this depth: each level costs the reader two
columns, and 400 nested `<blockquote>`s would leave no room for the words."""
MAX_LIST_LEVEL = 6
"""Likewise for nested lists: deeper items are shown at this level."""

_CONTENT_TAGS = frozenset(
    {"img", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "table",
     "figure", "pre", "section", "article"}
)  # fmt: skip
"""Tags whose presence in a table makes it a layout table rather than a data grid."""

# --- the walk: tree to blocks ---------------------------------------------------------------------

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BOLD_TAGS = frozenset({"b", "strong"})
_ITALIC_TAGS = frozenset({"i", "em", "cite"})
_BARE_IMAGE_HOLDERS = frozenset({"img", "p", "div", "center", "a", "span", "strong", "b"})
_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".svg")


class _Walker:
    """Tree to blocks. The tree's text and attributes are clean already (`html_tree` cleans them
    as it reads them), and it is at most `MAX_DEPTH` deep, which bounds the recursion here."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.quotes = 0  # quotes open around the node being walked

    # -- urls and images --

    def _url(self, value: str) -> str | None:
        value = value.strip()
        if not value or value.startswith(("#", "data:", "javascript:")):
            return None
        return web_url(self.base_url, value)

    def image(self, node: Node) -> Image | None:
        """The image an `<img>` shows, or None for placeholders and tracking pixels."""
        attrs = node.attrs
        if is_tracking_pixel(attrs):
            return None
        url = self._url(image_source(attrs) or "")
        if url is None:
            return None
        alt = _clean(attrs.get("alt", ""))
        if alt.lower().endswith(_IMAGE_EXTENSIONS):
            alt = ""  # a file name says nothing to a reader
        return Image(url=url, alt=alt)

    # -- blocks --

    def blocks(self, nodes: Sequence[Node | str]) -> list[Block]:
        out = _Output()
        self._children(nodes, out, _Style())
        out.flush()
        return _attach_credits(out.blocks)

    def _children(self, nodes: Sequence[Node | str], out: _Output, style: _Style) -> None:
        used: set[int] = set()  # ids of captions already given to an image (and breaks before)
        for index, child in enumerate(nodes):
            if isinstance(child, str):
                out.text(child, style)
            elif id(child) in used:
                continue
            elif (
                self._bare(child)
                and (caption := caption_of(nodes, index))
                and (images := self._images_in(child))
            ):
                used.update(id(node) for node in caption)
                self._captioned(images, caption[-1].text(), out)
            else:
                self._node(child, out, style)

    @staticmethod
    def _bare(node: Node) -> bool:
        """Whether an element may hold images and nothing else (`<p><img></p>`): the cheap
        test first, so only such an element followed by a caption is searched for images."""
        return node.tag in _BARE_IMAGE_HOLDERS and not is_junk(node) and not node.has_text()

    def _captioned(self, images: list[Image], caption_text: str, out: _Output) -> None:
        """Images sharing one caption: it is shown once, after the last of them."""
        caption, credit = split_credit(caption_text)
        if not images:
            if caption or credit:
                out.block(Paragraph((Inline(" · ".join(filter(None, (caption, credit)))),)))
            return
        for image in images[:-1]:
            out.block(image)
        last = images[-1]
        out.block(replace(last, caption=caption or last.caption, credit=credit or last.credit))

    def _node(self, node: Node, out: _Output, style: _Style) -> None:
        tag = node.tag
        if is_junk(node):
            return
        if tag == "br":
            out.text("\n", style)
        elif tag == "img":
            image = self.image(node)
            if image is not None:
                out.block(image)
        elif tag in _HEADINGS:
            out.flush()
            spans = self.inline(node, _Style())
            if spans:
                out.block(Heading(_HEADINGS[tag], spans))
            for image in self._images_in(node):
                out.block(image)
        elif tag in ("ul", "ol"):
            out.flush()
            self._list(node, out)
        elif tag == "blockquote" and self.quotes < MAX_QUOTE_DEPTH:
            out.flush()
            self.quotes += 1
            try:
                inner = self.blocks(node.children)
            finally:
                self.quotes -= 1
            if inner:
                out.block(Quote(tuple(inner)))
        elif tag == "table":
            out.flush()
            self._table(node, out)
        elif tag == "figure":
            out.flush()
            self._photo(node, node.find("figcaption"), out)
        elif tag == "div" and node.attrs.get("type", "").lower() == "photo":
            out.flush()  # VCCorp's photo box
            caption = next((n for n in node.iter() if "photocms_caption" in n.classes()), None)
            self._photo(node, caption, out)
        elif tag == "hr":
            out.block(Rule())
        elif tag == "pre":
            out.flush()
            text = node.raw_text().strip("\n")
            if text.strip():
                out.block(Preformatted(text))
        elif tag in BLOCK_TAGS or tag in ("tr", "td", "th", "tbody", "thead", "tfoot"):
            out.flush()
            self._children(node.children, out, style)
            out.flush()
        else:
            self._children(node.children, out, self._inline_style(node, style))

    def _inline_style(self, node: Node, style: _Style) -> _Style:
        tag = node.tag
        if tag in _BOLD_TAGS:
            return replace(style, bold=True)
        if tag in _ITALIC_TAGS:
            return replace(style, italic=True)
        if tag == "a":
            return replace(style, href=self._url(node.attrs.get("href", "")))
        return style

    def inline(self, node: Node, style: _Style) -> Spans:
        """The text of `node` as spans, ignoring any block structure inside it."""
        out = _Output()
        self._inline_only(node.children, out, style)
        return _tidy(out.spans)

    def _inline_only(self, nodes: Sequence[Node | str], out: _Output, style: _Style) -> None:
        for child in nodes:
            if isinstance(child, str):
                out.text(child, style)
            elif child.tag == "br":
                out.text("\n", style)
            elif child.tag in BLOCK_TAGS or child.tag in ("td", "th", "tr"):
                out.text(" ", style)
                self._inline_only(child.children, out, style)
                out.text(" ", style)
            else:
                self._inline_only(child.children, out, self._inline_style(child, style))

    def _images_in(self, node: Node) -> list[Image]:
        return [
            image
            for child in node.iter()
            if child.tag == "img" and (image := self.image(child)) is not None
        ]

    def _list(self, node: Node, out: _Output) -> None:
        items: list[Spans] = []
        levels: list[int] = []
        images: list[Image] = []

        def walk(list_node: Node, level: int) -> None:
            for child in list_node.children:
                if not isinstance(child, Node) or child.tag != "li":
                    continue
                nested = [
                    c for c in child.children if isinstance(c, Node) and c.tag in ("ul", "ol")
                ]
                ids = {id(c) for c in nested}
                own = Node("li", child.attrs, [c for c in child.children if id(c) not in ids])
                spans = self.inline(own, _Style())
                if spans:
                    items.append(spans)
                    levels.append(min(level, MAX_LIST_LEVEL))
                images.extend(self._images_in(own))
                for sub in nested:
                    walk(sub, level + 1)

        walk(node, 0)
        if items:
            out.block(ListBlock(node.tag == "ol", tuple(items), tuple(levels)))
        for image in images:  # a list cannot hold an image block; show it right after
            out.block(image)

    def _photo(self, node: Node, caption_node: Node | None, out: _Output) -> None:
        """A figure-like box: its images, and the caption element inside it."""
        images = [
            image
            for child in _outside(node, caption_node)
            if child.tag == "img" and (image := self.image(child)) is not None
        ]
        self._captioned(images, caption_node.text() if caption_node else "", out)

    def _table(self, node: Node, out: _Output) -> None:
        rows = _rows(node)
        own = [child for row in rows for cell in row for child in _iter_own(cell)]
        has_caption_cell = any(
            ("caption" in child.classes() and child.tag in ("td", "th"))
            or ("image" in child.classes() and child.tag == "p")
            for child in own
        )
        classes = node.classes()
        if any(child.tag == "img" for child in own) and (
            has_caption_cell or "tplcaption" in classes or "image" in classes
        ):
            self._caption_table(rows, out)
        elif any(child.tag in _CONTENT_TAGS for child in own):
            # A layout table: its cells are just containers for the article's blocks.
            for row in rows:
                for cell in row:
                    self._children(cell.children, out, _Style())
                    out.flush()
        else:
            cells = tuple(tuple(_clean(cell.text()) for cell in row) for row in rows)
            cells = tuple(row for row in cells if any(row))
            if cells:
                header = bool(rows) and all(cell.tag == "th" for cell in rows[0])
                out.block(Table(cells, header=header))

    def _caption_table(self, rows: list[list[Node]], out: _Output) -> None:
        """Image rows, each followed by text rows that caption the images above them."""
        pending: list[Image] = []

        def emit() -> None:
            for image in pending:
                out.block(image)
            pending.clear()

        for row in rows:
            row_node = Node("tr", {}, list(row))
            images = self._images_in(row_node)
            text = row_node.text()
            if images:
                emit()
                caption, credit = split_credit(text)
                images[-1] = replace(images[-1], caption=caption, credit=credit)
                pending.extend(images)
                continue
            if not text:
                continue
            if not pending:
                out.block(Paragraph((Inline(text),)))
                continue
            caption, credit = split_credit(text)
            last = pending[-1]
            pending[-1] = replace(
                last,
                caption=" ".join(filter(None, (last.caption, caption))),
                credit=last.credit or credit,
            )
        emit()


def _attach_credits(blocks: list[Block]) -> list[Block]:
    """A paragraph that is only "Ảnh: X" right after an uncredited image is that image's credit."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph) and out and isinstance(out[-1], Image):
            credit = credit_only(spans_text(block.spans))
            if credit and not out[-1].credit:
                out[-1] = replace(out[-1], credit=credit)
                continue
        out.append(block)
    return out


def _rows(table: Node) -> list[list[Node]]:
    """The cells of a table's own rows (not of tables nested in its cells)."""
    rows: list[list[Node]] = []

    def walk(node: Node) -> None:
        for child in node.children:
            if not isinstance(child, Node):
                continue
            if child.tag == "tr":
                rows.append(
                    [c for c in child.children if isinstance(c, Node) and c.tag in ("td", "th")]
                )
            elif child.tag in ("thead", "tbody", "tfoot"):
                walk(child)

    walk(table)
    return rows


def _iter_own(node: Node) -> Iterator[Node]:
    """`node` and the elements below it, without entering nested tables."""
    yield node
    for child in node.children:
        if isinstance(child, Node):
            if child.tag == "table":
                yield child
            else:
                yield from _iter_own(child)


def _outside(root: Node, caption: Node | None) -> Iterator[Node]:
    """The elements below `root` that lie neither in `caption` nor in a junk element (a share
    bar, an ad): one walk that does not enter them, rather than a search per image."""
    if root is caption:
        return
    stack = [child for child in reversed(root.children) if isinstance(child, Node)]
    while stack:
        node = stack.pop()
        if node is caption or is_junk(node):
            continue
        yield node
        stack.extend(child for child in reversed(node.children) if isinstance(child, Node))


def _clean(text: str) -> str:
    return " ".join(text.split())


def parse_html(html: str, base_url: str = "") -> list[Block]:
    """The blocks of an article body. Relative link and image URLs resolve against `base_url`."""
    return _Walker(base_url).blocks(build_tree(html).children)
