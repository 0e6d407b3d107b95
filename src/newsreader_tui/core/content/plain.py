"""Article HTML to plain text, with images kept in place as caption lines.

A deliberately small reader of HTML for the CLI's `show` and for search snippets. It keeps
paragraph and list structure and pairs `<figure>` images with their `<figcaption>`; the richer
block model for the reader pane grows next to it in this package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "header", "footer", "main", "aside", "blockquote",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "tr", "figure",
        "figcaption", "pre", "hr", "dl", "dt", "dd", "address", "center",
    }
)  # fmt: skip
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "form", "button"})
IMAGE_SOURCE_ATTRS = ("data-src", "data-original", "data-lazy-src", "src")
IMAGE_MARK = "▣"
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANKS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class ImageInfo:
    """An image of the article with the caption that belongs to it ("" when none)."""

    url: str
    caption: str = ""


def image_source(attrs: dict[str, str]) -> str | None:
    """The real image URL: lazy-loading attributes and srcset come before a `data:` placeholder."""
    for name in IMAGE_SOURCE_ATTRS:
        value = (attrs.get(name) or "").strip()
        if value and not value.startswith("data:"):
            return value
    srcset = (attrs.get("srcset") or attrs.get("data-srcset") or "").strip()
    if srcset:
        return srcset.split(",")[0].strip().split(" ")[0] or None
    return None


class _PlainTextParser(HTMLParser):
    def __init__(self, base_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.out: list[str] = []
        self.images: list[ImageInfo] = []
        self._skip = 0
        self._lists: list[list[int]] = []  # per open list: [is_ordered, counter]
        self._figure_images: list[int] | None = None
        self._caption: list[str] | None = None

    def _newline(self, count: int = 2) -> None:
        self.out.append("\n" * count)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self._skip += 1
            return
        if self._skip:
            return
        values = {k: v or "" for k, v in attrs}
        if tag == "br":
            self.out.append("\n")
        elif tag in ("ul", "ol"):
            self._lists.append([tag == "ol", 0])
            self._newline()
        elif tag == "li":
            self._newline(1)
            if self._lists and self._lists[-1][0]:
                self._lists[-1][1] += 1
                self.out.append(f"{self._lists[-1][1]}. ")
            else:
                self.out.append("• ")
        elif tag == "figure":
            self._figure_images = []
            self._newline()
        elif tag == "figcaption":
            self._caption = []
        elif tag == "img":
            self._image(values)
        elif tag in BLOCK_TAGS:
            self._newline()

    def _image(self, attrs: dict[str, str]) -> None:
        source = image_source(attrs)
        if not source:
            return
        url = urljoin(self.base_url, source)
        if urlsplit(url).scheme not in ("http", "https"):
            return
        if attrs.get("width") == "1" and attrs.get("height") == "1":
            return  # tracking pixel
        alt = " ".join((attrs.get("alt") or "").split())
        self.images.append(ImageInfo(url=url, caption=alt))
        if self._figure_images is not None:
            self._figure_images.append(len(self.images) - 1)
        self.out.append(f"\n{IMAGE_MARK} \x00{len(self.images) - 1}\x00\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
            return
        if self._skip:
            return
        if tag in ("ul", "ol") and self._lists:
            self._lists.pop()
            self._newline()
        elif tag == "figcaption" and self._caption is not None:
            caption = " ".join("".join(self._caption).split())
            for index in self._figure_images or []:
                self.images[index] = ImageInfo(self.images[index].url, caption)
            self._caption = None
        elif tag == "figure":
            self._figure_images = None
            self._newline()
        elif tag in BLOCK_TAGS:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._caption is not None:
            self._caption.append(data)
            if self._figure_images:
                return  # the caption is printed with its image
        self.out.append(data)


def html_to_text(html: str, base_url: str = "") -> tuple[str, list[ImageInfo]]:
    """Plain text of an article body and its images; each image stands in the text as a line
    `▣ caption` (or `▣ Ảnh` with no caption) where it appeared."""
    parser = _PlainTextParser(base_url)
    parser.feed(html)
    parser.close()
    raw = "".join(parser.out)

    def image_line(match: re.Match[str]) -> str:
        caption = parser.images[int(match.group(1))].caption
        return caption or "Ảnh"

    raw = re.sub(r"\x00(\d+)\x00", image_line, raw)
    lines = [_SPACES.sub(" ", line).strip() for line in raw.split("\n")]
    text = _BLANKS.sub("\n\n", "\n".join(lines)).strip()
    return text, parser.images
