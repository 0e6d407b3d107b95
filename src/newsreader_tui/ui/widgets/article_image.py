"""One photo of an article: the picture where the terminal can draw it, and always its caption."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from ..render import ImageSection

ImageResolver = Callable[[str], Path | None]
"""Image URL -> the cached file, or None. Called in a thread worker (it may ask SQLite)."""
MAX_PIXELS = (640, 480)
"""Pictures are shrunk to this before drawing: enough for a terminal, cheap to draw."""
SMALL_ROOM = 12
"""With fewer rows than this to read in, a picture would push the text off the screen: the
caption stands in for it."""


def picture_rows(room: int) -> int:
    """The most rows a picture may take in a reader `room` rows high: half of it, so a page
    always shows text around the picture; 0 (caption only) when the reader is small."""
    return 0 if room < SMALL_ROOM else room // 2


class ArticleImage(Vertical):
    """The caption shows at once; the picture is decoded in a thread and appears above it,
    sized to the reader's room (`fit`).

    A missing, broken or huge file leaves just the caption: reading never waits on a picture.
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
    """

    def __init__(
        self,
        section: ImageSection,
        *,
        resolve: ImageResolver | None = None,
        picture_widget: type[Widget] | None = None,
        room: int = 24,
    ) -> None:
        super().__init__()
        self.section = section
        self._resolve = resolve
        self._picture_widget = picture_widget
        self._rows = picture_rows(room)

    def fit(self, room: int) -> None:
        """Size the picture for a reader `room` rows high (it follows the reader's size)."""
        self._rows = picture_rows(room)
        for picture in self.query(".article-image--picture"):
            self._fit_picture(picture)

    def _fit_picture(self, picture: Widget) -> None:
        picture.display = self._rows > 0
        picture.styles.max_height = max(self._rows, 1)

    def compose(self) -> ComposeResult:
        yield Static(self.section.caption, classes="article-image--caption", markup=False)

    def on_mount(self) -> None:
        if self._resolve is not None and self._picture_widget is not None:
            self.load_picture()

    @work(thread=True, exclusive=True, group="picture")
    def load_picture(self) -> None:
        assert self._resolve is not None
        path = self._resolve(self.section.image.url)
        picture = decode_picture(path) if path is not None else None
        if picture is not None:
            self.app.call_from_thread(self._show, picture)

    def _show(self, picture: Any) -> None:
        assert self._picture_widget is not None
        widget = self._picture_widget(picture, classes="article-image--picture")  # type: ignore[call-arg]
        self._fit_picture(widget)
        self.mount(widget, before=0)

    @property
    def has_picture(self) -> bool:
        return bool(self.query(".article-image--picture"))


def decode_picture(path: Path) -> Any | None:
    """The image at `path`, shrunk and decoded, or None when it cannot be read."""
    try:
        from PIL import Image

        with Image.open(path) as image:
            image.draft("RGB", MAX_PIXELS)  # JPEG: decode at a fraction of full size
            image.thumbnail(MAX_PIXELS)
            return image.convert("RGB")
    except Exception:  # a corrupt or unsupported file is just a caption
        return None
