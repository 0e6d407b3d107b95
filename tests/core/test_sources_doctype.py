"""A feed with an XHTML DOCTYPE is a feed: the root element decides (issue 11, item 3).

CMS templates copied from web pages put `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 ...">`
before `<rss>` (feedparser's `always_strip_doctype.xml`); the sniffer took the DOCTYPE for an
HTML page and the feed failed with "is an HTML page, not a feed".
"""

from __future__ import annotations

import pytest

from newsreader_tui.core.sources import fast_xml
from newsreader_tui.core.sources.detect import sniff
from support.parsers import parse_path, read_xml

XHTML = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
)
URL = "https://portal.example.vn/rss/thong-bao.rss"


def rss_with(doctype: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{doctype}\n'
        '<rss version="2.0"><channel><title>Thông báo - Sở Nội vụ</title>'
        "<item><title>Thông báo tuyển dụng công chức năm 2026</title>"
        "<link>https://portal.example.vn/thong-bao/tuyen-dung-2026.html</link>"
        "<description>Sở Nội vụ thông báo kế hoạch tuyển dụng.</description></item>"
        "</channel></rss>"
    ).encode()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (rss_with(XHTML), "xml"),
        (rss_with("<!DOCTYPE html>"), "xml"),
        (rss_with("<!doctype HTML>"), "xml"),
        (f"{XHTML}<feed xmlns='http://www.w3.org/2005/Atom'/>".encode(), "xml"),
        (f"<!-- x -->{XHTML}<rdf:RDF xmlns:rdf='r'/>".encode(), "xml"),
        # Pages are still pages: by their root, or by the DOCTYPE when no root follows.
        (f"{XHTML}\n<html><head><title>Trang</title>".encode(), "html"),
        (b"<!DOCTYPE html>\n<!-- c --><html lang='vi'>", "html"),
        (b"<!DOCTYPE html>", "html"),
        (b"<!DOCTYPE html> Trang chu", "html"),
    ],
    ids=[
        "xhtml-rss",
        "html5-rss",
        "lower-rss",
        "xhtml-atom",
        "xhtml-rdf",
        "xhtml-page",
        "html5-page",
        "doctype-only",
        "doctype-text",
    ],
)
def test_the_root_element_decides_not_the_doctype(body: bytes, expected: str) -> None:
    assert sniff(body, "") == expected
    assert sniff(body, "application/rss+xml") == expected


@pytest.mark.usefixtures(parse_path.__name__)
@pytest.mark.parametrize("doctype", [XHTML, "<!DOCTYPE html>"], ids=["xhtml", "html5"])
def test_rss_with_an_html_doctype_is_read_on_both_paths(doctype: str) -> None:
    for content_type in ("application/rss+xml", "text/html; charset=utf-8"):
        feed = read_xml(rss_with(doctype), {"content-type": content_type}, URL)
        assert feed.title == "Thông báo - Sở Nội vụ"
        (item,) = feed.items
        assert item.title == "Thông báo tuyển dụng công chức năm 2026"
        assert item.url == "https://portal.example.vn/thong-bao/tuyen-dung-2026.html"


def test_the_fast_reader_leaves_doctypes_to_feedparser() -> None:
    # feedparser strips a DOCTYPE before its strict parser sees it; the fast reader would hand
    # it to expat, so it declines and feedparser reads the feed (the test above, "fast").
    with pytest.raises(fast_xml.Declined, match="doctype"):
        fast_xml.read(rss_with(XHTML), {"content-type": "application/rss+xml"}, URL)
