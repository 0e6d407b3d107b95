"""The parts of a portal page, as the full-text extractor (`extract`) tells them apart: text,
class names, link density, photo boxes, teasers of other articles, and which neighbours of the
chosen container belong to the article with it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # selectolax is imported on first use: importing the core stays cheap
    from selectolax.lexbor import LexborNode

GOOD_NAME = re.compile(
    r"article|content|detail|body|entry|main|post|story|noi-?dung|chi-?tiet|fck|news-?text",
    re.IGNORECASE,
)
# Names of what surrounds an article: a word *starting* with one of these ("box-share",
# "tin-lien-quan", "related-news"), so "blueprint" or "sprint" do not match.
JUNK_NAME = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|fb-|zalo|addthis|print|comment|binh-?luan|banner|adv|"
    r"ads\b|quang-?cao|qc-|breadcrumb|menu|nav|footer|sidebar|widget|related|lien-?quan|"
    r"other|tin-?khac|more-news|tags?\b|keyword|tu-?khoa|counter|view-?count|luot-?xem|rating|"
    r"poll|author-?box|header|toolbar|tool-?bar|pagination|paging|date|time\b|source-?link)",
    re.IGNORECASE,
)
LEAD_NAME = re.compile(r"sapo|lead|description|summary|tom-?tat|chapeau", re.IGNORECASE)
JUNK_TEXT = re.compile(
    r"^(?:từ\s*khóa|từ\s*khoá|tags?|thẻ|lượt\s*xem|số\s*lượt\s*xem|lượt\s*đọc|lượt\s*truy\s*cập"
    r"|trang\s*chủ\s*[>»›/|]|in\s*bài|gửi\s*email|chia\s*sẻ|bình\s*luận)\b",
    re.IGNORECASE,
)
TYPED_BOXES = frozenset({"div", "section", "aside", "figure", "table"})
IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|bmp|svg)(?:[?#].*)?$", re.IGNORECASE)


def text_of(node: LexborNode) -> str:
    """The node's text with whitespace runs collapsed, as a reader sees it."""
    return " ".join(node.text(deep=True, separator=" ").split())


def name_of(node: LexborNode) -> str:
    """Class, id and `type`: VCCorp's editor (Tuổi Trẻ, Kenh14, CafeF...) marks its embedded
    boxes only by `type` ("Photo", "RelatedNewsBox", "RelatedOneNews")."""
    attrs = node.attributes
    kind = attrs.get("type")
    if kind and node.tag in TYPED_BOXES:
        return f"{attrs.get('class') or ''} {attrs.get('id') or ''} {kind}".strip()
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}".strip()


def link_density(node: LexborNode, length: int) -> float:
    if not length:
        return 0.0
    linked = sum(len(text_of(a)) for a in node.css("a"))
    return min(1.0, linked / length)


def in_list_item(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        if parent.tag == "li":
            return True
        parent = parent.parent
    return False


def is_photo(node: LexborNode) -> bool:
    """A figure, a caption table, a VCCorp photo box, or a paragraph holding only an image."""
    if node.css_first("img") is None:
        return False
    if node.tag == "figure" or (node.attributes.get("type") or "").lower() == "photo":
        return True
    return node.tag in ("p", "div", "table") and len(text_of(node)) <= 200


def pictured_pages(node: LexborNode) -> set[str]:
    """The pages (not bigger images) that pictures inside `node` link to."""
    hrefs = (link.attributes.get("href") or "" for link in node.css("a[href]:has(img)"))
    return {h for href in hrefs if (h := href.strip()) and not IMAGE_FILE.search(h)}


def is_teaser(node: LexborNode) -> bool:
    """A box advertising another article: a picture linking to a page (not to a bigger image)
    and a text link to that same page, as in "RelatedOneNews" boxes or "Đọc thêm" cards."""
    if node.tag not in ("div", "section", "aside", "p", "table", "li"):
        return False
    pictured = pictured_pages(node)
    if not pictured or len(text_of(node)) > 400:
        return False
    return any(
        (link.attributes.get("href") or "").strip() in pictured and text_of(link)
        for link in node.css("a[href]")
    )


def belongs(sibling: LexborNode, threshold: float, scores: dict[int, float]) -> bool:
    """Whether a sibling of the chosen container is part of the article (lead, photos, text)."""
    name = name_of(sibling)
    if (name and JUNK_NAME.search(name)) or is_teaser(sibling):
        return False
    text = text_of(sibling)
    if scores.get(sibling.mem_id, 0.0) >= threshold:
        return True
    if sibling.tag in ("p", "div", "blockquote") and not JUNK_TEXT.match(text):
        density = link_density(sibling, len(text))
        return (
            (len(text) > 80 and density < 0.25)
            or (0 < len(text) <= 80 and density == 0 and re.search(r"[.!?…]$", text) is not None)
            or is_photo(sibling)
        )
    if sibling.tag in ("figure", "table"):
        return is_photo(sibling)
    # A lead paragraph marked up as a heading (VCCorp's h2.sapo).
    return (
        sibling.tag in ("h2", "h3", "h4")
        and bool(LEAD_NAME.search(name) or len(text) > 80)
        and link_density(sibling, len(text)) < 0.25
    )


def merge_siblings(best: LexborNode, score: float, scores: dict[int, float]) -> list[LexborNode]:
    """`best` plus the siblings that belong to the article with it (lead paragraph, photos)."""
    parent = best.parent
    if best.tag == "body":
        return body_run(best, scores)
    if parent is None or parent.tag == "body":
        return [best]
    threshold = max(10.0, score * 0.2)
    return [
        sibling
        for sibling in parent.iter()
        if sibling.mem_id == best.mem_id or belongs(sibling, threshold, scores)
    ]


def body_run(body: LexborNode, scores: dict[int, float]) -> list[LexborNode]:
    """The article when its paragraphs sit straight in <body>: the children from the first to
    the last body-text paragraph that belong to it, and the photos and the lead heading
    (`h2.sapo`) right around that run, so that a menu before it or a footer after it stays out."""
    children = list(body.iter())
    chosen = [belongs(child, float("inf"), scores) for child in children]
    texts = [
        i
        for i, child in enumerate(children)
        if chosen[i] and child.tag in ("p", "div", "blockquote") and not is_photo(child)
    ]
    if not texts:
        return []
    first, last = texts[0], texts[-1]
    while first > 0 and chosen[first - 1] and _around(children[first - 1]):
        first -= 1
    while last + 1 < len(children) and chosen[last + 1] and _around(children[last + 1]):
        last += 1
    return [child for i, child in enumerate(children[first : last + 1], first) if chosen[i]]


def _around(node: LexborNode) -> bool:
    """What may stand just outside a run of body paragraphs: a photo, or a lead heading."""
    return node.tag in ("h2", "h3", "h4") or is_photo(node)
