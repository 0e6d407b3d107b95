"""Article HTML to a small block model: headings, paragraphs, lists, quotes, tables, images.

The reader pane renders these blocks (ui/render.py); nothing here knows about the screen. Parsing
happens in two steps: a forgiving tree builder over the stdlib `html.parser` (feeds send broken
HTML, so end tags close whatever they match and unknown ones are ignored), then a walk of that tree
that emits blocks. The tree is what makes image captions tractable: a caption is often a sibling
(the next table row, the next paragraph) rather than a child of the image.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from ..text import strip_controls

__all__ = [
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


# --- the model ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Inline:
    """A run of text with one style. `href` is an absolute http(s) URL or None."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


Spans = tuple[Inline, ...]


@dataclass(frozen=True)
class Heading:
    level: int
    spans: Spans


@dataclass(frozen=True)
class Paragraph:
    """Wrapped text; a span may contain "\\n" where the HTML had `<br>`."""

    spans: Spans


@dataclass(frozen=True)
class ListBlock:
    """A list, nested lists flattened: `levels[i]` is item i's depth (0 = outermost).

    `ordered` is the outermost list's kind; nested items are numbered per level by the renderer.
    """

    ordered: bool
    items: tuple[Spans, ...]
    levels: tuple[int, ...] = ()

    def level(self, index: int) -> int:
        return self.levels[index] if index < len(self.levels) else 0


@dataclass(frozen=True)
class Quote:
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Table:
    """A data table as text cells; `header` means the first row is a header row."""

    rows: tuple[tuple[str, ...], ...]
    header: bool = False


@dataclass(frozen=True)
class Image:
    """An image with the caption and photo credit that belong to it ("" when none)."""

    url: str
    caption: str = ""
    credit: str = ""
    alt: str = ""

    @property
    def label(self) -> str:
        """What to show for the image: its caption, else its alt text."""
        return self.caption or self.alt


@dataclass(frozen=True)
class Rule:
    pass


@dataclass(frozen=True)
class Preformatted:
    text: str


Block = Heading | Paragraph | ListBlock | Quote | Table | Image | Rule | Preformatted


def spans_text(spans: Iterable[Inline]) -> str:
    """The plain text of a run of spans."""
    return "".join(span.text for span in spans)


def links(blocks: Iterable[Block]) -> list[str]:
    """The distinct link targets in reading order: reference [n] is `links(...)[n - 1]`."""
    seen: dict[str, None] = {}
    for spans in _all_spans(blocks):
        for span in spans:
            if span.href:
                seen.setdefault(span.href, None)
    return list(seen)


def _all_spans(blocks: Iterable[Block]) -> Iterator[Spans]:
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            yield block.spans
        elif isinstance(block, ListBlock):
            yield from block.items
        elif isinstance(block, Quote):
            yield from _all_spans(block.blocks)


# --- captions and credits -------------------------------------------------------------------------

# "Ảnh: Bá Luân", "(Ảnh: Bá Luân)", "Ảnh minh họa: TTXVN", "Nguồn ảnh: ...", "Photo: ...", at the
# end of a caption and separated from it by a full stop, a dash or an opening parenthesis.
_CREDIT = r"(?:ảnh(?:\s+minh\s+họa)?|nguồn\s+ảnh|nguồn|photo|credit)\s*:\s*"
_CREDIT_TAIL = re.compile(
    rf"(?:^|(?<=[.!?…])\s*|\s+[-–—|]\s*|\s*(?=\())\(?{_CREDIT}(?P<credit>[^()]+?)\)?\s*$",
    re.IGNORECASE,
)
_CREDIT_ONLY = re.compile(rf"^\(?\s*{_CREDIT}(?P<credit>.+?)\s*\)?$", re.IGNORECASE)


