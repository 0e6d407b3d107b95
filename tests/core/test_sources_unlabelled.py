"""Unlabelled windows-1258 is read as Vietnamese, on both parse paths (issue 11, item 4).

A feed with no charset in its XML declaration nor its HTTP header used to be left to
feedparser's guess (windows-1252): "BêÒ bõi dát vàng trong biêòt thýò". We decide such an
encoding ourselves (UTF-8 if valid, else the Vietnamese-aware decoder) and hand both readers the
decoded document, declared.
"""

from __future__ import annotations

import unicodedata

import pytest

from newsreader_tui.core.sources import fast_xml
from newsreader_tui.core.sources.encoding import declare
from newsreader_tui.core.text import encode_windows_1258
from support.parsers import parse_path, read_xml

URL = "https://baomoi.example.vn/rss/tin-moi-nhat.rss"
TITLE = "Bể bơi dát vàng trong biệt thự nơi tổng thống nghỉ dưỡng"
FEED_TITLE = "Tin mới nhất - Báo Mới"
SUMMARY = "Thủ tướng yêu cầu đẩy nhanh tiến độ dự án sân bay Long Thành."


def document(declaration: str) -> str:
    return (
        f'{declaration}<rss version="2.0"><channel><title>{FEED_TITLE}</title>'
        f"<item><title>{TITLE}</title><link>https://baomoi.example.vn/tin/1.html</link>"
        f"<description>{SUMMARY}</description></item></channel></rss>"
    )


DECLARATIONS = {
    "none": "",
    "version only": '<?xml version="1.0"?>\n',
    "standalone": "<?xml version='1.0' standalone='yes'?>\n",
}
CONTENT_TYPES = ["application/rss+xml", "text/xml", "text/html", None]


@pytest.mark.usefixtures(parse_path.__name__)
@pytest.mark.parametrize("declaration", list(DECLARATIONS), ids=list(DECLARATIONS))
@pytest.mark.parametrize("content_type", CONTENT_TYPES, ids=lambda c: c or "no type")
@pytest.mark.parametrize("encoding", ["windows-1258", "utf-8"])
def test_an_unlabelled_feed_reads_as_vietnamese(
    declaration: str, content_type: str | None, encoding: str
) -> None:
    text = document(DECLARATIONS[declaration])
    body = encode_windows_1258(text) if encoding == "windows-1258" else text.encode()
    headers = {"content-type": content_type} if content_type else {}
    feed = read_xml(body, headers, URL)
    assert feed.title == FEED_TITLE
    (item,) = feed.items
    assert item.title == TITLE
    assert unicodedata.is_normalized("NFC", item.title)
    assert SUMMARY in item.summary


def test_the_fast_reader_gets_the_decoded_declared_document() -> None:
    body, headers = declare(encode_windows_1258(document("")), {})
    assert body.startswith(b'<?xml version="1.0" encoding="utf-8"?><rss')
    feed = fast_xml.read(body, headers, URL)  # not declined: plainly UTF-8 now
    assert feed.items[0].title == TITLE


def test_a_declaration_keeps_its_attributes_in_xml_order() -> None:
    body, headers = declare(
        encode_windows_1258(document(DECLARATIONS["standalone"])), {"content-type": "text/xml"}
    )
    assert body.startswith(b"<?xml version='1.0' encoding=\"utf-8\" standalone='yes'?>")
    assert headers == {"content-type": "text/xml; charset=utf-8"}


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (encode_windows_1258(document('<?xml version="1.0" encoding="windows-1258"?>')), {}),
        (
            encode_windows_1258(document("")),
            {"content-type": "application/rss+xml; charset=windows-1258"},
        ),
        (document('<?xml version="1.0" encoding="x-unknown"?>').encode(), {}),
        (document('<?xml version="1.0" encoding=""?>').encode(), {}),
        ("\ufeff".encode() + document("").encode(), {}),
        (document("").encode("utf-16-le"), {}),
        (b"", {}),
        (b"  no markup at all", {}),
    ],
    ids=[
        "declared",
        "http charset",
        "unknown label",
        "empty label",
        "bom",
        "utf-16 without bom",
        "empty",
        "text",
    ],
)
def test_labelled_or_odd_bodies_are_passed_on_untouched(
    body: bytes, headers: dict[str, str]
) -> None:
    assert declare(body, headers) == (body, headers)


@pytest.mark.usefixtures(parse_path.__name__)
@pytest.mark.parametrize("content_type", CONTENT_TYPES, ids=lambda c: c or "no type")
def test_declared_windows_1258_reads_whatever_the_media_type(content_type: str | None) -> None:
    # A label in the declaration is left to the readers (feedparser honours it even under
    # text/xml, which RFC 3023 calls US-ASCII): deciding only the unlabelled case changes it not.
    body = encode_windows_1258(document('<?xml version="1.0" encoding="windows-1258"?>'))
    headers = {"content-type": content_type} if content_type else {}
    feed = read_xml(body, headers, URL)
    # Composed by the normaliser, as every field is (windows-1258 writes combining tones).
    titles = [unicodedata.normalize("NFC", t or "") for t in (feed.title, feed.items[0].title)]
    assert titles == [FEED_TITLE, TITLE]
