"""A deterministic loopback feed server for the benchmarks (not the tests).

`FeedServer(feeds=200, items=50)` serves `feeds` feeds of `items` Vietnamese articles each on
127.0.0.1, every body built once before the first request, identical on every run and every
machine (no clock, no randomness: an article's words, date and picture follow from its numbers).

- kinds: "rss", "atom" and "json" (JSON Feed 1.1), or a mix: feed n gets kinds[n % len(kinds)].
- validators: "none" (no ETag/Last-Modified: a warm refresh gets the same body again), "all"
  (ETag and Last-Modified on every feed, 304 to a matching conditional request) or "half" (on
  the even feeds only).
- latency: seconds the server waits before each answer, as a distant site would.
- gzip: bodies are sent gzipped to a client that asks for it, as real portals do.

Run it alone to look at the feeds: `python benchmarks/feed_server.py --feeds 3 --items 2`
prints their URLs and serves until Ctrl-C.
"""

from __future__ import annotations

import argparse
import gzip
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from xml.sax.saxutils import escape

from quiet_server import QuietServer

KINDS = ("rss", "atom", "json")
EXTENSIONS = {"rss": "rss", "atom": "atom", "json": "json"}
TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}
BASE = datetime(2026, 11, 27, 1, 30, tzinfo=UTC)
"""The newest article's date; older ones follow at 17 minutes apiece (feed by feed)."""
LAST_MODIFIED = format_datetime(BASE, usegmt=True)
SECTIONS = ("Thời sự", "Kinh tế", "Xã hội", "Thể thao", "Văn hóa", "Giáo dục", "Pháp luật")
TOPICS = (
    (
        "Thủ tướng chủ trì hội nghị trực tuyến toàn quốc; Chính phủ ban hành nghị quyết; "
        "Quốc hội thảo luận dự án luật; Bộ Chính trị cho ý kiến về đề án; đại biểu chất vấn bộ "
        "trưởng; tiếp xúc cử tri trước kỳ họp; kiện toàn bộ máy chính quyền địa phương"
    ),
    (
        "tăng trưởng kinh tế quý ba vượt kế hoạch; xuất khẩu thủy sản sang thị trường châu Âu; "
        "doanh nghiệp nhỏ và vừa tiếp cận vốn ưu đãi; chỉ số giá tiêu dùng tăng nhẹ; thu hút "
        "vốn đầu tư trực tiếp nước ngoài; giải ngân vốn đầu tư công"
    ),
    (
        "Ngân hàng Nhà nước điều chỉnh lãi suất điều hành; tỷ giá đô la Mỹ giảm; tín dụng "
        "bất động sản được kiểm soát; thị trường chứng khoán khởi sắc; trái phiếu doanh "
        "nghiệp đáo hạn; giá vàng miếng lập đỉnh mới"
    ),
    (
        "nông dân Đồng bằng sông Cửu Long thu hoạch lúa mùa được giá; hạn mặn xâm nhập sâu; "
        "chuyển đổi cơ cấu cây trồng; trái cây sầu riêng xuất khẩu chính ngạch; hợp tác xã "
        "liên kết tiêu thụ nông sản"
    ),
    (
        "bão số chín đổ bộ miền Trung; mưa lũ gây sạt lở đất vùng núi; di dời khẩn cấp hàng "
        "nghìn hộ dân; triều cường dâng cao; khắc phục hậu quả thiên tai; không khí lạnh tăng "
        "cường"
    ),
    (
        "học sinh đạt huy chương vàng Olympic quốc tế; kỳ thi tốt nghiệp trung học phổ thông; "
        "đổi mới chương trình sách giáo khoa; tuyển sinh đại học theo phương thức xét tuyển "
        "sớm; giáo viên vùng cao bám trường"
    ),
    (
        "Bộ Y tế khuyến cáo phòng chống sốt xuất huyết; bệnh viện tuyến tỉnh quá tải; tiêm "
        "chủng mở rộng cho trẻ em; bảo hiểm y tế toàn dân; thiếu thuốc và vật tư y tế"
    ),
    (
        "khánh thành cầu đường cao tốc Bắc Nam phía Đông; dự án sân bay Long Thành vượt tiến "
        "độ; đường sắt tốc độ cao; ùn tắc giao thông giờ cao điểm; tai nạn giao thông giảm "
        "sâu dịp lễ"
    ),
    (
        "đội tuyển bóng đá quốc gia thắng đậm; vận động viên điền kinh phá kỷ lục; giải "
        "bóng chuyền nữ vô địch Đông Nam Á; huấn luyện viên công bố danh sách tập trung"
    ),
    (
        "lễ hội văn hóa truyền thống thu hút du khách; di sản được UNESCO công nhận; triển "
        "lãm mỹ thuật đương đại; phim Việt đạt doanh thu kỷ lục; nghệ nhân ưu tú truyền nghề"
    ),
    (
        "tòa án tuyên án vụ tham nhũng; công an triệt phá đường dây lừa đảo trực tuyến; khởi "
        "tố bị can tội vi phạm quy định đấu thầu; thu hồi tài sản cho Nhà nước"
    ),
)
PROVINCES = (
    "Hà Nội", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Quảng Ninh",
    "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế",
    "Quảng Nam", "Quảng Ngãi", "Bình Định", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Gia Lai",
    "Kon Tum", "Bình Dương", "Đồng Nai", "Long An", "Tiền Giang", "Bến Tre", "An Giang",
    "Kiên Giang", "Cà Mau", "Sóc Trăng", "Lào Cai", "Yên Bái", "Hà Giang", "Cao Bằng",
    "Lạng Sơn", "Điện Biên", "Sơn La", "Thái Nguyên", "Bắc Ninh", "Nam Định", "Ninh Bình",
)  # fmt: skip
COMMON = [
    "theo báo cáo",
    "trong năm nay",
    "cho biết",
    "đồng thời",
    "tuy nhiên",
    "bên cạnh đó",
    "ông nhấn mạnh",
    "người dân phấn khởi",
    "các cơ quan chức năng",
    "thời gian tới",
]
PHRASES = tuple(tuple(topic.split("; ")) for topic in TOPICS)