def split_credit(caption: str) -> tuple[str, str]:
    """Split "Toàn cảnh hội nghị. Ảnh: Bá Luân" into ("Toàn cảnh hội nghị", "Bá Luân").

    A caption that is only a credit gives ("", credit); one without a credit gives (caption, "").
    """
    caption = " ".join(caption.split())
    match = _CREDIT_TAIL.search(caption)
    if not match:
        return caption, ""
    head = caption[: match.start()].rstrip(" -–—|(").rstrip()
    if head.endswith(".") and not head.endswith(".."):
        head = head[:-1].rstrip()  # the full stop only separated caption from credit
    return head, match.group("credit").strip()


# --- tree building --------------------------------------------------------------------------------

SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "iframe", "form", "button", "svg", "head", "object"}
)
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
     "track", "wbr"}
)  # fmt: skip
BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote",
     "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "figure", "figcaption", "pre",
     "hr", "dl", "dt", "dd", "address", "center", "body", "html"}
)  # fmt: skip
_CONTENT_TAGS = frozenset(
    {"img", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "table",
     "figure", "pre", "section", "article"}
)  # fmt: skip
"""Tags whose presence in a table makes it a layout table rather than a data grid."""
IMAGE_SOURCE_ATTRS = ("data-src", "data-original", "data-lazy-src", "src")


@dataclass(eq=False)  # identity, not structure: nodes are looked up in lists
class _Node:
    tag: str
    attrs: dict[str, str]
    children: list[_Node | str]

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").lower().split())

    def iter(self) -> Iterator[_Node]:
        """This node and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, _Node):
                yield from child.iter()

    def find(self, tag: str) -> _Node | None:
        return next((node for node in self.iter() if node.tag == tag), None)

    def text(self) -> str:
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag == "br":
                parts.append(" ")
            else:
                parts.append(child.text())
        return " ".join("".join(parts).split())


class _TreeBuilder(HTMLParser):
    """A forgiving DOM: void tags never open, `<p>` closes at the next block, stray ends vanish."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {}, [])
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
        node = _Node(tag, {k.lower(): v or "" for k, v in attrs}, [])
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


# --- the walk: tree to blocks ---------------------------------------------------------------------

_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0\u200b]+")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BOLD_TAGS = frozenset({"b", "strong"})
_ITALIC_TAGS = frozenset({"i", "em", "cite"})
_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".svg")


@dataclass(frozen=True)
class _Style:
    bold: bool = False
    italic: bool = False
    href: str | None = None


