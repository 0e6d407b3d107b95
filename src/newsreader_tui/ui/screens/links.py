"""The links view (`u`, as in newsboat): every link of an article, to open or copy by keyboard.

The article's own page comes first as 0, then the body's links numbered as the reader numbers
them (`[1]`, `[2]`...), so the number read in the text is the number typed here. Each row shows
the words that were linked and a short form of the address that keeps the host and the file
name (what tells one PDF from another); the highlighted link's whole address shows below the
list. All of it is outside text: cleaned, drawn as `Text`, never as markup.

The dialog only picks: it returns the link and whether to copy it, and the caller opens, copies
or shows it exactly as `o` and `y` do.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ...core.content.blocks import parse_html
from ...core.content.model import link_texts
from ...core.models import Article
from ...core.text import clean_text

ATTACHMENTS = frozenset(
    {"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "rtf", "zip", "rar", "7z"}
)
"""File types named beside a link: the attachments (decisions, forms) readers look for."""
CHROME = 12
"""Columns of the dialog around a row's words: border, padding, scrollbar, number column."""
CHROME_ROWS = 13
"""Rows of the dialog around the list: border, padding, title, the whole address, the hint."""


@dataclass(frozen=True)
class LinkRow:
    """One link of the article: its number, address and words ("" when none were linked)."""

    number: int
    url: str
    text: str


@dataclass(frozen=True)
class LinkChoice:
    """What the user picked: the address, and whether to copy it (else open it)."""

    url: str
    copy: bool


def one_line(text: str) -> str:
    """Outside text for one line of the screen: no escapes or controls, spaces collapsed, NFC."""
    return unicodedata.normalize("NFC", " ".join(clean_text(text).split()))


def article_links(article: Article, own_label: str) -> list[LinkRow]:
    """The article's page (0, shown as `own_label`) then its body's links as the reader numbers
    them. Parses the body: call it in a thread worker."""
    rows = [LinkRow(0, one_line(article.url), own_label)] if article.url else []
    blocks = parse_html(article.body_html, article.url or article.feed_url)
    for number, (url, words) in enumerate(link_texts(blocks).items(), start=1):
        rows.append(LinkRow(number, one_line(url), one_line(words)))
    return rows


def file_type(url: str) -> str | None:
    """ "PDF" for a link to a .pdf file, and so on for the attachment types; else None."""
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return extension.upper() if extension in ATTACHMENTS else None


def short_url(url: str, width: int) -> str:
    """`url` in at most `width` characters, keeping what identifies it: without the scheme and
    "www.", with its path decoded ("Quyết-định.pdf", not "Quy%E1%BA%BFt..."), and when too long,
    the host and the last part of the path with "…" for the folders between; failing that, the
    end of it (a file name's end says more than its start)."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    path = one_line(unquote(parts.path)).rstrip("/")
    query = f"?{one_line(unquote(parts.query))}" if parts.query else ""
    full = f"{host}{path}{query}"
    if len(full) <= width:
        return full
    name = path.rsplit("/", 1)[-1] + query
    folded = f"{host}/…/{name}"
    if len(folded) <= width:
        return folded
    return "…" + full[-(max(width, 2) - 1) :]


class LinksScreen(ModalScreen[LinkChoice | None]):
    """The links of one article: j/k or arrows to move, a number to jump, Enter or `o` to open,
    `y` to copy, Esc to close."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "move(1)", id="links.down", show=False),
        Binding("k", "move(-1)", id="links.up", show=False),
        Binding("o", "choose(False)", id="links.open", show=False),
        Binding("y", "choose(True)", id="links.copy", show=False),
        Binding("escape,q,u", "close", id="links.close", show=False),
    ]

    def __init__(self, title: str, rows: Sequence[LinkRow], *, hint: str) -> None:
        super().__init__()
        self.title_text = title
        self.rows = list(rows)
        self.hint = hint
        self._typed = ""
        self._width = 0
        self._lines = 0
        self._index = {row.number: index for index, row in enumerate(self.rows)}

    def compose(self) -> ComposeResult:
        with Vertical(id="links-dialog", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield OptionList(id="links-list")
            yield Static(id="links-url", markup=False)
            yield Label(self.hint, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self._fill(self.app.size.width, self.app.size.height)
        self.query_one(OptionList).highlighted = 0
        self.query_one(OptionList).focus()

    def on_resize(self, event: events.Resize) -> None:
        self._fill(event.size.width, event.size.height)

    def _fill(self, screen_width: int, screen_height: int) -> None:
        """Fit the list to the screen: the short addresses are cut to the dialog's width (95%
        of the screen at most, 100 columns at most), and the list is as tall as its rows when
        the dialog (90% of the screen at most) has room for them, else it takes the room left
        and scrolls, under the whole address and the hint that must stay in view."""
        options = self.query_one(OptionList)
        width = max(20, min(100, screen_width * 95 // 100) - CHROME)
        if width != self._width:
            self._width = width
            prompts = [self._prompt(row, width) for row in self.rows]
            self._lines = sum(len(option.prompt.split()) for option in prompts)
            highlighted = options.highlighted
            options.set_options(prompts)
            options.highlighted = highlighted
        room = screen_height * 9 // 10 - CHROME_ROWS
        options.styles.height = self._lines if self._lines <= room else "1fr"

    def _prompt(self, row: LinkRow, width: int) -> Option:
        digits = len(str(self.rows[-1].number))
        text = Text(f"{row.number:>{digits}}  ", style="bold")
        kind = file_type(row.url)
        mark = f"  {kind}" if kind else ""
        address = short_url(row.url, width)
        # A link without words shows its address in their place, beside the file type.
        text.append(row.text or short_url(row.url, width - len(mark)))
        if kind:
            text.append("  ")
            text.append(kind, style="bold reverse")
        if row.text:
            text.append("\n" + " " * (digits + 2))
            text.append(address, style="dim")
        return Option(text)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        url = self.rows[event.option_index].url
        self.query_one("#links-url", Static).update(Text(url, overflow="fold"))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(LinkChoice(self.rows[event.option_index].url, copy=False))

    def on_key(self, event: events.Key) -> None:
        """Digits jump to a link by its number: "1" then "2" is link 12 when there is one,
        else link 2."""
        digit = event.character if event.character and event.character.isdigit() else None
        if digit is None:
            self._typed = ""
            return
        event.stop()
        event.prevent_default()
        for typed in (self._typed + digit, digit):
            if int(typed) in self._index:
                self._typed = typed
                self.query_one(OptionList).highlighted = self._index[int(typed)]
                return
        self._typed = ""

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_choose(self, copy: bool) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.dismiss(LinkChoice(self.rows[index].url, copy=copy))

    def action_close(self) -> None:
        self.dismiss(None)
