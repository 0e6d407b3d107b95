"""HTML and date text shared by the demo's feed and page writers."""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Sequence
from datetime import UTC, datetime

from newsreader_tui.demo.generate.articles import (
    Article,
    Block,
    Bullets,
    Image,
    Para,
    Quote,
    Table,
)
from newsreader_tui.demo.manifest import load_manifest

BASE = load_manifest().base_token
"""Written wherever an absolute link to the demo server belongs; the server replaces it."""
ICT = load_manifest().base_date.tzinfo
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def plain(fragment: str) -> str:
    """An HTML fragment as plain text."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def esc(text: str) -> str:
    """Escape text for XML/HTML element content and double-quoted attributes."""
    return html.escape(text, quote=True).replace("&#x27;", "'")


def cdata(text: str) -> str:
    if "]]>" in text:
        raise ValueError("CDATA cannot hold ']]>'")
    return f"<![CDATA[{text}]]>"


def rfc822(moment: datetime, *, gmt7: bool = False) -> str:
    """An RSS date; `gmt7` writes the zone "GMT+7" as Vietnamese portals do (meaning +07:00)."""
    local = moment.astimezone(ICT)
    day = f"{WEEKDAYS[local.weekday()]}, {local.day:02d} {MONTHS[local.month - 1]} {local.year}"
    return f"{day} {local:%H:%M:%S} {'GMT+7' if gmt7 else '+0700'}"


def vn_date(moment: datetime) -> str:
    """The portal style "08/11/2018 09:26"."""
    return f"{moment.astimezone(ICT):%d/%m/%Y %H:%M}"


def iso(moment: datetime, *, utc: bool = False) -> str:
    if utc:
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.astimezone(ICT).isoformat()


def img_url(key: str, base: str = BASE) -> str:
    return f"{base}/img/{key}.png"


def views(article: Article) -> int:
    """A page-view count that looks real and stays the same from run to run."""
    return 100 + zlib.crc32(article.slug.encode()) % 4900


def render(
    blocks: Sequence[Block], style: str, base: str = BASE, sapo: str = "", first: int = 0
) -> str:
    """Article blocks as HTML. `style` decides how pictures and captions are marked up:
    "figure" (feeds), "portal" (portal pages, tplCaption tables and figures in turn), "api"
    (centered paragraph and an italic caption) or "wp" (WordPress block editor). `first`
    shifts which portal style the first picture gets."""
    out: list[str] = [f"<p><strong>{sapo}</strong></p>"] if sapo else []
    pictures = 0
    for block in blocks:
        if isinstance(block, Para):
            out.append(f"<p>{block.html}</p>")
        elif isinstance(block, Quote):
            out.append(f"<blockquote><p>{block.html}</p></blockquote>")
        elif isinstance(block, Bullets):
            out.append("<ul>" + "".join(f"<li>{item}</li>" for item in block.items) + "</ul>")
        elif isinstance(block, Table):
            head, *rows = block.rows
            out.append(
                '<table class="table" border="1" cellpadding="4"><thead><tr>'
                + "".join(f"<th>{cell}</th>" for cell in head)
                + "</tr></thead><tbody>"
                + "".join(
                    "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows
                )
                + "</tbody></table>"
            )
        else:
            pictures += 1
            out.append(_picture(block, style, base, pictures + first))
    return "\n".join(out)


def _picture(image: Image, style: str, base: str, number: int) -> str:
    src, alt, caption = img_url(image.key, base), esc(image.alt), image.caption
    if style == "figure":
        return (
            f'<figure><img src="{src}" alt="{alt}" width="320" height="180">'
            f"<figcaption>{caption}</figcaption></figure>"
        )
    if style == "api":
        return (
            f'<p style="text-align:center"><img src="{src}" alt="{alt}"></p>'
            f'<p class="caption"><em>{caption}</em></p>'
        )
    if style == "wp":
        return (
            '<figure class="wp-block-image size-large"><img decoding="async" width="320" '
            f'height="180" src="{src}" alt="{alt}" class="wp-image-{600 + number}"/>'
            f'<figcaption class="wp-element-caption">{caption}</figcaption></figure>'
        )
    if number % 2:
        return (
            '<table class="tplCaption" border="0" cellpadding="3" cellspacing="0" '
            'align="center" width="1"><tbody>'
            f'<tr><td><img src="{src}" alt="{alt}" width="320" height="180"></td></tr>'
            f'<tr><td class="caption"><p class="Image">{caption}</p></td></tr>'
            "</tbody></table>"
        )
    return (
        f'<figure class="tplCaption"><img src="{src}" alt="{alt}" width="320" height="180">'
        f'<figcaption><p class="Image">{caption}</p></figcaption></figure>'
    )
