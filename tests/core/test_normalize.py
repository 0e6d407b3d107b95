"""Ingest normalisation: identity keys, canonical URLs, cleaning of every field."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsreader_tui.core.dates import VN_TZ
from newsreader_tui.core.models import ParsedItem
from newsreader_tui.core.normalize import (
    article_key,
    canonical_url,
    normalise_item,
    normalise_items,
)

BASE = "https://portal.example.vn/rss/tin-tuc.rss"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("http://portal.vn/tin/1.html", "https://portal.vn/tin/1.html"),
        ("https://portal.vn/tin/1/", "https://portal.vn/tin/1"),
        ("https://Portal.VN/tin/1", "https://portal.vn/tin/1"),
        ("https://portal.vn/tin/1?utm_source=fb&utm_medium=x", "https://portal.vn/tin/1"),
        ("https://portal.vn/tin?id=5&fbclid=abc&zarsrc=30", "https://portal.vn/tin?id=5"),
        ("https://portal.vn/tin?b=2&a=1", "https://portal.vn/tin?a=1&b=2"),
        ("https://portal.vn/tin/1#binh-luan", "https://portal.vn/tin/1"),
        ("https://portal.vn:443/tin/1", "https://portal.vn/tin/1"),
    ],
)
def test_canonical_url_ignores_what_does_not_identify_the_page(a: str, b: str) -> None:
    assert canonical_url(a) == canonical_url(b)


def test_canonical_url_keeps_what_does() -> None:
    assert canonical_url("https://portal.vn/tin?id=5") != canonical_url(
        "https://portal.vn/tin?id=6"
    )
    assert canonical_url("https://portal.vn:8080/a") != canonical_url("https://portal.vn/a")


def test_identity_prefers_guid_then_url_then_title_and_date() -> None:
    assert article_key("tin-1", "https://a.vn/1", "T", None) == "guid:tin-1"
    assert article_key(None, "https://a.vn/1/", "T", None) == article_key(
        None, "http://a.vn/1?utm_campaign=x", "Khác", None
    )
    hashed = article_key(None, None, "Tiêu đề", "08/11/2018 09:26")
    assert hashed.startswith("hash:")
    assert hashed == article_key(None, None, "Tiêu đề", "08/11/2018 09:26")
    assert hashed != article_key(None, None, "Tiêu đề", "09/11/2018 09:26")


def test_every_field_is_cleaned_and_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Hội nghị Đảng bộ")
    item = ParsedItem(
        title=f"\x1b[31m[video] {nfd}\x07",
        guid=" tin-1 ",
        url="/tin/1.html",
        published_raw="Thu, 08 Nov 2018 09:26:00 GMT+7",
        summary=f"<p>{nfd}\x1b]52;c;ZXZpbA==\x07</p>",
        content="<p>Nội dung\u202e</p>",
        author="Bá\x00 Luân",
        categories=("HĐ Đảng - Đoàn thể", " HĐ Đảng - Đoàn thể ", ""),
        image="/anh/1.jpg",
    )
    article = normalise_item(item, base_url=BASE, tz=VN_TZ)
    assert article is not None
    assert article.title == "[video] Hội nghị Đảng bộ"
    assert unicodedata.is_normalized("NFC", article.title)
    assert article.summary == "<p>Hội nghị Đảng bộ</p>"
    assert article.content == "<p>Nội dung</p>"
    assert article.author == "Bá Luân"
    assert article.categories == ("HĐ Đảng - Đoàn thể",)
    assert article.url == "https://portal.example.vn/tin/1.html"
    assert article.image == "https://portal.example.vn/anh/1.jpg"
    assert article.published == datetime(2018, 11, 8, 9, 26, tzinfo=VN_TZ)
    assert article.key == "guid:tin-1"


def test_untitled_item_borrows_its_first_words_and_unsafe_links_are_dropped() -> None:
    item = ParsedItem(summary="<p>" + " ".join(["chữ"] * 20) + "</p>", url="javascript:alert(1)")
    article = normalise_item(item, base_url=BASE, tz=VN_TZ)
    assert article is not None
    assert article.title == " ".join(["chữ"] * 12) + "…"
    assert article.url is None
    assert normalise_item(ParsedItem(), base_url=BASE, tz=VN_TZ) is None


def test_naive_source_datetime_gets_the_feed_zone_and_bad_dates_stay_none() -> None:
    naive = ParsedItem(title="a", published=datetime(2018, 11, 8, 9, 26))
    article = normalise_item(naive, base_url=BASE, tz=VN_TZ)
    assert article is not None and article.published == datetime(2018, 11, 8, 9, 26, tzinfo=VN_TZ)
    bad = normalise_item(ParsedItem(title="b", published_raw="hôm qua"), base_url=BASE, tz=VN_TZ)
    assert bad is not None and bad.published is None
    utc = ParsedItem(title="c", published=datetime(2018, 11, 8, 2, 26, tzinfo=UTC))
    converted = normalise_item(utc, base_url=BASE, tz=VN_TZ)
    assert converted is not None and converted.published == datetime(
        2018, 11, 8, 9, 26, tzinfo=timezone(timedelta(hours=7))
    )


def test_duplicates_collapse_and_limit_applies() -> None:
    items = [
        ParsedItem(title="Một", url="https://a.vn/1?utm_source=x"),
        ParsedItem(title="Một (sửa)", url="http://a.vn/1/"),
        ParsedItem(title="Hai", url="https://a.vn/2"),
        ParsedItem(title="Ba", url="https://a.vn/3"),
    ]
    articles = normalise_items(items, base_url=BASE, tz=VN_TZ)
    assert [a.title for a in articles] == ["Một", "Hai", "Ba"]
    assert len(normalise_items(items, base_url=BASE, tz=VN_TZ, limit=2)) == 2
