"""The reader pane: one article's header and body, scrolled with the keyboard."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import get_current_worker

from ...core.content.blocks import parse_html
from ...core.content.lead import with_lead
from ...core.media.pictures import Refusal, decode_picture
from ...core.models import Article
from ...core.store import Term
from ..highlight import mark_article
from ..render import (
    CachedGroup,
    ImageSection,
    ReaderTheme,
    TextSection,
    render_header,
    render_sections,
)
from .article_image import ArticleImage, ImageResolver
from .pane_frame import FramedPane
from .settled_size import SettledSize, SettledStatic, SettledVertical

DEFAULT_LABELS: Mapping[str, str] = {"reader.empty": "Chọn một bài để đọc"}
TEXT_WIDTH = 100
"""Widest text column: longer lines are hard to follow on a 160-column terminal."""
SPARES = 8
"""Most section widgets of each kind (text, picture) kept hidden for the next article."""


class Reader(FramedPane, SettledSize, VerticalScroll, can_focus=True, inherit_bindings=False):
    """Shows one article. The app calls `show`; `page_down` tells it when to move on."""

    # Scroll containers refuse to be maximised by default; reading full screen is the point here.
    ALLOW_MAXIMIZE = True

    DEFAULT_CSS = """
    Reader {
        padding: 0 1;
    }
    Reader > Static, Reader > #reader-body {
        width: 1fr;
        max-width: 100;
        height: auto;
    }
    Reader .reader-text {
        height: auto;
    }
    Reader ArticleImage {
        margin: 1 0;
    }
    Reader > #reader-header.-empty {
        display: none;
    }
    Reader .reader-empty {
        color: $text-muted;
        text-style: italic;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", id="reader.scroll_down", show=False),
        Binding("k,up", "scroll_up", id="reader.scroll_up", show=False),
        Binding("pagedown", "page_down", id="reader.page_down", show=False),
        Binding("pageup", "page_up", id="reader.page_up", show=False),
        Binding("ctrl+d", "half_down", id="reader.half_down", show=False),
        Binding("ctrl+u", "half_up", id="reader.half_up", show=False),
        Binding("g,home", "scroll_home", id="reader.top", show=False),
        Binding("G,end", "scroll_end", id="reader.bottom", show=False),
    ]

    @dataclass
    class Changed(Message):
        """`show` put another article on screen, or cleared it (`article` None). Not sent when
        the same article is drawn again in place (`keep_scroll`): the layout follows what is
        open, not each redraw."""

        article: Article | None

    def __init__(
        self,
        *,
        labels: Mapping[str, str] | None = None,
        theme: ReaderTheme | None = None,
        resolve_image: ImageResolver | None = None,
        picture_widget: type[Widget] | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._labels: dict[str, str] = {**DEFAULT_LABELS, **(labels or {})}
        self._theme = theme or ReaderTheme()
        self._article: Article | None = None
        self._empty_owed = False
        self._resolve_image = resolve_image
        self._picture_widget = picture_widget
        self.marks: list[Term] = []
        """The words to mark in the article (a search's terms, issue 11); set before `show`."""

    def compose(self) -> ComposeResult:
        yield SettledStatic(id="reader-header", markup=False)
        yield SettledVertical(id="reader-body")

    def on_mount(self) -> None:
        self._update()

    def watch_has_focus(self, has_focus: bool) -> None:
        # Textual restyles the focused widget and every widget inside it. Nothing inside the
        # reader (header, paragraphs, captions, hidden spares) is styled by its focus, so the
        # reader alone is: on a narrow screen, where Enter moves focus into the reader, that
        # was 1.4 ms of the key (issue 10). test_reader_focus_styles checks the app's CSS.
        self.app.stylesheet.update_nodes([self], animate=True)

    @property
    def article(self) -> Article | None:
        """The article on show, or None for the empty state."""
        return self._article

    def show(self, article: Article | None, *, keep_scroll: bool = False) -> None:
        """Show `article` from its top (or where the reader was, with `keep_scroll`); None
        shows a hint to pick one.

        A hidden reader (a narrow screen shows the list) is not emptied: the next article then
        lands on the widgets as the last one left them, none shown or hidden, and takes one
        layout (issue 10: showing and hiding them cost a second layout and drawing of the
        whole reader). `catch_up` draws the hint when it is shown with nothing open."""
        self._article = article
        if not keep_scroll:
            self.post_message(self.Changed(article))
        if not self.is_mounted:
            return
        if article is None and not self.display:
            self.workers.cancel_group(self, "pictures")
            self._empty_owed = True
            return
        where = self.scroll_y
        self._update()
        if keep_scroll:
            self.call_after_refresh(self.scroll_to, y=where, animate=False)

    def catch_up(self) -> None:
        """Draw the hint that `show(None)` left undrawn while the reader was hidden."""
        if self._empty_owed and self._article is None and self.is_mounted:
            self._update()

    def update_state(self, *, read: bool | None = None, starred: bool | None = None) -> None:
        """The open article was marked read/unread or (un)starred (None leaves it): keep the
        article current, so the header shows its state and the keys act on what it is now.
        Only the header is redrawn; the text and where it is scrolled to stay."""
        article = self._article
        if article is None:
            return
        self._article = replace(
            article,
            read=article.read if read is None else read,
            starred=article.starred if starred is None else starred,
        )
        if self.is_mounted:
            header = self.query_one("#reader-header", Static)
            shown = render_header(self._article, labels=self._labels, theme=self._theme)
            # Only the marks on the one-line meta row change: same height, so no new layout of
            # the screen (marking an article read is part of opening it).
            header.update(mark_article(shown, [], self.marks), layout=False)

    def _update(self) -> None:
        self._empty_owed = False
        header = self.query_one("#reader-header", Static)
        body = self.query_one("#reader-body", Vertical)
        article = self._article
        laid_out = self.outer_size.height > 0
        header.set_class(article is None, "-empty")
        if article is None:
            self.workers.cancel_group(self, "pictures")
            header.update("")
            self._fill(body, [])
            self._show_hint(body, True)
        else:
            width = min(self._text_width() or TEXT_WIDTH, TEXT_WIDTH)
            parsed = parse_html(article.body_html, article.url or article.feed_url)
            blocks = with_lead(article, parsed)  # the sapo, when the body does not begin with it
            head = render_header(article, labels=self._labels, theme=self._theme)
            sections = render_sections(blocks, width=width, labels=self._labels, theme=self._theme)
            header.update(mark_article(head, sections, self.marks))
            self._show_hint(body, False)
            shown, reshaped = self._fill(body, sections)
            if laid_out and not reshaped:
                self._settle([self, header, body, *shown])
        # At once, not after the next refresh (Textual's default): the layout that measures
        # the article then draws it from its top, instead of at where the last one was left
        # and a second layout later (issue 10).
        self.scroll_home(animate=False, immediate=True)

    def _text_width(self) -> int:
        """Columns the text will be drawn in. A reader that is hidden, or shown again but not
        laid out yet (a narrow screen opening an article), has no region: its last layout's
        size stands in, or before its first the room its container has (all of it, on a
        narrow screen)."""
        if self.region.width:
            return self.scrollable_content_region.width
        size = self.outer_size
        if not size.width and isinstance(self.parent, Widget):
            size = self.parent.content_region.size
        last = Region(0, 0, *size)
        return last.shrink(self.styles.gutter).shrink(self.scrollbar_gutter).width

    def _settle(self, widgets: list[Widget]) -> None:
        """The article went onto the same widgets as the last one: see `SettledSize`."""
        settled = [
            node
            for widget in widgets
            for node in (widget, *widget.children)
            if isinstance(node, SettledSize)
        ]
        for node in settled:
            node.settle_next_layout()

        def forget() -> None:
            for node in settled:
                node.forget_settled()

        self.call_after_refresh(forget)

    def _show_hint(self, body: Vertical, shown: bool) -> None:
        """The hint to pick an article, shown while none is open (hidden, not removed)."""
        for hint in body.query_children(".reader-empty"):
            hint.display = shown
            return
        if shown:
            text = Text(self._labels["reader.empty"])
            body.mount(Static(text, classes="reader-empty", markup=False), before=0)

    def _fill(
        self, body: Vertical, sections: Sequence[TextSection | ImageSection]
    ) -> tuple[list[Widget], bool]:
        """Put the sections in the body, in order, on the widgets it already has where it can:
        any text widget for a text section, a picture's widget whose caption alone is drawn for
        a picture. What is left over is hidden for the next article, up to `SPARES` of each
        kind. Mounting a widget costs its composing, styling and a run of events; articles of
        another shape than the last (more paragraphs, a picture more) mounted most of theirs
        (issue 10: articles of mixed shapes took 13.0-13.7 ms of UI work to open, 11.6-11.9 ms
        now). Returns the widgets shown, and whether any widget was mounted, removed or moved
        (else the same widgets are there in the same order, some shown or hidden)."""
        children = [child for child in body.children if not child.has_class("reader-empty")]
        texts = deque(child for child in children if _is_text(child))
        images = deque(child for child in children if isinstance(child, ArticleImage))
        shown: list[Widget] = []
        fresh: list[Widget] = []
        dropped: list[Widget] = []
        for section in sections:
            widget: Widget | None = None
            if isinstance(section, TextSection):
                if texts:
                    widget = texts.popleft()
                    assert isinstance(widget, Static)
                    widget.update(CachedGroup(section.renderables))
            else:
                while images and widget is None:
                    image = images.popleft()
                    if image.reuse(section):
                        widget = image
                    else:  # a picture or a reason drawn in it: not for another picture
                        dropped.append(image)
            if widget is None:
                widget = self._section_widget(section)
                fresh.append(widget)
            shown.append(widget)
        spares = [*list(texts)[:SPARES], *[i for i in images if i.can_reuse()][:SPARES]]
        dropped += [widget for widget in (*texts, *images) if widget not in spares]
        reshaped = bool(dropped or fresh)
        if dropped:
            body.remove_children(dropped)
        if fresh:
            body.mount_all(fresh)
        for widget in spares:
            widget.display = False
        first = sum(1 for child in body.children if child.has_class("reader-empty"))
        for index, widget in enumerate(shown, start=first):  # after the hint, always first
            widget.display = True
            if body.children[index] is not widget:
                reshaped = True
                body.move_child(widget, before=body.children[index])
        self._load_pictures([w for w in shown if isinstance(w, ArticleImage)])
        return shown, reshaped

    def _section_widget(self, section: object) -> Widget:
        if isinstance(section, ImageSection):
            return ArticleImage(
                section,
                picture_widget=self._picture_widget,
                room=self._room(),
                labels=self._labels,
            )
        renderables = section.renderables  # type: ignore[attr-defined]
        return SettledStatic(CachedGroup(renderables), classes="reader-text", markup=False)

    def _load_pictures(self, images: list[ArticleImage]) -> None:
        """Decode the article's pictures in the background, replacing the previous article's."""
        self.workers.cancel_group(self, "pictures")
        if images and self._resolve_image is not None and self._picture_widget is not None:
            self._decode_pictures(images)

    @work(thread=True, exclusive=True, group="pictures")
    def _decode_pictures(self, images: list[ArticleImage]) -> None:
        """One worker per article decodes its pictures in reading order, one at a time: a
        decode holds at most the pixel budget, never eight pictures' worth at once."""
        assert self._resolve_image is not None
        worker = get_current_worker()
        for image in images:
            if worker.is_cancelled:  # another article opened: its worker takes over
                return
            section = image.section  # the widget may be reused for another article meanwhile
            found = self._resolve_image(section.image.url)
            if found is None:
                continue  # not downloaded: the caption alone
            outcome = found if isinstance(found, Refusal) else decode_picture(found)
            if worker.is_cancelled:
                return
            self.app.call_from_thread(image.show, outcome, section)

    def _room(self) -> int:
        """Rows there are to read in (before the first layout: the screen's)."""
        return self.scrollable_content_region.height or self.app.size.height

    def on_resize(self, event: events.Resize) -> None:
        room = self._room()
        for image in self.query(ArticleImage):
            image.fit(room)

    def at_end(self) -> bool:
        """Whether the end of the article is on screen (always true when it fits)."""
        return self.scroll_y >= self.max_scroll_y

    def page_down(self) -> bool:
        """Scroll one page down; False when already at the end, so the caller can move on."""
        if self.at_end():
            return False
        self.scroll_page_down(animate=False)
        return True

    def action_page_down(self) -> None:
        self.page_down()

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_half_down(self) -> None:
        self.scroll_relative(y=max(1, self.scrollable_content_region.height // 2), animate=False)

    def action_half_up(self) -> None:
        self.scroll_relative(y=-max(1, self.scrollable_content_region.height // 2), animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)


def _is_text(widget: Widget) -> bool:
    return isinstance(widget, Static) and widget.has_class("reader-text")
