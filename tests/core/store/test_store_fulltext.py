"""Full-text state in the store: which article pages still need fetching (the newest of each
feed, never twice for one version, a flaky page a few times, a dead one never again), and what
saving a result keeps and indexes."""

from __future__ import annotations

from datetime import timedelta

from newsreader_tui.core.models import MAX_TRIES, FullTextJob, FullTextResult
from newsreader_tui.core.store import Store
from support.articles import new_article
from support.clock import NOW
from support.store import FEED_A, FEED_B

MODIFIED = "Fri, 20 Nov 2026 08:00:00 GMT"


def keys(store: Store, jobs: list[FullTextJob]) -> list[str]:
    by_id = {article.id: article.key for article in store.articles(limit=None)}
    return [by_id[job.article_id] for job in jobs]


def pending(store: Store) -> list[str]:
    return keys(store, store.full_text_jobs([FEED_A, FEED_B], per_feed=5))


def test_jobs_are_the_newest_linked_articles_of_each_feed(store: Store) -> None:
    hours = [new_article(f"a{n}", published=NOW - timedelta(hours=n)) for n in range(4)]
    store.upsert_articles(FEED_A, hours, NOW)
    store.upsert_articles(
        FEED_B,
        [
            new_article("b0", published=NOW - timedelta(hours=1)),
            new_article("no-link", url="", published=NOW - timedelta(hours=2)),
        ],
        NOW,
    )
    # In config order whatever order the feeds are asked in, newest first within a feed.
    jobs = store.full_text_jobs([FEED_B, FEED_A], per_feed=2)
    assert keys(store, jobs) == ["a0", "a1", "b0"]
    first = jobs[0]
    assert (first.url, first.feed_url, first.etag, first.last_modified, first.done) == (
        "https://a.vn/a0",
        FEED_A,
        None,
        None,
        False,
    )
    assert keys(store, store.full_text_jobs([FEED_B], per_feed=5)) == ["b0"]
    no_link = next(a.id for a in store.articles(limit=None) if a.key == "no-link")
    assert store.full_text_job(no_link) is None  # nothing to fetch, even on demand
    assert store.full_text_job(999_999) is None


def test_a_saved_page_is_done_until_the_feed_item_changes(store: Store) -> None:
    store.upsert_articles(FEED_A, [new_article("1", summary="Tóm tắt")], NOW)
    [job] = store.full_text_jobs([FEED_A], per_feed=5)
    page = FullTextResult("ok", html="<p>Trang đầy đủ</p>", etag='"v1"', last_modified=MODIFIED)
    store.save_full_text(job, page, now=NOW)
    assert pending(store) == []
    done = store.full_text_job(job.article_id)
    assert done is not None and done.done  # on demand it is known to be there already
    article = store.article(job.article_id)
    assert article is not None
    assert (article.full_status, article.full_content) == ("ok", "<p>Trang đầy đủ</p>")

    # A new version of the item wants its page again, with the stored page's validators.
    store.upsert_articles(FEED_A, [new_article("1", summary="Tóm tắt mới")], NOW)
    [changed] = store.full_text_jobs([FEED_A], per_feed=5)
    assert changed.content_hash != job.content_hash and not changed.done
    assert (changed.etag, changed.last_modified) == ('"v1"', MODIFIED)
    # The server answers 304: the stored text stays and this version is done too.
    store.save_full_text(changed, FullTextResult("ok", etag='"v1"'), now=NOW)
    assert pending(store) == []
    article = store.article(job.article_id)
    assert article is not None and article.full_content == "<p>Trang đầy đủ</p>"


def test_a_flaky_page_is_tried_max_tries_times_and_a_dead_one_once(store: Store) -> None:
    older = NOW - timedelta(hours=1)
    store.upsert_articles(FEED_A, [new_article("flaky"), new_article("dead", published=older)], NOW)
    flaky, dead = store.full_text_jobs([FEED_A], per_feed=5)
    store.save_full_text(dead, FullTextResult("HTTP 404"), now=NOW)
    for _ in range(MAX_TRIES - 1):
        store.save_full_text(flaky, FullTextResult("HTTP 503", final=False), now=NOW)
        assert pending(store) == ["flaky"]
    store.save_full_text(flaky, FullTextResult("HTTP 503", final=False), now=NOW)
    assert pending(store) == []
    article = store.article(flaky.article_id)
    assert article is not None and article.full_status == "HTTP 503"
    # A new version of the item starts the count again.
    store.upsert_articles(FEED_A, [new_article("flaky", "Tiêu đề mới")], NOW)
    assert pending(store) == ["flaky"]


def test_page_text_is_searchable_at_once_and_kept_when_a_later_fetch_fails(
    store: Store,
) -> None:
    store.upsert_articles(FEED_A, [new_article("1", "Tin ngắn", summary="Tóm tắt")], NOW)
    [job] = store.full_text_jobs([FEED_A], per_feed=5)
    assert store.search("noi dung chi tiet") == []
    page = FullTextResult("ok", html="<p>Nội dung chi tiết của bài</p>")
    store.save_full_text(job, page, now=NOW)
    assert [hit.article.id for hit in store.search("noi dung chi tiet")] == [job.article_id]

    store.upsert_articles(FEED_A, [new_article("1", "Tin ngắn (sửa)", summary="Tóm tắt")], NOW)
    [changed] = store.full_text_jobs([FEED_A], per_feed=5)
    store.save_full_text(changed, FullTextResult("HTTP 500", final=False), now=NOW)
    article = store.article(job.article_id)
    assert article is not None and article.full_status == "HTTP 500"
    assert article.full_content == "<p>Nội dung chi tiết của bài</p>"  # better than a summary
    assert [hit.article.id for hit in store.search("noi dung chi tiet")] == [job.article_id]
