"""Articles as the store takes them (`NewArticle`) and gives them back (`Article`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from newsreader_tui.core.models import Article, NewArticle
from support.clock import NOW


def new_article(
    key: str,
    title: str = "Tiêu đề",
    *,
    published: datetime | None = NOW,
    url: str | None = None,
    summary: str = "",
    content: str = "",
    categories: tuple[str, ...] = ("Thời sự",),
    content_hash: str | None = None,
) -> NewArticle:
    """A feed item ready for `Store.upsert_articles`, identified by `key` (also its guid).

    `url` None means https://a.vn/<key> ("" is an item without a link); `published` None
    means the feed gave no date. The
    default `content_hash` changes with the title, summary and content, as the normaliser's
    does, so a changed item counts as an update.
    """
    return NewArticle(
        key=key,
        title=title,
        url=f"https://a.vn/{key}" if url is None else url,
        guid=key,
        published=published,
        updated=None,
        summary=summary,
        content=content,
        author="",
        categories=categories,
        image=None,
        content_hash=content_hash or f"{title}|{summary}|{content}",
    )


def make_article(content: str = "", summary: str = "", **changes: Any) -> Article:
    """A stored article for code that only reads one (rendering, the reader, image lists):
    an unread portal article of 2018-11-08 09:26 in Vietnam with this `content` and `summary`;
    `changes` replace any other field."""
    fields: dict[str, Any] = {
        "id": 1,
        "feed_url": "https://baodientu.example.vn/rss",
        "feed_title": "Tin tức",
        "category": "HĐ Đảng - Đoàn thể",
        "key": "k1",
        "title": "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12",
        "url": "https://baodientu.example.vn/tin-tuc/hoi-nghi.html",
        "guid": None,
        "published": datetime(2018, 11, 8, 2, 26, tzinfo=UTC),
        "first_seen": datetime(2018, 11, 8, 3, 0, tzinfo=UTC),
        "updated": None,
        "summary": summary,
        "content": content,
        "author": "",
        "categories": (),
        "image": None,
        "read": False,
        "starred": False,
        "read_at": None,
    }
    fields.update(changes)
    return Article(**fields)
