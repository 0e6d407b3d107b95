"""Write rss_cp1258.xml: a Vietnamese RSS feed whose bytes are real windows-1258.

windows-1258 has precomposed â ê ô ơ ư ă đ (and a few toned capitals) but puts most tones in
separate combining marks, so each character is encoded whole when the code page has it and
otherwise split into base letter + combining tone mark, which is what Vietnamese Windows
software produced. Run it with any Python 3: `python tests/data/feeds/make_cp1258.py`.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")

FEED = """<?xml version="1.0" encoding="windows-1258"?>
<rss version="2.0">
  <channel>
    <title>Sở Giáo dục và Đào tạo - Tin tức</title>
    <link>https://sgd.example.vn/</link>
    <description>Tin tức ngành giáo dục</description>
    <item>
      <title>Khai giảng năm học mới tại các trường vùng sâu</title>
      <link>https://sgd.example.vn/tin/khai-giang-nam-hoc-moi-301.html</link>
      <guid>sgd-301</guid>
      <pubDate>08/11/2018 09:26</pubDate>
      <category>Giáo dục</category>
      <description>Học sinh nô nức đến trường trong ngày hội khai giảng.</description>
    </item>
    <item>
      <title>Hội thi giáo viên dạy giỏi cấp tỉnh: Đổi mới phương pháp</title>
      <link>https://sgd.example.vn/tin/hoi-thi-giao-vien-day-gioi-302.html</link>
      <guid>sgd-302</guid>
      <pubDate>07/11/2018 15:00</pubDate>
      <category>HĐ Đảng - Đoàn thể</category>
      <description>Ảnh: Bá Luân</description>
    </item>
  </channel>
</rss>
"""


def to_cp1258(text: str) -> bytes:
    """Encode Vietnamese text as windows-1258, splitting off tone marks the code page lacks."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        try:
            char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in TONE_MARKS))
            out.append(base + "".join(m for m in parts if m in TONE_MARKS))
        else:
            out.append(char)
    return "".join(out).encode("cp1258")


def main() -> None:
    """Write the fixture next to this script."""
    Path(__file__).with_name("rss_cp1258.xml").write_bytes(to_cp1258(FEED))


if __name__ == "__main__":
    main()