class _Walker:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    # -- urls and images --

    def _url(self, value: str) -> str | None:
        value = value.strip()
        if not value or value.startswith(("#", "data:", "javascript:")):
            return None
        url = urljoin(self.base_url, value)
        return url if urlsplit(url).scheme in ("http", "https") else None

    def image(self, node: _Node) -> Image | None:
        """The image an `<img>` shows, or None for placeholders and tracking pixels."""
        attrs = node.attrs
        if _dimension(attrs.get("width")) == 1 and _dimension(attrs.get("height")) == 1:
            return None
        source = ""
        for name in IMAGE_SOURCE_ATTRS:
            value = attrs.get(name, "").strip()
            if value and not value.startswith("data:"):
                source = value
                break
            if name == "data-lazy-src":  # before settling for src, try srcset
                srcset = (attrs.get("data-srcset") or attrs.get("srcset") or "").strip()
                first = srcset.split(",")[0].split()
                if first and not first[0].startswith("data:"):
                    source = first[0]
                    break
        url = self._url(source)
        if url is None:
            return None
        alt = _clean(attrs.get("alt", ""))
        if alt.lower().endswith(_IMAGE_EXTENSIONS):
            alt = ""  # a file name says nothing to a reader
        return Image(url=url, alt=alt)

    # -- blocks --

    def blocks(self, nodes: Sequence[_Node | str]) -> list[Block]:
        out = _Output()
        self._children(nodes, out, _Style())
        out.flush()
        return _attach_credits(out.blocks)

    def _children(self, nodes: Sequence[_Node | str], out: _Output, style: _Style) -> None:
        for child in nodes:
            if isinstance(child, str):
                out.text(child, style)
            else:
                self._node(child, out, style)

    def _node(self, node: _Node, out: _Output, style: _Style) -> None:
        tag = node.tag
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
        elif tag == "blockquote":
            out.flush()
            inner = self.blocks(node.children)
            if inner:
                out.block(Quote(tuple(inner)))
        elif tag == "table":
            out.flush()
            self._table(node, out)
        elif tag == "figure":
            out.flush()
            self._figure(node, out)
        elif tag == "hr":
            out.block(Rule())
        elif tag == "pre":
            out.flush()
            text = strip_controls(_raw_text(node)).strip("\n")
            if text.strip():
                out.block(Preformatted(text))
        elif tag in BLOCK_TAGS or tag in ("tr", "td", "th", "tbody", "thead", "tfoot"):
            out.flush()
            self._children(node.children, out, style)
            out.flush()
        else:
            self._children(node.children, out, self._inline_style(node, style))

    def _inline_style(self, node: _Node, style: _Style) -> _Style:
        tag = node.tag
        if tag in _BOLD_TAGS:
            return replace(style, bold=True)
        if tag in _ITALIC_TAGS:
            return replace(style, italic=True)
        if tag == "a":
            return replace(style, href=self._url(node.attrs.get("href", "")))
        return style

    def inline(self, node: _Node, style: _Style) -> Spans:
        """The text of `node` as spans, ignoring any block structure inside it."""
        out = _Output()
        self._inline_only(node.children, out, style)
        return _tidy(out.spans)

    def _inline_only(self, nodes: Sequence[_Node | str], out: _Output, style: _Style) -> None:
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

    def _images_in(self, node: _Node) -> list[Image]:
        return [
            image
            for child in node.iter()
            if child.tag == "img" and (image := self.image(child)) is not None
        ]

    def _list(self, node: _Node, out: _Output) -> None:
        items: list[Spans] = []
        levels: list[int] = []
        images: list[Image] = []

        def walk(list_node: _Node, level: int) -> None:
            for child in list_node.children:
                if not isinstance(child, _Node) or child.tag != "li":
                    continue
                nested = [
                    c for c in child.children if isinstance(c, _Node) and c.tag in ("ul", "ol")
                ]
                own = _Node("li", child.attrs, [c for c in child.children if c not in nested])
                spans = self.inline(own, _Style())
                if spans:
                    items.append(spans)
                    levels.append(level)
                images.extend(self._images_in(own))
                for sub in nested:
                    walk(sub, level + 1)

        walk(node, 0)
        if items:
            out.block(ListBlock(node.tag == "ol", tuple(items), tuple(levels)))
        for image in images:  # a list cannot hold an image block; show it right after
            out.block(image)

    def _figure(self, node: _Node, out: _Output) -> None:
        caption_node = node.find("figcaption")
        images = [
            image
            for child in node.iter()
            if child.tag == "img"
            and not _inside(node, child, "figcaption")
            and (image := self.image(child)) is not None
        ]
        caption, credit = split_credit(caption_node.text()) if caption_node else ("", "")
        if not images:
            if caption or credit:
                out.block(Paragraph((Inline(" · ".join(filter(None, (caption, credit)))),)))
            return
        for image in images[:-1]:
            out.block(image)
        # One caption under several images describes them together: show it once, after the last.
        out.block(replace(images[-1], caption=caption, credit=credit))

    def _table(self, node: _Node, out: _Output) -> None:
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

    def _caption_table(self, rows: list[list[_Node]], out: _Output) -> None:
        """Image rows, each followed by text rows that caption the images above them."""
        pending: list[Image] = []

        def emit() -> None:
            for image in pending:
                out.block(image)
            pending.clear()

        for row in rows:
            row_node = _Node("tr", {}, list(row))
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


