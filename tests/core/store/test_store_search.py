"""Full-text search over the store: words typed without diacritics folded, titles ranked first, any
input safe, snippets with match spans, and an index that follows every change."""

from __future__ import annotations

from datetime import timedelta

from newsreader_tui.core.models import FeedConfig
from newsreader_tui.core.store import Store, match_spans, query_terms
from support.articles import new_article
from support.clock import NOW
from support.store import FEED_A, FEED_B


def test_search_ignores_diacritics_and_case(store: Store) -> None:
    store.upsert_articles(
        FEED_A,
        [
            new_article(
                "1",
                "Dân vận khéo",
                summary="<p>Phong trào <b>dân vận</b> khéo ở cơ sở &amp; địa phương.</p>",
            ),
            new_article("2", "Thời tiết", summary="Trời nắng"),
            new_article("3", "Bài khác", content="<div>Tin về đảng viên mới</div>"),
            new_article("4", "Dang dở", summary="Một việc còn dang dở"),
        ],
        NOW,
    )
    for query in ("dan van kheo", "Dân Vận", "DAN VAN", "dân vận khéo", "kheo"):
        assert [h.article.key for h in store.search(query)] == ["1"], query
    assert {h.article.key for h in store.search("Đảng")} == {"3"}  # typed with its marks
    assert {h.article.key for h in store.search("dang")} == {"3", "4"}
    assert [h.article.key for h in store.search("thoi ti")] == ["2"]  # last word is a prefix
    hit = store.search("dan van")[0]
    assert "dân vận" in hit.snippet  # snippet keeps the diacritics
    assert "<" not in hit.snippet and "&amp;" not in hit.snippet
    assert isinstance(hit.rank, float)


def test_search_title_ranks_higher(store: Store) -> None:
    store.upsert_articles(
        FEED_A,
        [
            new_article("body", "Tin khác", content="bão số 3 đổ bộ", published=NOW),
            new_article("title", "Bão số 3", content="gió mạnh", published=NOW - timedelta(days=1)),
        ],
        NOW,
    )
    assert [h.article.key for h in store.search("bao")] == ["title", "body"]


def test_search_weird_input_does_not_raise(store: Store) -> None:
    store.upsert_articles(FEED_A, [new_article("1", "AND or NOT near")], NOW)
    for query in ('"', "AND", "*", "(", ")", "-", "a OR", 'NEAR(" x', "^", ":", "", "   ", "đ*"):
        store.search(query)
    assert store.search("") == [] and store.search("  ") == []
    assert [h.article.key for h in store.search("AND")] == ["1"]


def test_search_hides_unconfigured_feeds(store: Store) -> None:
    store.upsert_articles(FEED_B, [new_article("1", "Hà Nội")], NOW)
    assert len(store.search("ha noi")) == 1
    store.sync_feeds([FeedConfig(url=FEED_A)])
    assert store.search("ha noi") == []


def test_snippet_window_and_match_spans(store: Store) -> None:
    words = " ".join(f"từ{i}" for i in range(40))
    store.upsert_articles(FEED_A, [new_article("1", "x", content=f"{words} Đà Nẵng {words}")], NOW)
    (hit,) = store.search("da nang")
    assert "Đà Nẵng" in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet.split()) == 10
    spans = match_spans(hit.snippet, query_terms("da nang"))
    assert [hit.snippet[a:b] for a, b in spans] == ["Đà", "Nẵng"]


def test_search_index_follows_updates_and_deletes(store: Store) -> None:
    store.upsert_articles(FEED_A, [new_article("1", "Cũ")], NOW)
    store.upsert_articles(FEED_A, [new_article("1", "Mới")], NOW)
    assert store.search("cu") == []
    assert len(store.search("moi")) == 1
    store.prune(days=1, per_feed=None, now=NOW + timedelta(days=5))
    assert store.search("moi") == []