def _mix(n: int) -> int:
    """A fixed pseudo-random number from `n` (no `random`: the same on every machine)."""
    n = (n * 2654435761 + 12345) & 0xFFFFFFFF
    return (n ^ (n >> 15)) * 2246822519 & 0xFFFFFFFF


def _sentence(serial: int, salt: int, phrases: int) -> str:
    """`phrases` phrases mostly from the article's topic, some common, one province."""
    topic = PHRASES[_mix(serial) % len(PHRASES)]
    parts = []
    for k in range(phrases):
        r = _mix(serial * 31 + salt * 7 + k)
        parts.append(COMMON[(r >> 8) % len(COMMON)] if r % 4 == 0 else topic[(r >> 8) % len(topic)])
    parts.insert(1, "tại " + PROVINCES[_mix(serial + salt) % len(PROVINCES)])
    text = " ".join(parts)
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Item:
    """One article, every field a function of (feed, number)."""

    feed: int
    number: int

    @property
    def serial(self) -> int:
        return self.feed * 1000 + self.number

    @property
    def title(self) -> str:
        return f"{_sentence(self.serial, 0, 2)} (bài {self.feed}-{self.number})"

    @property
    def link(self) -> str:
        return f"https://bao{self.feed}.example.vn/tin-tuc/bai-{self.number}.html"

    @property
    def published(self) -> datetime:
        return BASE - timedelta(minutes=17 * self.number + self.feed % 60)

    @property
    def summary(self) -> str:
        return _sentence(self.serial, 1, 4) + "."

    @property
    def html(self) -> str:
        paragraphs = "".join(f"<p>{_sentence(self.serial, 2 + k, 7)}.</p>" for k in range(4))
        return (
            f"<p><strong>{escape(self.summary)}</strong></p>"
            f'<figure><img src="https://bao{self.feed}.example.vn/anh/{self.number}.jpg" '
            f'alt="Ảnh minh họa"/><figcaption>{_sentence(self.serial, 9, 1)}. '
            "(Ảnh: TTXVN)</figcaption></figure>" + paragraphs
        )


def rss(feed: int, items: int) -> bytes:
    entries = "".join(
        f"<item><title>{escape(i.title)}</title><link>{i.link}</link>"
        f'<guid isPermaLink="false">bao{feed}-{i.number}</guid>'
        f"<pubDate>{format_datetime(i.published)}</pubDate>"
        f"<category>{SECTIONS[feed % len(SECTIONS)]}</category>"
        f"<description><![CDATA[{i.html}]]></description></item>"
        for i in (Item(feed, n) for n in range(items))
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Báo điện tử số {feed}</title><link>https://bao{feed}.example.vn/</link>"
        f"<description>Tin tức {SECTIONS[feed % len(SECTIONS)]}</description>"
        f"<language>vi</language>{entries}</channel></rss>"
    ).encode()


