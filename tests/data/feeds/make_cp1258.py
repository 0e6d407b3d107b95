"""Write rss_cp1258.xml: a Vietnamese RSS feed whose bytes are real windows-1258.

The bytes come from the package's own encoder (`core.text.encode_windows_1258`, the inverse of
the decoder under test): precomposed letters where the code page has them, otherwise base letter
+ combining tone mark, which is what Vietnamese Windows software produced. Run it with the
project's Python: `.venv/bin/python tests/data/feeds/make_cp1258.py`.
"""

from __future__ import annotations

from pathlib import Path

from newsreader_tui.core.text import encode_windows_1258

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


to_cp1258 = encode_windows_1258
"""The name tests/core/test_sources.py checks the fixture with."""


def main() -> None:
    """Write the fixture next to this script."""
    Path(__file__).with_name("rss_cp1258.xml").write_bytes(to_cp1258(FEED))


if __name__ == "__main__":
    main()
