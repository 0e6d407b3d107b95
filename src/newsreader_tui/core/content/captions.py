"""Image captions and photo credits the way Vietnamese sites write them.

The concerns, kept apart from the tree walk so they can be tested on their own:

* `split_credit` turns "Các vận động viên xuất phát. Ảnh: Minh Khoa" into the caption and credit;
* `image_source` picks the real image URL out of lazy-loading attributes and `srcset`;
* `caption_paragraph` says whether the paragraph after a bare image is that image's caption,
  and `caption_of` finds it, or the italic line after the image's `<br>`.

Captions never end in a single full stop: "Toàn cảnh hội nghị." and "Toàn cảnh hội nghị. Ảnh: X"
both give the caption "Toàn cảnh hội nghị", because the reader shows a caption as a label that the
credit follows ("▣ Toàn cảnh hội nghị (Ảnh: X)"). An ellipsis, "?" and "!" stay.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..text import nfc
from .html_tree import Node

__all__ = [
    "CAPTION_MAX",
    "caption_of",
    "caption_paragraph",
    "credit_only",
    "image_source",
    "is_tracking_pixel",
    "split_credit",
]

CAPTION_MAX = 200
"""Longest text (in characters) still taken for a caption when only its style says it is one."""

# The credit label: "Ảnh", "Ảnh minh họa", "Nguồn ảnh", "Nguồn", "Photo", "Credit"; then a colon
# ("Ảnh: Minh Khoa") or a spaced dash ("Ảnh - Minh Khoa").
_LABEL = r"(?:ảnh(?:\s+minh\s+h[ọo]a)?|nguồn\s+ảnh|nguồn|photo|credit)(?:\s*:|\s+[-–—])\s*"
# At the end of a caption, separated from it by a sentence end, a dash, a bar or "(", or by a
# bare space when the label is capitalised ("… cự ly 21 km <em>Ảnh: Hoàng Nam</em>").
_CREDIT_TAIL = re.compile(
    r"(?:^|(?<=[.!?…])\s*|\s+[-–—|]\s*|\s*(?=\()|\s+(?-i:(?=Ảnh|Nguồn|Photo)))"
    rf"\(?{_LABEL}(?P<credit>[^()]+?)\)?\.?\s*$",
    re.IGNORECASE,
)
_CREDIT_ONLY = re.compile(rf"^\(?\s*{_LABEL}(?P<credit>.+?)\s*\)?\.?$", re.IGNORECASE)


def _drop_full_stop(text: str) -> str:
    if text.endswith(".") and not text.endswith(".."):
        return text[:-1].rstrip()
    return text


def split_credit(caption: str) -> tuple[str, str]:
    """Split "Toàn cảnh hội nghị. Ảnh: Bá Luân" into ("Toàn cảnh hội nghị", "Bá Luân").

    Also "… (Ảnh: X)", "… - Ảnh: X", "… Ảnh - X" and "… Nguồn: X". A caption that is only a
    credit gives ("", credit); one without a credit gives (caption, ""). A single trailing full
    stop is dropped from the caption either way (see the module docstring).
    """
    caption = " ".join(nfc(caption).split())
    match = _CREDIT_TAIL.search(caption)
    if not match:
        return _drop_full_stop(caption), ""
    head = caption[: match.start()].rstrip(" -–—|(").rstrip()
    return _drop_full_stop(head), match.group("credit").strip().rstrip(".").strip()


def credit_only(text: str) -> str | None:
    """The credit of a line that is only a credit ("Ảnh: Minh Khoa", "(Ảnh: TTXVN)"), else None."""
    match = _CREDIT_ONLY.match(" ".join(nfc(text).split()))
    return match.group("credit").rstrip(".").strip() if match else None


# --- image URLs -----------------------------------------------------------------------------------

_LAZY_ATTRS = ("data-src", "data-original", "data-lazy-src", "data-srcset")


def _largest_candidate(srcset: str) -> str | None:
    """The widest candidate of a `srcset` ("a.jpg 320w, b.jpg 1024w" gives b.jpg); candidates
    without a width or density descriptor count as 1x, so a plain list gives its first entry."""
    best: tuple[float, str] | None = None
    for candidate in srcset.split(","):
        parts = candidate.split()
        if not parts or parts[0].startswith("data:"):
            continue
        size = 1.0
        if len(parts) > 1 and (match := re.fullmatch(r"(\d+(?:\.\d+)?)([wx])", parts[1])):
            size = float(match.group(1)) * (1 if match.group(2) == "w" else 1000)
        if best is None or size > best[0]:
            best = (size, parts[0])
    return best[1] if best else None


def image_source(attrs: Mapping[str, str]) -> str | None:
    """The URL an `<img>` really shows, as written (maybe relative), or None.

    Lazy-loading attributes come first (`data-src`, `data-original`, `data-lazy-src`, then the
    largest `data-srcset` candidate), then a real `src`, then the largest `srcset` candidate. A
    `data:` URL is a placeholder and never chosen. The largest candidate rather than the first
    because WordPress lists its thumbnails first, and the image cache keeps one copy per image.
    """
    for name in _LAZY_ATTRS:
        value = (attrs.get(name) or "").strip()
        if name == "data-srcset":
            value = _largest_candidate(value) or ""
        if value and not value.startswith("data:"):
            return value
    src = (attrs.get("src") or "").strip()
    if src and not src.startswith("data:"):
        return src
    return _largest_candidate(attrs.get("srcset") or "")


def _dimension(value: str | None) -> int | None:
    match = re.match(r"\s*(\d+)", value or "")
    return int(match.group(1)) if match else None


def is_tracking_pixel(attrs: Mapping[str, str]) -> bool:
    """An image 2 px or less wide or high (a counter's 1×1 GIF) shows nothing to a reader."""
    sizes = [_dimension(attrs.get("width")), _dimension(attrs.get("height"))]
    return any(size is not None and size <= 2 for size in sizes)


# --- a caption written as the paragraph after the image -------------------------------------------

_CENTRED = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
_CAPTION_CLASS = re.compile(r"caption|chu-?thich|desc|image|photo", re.IGNORECASE)
_ITALIC = frozenset({"em", "i", "cite"})
_INLINE_CAPTIONS = frozenset({"em", "i", "small", "span", "cite"})
"""Elements that, alone on the line after an image's `<br>`, may be its caption."""


def _all_italic(node: Node) -> bool:
    """Whether every piece of text in `node` sits inside an italic element."""
    for child in node.children:
        if isinstance(child, str):
            if child.strip():
                return False
        elif child.tag not in _ITALIC and child.tag != "br" and not _all_italic(child):
            return False
    return True


def caption_paragraph(node: Node) -> bool:
    """Whether `node`, the block right after a paragraph holding only an image, is its caption.

    It is when it is short (at most `CAPTION_MAX` characters: longer text is the article going
    on) and marked as a caption: centred, wholly italic, or given a caption-like class; or when
    it is a bare credit line ("Ảnh: Minh Khoa").
    """
    if node.tag not in ("p", "div", "center", "span", "em", "i", "small", "figcaption"):
        return False
    text = node.text()
    if not text or len(text) > CAPTION_MAX or node.find("img") is not None:
        return False
    if credit_only(text) is not None:
        return True
    return (
        node.tag in ("center", "em", "i", "figcaption")
        or _CENTRED.search(node.attrs.get("style", "")) is not None
        or node.attrs.get("align", "").lower() == "center"
        or _CAPTION_CLASS.search(node.attrs.get("class", "")) is not None
        or _all_italic(node)
    )


def caption_of(nodes: Sequence[Node | str], index: int) -> list[Node]:
    """The caption of the bare image `nodes[index]`, with the line breaks before it; [] when
    none. Either the next block (`captions.caption_paragraph`), or, after a `<br>`, an inline
    element that is one and ends its line: `<img><br><em>Bình gốm men lam…</em></p>`, a common
    portal and JSON Feed pattern. Only then is it the caption: followed by more text on its
    line, an italic run is the article going on."""
    following = next_element(nodes, index)
    if following is not None:
        return [following] if caption_paragraph(following) else []
    breaks: list[Node] = []
    caption: Node | None = None
    for node in nodes[index + 1 :]:
        if isinstance(node, str):
            if node.strip():
                return []
        elif caption is not None:
            if node.tag != "br":
                return []
            break  # the caption's line ends; what follows is the article's
        elif node.tag == "br":
            breaks.append(node)
        elif breaks and len(breaks) <= 2 and node.tag in _INLINE_CAPTIONS:
            caption = node
        else:
            return []
    return [*breaks, caption] if caption is not None and caption_paragraph(caption) else []


def next_element(nodes: Sequence[Node | str], index: int) -> Node | None:
    """The element after `nodes[index]`, if only whitespace lies between them."""
    for node in nodes[index + 1 :]:
        if isinstance(node, Node):
            return node if node.tag != "br" else None
        if node.strip():
            return None
    return None
