"""A title is plain text: the index holds every character of it (issue 11, item 7: `blink` finds
"History of the <blink> tag") and the exact keys of its words (search: `Đảng` typed with its
marks finds the title), whichever way the article reaches the store: normalised in the parse
worker (`search_text`), indexed by the store, or indexed again by the v6 upgrade."""

from __future__ import annotations

import sqlite3
from zoneinfo import ZoneInfo

from newsreader_tui.core.models import ParsedItem
from newsreader_tui.core.normalize import normalise_item
from newsreader_tui.core.store import Store
from newsreader_tui.core.store.search import reindex_all
from support.articles import new_article
from support.clock import NOW
from support.store import FEED_A

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def keys(store: Store, query: str) -> list[str]:
    return [hit.article.key for hit in store.search(query)]


def parsed(title: str, guid: str, *, is_text: bool = False) -> ParsedItem:
    return ParsedItem(
        title=title, guid=guid, url=f"https://bao.example.vn/{guid}.html", title_is_text=is_text
    )


def test_titles_normalised_in_the_worker_are_found_by_marks_and_by_every_character(
    store: Store,
) -> None:
    articles = [
        normalise_item(parsed("Đại hội Đảng bộ tỉnh", "dang"), base_url=FEED_A, tz=TZ),
        normalise_item(parsed("Nông dân đang gặt lúa", "lua"), base_url=FEED_A, tz=TZ),
        normalise_item(
            parsed("History of the &lt;blink&gt; tag", "blink", is_text=True),
            base_url=FEED_A,
            tz=TZ,
        ),
    ]
    assert all(a is not None and a.search_text for a in articles)
    store.upsert_articles(FEED_A, [a for a in articles if a is not None], NOW)
    assert keys(store, "Đảng") == ["guid:dang"]
    assert keys(store, "đang") == ["guid:lua"]
    assert keys(store, "blink") == ["guid:blink"]


def test_titles_indexed_by_the_store_and_by_the_upgrade_keep_their_marks(store: Store) -> None:
    store.upsert_articles(
        FEED_A,
        [new_article("dang", "Đại hội Đảng bộ <tỉnh>"), new_article("lua", "Đang gặt lúa")],
        NOW,
    )
    assert keys(store, "Đảng") == ["dang"]
    assert keys(store, "tỉnh") == ["dang"]
    with sqlite3.connect(store.path) as conn:
        conn.execute("BEGIN IMMEDIATE")
        reindex_all(conn)
    assert keys(store, "Đảng") == ["dang"]
    assert keys(store, "tỉnh") == ["dang"]


def test_a_changed_article_is_indexed_from_the_workers_text(store: Store) -> None:
    """An article whose text changed is indexed again with the index text its parse worker
    computed (not folded a second time in the writing thread): new words found, old ones gone."""
    before = ParsedItem(
        title="Lịch tiếp dân", guid="lich", url="https://bao.example.vn/lich.html",
        content="<p>Tiếp dân ngày thứ Năm.</p>",
    )  # fmt: skip
    after = ParsedItem(
        title="Lịch tiếp dân", guid="lich", url="https://bao.example.vn/lich.html",
        content="<p>Tiếp dân ngày thứ Sáu tại xã Phú Lộc.</p>",
    )  # fmt: skip
    for item in (before, after):
        article = normalise_item(item, base_url=FEED_A, tz=TZ)
        assert article is not None and article.search_text is not None
        store.upsert_articles(FEED_A, [article], NOW)
    assert keys(store, "Phú Lộc") == ["guid:lich"]
    assert keys(store, "thứ Năm") == []
