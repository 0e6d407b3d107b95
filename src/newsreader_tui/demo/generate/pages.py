"""The demo sites' HTML pages: portal article and section pages, and the server's index page."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from newsreader_tui.demo.generate.articles import Article, Site
from newsreader_tui.demo.generate.markup import BASE, esc, img_url, plain, render, views, vn_date

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
"""What the index page advertises with `<link rel="alternate">` (the JSON APIs are no feeds)."""


def file_for(url_path: str) -> str:
    """The data file the server answers `url_path` with."""
    path = url_path.lstrip("/")
    if not path or path.endswith("/"):
        return path + "index.html"
    if "." not in path.rsplit("/", 1)[-1]:
        return path + ".html"
    return path


MENU = (
    ("Trang chủ", "/"),
    ("Tin tức - Sự kiện", "/pages/tin-tuc/"),
    ("HĐ Đảng - Đoàn thể", "/pages/hd-dang-doan-the/"),
    ("Kinh tế - Xã hội", "/pages/kinh-te/"),
    ("Văn hóa - Thể thao", "/tin/van-hoa/"),
    ("Thông báo", "/thong-bao/"),
)


def page_shell(site: Site, title: str, main: str, head: str = "") -> str:
    """A portal page around `main`: header, menu, sidebar and footer, as these sites have."""
    menu = "".join(f'<li><a href="{url}">{esc(name)}</a></li>' for name, url in MENU)
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} - {esc(site.name)}</title>
{head}<link rel="alternate" type="{site.feed_type}" title="{esc(site.feed_title)}" \
href="{BASE}{site.feed_path}">
<link rel="stylesheet" href="/css/portal.css">
{site.extra_head}<script>var _portalCounter = {{"site": "demo", "enabled": false}};</script>
</head>
<body>
<div id="header">
<div class="banner"><a href="/"><img src="/img/logo.png" alt="Logo"></a>
<span class="site-name">{esc(site.name.upper())}</span></div>
<ul class="menu">{menu}</ul>
</div>
<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; \
<a href="{site.section_url}">{esc(site.section)}</a></div>
<div id="main">
{main}
</div>
<div id="sidebar">
<div class="box"><h3>Liên kết website</h3><ul>
<li><a href="https://dichvucong.hoabinhxanh.example/">Cổng dịch vụ công tỉnh</a></li>
<li><a href="https://congbao.hoabinhxanh.example/">Công báo tỉnh</a></li>
</ul></div>
<div class="box"><h3>Thăm dò ý kiến</h3><p>Bạn đánh giá thế nào về giao diện mới?</p>
<form><label><input type="radio" name="poll"> Rất tốt</label>
<label><input type="radio" name="poll"> Bình thường</label></form></div>
</div>
<div id="footer">
<p>© {esc(site.name)}</p>
<p>Địa chỉ: Số 1 đường Trần Hưng Đạo, thành phố Hòa Bình Xanh. Điện thoại: 0200 3 852 852.</p>
<p>Ghi rõ nguồn khi phát hành lại thông tin từ trang này.</p>
</div>
</body>
</html>
"""


def article_page(site: Site, articles: Sequence[Article], index: int) -> str:
    """The full portal page of `articles[index]`, whose neighbours fill the related lists."""
    article = articles[index]
    newer = articles[max(0, index - 3) : index]
    older = articles[index + 1 : index + 6]
    parts = [
        '<div class="article">',
        f'<h1 class="title">{esc(article.title)}</h1>',
        f'<div class="date">{vn_date(article.date)}</div>',
        f'<div class="sapo"><p><strong>{article.sapo}</strong></p></div>',
        '<div class="content">',
        render(article.rest, "portal", base="" if index % 2 else BASE, first=index // 2),
    ]
    if article.author:
        parts.append(
            f'<p class="author" style="text-align:right"><strong>{article.author}</strong></p>'
        )
    parts.append("</div>")
    if article.tags:
        links = ", ".join(
            f'<a href="/tim-kiem?tu-khoa={quote(tag)}">{esc(tag)}</a>' for tag in article.tags
        )
        parts.append(f'<div class="tags"><span>Từ khóa:</span> {links}</div>')
    parts.append(f'<div class="counter">Lượt xem: {views(article)}</div>')
    parts.append("</div>")
    for heading, group in (("Tin mới hơn", newer), ("Các tin khác", older)):
        if group:
            items = "".join(
                f'<li><a href="{site.page(other)}">{esc(other.title)}</a> '
                f'<span class="date">({vn_date(other.date)[:10]})</span></li>'
                for other in group
            )
            parts.append(f'<div class="related"><h3>{heading}</h3><ul>{items}</ul></div>')
    head = (
        f'<meta name="description" content="{esc(plain(article.sapo))}">\n'
        f'<meta property="og:title" content="{esc(article.title)}">\n'
    )
    if article.image:
        head += f'<meta property="og:image" content="{img_url(article.image.key)}">\n'
    return page_shell(site, article.title, "\n".join(parts), head)


def section_page(site: Site, articles: Sequence[Article]) -> str:
    """The list of a section's articles, which advertises the section's feed."""
    items = "\n".join(
        f'<li><a href="{site.page(article)}">{esc(article.title)}</a> '
        f'<span class="date">{vn_date(article.date)}</span><p>{article.sapo}</p></li>'
        for article in articles
    )
    main = f'<h1 class="section">{esc(site.section)}</h1>\n<ul class="news-list">\n{items}\n</ul>'
    return page_shell(site, site.section, main)


def pages(site: Site, articles: Sequence[Article]) -> dict[str, str]:
    out = {file_for(site.section_url): section_page(site, articles)}
    for index, article in enumerate(articles):
        out[file_for(site.page(article))] = article_page(site, articles, index)
    return out


def index_page(sites: Sequence[Site]) -> str:
    """The server's home page: every demo feed, advertised as feeds and listed as links."""
    links, rows = [], []
    for site in sites:
        if site.feed_type in FEED_TYPES:
            links.append(
                f'<link rel="alternate" type="{site.feed_type}" title="{esc(site.feed_title)}" '
                f'href="{BASE}{site.feed_path}">'
            )
        rows.append(
            f'<li><a href="{BASE}{site.feed_path}">{esc(site.feed_title)}</a> '
            f'(<a href="{site.section_url}">{esc(site.section)}</a>)</li>'
        )
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        "<title>Dữ liệu mẫu newsreader-tui</title>\n"
        + "\n".join(links)
        + "\n</head>\n<body>\n<h1>Dữ liệu mẫu newsreader-tui</h1>\n"
        "<p>Mọi bài viết, tên người và tổ chức ở đây đều là hư cấu.</p>\n<ul>\n"
        + "\n".join(rows)
        + "\n</ul>\n</body>\n</html>\n"
    )