def atom(feed: int, items: int) -> bytes:
    entries = "".join(
        f'<entry><title>{escape(i.title)}</title><link href="{i.link}"/>'
        f"<id>tag:bao{feed}.example.vn,2026:{i.number}</id>"
        f"<updated>{i.published.isoformat()}</updated>"
        f"<summary>{escape(i.summary)}</summary>"
        f'<content type="html">{escape(i.html)}</content></entry>'
        for i in (Item(feed, n) for n in range(items))
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Báo điện tử số {feed}</title><id>tag:bao{feed}.example.vn,2026:feed</id>"
        f"<updated>{BASE.isoformat()}</updated>{entries}</feed>"
    ).encode()


def json_feed(feed: int, items: int) -> bytes:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"Báo điện tử số {feed}",
        "home_page_url": f"https://bao{feed}.example.vn/",
        "language": "vi",
        "items": [
            {
                "id": f"bao{feed}-{i.number}",
                "url": i.link,
                "title": i.title,
                "summary": i.summary,
                "content_html": i.html,
                "date_published": i.published.isoformat(),
                "tags": [SECTIONS[feed % len(SECTIONS)]],
            }
            for i in (Item(feed, n) for n in range(items))
        ],
    }
    return json.dumps(document, ensure_ascii=False).encode()


BUILDERS = {"rss": rss, "atom": atom, "json": json_feed}


@dataclass(frozen=True)
class Body:
    plain: bytes
    zipped: bytes
    content_type: str
    etag: str | None


@dataclass
class FeedServer:
    """Serves the feeds on 127.0.0.1 in a daemon thread; use as a context manager."""

    feeds: int = 200
    items: int = 50
    kinds: tuple[str, ...] = ("rss",)
    validators: str = "none"
    latency: float = 0.0
    port: int = 0
    requests: int = 0
    not_modified: int = 0
    _bodies: dict[str, Body] = field(default_factory=dict)
    _server: QuietServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def path(self, feed: int) -> str:
        kind = self.kinds[feed % len(self.kinds)]
        return f"/bao{feed}/feed.{EXTENSIONS[kind]}"

    def urls(self) -> list[str]:
        return [self.url(self.path(n)) for n in range(self.feeds)]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _validated(self, feed: int) -> bool:
        return self.validators == "all" or (self.validators == "half" and feed % 2 == 0)

    def __enter__(self) -> FeedServer:
        for n in range(self.feeds):
            kind = self.kinds[n % len(self.kinds)]
            plain = BUILDERS[kind](n, self.items)
            etag = f'"bao{n}-{self.items}-{kind}"' if self._validated(n) else None
            self._bodies[self.path(n)] = Body(
                plain, gzip.compress(plain, 6, mtime=0), TYPES[kind], etag
            )
        bodies, owner = self._bodies, self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out as two writes: with Nagle on, a kept-alive connection
            # waits for the delayed ACK (40 ms on Linux) between them, and the benchmark would
            # time the server instead of the reader.
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                with owner._lock:
                    owner.requests += 1
                if owner.latency:
                    time.sleep(owner.latency)
                body = bodies.get(self.path.split("?")[0])
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if body.etag and (
                    self.headers.get("If-None-Match") == body.etag
                    or self.headers.get("If-Modified-Since") == LAST_MODIFIED
                ):
                    with owner._lock:
                        owner.not_modified += 1
                    self.send_response(304)
                    self.send_header("ETag", body.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                zipped = "gzip" in (self.headers.get("Accept-Encoding") or "")
                data = body.zipped if zipped else body.plain
                self.send_response(200)
                self.send_header("Content-Type", body.content_type)
                if zipped:
                    self.send_header("Content-Encoding", "gzip")
                if body.etag:
                    self.send_header("ETag", body.etag)
                    self.send_header("Last-Modified", LAST_MODIFIED)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        self._server = QuietServer(("127.0.0.1", self.port), Handler).start()
        self.port = self._server.server_address[1]
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.stop()

    def size(self) -> int:
        """Bytes of all plain bodies."""
        return sum(len(body.plain) for body in self._bodies.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=3)
    parser.add_argument("--items", type=int, default=5)
    parser.add_argument("--kinds", default="rss,atom,json")
    parser.add_argument("--validators", choices=("none", "all", "half"), default="half")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per answer")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    with FeedServer(
        args.feeds,
        args.items,
        tuple(args.kinds.split(",")),
        args.validators,
        args.latency,
        args.port,
    ) as server:
        print("\n".join(server.urls()), flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
