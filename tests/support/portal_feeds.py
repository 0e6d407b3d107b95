"""RSS shaped like a Vietnamese portal's, for the differential test and the parse benchmarks.

Each item has what portals send: a title with entities, a guid (three kinds), a date in
one of the forms they use (RFC 822 with +0700, "GMT+7", naive "27/11/2026 08:30"), two
categories, dc:creator, a CDATA description, content:encoded with a captioned figure (its
image path relative) and a link, and a media thumbnail or an image enclosure.
"""

from __future__ import annotations

_DATES = (
    "Thu, 27 Nov 2026 09:{minute:02d}:00 +0700",
    "Thu, 27 Nov 2026 08:{minute:02d}:00 GMT+7",
    "27/11/2026 08:{minute:02d}",
)

_ITEM = (
    "<item><title>Tin {prefix}{n}: Thủ tướng làm việc với tỉnh Quảng Trị &amp; Đồng Nai</title>"
    "{guid_before}<link>https://baomoi.example.vn/tin-tuc/{prefix}{n}.html?utm_source=rss</link>"
    "{guid_after}"
    "<pubDate>{date}</pubDate>"
    "<category>Thời sự</category><category>Chính trị</category>"
    "<dc:creator>Bá Luân</dc:creator>"
    "<description><![CDATA[<p>Sáng nay, Ban Chấp hành Đảng bộ tỉnh khai mạc hội nghị lần "
    "thứ {n}, đánh giá tình hình thực hiện nhiệm vụ năm 2026.</p>]]></description>"
    "<content:encoded><![CDATA[<p>Sáng nay, Ban Chấp hành Đảng bộ tỉnh khai mạc hội nghị lần "
    "thứ {n}, đánh giá tình hình thực hiện nhiệm vụ kinh tế - xã hội, quốc phòng - an ninh năm "
    "2026 và bàn phương hướng, nhiệm vụ năm 2027.</p>"
    '<figure class="image"><img src="/uploads/2026/11/{prefix}{n}.jpg" alt="Hội nghị" />'
    "<figcaption>Toàn cảnh hội nghị</figcaption></figure>"
    "<p>Đồng chí Bí thư Tỉnh ủy phát biểu chỉ đạo hội nghị, đề nghị các cấp ủy, chính quyền "
    'tập trung hoàn thành các chỉ tiêu. <a href="/tin-tuc/lien-quan-{n}.html">Xem thêm</a></p>'
    '<p style="text-align:right"><em>Ảnh: Bá Luân</em></p>]]></content:encoded>'
    "{picture}</item>"
)
_GUIDS = (
    '<guid isPermaLink="false">{prefix}{n}</guid>',
    "<guid>{prefix}{n}</guid>",
    "<guid>https://baomoi.example.vn/tin-tuc/{prefix}{n}.html</guid>",
)
"""Guids as portals write them: marked not a link, a bare id (a permalink by default, which
feedparser resolves against the feed URL), and the article's own URL."""
_THUMBNAIL = '<media:thumbnail url="https://baomoi.example.vn/uploads/{prefix}{n}-thumb.jpg" />'
_ENCLOSURE = '<enclosure url="/uploads/{prefix}{n}-anh.jpg" length="48213" type="image/jpeg" />'


def portal_rss(items: int, prefix: str) -> bytes:
    """One portal-like RSS document (UTF-8) of `items` items whose guids start with `prefix`."""
    body = "".join(
        _ITEM.format(
            prefix=prefix,
            n=n,
            date=_DATES[n % len(_DATES)].format(minute=n % 60),
            # Half the guids come before the link, as many portals write them.
            guid_before=_GUIDS[n % len(_GUIDS)].format(prefix=prefix, n=n) if n % 2 else "",
            guid_after="" if n % 2 else _GUIDS[n % len(_GUIDS)].format(prefix=prefix, n=n),
            picture=(_THUMBNAIL if n % 2 else _ENCLOSURE).format(prefix=prefix, n=n),
        )
        for n in range(items)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:media="http://search.yahoo.com/mrss/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>Báo {prefix}</title><link>https://baomoi.example.vn/</link>{body}"
        "</channel></rss>"
    ).encode()
