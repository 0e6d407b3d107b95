"""The offline image cache against a real loopback server: PNG and JPEG kept under the data dir,
not-an-image and oversized files refused with a reason, the per-host limit, never twice, and
files deleted once no article shows them."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from newsreader_tui.core.config import NetworkSettings
from newsreader_tui.core.errors import FetchError
from newsreader_tui.core.fetch import Fetcher
from newsreader_tui.core.media.image_cache import relative_path, sniff_image
from newsreader_tui.core.media.images import shown_image_urls
from newsreader_tui.core.models import FeedConfig
from support.articles import make_article
from support.clock import NOW, Clock
from support.data import JPEG
from support.feeds import rss, rss_item
from support.images import png
from support.pages import StandIn, article_page
from support.server import InFlight, paths
from support.services import ServiceFactory

DATE = "Fri, 20 Nov 2026 09:00:00 +0700"


def test_png_and_jpeg_are_cached_under_the_data_dir(
    httpserver: HTTPServer, make_service: ServiceFactory, tmp_path: Path
) -> None:
    base = httpserver.url_for("")
    httpserver.expect_request("/img/a.png").respond_with_data(png(), content_type="image/png")
    # Servers often get the type wrong: the bytes decide.
    httpserver.expect_request("/img/b.jpg").respond_with_data(
        JPEG, content_type="application/octet-stream"
    )
    html = (
        '<p>Mở đầu</p><img src="/img/a.png" alt="Ảnh A">'
        '<figure><img src="/img/b.jpg"><figcaption>Toàn cảnh hội nghị. Ảnh: Bá Luân'
        '</figcaption></figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
    )
    httpserver.expect_request("/feed.rss").respond_with_data(
        rss(
            rss_item("1", "Tin 1", published=DATE, description=html.replace('"/img', f'"{base}img'))
        )
    )
    service = make_service(FeedConfig(httpserver.url_for("/feed.rss")))
    seen = []
    asyncio.run(service.refresh(media_progress=seen.append))  # images = "auto" downloads
    assert sorted(paths(httpserver, "/img/")) == ["/img/a.png", "/img/b.jpg"]
    assert sorted((e.kind, e.ok, e.total) for e in seen) == [("image", True, 2)] * 2

    [article] = service.store.articles()
    cached = service.store.article_images(article.id)
    assert [image.url for image in cached] == [base + "img/a.png", base + "img/b.jpg"]
    assert [(image.status, image.content_type) for image in cached] == [
        ("ok", "image/png"),
        ("ok", "image/jpeg"),
    ]
    data_dir = tmp_path / "data"
    for image, ext in zip(cached, ("png", "jpg"), strict=True):
        assert image.path == relative_path(image.url, ext)
        file = service.images.file(image.url)
        assert file == data_dir / image.path and file.is_absolute()
        assert file.parent.parent.name == "images" and file.parent.name == file.stem[:2]
    assert service.images.file(cached[0].url).read_bytes() == png()  # type: ignore[union-attr]
    assert service.images.file(base + "img/unknown.png") is None

    httpserver.clear_log()
    asyncio.run(service.refresh())
    assert paths(httpserver, "/img/") == []  # never twice for an image already cached


def test_bad_images_get_a_reason_and_no_file(
    httpserver: HTTPServer, make_service: ServiceFactory, tmp_path: Path
) -> None:
    base = httpserver.url_for("/img/")
    httpserver.expect_request("/img/html.png").respond_with_data(
        "<html>Trang lỗi</html>", content_type="text/html"
    )
    httpserver.expect_request("/img/corrupt.jpg").respond_with_data(
        b"\x00garbage" * 10, content_type="image/jpeg"
    )
    httpserver.expect_request("/img/big.png").respond_with_data(
        png(padding=4000), content_type="image/png"
    )
    httpserver.expect_request("/img/missing.png").respond_with_data("", status=404)
    names = ("html.png", "corrupt.jpg", "big.png", "missing.png")
    html = "".join(f'<p><img src="{base}{name}"></p>' for name in names)
    httpserver.expect_request("/feed.rss").respond_with_data(
        rss(rss_item("1", "Tin 1", published=DATE, description=html))
    )
    service = make_service(FeedConfig(httpserver.url_for("/feed.rss")), max_image_mb=0.002)
    [outcome] = asyncio.run(service.refresh())
    assert outcome.ok
    [article] = service.store.articles()
    status = {
        image.url.rsplit("/", 1)[1]: image for image in service.store.article_images(article.id)
    }
    assert status["html.png"].status == "the link is not an image (text/html)"
    assert status["corrupt.jpg"].status.startswith("the image is corrupt")
    assert "limit" in status["big.png"].status
    assert "404" in status["missing.png"].status
    assert all(image.path is None for image in status.values())
    assert not (tmp_path / "data" / "images").exists() or not any(
        p.is_file() for p in (tmp_path / "data" / "images").rglob("*")
    )

    # Permanent failures are not retried; the oversized one only a few times.
    httpserver.clear_log()
    asyncio.run(service.refresh())
    assert paths(httpserver, "/img/") == ["/img/big.png"]


def test_images_off_downloads_nothing_unless_asked(
    httpserver: HTTPServer, make_service: ServiceFactory
) -> None:
    httpserver.expect_request("/img/a.png").respond_with_data(png(), content_type="image/png")
    html = f'<img src="{httpserver.url_for("/img/a.png")}">'
    httpserver.expect_request("/feed.rss").respond_with_data(
        rss(rss_item("1", "Tin 1", published=DATE, description=html))
    )
    service = make_service(FeedConfig(httpserver.url_for("/feed.rss")), images="off")
    asyncio.run(service.refresh())
    assert paths(httpserver, "/img/") == []
    asyncio.run(service.refresh(images=True))  # `refresh --images`
    assert paths(httpserver, "/img/") == ["/img/a.png"]


def test_per_host_limit_is_respected(httpserver: HTTPServer, make_service: ServiceFactory) -> None:
    slow = InFlight(png(), content_type="image/png", delay=0.2)
    httpserver.expect_request("/img/slow.png").respond_with_handler(slow)
    html = "".join(f'<img src="{httpserver.url_for("/img/slow.png")}?n={n}">' for n in range(6))
    httpserver.expect_request("/feed.rss").respond_with_data(
        rss(rss_item("1", "Tin 1", published=DATE, description=html))
    )
    service = make_service(FeedConfig(httpserver.url_for("/feed.rss")), per_host=2)
    asyncio.run(service.refresh())
    [article] = service.store.articles()
    assert [image.status for image in service.store.article_images(article.id)] == ["ok"] * 6
    assert slow.most == 2


def test_pruned_articles_take_their_unshared_images_with_them(
    httpserver: HTTPServer, make_service: ServiceFactory, clock: Clock
) -> None:
    for name in ("old.png", "shared.png", "new.png"):
        httpserver.expect_request(f"/img/{name}").respond_with_data(png(), content_type="image/png")
    url = httpserver.url_for

    def img(name: str) -> str:
        return f'<img src="{url("/img/" + name)}">'

    httpserver.expect_request("/feed.rss").respond_with_data(
        rss(
            rss_item(
                "cu",
                "Tin cu",
                published="Thu, 01 Jan 2026 09:00:00 +0700",
                description=img("old.png") + img("shared.png"),
            ),
            rss_item(
                "moi",
                "Tin moi",
                published="Mon, 31 May 2027 09:00:00 +0700",
                description=img("shared.png") + img("new.png"),
            ),
        )
    )
    service = make_service(FeedConfig(url("/feed.rss")))
    asyncio.run(service.refresh())
    names = ("old", "shared", "new")
    files = {name: service.images.file(url(f"/img/{name}.png")) for name in names}
    assert all(path is not None and path.is_file() for path in files.values())

    clock.now = NOW + timedelta(days=200)  # "cu" is now past the 180 days of retention
    asyncio.run(service.refresh())
    assert [a.title for a in service.store.articles()] == ["Tin moi"]
    assert service.images.file(url("/img/old.png")) is None
    assert not files["old"].exists()  # type: ignore[union-attr]
    assert files["shared"].is_file() and files["new"].is_file()  # type: ignore[union-attr]
    assert service.store.image(url("/img/old.png")) is None


def test_an_image_dropped_from_a_changed_body_is_deleted(
    httpserver: HTTPServer, make_service: ServiceFactory
) -> None:
    for name in ("a.png", "b.png"):
        httpserver.expect_request(f"/img/{name}").respond_with_data(png(), content_type="image/png")
    a, b = httpserver.url_for("/img/a.png"), httpserver.url_for("/img/b.png")
    bodies = [
        rss(rss_item("1", "Tin 1", published=DATE, description=f'<img src="{a}"><p>Bản đầu</p>'))
    ]
    httpserver.expect_request("/feed.rss").respond_with_handler(
        lambda request: Response(bodies[-1], content_type="application/rss+xml")
    )
    service = make_service(FeedConfig(httpserver.url_for("/feed.rss")))
    asyncio.run(service.refresh())
    old_file = service.images.file(a)
    assert old_file is not None
    bodies.append(
        rss(rss_item("1", "Tin 1", published=DATE, description=f'<p>Bản sửa</p><img src="{b}">'))
    )
    asyncio.run(service.refresh())
    [article] = service.store.articles()
    assert [image.url for image in service.store.article_images(article.id)] == [b]
    assert service.images.file(b) is not None
    assert service.images.file(a) is None and not old_file.exists()


def test_full_text_on_demand_brings_the_page_images(
    httpserver: HTTPServer, make_service: ServiceFactory
) -> None:
    httpserver.expect_request("/img/p.png").respond_with_data(png(), content_type="image/png")
    httpserver.expect_request("/bai/1.html").respond_with_data(
        article_page('<p>Trang</p><img src="/img/p.png">'),
        content_type="text/html; charset=utf-8",
    )
    item = rss_item(
        "1",
        "Tin 1",
        link=httpserver.url_for("/bai/1.html"),
        published=DATE,
        description="<p>Tóm tắt</p>",
    )
    httpserver.expect_request("/feed.rss").respond_with_data(rss(item))
    service = make_service(FeedConfig(httpserver.url_for("/feed.rss")), extractor=StandIn())
    asyncio.run(service.refresh())
    [article] = service.store.articles()
    assert service.store.article_images(article.id) == []
    article = asyncio.run(service.fetch_full_text(article.id))
    assert article.full_status == "ok"
    [image] = service.store.article_images(article.id)
    assert image.url == httpserver.url_for("/img/p.png") and image.status == "ok"
    assert service.images.file(image.url) is not None


def test_shown_image_urls_thumbnail_first_and_no_data_urls() -> None:
    article = make_article(
        '<p><img src="/anh/1.jpg"><img src="data:image/png;base64,AAAA"></p>'
        '<blockquote><img src="2.png"></blockquote><img src="/anh/1.jpg">',
        url="https://a.vn/tin/1.html",
        image="https://cdn.a.vn/thumb.jpg",
    )
    assert shown_image_urls(article) == [
        "https://cdn.a.vn/thumb.jpg",
        "https://a.vn/anh/1.jpg",
        "https://a.vn/tin/2.png",
    ]


def test_sniff_image() -> None:
    assert sniff_image(png()) == "png"
    assert sniff_image(JPEG) == "jpg"
    assert sniff_image(b"GIF89a\x01\x00") == "gif"
    assert sniff_image(b"RIFF\x10\x00\x00\x00WEBPVP8 ") == "webp"
    assert sniff_image(b"<html>") is None
    assert sniff_image(b"") is None


def test_fetcher_max_bytes_overrides_the_setting_per_call(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/big").respond_with_data(b"x" * 3000)

    async def run() -> None:
        async with Fetcher(NetworkSettings(retries=0)) as fetcher:
            assert len((await fetcher.get(httpserver.url_for("/big"))).content) == 3000
            with pytest.raises(FetchError, match=r"larger than the 2\.93 KB limit"):
                await fetcher.get(httpserver.url_for("/big"), max_bytes=3000 - 1)

    asyncio.run(run())
