"""An article is "updated" when a reader would see it change, not when its HTML is written
another way by the other parse path (fast reader or feedparser), nor when an older version
hashed it differently."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsreader_tui.core.fingerprint import article_fingerprint
from newsreader_tui.core.models import FullTextResult, NewArticle
from newsreader_tui.core.normalize import normalise_items
from newsreader_tui.core.sources.worker import Job, run_job
from newsreader_tui.core.store import Store
from support.store import FEED_A

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
VN = timezone(timedelta(hours=7))

# The two parsers write this differently (attribute order and quotes, `<br/>` or `<br />`,
# a style feedparser's sanitiser drops) and a reader sees the same article.
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Cổng TTĐT</title><link>https://tinh.example.vn/</link>
<item><title>Hội nghị Ban Chấp hành Đảng bộ tỉnh</title>
<link>https://tinh.example.vn/tin/hoi-nghi</link><guid>hn-18</guid>
<description><![CDATA[<p>Ảnh <img src="anh/toan-canh.jpg" alt="Toàn cảnh &amp; hội trường"
width="10"></p>
<p><a href='/tin?a=1&amp;b=2' title="t">Liên quan</a></p><br/><em>Ảnh: Bá Luân</em>]]></description>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[
<div class="a" id="b"><p style="color:red">Sáng 8/11, <b>Hội nghị</b> khai mạc.</p>
<img alt='Toàn cảnh' src="/anh/2.png"/></div>]]></content:encoded>
</item></channel></rss>""".encode()


def read(fast: bool) -> NewArticle:
    parsed = run_job(Job("xml", FEED, "https://tinh.example.vn/rss", fast=fast))
    [article] = normalise_items(parsed.items, base_url="https://tinh.example.vn/rss", tz=VN)
    return article


def fingerprint(article: NewArticle) -> str:
    return article_fingerprint(
        article.title, article.url, article.summary, article.content, article.image, article.author
    )


def test_both_parse_paths_write_the_same_article_differently_with_one_fingerprint() -> None:
    fast, reference = read(fast=True), read(fast=False)
    assert fast.content != reference.content  # what made every article "updated" before
    assert fast.content_hash != reference.content_hash
    assert fingerprint(fast) == fingerprint(reference)


@pytest.mark.parametrize(("first", "then"), [(True, False), (False, True)])
def test_a_feed_moving_between_parse_paths_updates_nothing(
    store: Store, first: bool, then: bool
) -> None:
    assert store.upsert_articles(FEED_A, [read(first)], NOW) == (1, 0)
    assert store.upsert_articles(FEED_A, [read(then)], NOW + timedelta(hours=1)) == (0, 0)


def test_a_visible_change_is_still_an_update(store: Store) -> None:
    store.upsert_articles(FEED_A, [read(fast=True)], NOW)
    before = read(fast=False)
    changed = before.content.replace("khai mạc", "bế mạc")
    again = replace(before, content=changed, content_hash="another")
    assert store.upsert_articles(FEED_A, [again], NOW) == (0, 1)
    stored = store.articles(limit=None)[0]
    assert "bế mạc" in stored.content


def test_an_older_hash_is_replaced_quietly_and_its_page_stays_fetched(store: Store) -> None:
    article = read(fast=False)
    # As an older version of the program may have hashed it.
    old = hashlib.sha256(f"{article.title}\x1f{article.content}".encode()).hexdigest()
    store.upsert_articles(FEED_A, [replace(article, content_hash=old)], NOW)
    [job] = store.full_text_jobs([FEED_A], per_feed=5)
    store.save_full_text(job, FullTextResult("ok", html="<p>Toàn văn</p>"), now=NOW)

    assert store.upsert_articles(FEED_A, [article], NOW + timedelta(hours=1)) == (0, 0)
    assert store.full_text_jobs([FEED_A], per_feed=5) == []  # the page is not fetched again
    done = store.full_text_job(job.article_id)
    assert done is not None and done.done and done.content_hash == article.content_hash
