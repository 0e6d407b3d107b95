"""One photo of an article: the picture where the terminal can draw it, and always its caption."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from ...core.media.pictures import Refusal
from ..render import ImageSection
from .settled_size import SettledSize, SettledStatic

ImageResolver = Callable[[str], Path | Refusal | None]
"""Image URL -> the cached file, why the picture was refused when downloaded, or None (not
cached). Called in a thread worker (it may ask SQLite)."""
SMALL_ROOM = 12
"""With fewer rows than this to read in, a picture would push the text off the screen: the
caption stands in for it."""


def picture_rows(room: int) -> int:
    """The most rows a picture may take in a reader `room` rows high: half of it, so a page
    always shows text around the picture; 0 (caption only) when the reader is small."""
    return 0 if room < SMALL_ROOM else room // 2


def refusal_text(refusal: Refusal, labels: Mapping[str, str]) -> str:
    """Why the picture is not drawn, in the interface's language (English without labels)."""
    label = labels.get(f"picture.{refusal.reason}")
    if label is None:
        return refusal.text
    return label.format(width=refusal.width, height=refusal.height, frames=refusal.frames)


class ArticleImage(SettledSize, Vertical):
    """The caption shows at once; the reader decodes the picture in its one picture worker and
    hands it over (`show`): it appears above the caption, sized to the reader's room (`fit`).

    A picture that is not drawn leaves the caption, with a dim line saying why when it was
    refused (too large, too many frames, damaged); one not downloaded leaves just the caption.
    Reading never waits on a picture.
    """

    DEFAULT_CSS = """
    ArticleImage {
        height: auto;
        width: 1fr;
        max-width: 100;
    }
    ArticleImage > .article-image--picture {
        width: auto;
        height: auto;
        max-width: 64;
    }
    ArticleImage > .article-image--caption {
        height: auto;
    }
    ArticleImage > .article-image--reason {
        height: auto;
        color: $text-muted;
    }
    """

    def __init__(
        self,
        section: ImageSection,
        *,
        picture_widget: type[Widget] | None = None,
        room: int = 24,
        labels: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.section = section
        self._picture_widget = picture_widget
        self._rows = picture_rows(room)
        self._labels = labels or {}

    def fit(self, room: int) -> None:
        """Size the picture for a reader `room` rows high (it follows the reader's size)."""
        self._rows = picture_rows(room)
        for picture in self.query(".article-image--picture"):
            self._fit_picture(picture)

    def _fit_picture(self, picture: Widget) -> None:
        picture.display = self._rows > 0
        picture.styles.max_height = max(self._rows, 1)

    def compose(self) -> ComposeResult:
        yield SettledStatic(self.section.caption, classes="article-image--caption", markup=False)

    def can_reuse(self) -> bool:
        """Whether nothing but the caption is drawn yet (no picture, no reason)."""
        if not self.is_mounted or len(self.children) != 1:
            return False
        caption = self.children[0]
        return isinstance(caption, Static) and caption.has_class("article-image--caption")

    def reuse(self, section: ImageSection) -> bool:
        """Show `section` instead, in place, when nothing but the caption is drawn yet: the
        reader then opens the next article without removing and mounting widgets (each costs
        a layout of the whole screen). False when this one cannot be reused."""
        if not self.can_reuse():
            return False
        caption = self.children[0]
        assert isinstance(caption, Static)
        self.section = section
        caption.update(section.caption)
        return True

    def show(self, outcome: Any, section: ImageSection | None = None) -> None:
        """Draw a decoded picture above the caption, or say under it why there is none.
        `section` is what the picture was decoded for: one for another article (this widget
        was reused meanwhile) is dropped."""
        if section is not None and section is not self.section:
            return
        if not self.is_mounted:
            # The worker can be quicker than the mount: a callback waits in this widget's own
            # queue, which it reads only once mounted.
            self.call_later(self.show, outcome, section)
            return
        if isinstance(outcome, Refusal):
            reason = Text(refusal_text(outcome, self._labels))
            self.mount(Static(reason, classes="article-image--reason", markup=False))
        elif self._picture_widget is not None:
            widget = self._picture_widget(outcome, classes="article-image--picture")  # type: ignore[call-arg]
            self._fit_picture(widget)
            self.mount(widget, before=0)

    @property
    def has_picture(self) -> bool:
        return bool(self.query(".article-image--picture"))

    @property
    def reason(self) -> str | None:
        """The line saying why the picture is not drawn, if there is one."""
        for line in self.query(".article-image--reason"):
            return str(line.render())
        return None
