"""OPML import and export: versions, nesting, encodings, round trip and refused input."""

from __future__ import annotations

import unicodedata

import pytest

from newsreader_tui.core.errors import ConfigError
from newsreader_tui.core.models import FeedConfig
from newsreader_tui.core.opml import export_opml, parse_opml

OPML_1 = """\
<?xml version="1.0" encoding="ISO-8859-1"?>
<opml version="1.0">
  <head><title>Old reader</title></head>
  <body>
    <outline text="News">
      <outline text="Caf&#233;" type="rss" xmlUrl="https://cafe.example/rss"/>
      <outline title="Atom one" text="ignored" type="atom" xmlUrl="https://a.example/atom"/>
    </outline>
    <outline text="Top level" xmlUrl="http://top.example/feed"/>
  </body>
</opml>
"""

OPML_2 = """\
<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Trường THPT</title></head>
  <body>
    <outline text="HĐ Đảng - Đoàn thể" title="HĐ Đảng - Đoàn thể">
      <outline type="rss" text="Chi bộ" xmlUrl="https://thpt.edu.vn/chi-bo.rss"/>
      <outline text="Đoàn trường">
        <outline type="rss" text="Tin Đoàn &amp; Hội" xmlUrl="https://thpt.edu.vn/doan.rss?a=1&amp;b=2"/>
      </outline>
    </outline>
    <outline text="https://x.vn/rss" xmlUrl="https://x.vn/rss" category="/Thể thao/Bóng đá,/Khác"/>
    <outline type="link" text="Not a feed" url="https://x.vn/"/>
    <outline type="rss" text="Old scheme" xmlUrl="feed://old.vn/rss"/>
    <outline type="rss" text="Local" xmlUrl="file:///etc/passwd"/>
    <outline type="rss" text="Again" xmlUrl="https://THPT.edu.vn/chi-bo.rss"/>
  </body>
</opml>
"""


def test_opml_1_latin1() -> None:
    feeds = parse_opml(OPML_1.encode("iso-8859-1"), "old.opml")
    assert feeds == [
        FeedConfig(url="https://cafe.example/rss", title="Café", category="News", kind="rss"),
        FeedConfig(url="https://a.example/atom", title="Atom one", category="News", kind="atom"),
        FeedConfig(url="http://top.example/feed", title="Top level"),
    ]


def test_opml_2_nested_vietnamese() -> None:
    skipped: list[str] = []
    feeds = parse_opml(OPML_2.encode("utf-8"), "subs.opml", skipped=skipped)
    assert feeds == [
        FeedConfig(
            url="https://thpt.edu.vn/chi-bo.rss",
            title="Chi bộ",
            category="HĐ Đảng - Đoàn thể",
            kind="rss",
        ),
        FeedConfig(
            url="https://thpt.edu.vn/doan.rss?a=1&b=2",
            title="Tin Đoàn & Hội",
            category="HĐ Đảng - Đoàn thể / Đoàn trường",
            kind="rss",
        ),
        FeedConfig(url="https://x.vn/rss", category="Thể thao / Bóng đá"),
        FeedConfig(url="http://old.vn/rss", title="Old scheme", kind="rss"),
    ]
    assert len(skipped) == 2
    assert "subs.opml, line 14" in skipped[0]
    assert "listed twice" in skipped[1]


def test_utf16_and_windows_1258() -> None:
    doc = OPML_2.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    assert len(parse_opml(doc.encode("utf-16"), "x.opml")) == 4
    doc = OPML_2.replace('encoding="UTF-8"', 'encoding="windows-1258"')
    feeds = parse_opml(to_cp1258(doc), "x.opml")
    # cp1258 stores some letters as base + combining mark; they come back composed.
    assert feeds[0].category == "HĐ Đảng - Đoàn thể"


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Encode as windows-1258 does it: precomposed letters where it has them, else base + tone."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
            out += (base + "".join(c for c in parts if c in TONE_MARKS)).encode("cp1258")
    return bytes(out)


FEEDS = [
    FeedConfig(url="https://a.vn/rss", title='Tin <nóng> & "mới"', category="Thời sự"),
    FeedConfig(
        url="https://b.vn/atom?x=1&y='2'", title=None, category="HĐ Đảng - Đoàn thể", kind="atom"
    ),
    FeedConfig(url="https://c.vn/feed", title="Không nhóm"),
    FeedConfig(url="https://d.vn/wp", title="WP", category="Thời sự", kind="wordpress"),
    FeedConfig(url="https://e.vn/json", title="JSON Feed", category="A / B", kind="jsonfeed"),
    FeedConfig(url="https://f.vn/rss", title="RSS", category="HĐ Đảng - Đoàn thể", kind="rss"),
]


def test_round_trip() -> None:
    text = export_opml(FEEDS, title="Danh sách <của> tôi")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    back = parse_opml(text.encode("utf-8"), "export.opml")
    assert sorted(back, key=lambda f: f.url) == sorted(FEEDS, key=lambda f: f.url)
    # Grouped by category, groups in config order.
    assert [f.url for f in back] == [
        "https://a.vn/rss",
        "https://d.vn/wp",
        "https://b.vn/atom?x=1&y='2'",
        "https://f.vn/rss",
        "https://c.vn/feed",
        "https://e.vn/json",
    ]


def test_export_uses_standard_type() -> None:
    text = export_opml(FEEDS[:1])
    assert 'type="rss"' in text
    assert 'xmlUrl="https://a.vn/rss"' in text
    assert 'text="Tin &lt;nóng&gt; &amp; &quot;mới&quot;"' in text


def test_doctype_refused() -> None:
    bomb = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<opml version="2.0"><body><outline text="&lol2;" xmlUrl="https://a.vn/"/></body></opml>
"""
    with pytest.raises(ConfigError, match=r"bomb\.opml, line 2: refused .*DOCTYPE"):
        parse_opml(bomb.encode(), "bomb.opml")


def test_malformed_names_file_and_line() -> None:
    bad = '<?xml version="1.0"?>\n<opml version="2.0">\n<body>\n<outline text="x">\n</body></opml>'
    with pytest.raises(ConfigError, match=r"broken\.opml, line 5: not well-formed XML"):
        parse_opml(bad.encode(), "broken.opml")


def test_empty_and_not_opml() -> None:
    with pytest.raises(ConfigError, match=r"empty\.opml, line 1"):
        parse_opml(b"", "empty.opml")
    with pytest.raises(ConfigError, match=r"feed\.xml, line 1: not an OPML file"):
        parse_opml(b"<rss><channel/></rss>", "feed.xml")
