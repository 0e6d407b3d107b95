"""Full text: the main content of an article's own web page, as a clean HTML fragment.

For summary-only feeds the reader fetches the article page and keeps what `extract_article`
returns; `blocks.parse_html` then reads that fragment like any feed body. Built on selectolax
(the lexbor HTML engine): a small C wheel with CSS selectors, parsing a portal page in about a
millisecond. trafilatura and readability-lxml were measured on our pages and lost photo captions
(see benchmarks/bench_extract.py).

How the content is found, after the usual readability idea:

1. Drop what is never content: scripts, styles, iframes, navigation, small forms.
2. Score the text containers (`p`, `td`, `pre`, text-only `div`s; not those in list items, which
   are index pages): each gives its parent a score and its grandparent half of it. Class or id
   names like "content"/"detail" add, "menu"/"related"/"footer" subtract, links dilute.
   Paragraphs straight in `<body>` (a saved Tuổi Trẻ page) score the body itself.
3. Take the best container, plus those of its siblings that read as body text (the lead
   paragraph that portals keep in a `div.sapo` next to `div.content`) or are photo boxes
   (`page_parts.merge_siblings`); for the body, the run of its children from the first to the
   last body paragraph, so the menu before and the footer after stay out.
4. Clean inside it: share/print bars, ads, tag lines ("Từ khóa:"), visit counters ("Lượt xem:"),
   breadcrumbs ("Trang chủ > …"), date lines, related lists ("Tin mới hơn", "Các tin khác", "Tin
   liên quan" and their lists), teasers of other articles (VCCorp's `type="RelatedOneNews"`
   box, or any box whose picture and title link to the same other page), and an `h1` repeating
   the page title (the reader shows the title in its header). Figures, caption tables and
   caption paragraphs stay in place, next to their images. Relative URLs are resolved against
   the page URL.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..text import decode_bytes, nfc
from ..urls import join_url
from .depth import flatten_deep
from .page_parts import (
    GOOD_NAME,
    JUNK_NAME,
    JUNK_TEXT,
    in_list_item,
    is_teaser,
    link_density,
    merge_siblings,
    name_of,
    pictured_pages,
    text_of,
)

if TYPE_CHECKING:  # selectolax is imported on first use: importing the core stays cheap
    from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["MIN_TEXT", "extract_article", "sniff_charset"]

MIN_TEXT = 140
"""Fewer characters of text than this (and no photos) is not an article."""

_DROP = (
    "script, style, noscript, template, iframe, object, embed, svg, nav, button, input, select,"
    " textarea, link, meta"
)
_TEXT_CONTAINERS = frozenset({"p", "td", "pre", "div", "blockquote", "section", "article"})
_BLOCKS = frozenset(
    {"p", "div", "section", "article", "table", "ul", "ol", "figure", "blockquote", "h1", "h2",
     "h3", "h4", "h5", "h6", "pre", "form", "main", "header", "footer", "aside", "dl"}
)  # fmt: skip
_RELATED = re.compile(
    r"^(?:tin\s*mới\s*hơn|tin\s*cũ\s*hơn|tin\s*mới|các\s*tin\s*(?:khác|đã\s*đưa)|tin\s*khác"
    r"|tin\s*liên\s*quan|bài\s*(?:viết\s*)?liên\s*quan|tin\s*cùng\s*chuyên\s*mục"
    r"|cùng\s*chuyên\s*mục|xem\s*thêm|đọc\s*thêm|tin\s*đọc\s*nhiều|tin\s*xem\s*nhiều)\s*:?$",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(
    r"^(?:(?:thứ\s+\S+|chủ\s+nhật)\s*,?\s*)?(?:ngày\s+)?\d{1,2}/\d{1,2}/\d{2,4}"
    r"(?:\s*[-,|]?\s*\d{1,2}(?::|h)\d{2}(?:\s*(?:\(?GMT\+7\)?|SA|CH|AM|PM))?)?$",
    re.IGNORECASE,
)
_URL_ATTRS = ("src", "data-src", "data-original", "data-lazy-src", "href")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.IGNORECASE)


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares in a `<meta>` tag near its start, or None."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def _score_candidates(body: LexborNode) -> list[tuple[float, LexborNode]]:
    """Containers scored by the body text in their child and grandchild text containers."""
    scores: dict[int, tuple[float, LexborNode]] = {}
    # Paragraphs straight in <body> (a saved page, or a portal without wrappers) score the body
    # itself; only its own children count there, or every page's body would outscore its parts.
    body_points = 0.0

    def add(node: LexborNode | None, points: float) -> None:
        if node is None or node.tag in ("body", "html", None):
            return
        key = node.mem_id
        if key not in scores:
            name = name_of(node)
            weight = 25.0 if name and GOOD_NAME.search(name) else 0.0
            if name and JUNK_NAME.search(name):
                weight -= 25.0
            scores[key] = (weight, node)
        scores[key] = (scores[key][0] + points, node)

    for node in body.css(", ".join(sorted(_TEXT_CONTAINERS))):
        if node.tag in ("div", "section", "article") and any(
            child.tag in _BLOCKS for child in node.iter()
        ):
            continue  # a div that holds blocks is a container, not a paragraph
        text = text_of(node)
        if len(text) < 25 or in_list_item(node):
            continue
        points = 1 + text.count(",") + min(len(text) / 100, 3)
        if node.parent is not None and node.parent.mem_id == body.mem_id:
            body_points += points
            continue
        add(node.parent, points)
        if node.parent is not None:
            add(node.parent.parent, points / 2)
    if body_points:
        scores[body.mem_id] = (body_points, body)

    ranked = []
    for score, node in scores.values():
        text = text_of(node)
        ranked.append((score * (1 - link_density(node, len(text))), node))
    ranked.sort(key=lambda item: item[0], reverse=True)
    return ranked


def _title(tree: LexborHTMLParser) -> str:
    og = tree.css_first('meta[property="og:title"]')
    if og is not None and og.attributes.get("content"):
        return " ".join((og.attributes.get("content") or "").split())
    title = tree.css_first("title")
    return text_of(title) if title is not None else ""


def _remove_related(node: LexborNode) -> None:
    """A "Tin liên quan" heading and the list of links after it."""
    parent = node.parent
    follower = node.next
    while follower is not None and follower.tag == "-text" and not (follower.text() or "").strip():
        follower = follower.next
    node.decompose()
    if follower is not None and follower.tag in ("ul", "ol", "div", "table", "p"):
        text = text_of(follower)
        if follower.tag in ("ul", "ol") or link_density(follower, len(text)) > 0.5:
            follower.decompose()
    if (
        parent is not None
        and parent.tag not in ("body", "html")
        and not text_of(parent)
        and parent.css_first("img") is None
    ):
        parent.decompose()


def _clean(root: LexborNode, title: str) -> None:
    """Remove the page furniture left inside the chosen content (see the module docstring)."""
    total = len(text_of(root)) or 1
    teasers = bool(pictured_pages(root))  # else no box in it can be one: skip the checks
    for node in list(root.css("*")):
        if node.parent is None:
            continue  # already removed with an ancestor
        tag = node.tag
        if tag == "form":
            # ASP.NET portals wrap the whole page in one form; a comment form is small.
            if len(node.css("p")) > 2:
                node.unwrap()
            else:
                node.decompose()
            continue
        text = text_of(node)
        name = name_of(node)
        if name and JUNK_NAME.search(name) and len(text) < total / 2 and tag != "figure":
            node.decompose()
        elif teasers and len(text) < total / 2 and is_teaser(node):
            node.decompose()  # another article's picture, title and lead
        elif tag in ("h1", "h2") and title and text and title.startswith(text):
            node.decompose()  # the page title again
        elif tag not in ("img", "a", "br") and len(text) < 300 and JUNK_TEXT.match(text):
            node.decompose()
        elif tag not in ("img", "a") and len(text) < 60 and _RELATED.match(text):
            _remove_related(node)
        elif (
            tag not in ("img", "a", "br")
            and len(text) < 60
            and _DATE_LINE.match(text)
            and node.css_first("img") is None
        ):
            node.decompose()


def _resolve(root: LexborNode, url: str) -> None:
    if not url:
        return
    for node in root.css("[src], [href], [data-src], [data-original], [data-lazy-src], [srcset]"):
        attrs = node.attrs
        for name in _URL_ATTRS:
            value = attrs.get(name)
            if value and not value.startswith(("data:", "#", "javascript:", "mailto:")):
                attrs[name] = join_url(url, value.strip()) or ""
        for name in ("srcset", "data-srcset"):
            value = attrs.get(name)
            if value:
                attrs[name] = ", ".join(
                    " ".join([join_url(url, parts[0]) or "", *parts[1:]])
                    for candidate in value.split(",")
                    if (parts := candidate.split()) and not parts[0].startswith("data:")
                )


def _decode(page: bytes | str, encoding: str | None) -> str:
    if isinstance(page, str):
        return nfc(page)
    return decode_bytes(page, encoding or sniff_charset(page))


def extract_article(
    page: bytes | str, url: str, *, selector: str | None = None, encoding: str | None = None
) -> str | None:
    """The main content of an article page as an HTML fragment, or None if it has none.

    `page` as bytes is decoded with `encoding` (the HTTP charset) or else the page's own
    `<meta charset>`, then NFC. `selector` (CSS, from the feed's config; a list such as
    "div.sapo, div.content" takes each match in page order) picks the content instead of
    scoring; when it matches nothing the page is scored as usual. Raises ValueError for a
    selector that is not valid CSS.
    """
    from selectolax.lexbor import LexborHTMLParser, SelectolaxError

    # lexbor's tree building is quadratic in nesting depth: a hostile page is flattened first.
    tree = LexborHTMLParser(flatten_deep(_decode(page, encoding)))
    body = tree.body
    if body is None:
        return None
    title = _title(tree)
    for node in tree.css(_DROP):
        node.decompose()

    nodes: list[LexborNode] = []
    inner = False  # a selector's matches give their content; a scored container gives itself
    if selector:
        try:
            matches = tree.css(selector)
        except SelectolaxError as error:
            raise ValueError(f"not a valid CSS selector: {selector!r}") from error
        ids = {node.mem_id for node in matches}
        # Keep the outermost matches only, so that "div.a, div.a p" does not repeat text.
        nodes = [node for node in matches if not _has_ancestor_in(node, ids)]
        inner = bool(nodes)
    if not nodes:
        ranked = _score_candidates(body)
        if not ranked:
            return None
        score, best = ranked[0]
        nodes = merge_siblings(best, score, {node.mem_id: s for s, node in ranked})

    parts: list[str] = []
    for node in nodes:
        _clean(node, title)
        if node.parent is None:
            continue
        _resolve(node, url)
        if node.tag in ("h2", "h3", "h4") and not inner:
            # A lead written as a heading reads as the bold first paragraph it is.
            parts.append(f"<p><strong>{node.inner_html or ''}</strong></p>")
        else:
            parts.append((node.inner_html if inner else node.html) or "")
    fragment = "\n".join(part for part in parts if part.strip())
    check = LexborHTMLParser(fragment)
    text = text_of(check.body) if check.body is not None else ""
    # A selector vouches for what it matched; scoring needs enough text to call it an article.
    if not (text or check.css_first("img")) or (
        not inner and len(text) < MIN_TEXT and len(check.css("img")) < 2
    ):
        return None
    return fragment


def _has_ancestor_in(node: LexborNode, ids: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False
