"""Search respects what the user typed (issue 11): diacritics typed are diacritics matched, words
typed without them match folded, whole words except the last one (a prefix from two letters),
title matches first and newest first among equals, and a search limited to a feed or category."""

from __future__ import annotations

from datetime import timedelta

from newsreader_tui.core.store import Store, match_spans, query_terms
from support.articles import new_article
from support.clock import NOW
from support.store import FEED_A, FEED_B


def keys(store: Store, query: str, **scope: str) -> list[str]:
    return [hit.article.key for hit in store.search(query, **scope)]


def test_a_word_typed_with_diacritics_matches_only_those(store: Store) -> None:
    store.upsert_articles(
        FEED_A,
        [
            new_article("lua", "Nông dân gặt lúa", content="Bà con đang tất bật thu hoạch"),
            new_article("dang", "Đại hội Đảng bộ tỉnh", published=NOW - timedelta(days=3)),
            new_article("ky", "Ký kết hợp tác", summary="Hai bên ký kết và phối hợp"),
            new_article(
                "hop", "Kỳ họp thứ 21 Hội đồng nhân dân", published=NOW - timedelta(days=9)
            ),
        ],
        NOW,
    )
    assert keys(store, "Đảng") == ["dang"]
    assert keys(store, "đang") == ["lua"]
    assert keys(store, "dang") == ["dang", "lua"]  # typed without marks: any spelling, title first
    assert keys(store, "kỳ họp") == ["hop"]
    assert keys(store, "ky hop") == ["hop", "ky"]
    assert keys(store, "Đà Nẵng") == []


def test_old_and_new_tone_placement_are_one_spelling(store: Store) -> None:
    store.upsert_articles(
        FEED_A,
        [new_article("cu", "Hoà bình và thuỷ lợi"), new_article("moi", "Hòa giải ở cơ sở")],
        NOW,
    )
    assert sorted(keys(store, "hòa")) == ["cu", "moi"]
    assert sorted(keys(store, "hoà")) == ["cu", "moi"]
    assert keys(store, "thủy lợi") == ["cu"]


def test_whole_words_but_the_last_a_prefix_from_two_letters(store: Store) -> None:
    store.upsert_articles(
        FEED_A,
        [
            new_article("dv", "Dân vận khéo ở cơ sở"),
            new_article("dt", "Ngày hội đại đoàn kết dân tộc", summary="vấn đề dân sinh"),
            new_article("d", "Chữ d trong bảng chữ cái"),
        ],
        NOW,
    )
    assert keys(store, "Dân vận") == ["dv"]
    assert keys(store, "dan van kheo") == ["dv"]
    assert keys(store, "Dân vậ") == ["dv"]  # the last word, still being typed
    # A letter just typed after other words is left out (it found nothing as a whole word)...
    assert sorted(keys(store, "dan v")) == sorted(keys(store, "dan")) == ["dt", "dv"]
    # ...and one letter alone narrows nothing: a whole word, not every word in d.
    assert keys(store, "d") == ["d"]
    assert sorted(keys(store, "da")) == ["dt", "dv"]
    assert keys(store, "Đả") == []
    assert keys(store, "đoà") == ["dt"]  # "đoàn": a word with its tone typed, not yet finished


def test_title_matches_first_then_the_lead_then_newest_first(store: Store) -> None:
    day = timedelta(days=1)
    store.upsert_articles(
        FEED_A,
        [
            new_article("body-new", "Tin ngắn", content="sạt lở ở Lào Cai", published=NOW),
            new_article("lead", "Mưa lớn", summary="nguy cơ sạt lở", published=NOW - day),
            new_article("title-old", "Sạt lở ở Hà Giang", published=NOW - 3 * day),
            new_article("title-new", "Cảnh báo sạt lở đất", published=NOW - 2 * day),
        ],
        NOW,
    )
    hits = store.search("sạt lở")
    assert [hit.article.key for hit in hits] == ["title-new", "title-old", "lead", "body-new"]
    assert [hit.rank for hit in hits] == [0.0, 0.0, 2.0, 3.0]


def test_search_limited_to_a_feed_or_category(store: Store) -> None:
    store.upsert_articles(FEED_A, [new_article("a", "Giá vàng hôm nay")], NOW)
    store.upsert_articles(FEED_B, [new_article("b", "Giá vàng tăng")], NOW)
    assert sorted(keys(store, "gia vang")) == ["a", "b"]
    assert keys(store, "gia vang", feed=FEED_B) == ["b"]
    assert keys(store, "gia vang", category="Tin tức") == ["a"]
    assert store.search_ids("gia vang", category="Không có") == []


def test_highlights_mark_only_the_words_the_query_means() -> None:
    text = "Đảng bộ đang họp, dân vận khéo; Đảng viên"
    spans = match_spans(text, query_terms("Đảng"))
    assert [text[a:b] for a, b in spans] == ["Đảng", "Đảng"]
    spans = match_spans(text, query_terms("dang d"))  # "d" just typed: left out
    assert [text[a:b] for a, b in spans] == ["Đảng", "đang", "Đảng"]
    spans = match_spans(text, query_terms("d"))  # alone: the word "d" only
    assert spans == []
    spans = match_spans(text, query_terms("dân vậ"))
    assert [text[a:b] for a, b in spans] == ["dân", "vận"]  # the prefix marks the whole word


def test_words_joined_by_an_underscore_are_marked_as_the_index_finds_them() -> None:
    # The tokenizer splits "Hà_Nội" in two and finds it for `noi`: the marks must agree.
    text = "Tin Hà_Nội mới"
    assert [text[a:b] for a, b in match_spans(text, query_terms("noi"))] == ["Nội"]
    assert [text[a:b] for a, b in match_spans(text, query_terms("ha no"))] == ["Hà", "Nội"]
