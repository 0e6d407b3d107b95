"""The demo's WordPress site: its REST API (`/wp/wp-json/...`) and its post pages."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC

from newsreader_tui.demo.generate.articles import Article, Site
from newsreader_tui.demo.generate.markup import BASE, esc, img_url, render
from newsreader_tui.demo.generate.pages import pages

EXTRA_HEAD = (
    f'<link rel="https://api.w.org/" href="{BASE}/wp/wp-json/">\n'
    f"<link rel='stylesheet' href='{BASE}/wp/wp-content/themes/truong/style.css'>\n"
)
"""What a WordPress theme adds to every page's head: the API link discovery looks for."""

WP_TEXTURE = {"“": "&#8220;", "”": "&#8221;", "–": "&#8211;", "…": "&#8230;", "’": "&#8217;"}


def wptexturize(text: str) -> str:
    """Typographic characters as the numeric entities WordPress renders them with."""
    for char, entity in WP_TEXTURE.items():
        text = text.replace(char, entity)
    return text


def wp_files(
    site: Site, articles: Sequence[Article], categories: Sequence[tuple[int, str, str]]
) -> dict[str, str]:
    """The REST API documents (root, posts, categories) and the post pages; `categories` are
    (id, name, slug) and each article names one by its `category` id."""

    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, indent=2) + "\n"

    api = f"{BASE}/wp/wp-json"
    terms = {cid: (name, slug) for cid, name, slug in categories}
    posts = []
    for article in articles:
        category = article.category
        name, slug = terms[category]
        term = {
            "id": category,
            "link": f"{BASE}/wp/category/{slug}/",
            "name": wptexturize(name),
            "slug": slug,
            "taxonomy": "category",
        }
        post: dict[str, object] = {
            "id": article.number,
            "date": article.date.strftime("%Y-%m-%dT%H:%M:%S"),
            "date_gmt": article.date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
            "guid": {"rendered": f"{BASE}/wp/?p={article.number}"},
            "modified": article.date.strftime("%Y-%m-%dT%H:%M:%S"),
            "modified_gmt": article.date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
            "slug": article.slug,
            "status": "publish",
            "type": "post",
            "link": f"{BASE}{site.page(article)}",
            "title": {"rendered": wptexturize(esc(article.title))},
            "content": {
                "rendered": wptexturize(render(article.blocks, "wp")) + "\n",
                "protected": False,
            },
            "excerpt": {"rendered": f"<p>{wptexturize(article.sapo)}</p>\n", "protected": False},
            "author": 1,
            "featured_media": 700 + article.number if article.image else 0,
            "categories": [category],
            "tags": [],
            "_links": {
                "self": [{"href": f"{api}/wp/v2/posts/{article.number}"}],
                "collection": [{"href": f"{api}/wp/v2/posts"}],
            },
        }
        embedded: dict[str, object] = {
            "author": [{"id": 1, "name": article.author or "Ban biên tập", "slug": "bbt"}],
            "wp:term": [[term], []],
        }
        if article.image:
            embedded["wp:featuredmedia"] = [
                {
                    "id": 700 + article.number,
                    "source_url": img_url(article.image.key),
                    "alt_text": article.image.alt,
                    "caption": {"rendered": f"<p>{wptexturize(article.image.caption)}</p>\n"},
                    "media_type": "image",
                    "mime_type": "image/png",
                }
            ]
        post["_embedded"] = embedded
        posts.append(post)
    category_list = [
        {
            "id": cid,
            "count": sum(1 for article in articles if article.category == cid),
            "description": "",
            "link": f"{BASE}/wp/category/{slug}/",
            "name": wptexturize(name),
            "slug": slug,
            "taxonomy": "category",
            "parent": 0,
        }
        for cid, name, slug in categories
    ]
    root = {
        "name": site.name,
        "description": site.description,
        "url": f"{BASE}/wp",
        "home": f"{BASE}/wp",
        "gmt_offset": 7,
        "timezone_string": "Asia/Ho_Chi_Minh",
        "namespaces": ["oembed/1.0", "wp/v2"],
        "routes": {"/wp/v2/posts": {"namespace": "wp/v2", "methods": ["GET"]}},
    }
    out = {
        "wp/wp-json/index.json": dump(root),
        "wp/wp-json/wp/v2/posts.json": dump(posts),
        "wp/wp-json/wp/v2/categories.json": dump(category_list),
    }
    out.update(pages(site, articles))
    return out
