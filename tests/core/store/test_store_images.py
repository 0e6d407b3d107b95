"""Image rows in the store: which images an article's body shows (listed once per body
version), which still need downloading, what a download found, and the rows no article shows
any more, whose files the caller deletes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from newsreader_tui.core.models import MAX_TRIES, CachedImage, FullTextResult, ImageResult
from newsreader_tui.core.store import Store
from support.articles import new_article
from support.clock import NOW
from support.store import FEED_A, FEED_B


def url(name: str) -> str:
    return f"https://a.vn/anh/{name}.png"


def add(store: Store, feed: str, key: str, **changes: Any) -> int:
    """Store one article (`changes` go to `new_article`) and return its id."""
    store.upsert_articles(feed, [new_article(key, **changes)], NOW)
    return next(a.id for a in store.articles(limit=None) if a.key == key)


def link(store: Store, article_id: int, *names: str) -> None:
    """List the images of the article's current body."""
    found = store.unlinked_article(article_id)
    assert found is not None
    assert store.link_images(article_id, found[1], [url(name) for name in names])


def test_images_are_listed_once_per_body_version(store: Store) -> None:
    article_id = add(store, FEED_A, "1", content="<p>Bản đầu</p>")
    [(article, rev)] = store.unlinked_articles([FEED_A], per_feed=5)
    assert article.id == article_id
    assert store.link_images(article_id, rev, [url("b"), url("a"), url("b")])
    assert store.article_images(article_id) == [
        CachedImage(url("b"), None, "pending"),
        CachedImage(url("a"), None, "pending"),
    ]
    assert store.unlinked_articles([FEED_A], per_feed=5) == []
    assert store.unlinked_article(article_id) is None

    # A changed body is listed again; a listing made from the old body is refused.
    add(store, FEED_A, "1", content="<p>Bản sửa</p>")
    [(_, new_rev)] = store.unlinked_articles([FEED_A], per_feed=5)
    assert not store.link_images(article_id, rev, [url("c")])
    assert [image.url for image in store.article_images(article_id)] == [url("b"), url("a")]
    assert store.link_images(article_id, new_rev, [url("c")])
    assert [image.url for image in store.article_images(article_id)] == [url("c")]

    # New page text is a new body too: the page's own pictures get listed next.
    [job] = store.full_text_jobs([FEED_A], per_feed=5)
    store.save_full_text(job, FullTextResult("ok", html="<p>Trang</p>"), now=NOW)
    assert store.unlinked_article(article_id) is not None


def test_pending_until_cached_or_given_up(store: Store) -> None:
    article_id = add(store, FEED_A, "1")
    link(store, article_id, "ok", "flaky", "dead")
    assert store.pending_images([FEED_A], per_feed=5) == [url("ok"), url("flaky"), url("dead")]
    saved = ImageResult("ok", path="images/ok/ok.png", content_type="image/png", size=10)
    store.save_image(url("ok"), saved, now=NOW)
    store.save_image(url("dead"), ImageResult("HTTP 404"), now=NOW)
    for _ in range(MAX_TRIES - 1):
        store.save_image(url("flaky"), ImageResult("HTTP 503", final=False), now=NOW)
        assert store.pending_images([FEED_A], per_feed=5) == [url("flaky")]
    store.save_image(url("flaky"), ImageResult("HTTP 503", final=False), now=NOW)
    assert store.pending_images([FEED_A], per_feed=5) == []

    # Given up on, but still not cached: the reader's on-demand fetch may try them.
    assert store.uncached_images(article_id) == [url("flaky"), url("dead")]
    cached = CachedImage(url("ok"), "images/ok/ok.png", "ok", "image/png", 10)
    assert store.image(url("ok")) == cached
    assert store.image(url("dead")) == CachedImage(url("dead"), None, "HTTP 404")
    # A failure never replaces a file already cached.
    store.save_image(url("ok"), ImageResult("HTTP 500", final=False), now=NOW)
    assert store.image(url("ok")) == cached


def test_pending_only_for_the_newest_articles_of_each_feed(store: Store) -> None:
    new = add(store, FEED_A, "new")
    old = add(store, FEED_A, "old", published=NOW - timedelta(days=1))
    other = add(store, FEED_B, "b")
    assert {a.id for a, _ in store.unlinked_articles([FEED_A, FEED_B], per_feed=1)} == {new, other}
    link(store, new, "new")
    link(store, old, "old")
    link(store, other, "b")
    assert store.pending_images([FEED_A, FEED_B], per_feed=1) == [url("new"), url("b")]
    assert store.pending_images([FEED_B], per_feed=1) == [url("b")]
    assert store.pending_images([FEED_A], per_feed=2) == [url("new"), url("old")]


def test_rows_no_article_shows_go_and_their_paths_come_back(store: Store) -> None:
    article_id = add(store, FEED_A, "1", content="<p>Bản đầu</p>")
    link(store, article_id, "keep", "drop", "never")
    for name in ("keep", "drop"):
        store.save_image(url(name), ImageResult("ok", path=f"images/x/{name}.png"), now=NOW)
    add(store, FEED_A, "1", content="<p>Bản sửa</p>")
    link(store, article_id, "keep")
    assert store.prune_images() == ["images/x/drop.png"]  # "never" had no file
    assert store.image(url("drop")) is None and store.image(url("never")) is None
    assert store.image(url("keep")) is not None

    # A pruned article takes its links along, and then its images are orphans too.
    assert store.prune(days=0, per_feed=None, now=NOW + timedelta(days=1)) == 1
    assert store.prune_images() == ["images/x/keep.png"]
    assert store.image(url("keep")) is None
