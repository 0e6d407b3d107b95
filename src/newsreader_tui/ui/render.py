"""Content blocks and article headers to Rich renderables: the one place article bodies meet Rich.

Feed text is never parsed as markup: every `Text` here is built with `append`, so a title such as
"[video] Toàn cảnh" shows exactly as written. Styles are plain Rich style strings (Textual CSS
variables do not reach inside a renderable), gathered in `ReaderTheme` so a caller can swap them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, NewLine, RenderableType, RenderResult
from rich.measure import Measurement
from rich.rule import Rule as RichRule
from rich.segment import Segment
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text

from ..core.content.blocks import (
    Block,
    Heading,
    Image,
    Inline,
    ListBlock,
    Paragraph,
    Preformatted,
    Quote,
    Rule,
    Table,
    links,
)
from ..core.dates import VN_TZ
from ..core.models import Article

__all__ = [
    "DEFAULT_LABELS",
    "IMAGE_MARK",
    "CachedGroup",
    "ReaderTheme",
    "caption_line",
    "render_body",
    "render_header",
]

IMAGE_MARK = "▣"
NARROW = 50
"""Below this many columns tables drop the box-drawing grid for ASCII, which survives any font."""

DEFAULT_LABELS: Mapping[str, str] = {
    "render.image": "Ảnh",
    "render.credit": "Ảnh: {credit}",
    "render.links": "Liên kết",
    "render.author": "Tác giả: {author}",
    "render.tags": "Thẻ: {tags}",
}
"""Words the renderer writes itself; the UI passes its own mapping to show another language."""


@dataclass(frozen=True)
class ReaderTheme:
    """Rich style strings for the parts of an article. Named colours work in every terminal."""

    title: str = "bold"
    heading: str = "bold dark_orange"
    muted: str = "dim"
    link: str = "underline"
    link_number: str = "dim"
    caption: str = "italic"
    quote: str = "dim"
    rule: str = "dim"
    table_header: str = "bold"
    code: str = ""
    unread: str = "bold blue"
    star: str = "bold yellow"


DEFAULT_THEME = ReaderTheme()


def _label(labels: Mapping[str, str] | None, key: str, **values: str) -> str:
    template = (labels or {}).get(key) or DEFAULT_LABELS[key]
    return template.format(**values) if values else template


def _spans(
    spans: Iterable[Inline], theme: ReaderTheme, numbers: Mapping[str, int] | None, style: str = ""
) -> Text:
    """Styled text of spans; with `numbers`, each link is followed by its reference "[n]"."""
    text = Text(style=style)
    for span in spans:
        parts = []
        if span.bold:
            parts.append("bold")
        if span.italic:
            parts.append("italic")
        if span.href:
            parts.append(theme.link)
        text.append(span.text, " ".join(parts))
        if span.href and numbers is not None and span.href in numbers:
            text.append(f"[{numbers[span.href]}]", theme.link_number)
    return text


class _Indent:
    """Renderables drawn narrower behind a prefix: list markers with a hanging indent, the bar of
    a quote. Cheaper than a `Table.grid`, which matters in a long list of links."""

    def __init__(
        self,
        renderables: Sequence[RenderableType],
        first: str,
        rest: str | None = None,
        style: str = "",
        *,
        inner_style: bool = False,
    ) -> None:
        self.renderables = renderables
        self.first = first
        self.rest = " " * cell_len(first) if rest is None else rest
        self.style = Style.parse(style) if style else Style()
        self.inner_style = inner_style
        """Also apply `style` to the indented content (a muted quote), not only the prefix."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(cell_len(self.first), cell_len(self.rest))
        inner = options.update_width(max(1, options.max_width - width))
        lines = console.render_lines(Group(*self.renderables), inner, pad=False)
        for number, line in enumerate(lines):
            yield Segment(self.first if number == 0 else self.rest, self.style)
            for segment in line:
                style = self.style + segment.style if self.inner_style else segment.style
                yield Segment(segment.text, style)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


