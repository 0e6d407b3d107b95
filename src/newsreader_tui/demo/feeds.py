"""The feeds of the demo: one of each source kind the reader handles, all served by DemoServer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from types import MappingProxyType

from newsreader_tui.core.config import toml_string
from newsreader_tui.core.models import FeedConfig

BASE_DATE = datetime(2026, 11, 20, 12, 0, tzinfo=timezone(timedelta(hours=7)))
"""The fixed "today" the demo articles were written against; their dates lead up to it."""

API_JSON_PATHS: Mapping[str, str] = MappingProxyType(
    {
        "items": "data.items",
        "id": "id",
        "title": "tieu_de",
        "url": "duong_dan",
        "published": "ngay_dang",
        "summary": "tom_tat",
        "content": "noi_dung",
        "image": "anh.url",
        "category": "chuyen_muc",
        "author": "tac_gia",
    }
)
"""Where the fields of the generic JSON API (`/api/thong-bao.json`) live."""


@dataclass(frozen=True)
class DemoFeed:
    """One demo feed: where the server has it and how a config would describe it."""

    path: str
    """Path on the demo server, starting with "/"."""
    title: str
    category: str
    kind: str = "auto"
    json_paths: Mapping[str, str] = field(default_factory=dict)
    timezone: str | None = None
    full_text: bool = False
    articles: int = 10
    """How many articles the served document lists."""

    def config(self, base_url: str) -> FeedConfig:
        """This feed as a config entry for a server at `base_url`."""
        return FeedConfig(
            url=base_url.rstrip("/") + self.path,
            title=self.title,
            category=self.category,
            kind=self.kind,
            json_paths=dict(self.json_paths),
            timezone=self.timezone,
            full_text=self.full_text,
        )


DEMO_FEEDS: tuple[DemoFeed, ...] = (
    DemoFeed(
        "/rss/hd-dang-doan-the.rss",
        "Cổng TTĐT tỉnh Hòa Bình Xanh - HĐ Đảng - Đoàn thể",
        "HĐ Đảng - Đoàn thể",
    ),
    DemoFeed(
        "/rss/tom-tat.rss",
        "Cổng TTĐT tỉnh Hòa Bình Xanh - Tin tức - Sự kiện",
        "Tin tức - Sự kiện",
        full_text=True,
    ),
    DemoFeed(
        "/api/thong-bao.json",
        "UBND huyện Sông Xanh - Thông báo",
        "Tin tức - Sự kiện",
        kind="json",
        json_paths=API_JSON_PATHS,
        timezone="Asia/Ho_Chi_Minh",
    ),
    DemoFeed("/rss/kinh-te.rss", "Báo Hòa Bình Xanh - Kinh tế", "Kinh tế - Xã hội"),
    DemoFeed("/atom/van-hoa.xml", "Sở VHTTDL Hòa Bình Xanh - Văn hóa", "Văn hóa - Thể thao"),
    DemoFeed("/json/the-thao.json", "Tin Việt - Thể thao", "Văn hóa - Thể thao"),
    DemoFeed(
        "/wp/",
        "Trường THPT Lê Quý Đôn Sông Xanh",
        "Giáo dục - Đào tạo",
        kind="wordpress",
        articles=6,
    ),
)
"""Every demo feed, in the order the sample config lists them."""


def demo_feeds(base_url: str) -> tuple[FeedConfig, ...]:
    """Config entries for every demo feed on a DemoServer at `base_url`."""
    return tuple(feed.config(base_url) for feed in DEMO_FEEDS)


def demo_config_text(base_url: str) -> str:
    """The demo feeds as a TOML config file (what `demo_feeds` returns, written out)."""
    blocks = [
        "# newsreader-tui demo config: every feed is served by the demo server on this machine.\n"
        f"# The server must be running at {base_url} for these URLs to work.\n"
    ]
    for feed in demo_feeds(base_url):
        lines = [
            "[[feeds]]",
            f"url = {toml_string(feed.url)}",
            f"title = {toml_string(feed.title or '')}",
            f"category = {toml_string(feed.category or '')}",
        ]
        if feed.kind != "auto":
            lines.append(f"kind = {toml_string(feed.kind)}")
        if feed.timezone:
            lines.append(f"timezone = {toml_string(feed.timezone)}")
        if feed.full_text:
            lines.append("full_text = true")
        if feed.json_paths:
            lines.append("[feeds.json]")
            lines.extend(f"{key} = {toml_string(path)}" for key, path in feed.json_paths.items())
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)
