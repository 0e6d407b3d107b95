"""The demo's feed documents, each written the way one kind of Vietnamese site writes it."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import timedelta

from newsreader_tui.demo.generate.articles import Article, Site
from newsreader_tui.demo.generate.markup import (
    BASE,
    cdata,
    esc,
    img_url,
    iso,
    plain,
    render,
    rfc822,
    views,
    vn_date,
)
from newsreader_tui.demo.generate.pictures import png
from newsreader_tui.demo.manifest import load_manifest


def rss_channel(
    site: Site,
    articles: Sequence[Article],
    items: Sequence[str],
    *,
    namespaces: str = "",
    image: bool = False,
    encoding: str = "UTF-8",
) -> str:
    newest = max(article.date for article in articles)
    logo = (
        f"<image><url>{img_url('logo')}</url><title>{esc(site.feed_title)}</title>"
        f"<link>{BASE}{site.section_url}</link></image>\n"
        if image
        else ""
    )
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        f'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"{namespaces}>\n'
        "<channel>\n"
        f"<title>{esc(site.feed_title)}</title>\n"
        f"<link>{BASE}{site.section_url}</link>\n"
        f"<description>{esc(site.description)}</description>\n"
        "<language>vi-VN</language>\n"
        f"<copyright>{esc(site.name)}</copyright>\n"
        f'<atom:link href="{BASE}{site.feed_path}" rel="self" type="application/rss+xml"/>\n'
        f"<lastBuildDate>{rfc822(newest)}</lastBuildDate>\n"
        "<generator>Portal CMS 4.2</generator>\n"
        "<ttl>30</ttl>\n"
        f"{logo}" + "".join(items) + "</channel>\n</rss>\n"
    )


def hd_dang_feed(site: Site, articles: Sequence[Article]) -> str:
    """RSS 2.0 with content:encoded and a thumbnail in the description, as portals write it."""
    items = []
    for article in articles:
        image = article.image
        thumb = (
            f'<img src="{img_url(image.key)}" alt="{esc(image.alt)}" align="left" width="120"/> '
            if image
            else ""
        )
        items.append(
            "<item>\n"
            f"<title>{esc(article.title)}</title>\n"
            f"<link>{BASE}{site.page(article)}</link>\n"
            f'<guid isPermaLink="false">hdd-{article.number}</guid>\n'
            f"<pubDate>{rfc822(article.date, gmt7=article.gmt7)}</pubDate>\n"
            f"<category>{esc(site.section)}</category>\n"
            + "".join(f"<category>{esc(tag)}</category>\n" for tag in article.tags)
            + (f"<author>{esc(article.author)}</author>\n" if article.author else "")
            + f"<description>{cdata(thumb + article.sapo)}</description>\n"
            + "<content:encoded>"
            + cdata(render(article.rest, "figure", sapo=article.sapo))
            + "</content:encoded>\n</item>\n"
        )
    return rss_channel(
        site,
        articles,
        items,
        namespaces=' xmlns:content="http://purl.org/rss/1.0/modules/content/"',
        image=True,
    )


def kinh_te_feed(site: Site, articles: Sequence[Article]) -> str:
    """RSS 2.0 without CDATA: the HTML is escaped, the way older CMSs write it."""
    items = []
    for article in articles:
        items.append(
            "<item>\n"
            f"<title>{esc(article.title)}</title>\n"
            f"<link>{BASE}{site.page(article)}</link>\n"
            f"<guid>{BASE}{site.page(article)}</guid>\n"
            f"<pubDate>{rfc822(article.date)}</pubDate>\n"
            f"<category>{esc(site.section)}</category>\n"
            f"<description>{esc(plain(article.sapo))}</description>\n"
            "<content:encoded>"
            + esc(render(article.rest, "figure", sapo=article.sapo))
            + "</content:encoded>\n</item>\n"
        )
    return rss_channel(
        site,
        articles,
        items,
        namespaces=' xmlns:content="http://purl.org/rss/1.0/modules/content/"',
        encoding="windows-1258",
    )


def tom_tat_feed(site: Site, articles: Sequence[Article]) -> str:
    """Summary-only RSS: one sentence and a thumbnail; the text is on the article pages."""
    items = []
    for index, article in enumerate(articles):
        image = article.image
        thumb = ""
        if image and index % 2 == 0:
            size = len(png(image.key))
            thumb = f'<enclosure url="{img_url(image.key)}" length="{size}" type="image/png"/>\n'
        elif image:
            thumb = f'<media:thumbnail url="{img_url(image.key)}" width="320" height="180"/>\n'
        items.append(
            "<item>\n"
            f"<title>{esc(article.title)}</title>\n"
            f"<link>{BASE}{site.page(article)}</link>\n"
            f'<guid isPermaLink="true">{BASE}{site.page(article)}</guid>\n'
            f"<pubDate>{rfc822(article.date, gmt7=article.gmt7)}</pubDate>\n"
            f"<category>{esc(site.section)}</category>\n"
            f"<description>{esc(plain(article.sapo))}</description>\n"
            f"{thumb}</item>\n"
        )
    return rss_channel(
        site, articles, items, namespaces=' xmlns:media="http://search.yahoo.com/mrss/"', image=True
    )


def van_hoa_feed(site: Site, articles: Sequence[Article]) -> str:
    """Atom 1.0 whose links and pictures are relative, resolved against xml:base."""
    tag = "tag:svhttdl.hoabinhxanh.example,2026"
    entries = []
    for article in articles:
        author = f"<author><name>{esc(article.author)}</name></author>\n" if article.author else ""
        entries.append(
            "<entry>\n"
            f'<title type="text">{esc(article.title)}</title>\n'
            f'<link rel="alternate" type="text/html" href="{site.page(article)}"/>\n'
            f"<id>{tag}:tin-{article.number}</id>\n"
            f"<published>{iso(article.date)}</published>\n"
            f"<updated>{iso(article.date, utc=True)}</updated>\n"
            f"{author}"
            f'<category term="van-hoa" label="{esc(site.section)}"/>\n'
            + "".join(f'<category term="{esc(t)}"/>\n' for t in article.tags)
            + f'<summary type="text">{esc(plain(article.sapo))}</summary>\n'
            '<content type="html">'
            + esc(render(article.rest, "figure", base="", sapo=article.sapo))
            + "</content>\n</entry>\n"
        )
    newest = max(article.date for article in articles)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi" xml:base="{BASE}/">\n'
        f"<title>{esc(site.feed_title)}</title>\n"
        f"<subtitle>{esc(site.description)}</subtitle>\n"
        f'<link rel="alternate" type="text/html" href="{site.section_url}"/>\n'
        f'<link rel="self" type="application/atom+xml" href="{site.feed_path}"/>\n'
        f"<id>{tag}:van-hoa</id>\n"
        f"<updated>{iso(newest, utc=True)}</updated>\n"
        f"<author><name>{esc(site.name)}</name></author>\n"
        "<icon>/img/logo.png</icon>\n" + "".join(entries) + "</feed>\n"
    )


def the_thao_feed(site: Site, articles: Sequence[Article]) -> str:
    """JSON Feed 1.1."""
    items = []
    for article in articles:
        item: dict[str, object] = {
            "id": f"tinviet-{article.number}",
            "url": f"{BASE}{site.page(article)}",
            "title": article.title,
            "summary": plain(article.sapo),
            "content_html": render(article.rest, "figure", sapo=article.sapo),
        }
        if article.image:
            item["image"] = img_url(article.image.key)
        item["date_published"] = iso(article.date)
        if article.number % 3 == 0:
            item["date_modified"] = iso(article.date + timedelta(hours=2))
        if article.author:
            item["authors"] = [{"name": article.author}]
        if article.tags:
            item["tags"] = list(article.tags)
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": site.feed_title,
        "home_page_url": f"{BASE}{site.section_url}",
        "feed_url": f"{BASE}{site.feed_path}",
        "description": site.description,
        "icon": img_url("logo"),
        "language": "vi",
        "authors": [{"name": site.name}],
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


def _put(document: dict[str, object], path: str, value: object) -> None:
    """Set `value` at a dotted `path` ("data.items") in `document`, making the tables between."""
    *parents, key = path.split(".")
    for name in parents:
        child = document.setdefault(name, {})
        assert isinstance(child, dict)
        document = child
    document[key] = value


def thong_bao_api(site: Site, articles: Sequence[Article]) -> str:
    """A generic JSON API with Vietnamese field names and naive "dd/mm/YYYY HH:MM" dates.

    The fields go where the manifest's `[feeds.json]` paths say, so the config that reads the
    API and the API itself cannot drift apart.
    """
    paths: Mapping[str, str] = load_manifest().json_api_paths
    image_table = paths["image"].rsplit(".", 1)[0]
    items = []
    for article in articles:
        image = article.image
        item: dict[str, object] = {}
        _put(item, paths["id"], article.number)
        _put(item, paths["title"], article.title)
        _put(item, paths["url"], site.page(article))
        _put(item, paths["published"], vn_date(article.date))
        _put(item, paths["summary"], plain(article.sapo))
        _put(item, paths["content"], render(article.rest, "api", base=""))
        if image is None:
            _put(item, image_table, None)
        else:
            _put(item, paths["image"], f"/img/{image.key}.png")
            _put(item, image_table + ".chu_thich", image.caption)
        _put(item, paths["category"], "Thông báo")
        _put(item, paths["author"], article.author or None)
        item["luot_xem"] = views(article)
        items.append(item)
    data: dict[str, object] = {"status": "ok", "message": "Thành công"}
    _put(data, "data", {"page": 1, "per_page": 10, "total": len(items)})
    _put(data, paths["items"], items)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
