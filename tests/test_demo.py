"""The demo data, its loopback server (real HTTP on 127.0.0.1, on a port the system picks), and
the in-process transport that must answer exactly as that server does."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import struct
import subprocess
import sys
import tomllib
import unicodedata
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from email.message import Message
from importlib import resources
from pathlib import Path

import httpx
import pytest

from newsreader_tui.core.config import load_config
from newsreader_tui.core.content.blocks import Image, Inline, Paragraph, parse_html
from newsreader_tui.core.content.extract import extract_article
from newsreader_tui.demo import (
    API_JSON_PATHS,
    DEMO_FEEDS,
    DemoFeed,
    DemoServer,
    demo_config_text,
    demo_feeds,
)
from newsreader_tui.demo.cache import build_demo_cache
from newsreader_tui.demo.routes import DemoFiles, built_files, content_type
from newsreader_tui.demo.transport import IN_PROCESS_BASE_URL, DemoTransport
from support.images import PNG_SIGNATURE

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "make_demo_data.py"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer() as running:
        yield running


def get(
    url: str, headers: dict[str, str] | None = None, *, method: str = "GET"
) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def test_base_url_is_loopback_with_a_real_port(server: DemoServer) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", server.base_url)
    assert server.url("/rss/kinh-te.rss") == server.base_url + "/rss/kinh-te.rss"


EXPECTED_TYPES = {
    "/rss/hd-dang-doan-the.rss": "application/rss+xml; charset=utf-8",
    "/rss/kinh-te.rss": "application/rss+xml; charset=windows-1258",
    "/rss/tom-tat.rss": "application/rss+xml; charset=utf-8",
    "/atom/van-hoa.xml": "application/atom+xml; charset=utf-8",
    "/json/the-thao.json": "application/feed+json; charset=utf-8",
    "/api/thong-bao.json": "application/json; charset=utf-8",
    "/wp/": "text/html; charset=utf-8",
}


@pytest.mark.parametrize("feed", DEMO_FEEDS, ids=lambda feed: feed.path)
def test_every_feed_is_served_with_its_type_and_absolute_links(
    server: DemoServer, feed: DemoFeed
) -> None:
    path = feed.path
    status, headers, body = get(server.url(path))
    assert status == 200
    assert headers["Content-Type"] == EXPECTED_TYPES[path]
    assert headers["ETag"]
    assert headers["Last-Modified"]
    assert int(headers["Content-Length"]) == len(body)
    assert b"__BASE__" not in body
    assert b"{base}" not in body


def test_feed_configs_point_at_the_server(server: DemoServer) -> None:
    feeds = demo_feeds(server.base_url)
    assert len(feeds) >= 6
    assert len({feed.category for feed in feeds}) >= 3
    assert all(feed.url.startswith(server.base_url + "/") for feed in feeds)
    assert all(feed.title and feed.category for feed in feeds)
    api = next(feed for feed in feeds if feed.kind == "json")
    assert dict(api.json_paths) == dict(API_JSON_PATHS)
    assert api.json_paths["items"] == "data.items"
    assert any(feed.full_text for feed in feeds)


def test_config_text_is_valid_toml_that_loads_as_the_same_feeds(
    server: DemoServer, tmp_path: Path
) -> None:
    text = demo_config_text(server.base_url)
    tomllib.loads(text)
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    loaded = load_config(path).feeds
    expected = demo_feeds(server.base_url)
    assert [(f.url, f.title, f.category, f.kind) for f in loaded] == [
        (f.url, f.title, f.category, f.kind) for f in expected
    ]
    assert [dict(f.json_paths) for f in loaded] == [dict(f.json_paths) for f in expected]
    assert [f.full_text for f in loaded] == [f.full_text for f in expected]


def test_cp1258_feed_is_real_windows_1258(server: DemoServer) -> None:
    _, _, body = get(server.url("/rss/kinh-te.rss"))
    assert body.startswith(b'<?xml version="1.0" encoding="windows-1258"?>')
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text = nfc(body.decode("cp1258"))
    assert "Nông dân Phú Lộc thu hoạch lúa mùa được giá" in text
    assert "Kinh tế 10 tháng năm 2026 tăng trưởng khá" in text
    # Tones the code page has no precomposed letter for travel as combining marks.
    assert "\u0301" in body.decode("cp1258") or "\u0323" in body.decode("cp1258")
    channel = ET.fromstring(body).find("channel")
    assert channel is not None
    titles = [nfc(item.findtext("title") or "") for item in channel.iter("item")]
    assert len(titles) == 10
    assert "Khởi công cảng cạn ICD Sông Xanh vốn đầu tư 1.200 tỷ đồng" in titles


def test_utf8_rss_has_portal_quirks(server: DemoServer) -> None:
    _, _, body = get(server.url("/rss/hd-dang-doan-the.rss"))
    channel = ET.fromstring(body).find("channel")
    assert channel is not None
    items = channel.findall("item")
    assert len(items) == 10
    titles = [item.findtext("title") for item in items]
    assert "[Video] Toàn cảnh lễ ra quân Tháng hành động vì bình đẳng giới" in titles
    assert any(title and "&quot;Dân vận khéo&quot;" in title for title in titles)
    dates = [item.findtext("pubDate") or "" for item in items]
    assert any(date.endswith("GMT+7") for date in dates)
    assert any(date.endswith("+0700") for date in dates)
    assert any(" 2025 " in date for date in dates)
    encoded = "{http://purl.org/rss/1.0/modules/content/}encoded"
    content = items[0].findtext(encoded) or ""
    assert "<figcaption>Toàn cảnh hội nghị. Ảnh: Bá Luân</figcaption>" in content
    assert f'src="{server.base_url}/img/hoi-nghi.png"' in content
    assert any("<blockquote>" in (item.findtext(encoded) or "") for item in items)


def test_atom_feed_keeps_relative_links_under_xml_base(server: DemoServer) -> None:
    _, _, body = get(server.url("/atom/van-hoa.xml"))
    feed = ET.fromstring(body)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}base") == server.base_url + "/"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 10
    links = [entry.find(f"{ATOM}link[@rel='alternate']") for entry in entries]
    hrefs = [link.get("href", "") if link is not None else "" for link in links]
    assert all(href.startswith("/tin/van-hoa/") for href in hrefs)
    status, _, page = get(server.base_url + hrefs[0])
    assert status == 200
    assert "Lễ hội Văn hóa các dân tộc" in page.decode("utf-8")


def test_json_feed(server: DemoServer) -> None:
    _, _, body = get(server.url("/json/the-thao.json"))
    feed = json.loads(body)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert len(feed["items"]) == 10
    item = next(item for item in feed["items"] if "Marathon" in item["title"])
    assert "Các vận động viên xuất phát. Ảnh: Minh Khoa" in item["content_html"]
    assert item["image"].startswith(server.base_url + "/img/")
    assert item["date_published"].endswith("+07:00")


def test_summary_feed_pages_are_full_portal_pages(server: DemoServer) -> None:
    _, _, body = get(server.url("/rss/tom-tat.rss"))
    channel = ET.fromstring(body).find("channel")
    assert channel is not None
    items = channel.findall("item")
    assert len(items) == 10
    assert channel.find("item/enclosure[@type='image/png']") is not None
    assert channel.find("item/{http://search.yahoo.com/mrss/}thumbnail") is not None
    pages = []
    for item in items:
        link = item.findtext("link") or ""
        assert link.startswith(server.base_url + "/pages/tin-tuc/")
        status, headers, page = get(link)
        assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
        pages.append(page.decode("utf-8"))
    html = "\n".join(pages)
    assert '<a href="/">Trang chủ</a> &gt; <a href="/pages/tin-tuc/">Tin tức - Sự kiện</a>' in html
    assert '<table class="tplCaption"' in html and '<td class="caption"><p class="Image">' in html
    assert '<figure class="tplCaption">' in html and '<figcaption><p class="Image">' in html
    assert "Từ khóa:" in html and "Lượt xem: " in html
    assert "<h3>Tin mới hơn</h3>" in html and "<h3>Các tin khác</h3>" in html
    assert re.search(r'<div class="date">\d\d/\d\d/\d{4} \d\d:\d\d</div>', html)


def test_json_api_matches_its_paths(server: DemoServer) -> None:
    _, _, body = get(server.url("/api/thong-bao.json"))
    data = json.loads(body)
    assert data["status"] == "ok"
    items = data["data"]["items"]
    assert len(items) == 10
    first = items[0]
    for key in ("id", "tieu_de", "duong_dan", "ngay_dang", "tom_tat", "noi_dung", "chuyen_muc"):
        assert key in first
    assert first["tieu_de"].startswith("[b]Chú ý[/b]")
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", first["ngay_dang"])
    with_image = next(item for item in items if item["anh"])
    assert with_image["anh"]["url"].startswith("/img/")
    assert get(server.base_url + first["duong_dan"])[0] == 200
    assert get(server.base_url + with_image["anh"]["url"])[0] == 200


def test_wordpress_api(server: DemoServer) -> None:
    status, headers, body = get(server.url("/wp/"))
    assert status == 200
    assert 'rel="https://api.w.org/"' in headers["Link"]
    for path in ("/wp/wp-json/wp/v2/posts", "/wp-json/wp/v2/posts?_embed=1&per_page=20"):
        status, headers, body = get(server.url(path))
        assert status == 200 and headers["Content-Type"] == "application/json; charset=utf-8"
        posts = json.loads(body)
        assert headers["X-WP-Total"] == str(len(posts)) == "6"
        assert headers["X-WP-TotalPages"] == "1"
    assert any("&#8211;" in post["title"]["rendered"] for post in posts)
    assert get(posts[0]["link"])[0] == 200
    status, _, body = get(server.url("/wp/wp-json/wp/v2/posts?page=2"))
    assert status == 400 and json.loads(body)["code"] == "rest_post_invalid_page_number"
    categories = json.loads(get(server.url("/wp/?rest_route=/wp/v2/categories"))[2])
    assert {category["id"] for category in categories} >= set(posts[0]["categories"])


def test_index_page_advertises_the_feeds(server: DemoServer) -> None:
    _, _, body = get(server.url("/"))
    text = body.decode("utf-8")
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="HĐ Đảng - Đoàn thể - Cổng '
        f'TTĐT tỉnh Hòa Bình Xanh" href="{server.base_url}/rss/hd-dang-doan-the.rss">' in text
    )


def test_conditional_get(server: DemoServer) -> None:
    url = server.url("/rss/kinh-te.rss")
    status, headers, body = get(url)
    assert status == 200 and body
    etag = headers["ETag"]
    status, headers, body = get(url, {"If-None-Match": etag})
    assert status == 304 and body == b"" and headers["ETag"] == etag
    status, _, _ = get(url, {"If-None-Match": '"something-else"'})
    assert status == 200
    since = get(url)[1]["Last-Modified"]
    assert get(url, {"If-Modified-Since": since})[0] == 304


@pytest.mark.parametrize(
    "path", ["/khong-co.rss", "/rss/", "/../README.txt", "/rss/%2e%2e/README.txt", "/img/x.png"]
)
def test_unknown_paths_are_404(server: DemoServer, path: str) -> None:
    status, headers, body = get(server.url(path))
    assert status == 404
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Không tìm thấy" in body.decode("utf-8")


def test_head_sends_headers_only(server: DemoServer) -> None:
    request = urllib.request.Request(server.url("/json/the-thao.json"), method="HEAD")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        assert int(response.headers["Content-Length"]) > 0
        assert response.read() == b""


def test_images_are_png(server: DemoServer) -> None:
    keys = {name[4:-4] for name in built_files() if name.startswith("img/")}
    assert len(keys) >= 6
    for key in keys:
        status, headers, body = get(server.url(f"/img/{key}.png"))
        assert status == 200 and headers["Content-Type"] == "image/png"
        assert body.startswith(PNG_SIGNATURE)
        width, height = struct.unpack(">II", body[16:24])
        assert width > 0 and height > 0


def test_every_served_document_parses_and_is_nfc() -> None:
    total = 0
    for relative, data in built_files().items():
        total += len(data)
        suffix = Path(relative).suffix
        if suffix in (".rss", ".xml"):
            ET.fromstring(data)
        elif suffix == ".json":
            json.loads(data)
        if suffix != ".png" and relative != "rss/kinh-te.rss":
            text = data.decode("utf-8")
            assert nfc(text) == text, relative
        assert content_type(relative, data) != "application/octet-stream", relative
    assert total < 1_500_000


def test_sources_are_reachable_through_importlib_resources() -> None:
    # What the build reads must ship inside the package, so a wheel can serve the demo too.
    package = resources.files("newsreader_tui.demo")
    assert package.joinpath("manifest.toml").is_file()
    for feed in DEMO_FEEDS:
        assert package.joinpath("articles").joinpath(f"{feed.source}.toml").is_file(), feed.path


def para(text: str, *, bold: bool = False) -> Paragraph:
    return Paragraph((Inline(text, bold=bold),))


def test_full_text_extraction_of_a_demo_article_page() -> None:
    # Moved from tests/core/test_extract.py when the pages stopped being files in the tree.
    name = "pages/tin-tuc/khanh-thanh-cau-song-xanh-2.html"
    html = (DemoFiles("http://127.0.0.1:8000")(name) or b"").decode("utf-8")
    url = "http://127.0.0.1:8000/" + name
    fragment = extract_article(html, url)
    assert fragment is not None
    assert parse_html(fragment, url) == [
        para(
            "Sáng 16/11, UBND tỉnh tổ chức lễ khánh thành cầu Sông Xanh 2, nối trung tâm thành phố"
            " với khu đô thị mới phía bắc.",
            bold=True,
        ),
        Image(
            "http://127.0.0.1:8000/img/cang-bien.png",
            caption="Cầu Sông Xanh 2 sau khi hoàn thành",
            credit="Quang Huy",
            alt="Cầu Sông Xanh 2 sau khi hoàn thành",
        ),
        para(
            "Cây cầu dài 680 m, rộng 24 m với 4 làn xe, tổng vốn đầu tư 890 tỷ đồng từ ngân sách"
            " tỉnh. Công trình hoàn thành sớm 3 tháng so với kế hoạch."
        ),
        para("Người dân hai bờ rất phấn khởi vì thời gian đi lại được rút ngắn đáng kể."),
        para("Quang Huy", bold=True),
    ]


def test_server_stops_cleanly() -> None:
    server = DemoServer()
    assert not server.running
    with pytest.raises(RuntimeError):
        _ = server.base_url
    server.start()
    url = server.url("/")
    assert get(url)[0] == 200
    server.stop()
    server.stop()
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=2)


DIGEST = (
    "import hashlib, sys; from newsreader_tui.demo.routes import built_files; "
    "files = built_files(); "
    "print(hashlib.sha256(repr(sorted(files.items())).encode()).hexdigest(), len(files))"
)


def test_the_build_is_the_same_in_every_process() -> None:
    # Served bytes must not depend on hash seeds or set order: ETags, snapshots and the
    # screenshots rely on it.
    digests = {
        subprocess.run(
            [sys.executable, "-c", DIGEST],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


def test_the_script_writes_out_the_built_files(tmp_path: Path) -> None:
    out = tmp_path / "data"
    for _ in range(2):  # the second run rewrites its own folder in place
        subprocess.run(
            [sys.executable, str(SCRIPT), "--out", str(out)], check=True, capture_output=True
        )
    written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert written.pop("README.txt")
    assert written == dict(built_files())


def test_the_script_leaves_a_folder_it_did_not_make_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode != 0 and "not touching it" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_demo_imports_neither_textual_nor_rich() -> None:
    check = (
        "import sys, newsreader_tui.demo; "
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


# --- the in-process transport ----------------------------------------------------------------

TRANSPORT_TARGETS = [
    *(feed.path for feed in DEMO_FEEDS),
    "/",
    "/thong-bao/101",
    "/img/logo.png",
    "/wp-json/wp/v2/posts?_embed=1&per_page=20",
    "/wp/wp-json/wp/v2/posts?page=2",
    "/wp/?rest_route=/wp/v2/categories",
    "/khong-co.rss",
    "/rss/%2e%2e/README.txt",
]


@pytest.mark.parametrize("target", TRANSPORT_TARGETS)
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_transport_answers_as_the_server_does(server: DemoServer, target: str, method: str) -> None:
    # Same base URL for both, so even the absolute links in the bodies must agree.
    transport = DemoTransport(server.base_url).start()
    with httpx.Client(transport=transport) as client:
        answer = client.request(method, server.base_url + target)
    status, headers, body = get(server.base_url + target, method=method)
    assert answer.status_code == status
    assert answer.content == body
    socket_only = {"server", "date"}  # what BaseHTTPRequestHandler adds by itself
    expected = [(k.lower(), v) for k, v in headers.items() if k.lower() not in socket_only]
    assert list(answer.headers.items()) == expected


def test_transport_conditional_get_matches_the_server(server: DemoServer) -> None:
    url = server.url("/atom/van-hoa.xml")
    etag = get(url)[1]["ETag"]
    transport = DemoTransport(server.base_url).start()
    with httpx.Client(transport=transport) as client:
        answer = client.get(url, headers={"If-None-Match": etag})
    assert answer.status_code == get(url, {"If-None-Match": etag})[0] == 304
    assert answer.headers["ETag"] == etag


def test_transport_refuses_other_origins_and_when_stopped() -> None:
    transport = DemoTransport()
    assert transport.base_url == IN_PROCESS_BASE_URL and not transport.running
    with httpx.Client(transport=transport) as client:
        with pytest.raises(httpx.ConnectError):
            client.get(transport.url("/"))  # not started yet
        transport.start()
        assert transport.running
        assert client.get(transport.url("/")).status_code == 200
        with pytest.raises(httpx.ConnectError):
            client.get("http://127.0.0.1:1/")  # only the demo's own origin answers
        transport.stop()
        with pytest.raises(httpx.ConnectError):
            client.get(transport.url("/"))


def test_build_demo_cache_holds_what_the_manifest_promises(tmp_path: Path) -> None:
    database = build_demo_cache(tmp_path / "data")
    assert database.parent == tmp_path / "data"
    with sqlite3.connect(database) as connection:
        counts = dict(
            connection.execute(
                "SELECT feeds.url, count(*) FROM articles JOIN feeds ON feeds.id = feed_id "
                "GROUP BY feeds.url"
            )
        )
    connection.close()
    assert counts == {IN_PROCESS_BASE_URL + feed.path: feed.articles for feed in DEMO_FEEDS}
    assert any((tmp_path / "data" / "images").iterdir())  # pictures came with the refresh