class CachedGroup:
    """A `Group` that keeps its rendered lines per width.

    Textual renders a widget's content twice per layout (once to measure its height, once to
    paint); for a long article the second pass is most of the cost of showing it.
    """

    def __init__(self, renderables: Sequence[RenderableType]) -> None:
        self.group = Group(*renderables)
        self._width = -1
        self._lines: list[list[Segment]] = []

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if width != self._width:
            segments = console.render(self.group, options.update(height=None))
            self._lines = list(
                Segment.split_and_crop_lines(segments, width, include_new_lines=False, pad=False)
            )
            self._width = width
        for line in self._lines:
            yield from line
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


def caption_line(image: Image, labels: Mapping[str, str] | None = None) -> str:
    """`▣ Toàn cảnh hội nghị (Ảnh: Bá Luân)`, `▣ Ảnh: Bá Luân`, `▣ <alt>` or `▣ Ảnh`."""
    credit = _label(labels, "render.credit", credit=image.credit) if image.credit else ""
    label = image.label
    if label and credit:
        return f"{IMAGE_MARK} {label} ({credit})"
    return f"{IMAGE_MARK} {label or credit or _label(labels, 'render.image')}"


def _table(block: Table, width: int, theme: ReaderTheme) -> RichTable:
    columns = max(len(row) for row in block.rows)
    table = RichTable(
        box=box.ASCII if width < NARROW else box.SQUARE,
        show_header=block.header,
        header_style=theme.table_header,
        expand=False,
    )
    rows = [row + ("",) * (columns - len(row)) for row in block.rows]
    head = rows[0] if block.header else ("",) * columns
    for cell in head:
        table.add_column(Text(cell), overflow="fold")
    for row in rows[1:] if block.header else rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def _list(block: ListBlock, theme: ReaderTheme, numbers: Mapping[str, int] | None) -> Group:
    counters: list[int] = []
    items: list[RenderableType] = []
    for index, spans in enumerate(block.items):
        level = block.level(index)
        del counters[level + 1 :]
        counters.extend([0] * (level + 1 - len(counters)))
        counters[level] += 1
        # Nested levels keep the outer kind: the flattened model knows only the outermost one.
        marker = f"{counters[level]}. " if block.ordered else "- "
        body = _spans(spans, theme, numbers)
        items.append(_Indent([body], "  " * level + marker, style=theme.muted))
    return Group(*items)


def _block(
    block: Block,
    *,
    width: int,
    theme: ReaderTheme,
    numbers: Mapping[str, int] | None,
    labels: Mapping[str, str] | None,
) -> RenderableType:
    if isinstance(block, Paragraph):
        return _spans(block.spans, theme, numbers)
    if isinstance(block, Heading):
        return _spans(block.spans, theme, numbers, style=theme.heading)
    if isinstance(block, Image):
        return Text(caption_line(block, labels), style=theme.caption)
    if isinstance(block, ListBlock):
        return _list(block, theme, numbers)
    if isinstance(block, Quote):
        inner = _blocks(block.blocks, width=width - 2, theme=theme, numbers=numbers, labels=labels)
        return _Indent(inner, "│ ", "│ ", theme.quote, inner_style=True)
    if isinstance(block, Table):
        return _table(block, width, theme)
    if isinstance(block, Rule):
        return RichRule(style=theme.rule)
    if isinstance(block, Preformatted):
        return Text(block.text, style=theme.code, overflow="fold")
    raise TypeError(f"unknown block {block!r}")


def _blocks(
    blocks: Sequence[Block],
    *,
    width: int,
    theme: ReaderTheme,
    numbers: Mapping[str, int] | None,
    labels: Mapping[str, str] | None,
) -> list[RenderableType]:
    """One renderable per block with a blank line between blocks."""
    out: list[RenderableType] = []
    for block in blocks:
        if out:
            out.append(NewLine())
        out.append(_block(block, width=width, theme=theme, numbers=numbers, labels=labels))
    return out