class _Output:
    """Collects blocks, and the inline spans of the paragraph being built."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.spans: list[Inline] = []

    def text(self, data: str, style: _Style) -> None:
        text = "\n" if data == "\n" else _SPACE.sub(" ", strip_controls(data))
        if not text:
            return
        last = self.spans[-1] if self.spans else None
        if last and (last.bold, last.italic, last.href) == (style.bold, style.italic, style.href):
            self.spans[-1] = replace(last, text=last.text + text)
        else:
            self.spans.append(Inline(text, style.bold, style.italic, style.href))

    def flush(self) -> None:
        spans = _tidy(self.spans)
        self.spans = []
        if spans:
            self.blocks.append(Paragraph(spans))

    def block(self, block: Block) -> None:
        self.flush()
        self.blocks.append(block)


def _tidy(spans: Sequence[Inline]) -> Spans:
    """Collapse spaces across span borders, trim the ends, drop empty spans, merge equal styles."""
    out: list[Inline] = []
    previous = "\n"  # as if at the start of a line: leading spaces go
    for span in spans:
        text = re.sub(r" ?\n ?", "\n", span.text)
        if previous in " \n":
            text = text.lstrip(" ")
        if not text:
            continue
        if out and (out[-1].bold, out[-1].italic, out[-1].href) == (
            span.bold,
            span.italic,
            span.href,
        ):
            out[-1] = replace(out[-1], text=out[-1].text + text)
        else:
            out.append(replace(span, text=text))
        previous = text[-1]
    # Trailing spaces and line breaks, possibly spread over several spans.
    while out:
        stripped = out[-1].text.rstrip(" \n")
        if stripped:
            out[-1] = replace(out[-1], text=stripped)
            break
        out.pop()
    # Leading line breaks (a <br> at the start of a paragraph).
    while out:
        stripped = out[0].text.lstrip(" \n")
        if stripped:
            out[0] = replace(out[0], text=stripped)
            break
        out.pop(0)
    return tuple(out)


def _attach_credits(blocks: list[Block]) -> list[Block]:
    """A paragraph that is only "Ảnh: X" right after an uncredited image is that image's credit."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph) and out and isinstance(out[-1], Image):
            match = _CREDIT_ONLY.match(" ".join(spans_text(block.spans).split()))
            if match and not out[-1].credit:
                out[-1] = replace(out[-1], credit=match.group("credit"))
                continue
        out.append(block)
    return out


def _rows(table: _Node) -> list[list[_Node]]:
    """The cells of a table's own rows (not of tables nested in its cells)."""
    rows: list[list[_Node]] = []

    def walk(node: _Node) -> None:
        for child in node.children:
            if not isinstance(child, _Node):
                continue
            if child.tag == "tr":
                rows.append(
                    [c for c in child.children if isinstance(c, _Node) and c.tag in ("td", "th")]
                )
            elif child.tag in ("thead", "tbody", "tfoot"):
                walk(child)

    walk(table)
    return rows


def _iter_own(node: _Node) -> Iterator[_Node]:
    """`node` and the elements below it, without entering nested tables."""
    yield node
    for child in node.children:
        if isinstance(child, _Node):
            if child.tag == "table":
                yield child
            else:
                yield from _iter_own(child)


def _inside(root: _Node, target: _Node, tag: str) -> bool:
    """Whether `target` lies inside an element named `tag` below `root`."""
    return any(
        node is not root and target in node.iter() for node in root.iter() if node.tag == tag
    )


def _raw_text(node: _Node) -> str:
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag == "br":
            parts.append("\n")
        else:
            parts.append(_raw_text(child))
    return "".join(parts)


def _dimension(value: str | None) -> int | None:
    match = re.match(r"\s*(\d+)", value or "")
    return int(match.group(1)) if match else None


def _clean(text: str) -> str:
    return " ".join(strip_controls(text).split())


def parse_html(html: str, base_url: str = "") -> list[Block]:
    """The blocks of an article body. Relative link and image URLs resolve against `base_url`."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return _Walker(base_url).blocks(builder.root.children)