def render_body(
    blocks: Sequence[Block],
    *,
    width: int,
    link_numbers: bool = True,
    labels: Mapping[str, str] | None = None,
    theme: ReaderTheme = DEFAULT_THEME,
) -> list[RenderableType]:
    """The renderables of an article body, to stack in a `Group`.

    `width` is the column count the body will be drawn in; Rich wraps text to the real width, so
    it only picks table borders. With `link_numbers`, each link is followed by "[n]" and a list of
    the links closes the body (terminals over SSH cannot always click a link).
    """
    targets = links(blocks) if link_numbers else []
    numbers = {href: number for number, href in enumerate(targets, start=1)}
    out = _blocks(
        blocks, width=width, theme=theme, numbers=numbers if link_numbers else None, labels=labels
    )
    if targets:
        out.append(NewLine())
        out.append(Text(_label(labels, "render.links"), style=theme.heading))
        for number, href in enumerate(targets, start=1):
            reference = Text(href, overflow="fold")
            out.append(_Indent([reference], f"[{number}] ", style=theme.link_number))
    return out


@dataclass(frozen=True)
class TextSection:
    """A run of body blocks drawn as text."""

    renderables: list[RenderableType]


@dataclass(frozen=True)
class ImageSection:
    """A photo of the article: the picture (when it can be shown) goes above `caption`."""

    image: Image
    caption: Text


def render_sections(
    blocks: Sequence[Block],
    *,
    width: int,
    labels: Mapping[str, str] | None = None,
    theme: ReaderTheme = DEFAULT_THEME,
) -> list[TextSection | ImageSection]:
    """The body split at its top-level images, so a reader can put pictures between the text.

    Links are numbered across the whole body and listed at the end of the last text section.
    """
    targets = links(blocks)
    numbers = {href: number for number, href in enumerate(targets, start=1)}
    sections: list[TextSection | ImageSection] = []
    run: list[Block] = []

    def flush() -> None:
        if run:
            renderables = _blocks(run, width=width, theme=theme, numbers=numbers, labels=labels)
            sections.append(TextSection(renderables))
            run.clear()

    for block in blocks:
        if isinstance(block, Image):
            flush()
            sections.append(ImageSection(block, Text(caption_line(block, labels), theme.caption)))
        else:
            run.append(block)
    flush()
    if targets:
        tail: list[RenderableType] = [Text(_label(labels, "render.links"), style=theme.heading)]
        for number, href in enumerate(targets, start=1):
            reference = Text(href, overflow="fold")
            tail.append(_Indent([reference], f"[{number}] ", style=theme.link_number))
        sections.append(TextSection(tail))
    return sections


class _OneLine:
    """`text` on one line: cut to the width with "~" rather than wrapped (a header line that
    wraps pushes the article down; "…" is misdrawn as two cells by some terminals)."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        text = self.text.copy()
        text.no_wrap = True
        width = options.max_width
        if text.cell_len > width:
            text.truncate(max(width - 1, 0), overflow="crop")
            text.append("~", self.text.style)
        yield text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


def _host(url: str | None) -> str:
    """The host of `url` ("baodientu.example.vn"): the full address is one `o`/`y` away and
    in the links list, and over two lines it cost two rows of every article at 80 columns."""
    if not url:
        return ""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def render_header(
    article: Article,
    *,
    labels: Mapping[str, str] | None = None,
    theme: ReaderTheme = DEFAULT_THEME,
) -> RenderableType:
    """The title, then one line: the read/starred marks (as in the list: `▪` unread, `*`
    starred), date · source · host · author; the tags only where they say more than the
    category; then a rule. Every row it saves is a row of the article at 80x24."""
    parts: list[RenderableType] = [Text(article.title, style=theme.title)]
    meta = Text(style=theme.muted)
    if not article.read:
        meta.append("▪ ", theme.unread)
    if article.starred:
        meta.append("* ", theme.star)
    when = article.published.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M")
    author = _label(labels, "render.author", author=article.author) if article.author else ""
    meta.append(
        " · ".join(part for part in (when, article.feed_title, _host(article.url), author) if part)
    )
    parts.append(_OneLine(meta))
    repeated = {article.category.casefold(), article.feed_title.casefold()}
    tags = [tag for tag in article.categories if tag.casefold() not in repeated]
    if tags:
        line = Text(_label(labels, "render.tags", tags=", ".join(tags)), style=theme.muted)
        parts.append(_OneLine(line))
    parts.append(RichRule(style=theme.rule))
    return Group(*parts)
