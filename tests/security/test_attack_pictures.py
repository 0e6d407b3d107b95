"""Attacks through pictures (issue 9, item 2): a feed's server controls every byte of a picture.

Each hostile picture below is a fixture named for what it attacks. Each is served by the
loopback server in an article's `<figure>`, downloaded by a real `refresh --images` and opened
in the reader with Pilot: the caption always shows, and a picture that is not drawn says why in
one dim line, in the interface's language, with no exception, in bounded time and memory. The
memory bound is measured in a subprocess (benchmarks/picture_memory.py), where ru_maxrss is the
process's own.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsreader_tui.cli import main, open_store
from newsreader_tui.core.config import Settings
from newsreader_tui.core.media.pictures import (
    MAX_FRAMES,
    PIXEL_BUDGET,
    Refusal,
    check_picture,
    decode_picture,
)
from newsreader_tui.core.models import FeedConfig
from newsreader_tui.core.service import Service
from newsreader_tui.i18n import Labels
from newsreader_tui.ui.app import make_app
from newsreader_tui.ui.widgets.article_image import ArticleImage, refusal_text
from support.feeds import rss, rss_item
from support.hostile_images import (
    bmp_claiming,
    gif_frames,
    jpeg,
    jpeg_claiming,
    truncated_jpeg,
    zero_png,
)
from support.screen import screen_text

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "picture_memory.py"
MEMORY_LIMIT_MB = 200
"""What opening any article may cost, the whole app included (issue 9, item 2)."""
CAPTION = "Toàn cảnh hội nghị (Ảnh: Bá Luân)"


@dataclass(frozen=True)
class Hostile:
    """A hostile picture and what the reader must make of it."""

    data: bytes
    refusal: Refusal | None
    """Why it is not drawn (None: it is drawn, the attack costs nothing)."""
    at_download: bool
    """Whether the header already tells at download time (else the reader finds out)."""


# -- the hostile pictures ----------------------------------------------------------------------


@pytest.fixture
def png_just_under_pillows_limit() -> Hostile:
    """13,000 x 13,000: 0.49 MB on the wire, 507 MB decoded; Pillow only warns (169 MP)."""
    return Hostile(zero_png(13000, 13000), Refusal("too_large", 13000, 13000), at_download=True)


@pytest.fixture
def png_idat_zlib_bomb() -> Hostile:
    """A 1000 x 1000 header over an IDAT that inflates to 300 MB: Pillow reads only the rows
    the header promises, so the picture is drawn at the cost of a small one."""
    return Hostile(zero_png(1000, 1000, rows=100_000), None, at_download=True)


@pytest.fixture
def gif_with_thousands_of_frames() -> Hostile:
    """5,000 one-pixel frames in 115 KB."""
    return Hostile(gif_frames(5000), Refusal("too_many_frames", frames=5000), at_download=True)


@pytest.fixture
def jpeg_cut_short() -> Hostile:
    """A real JPEG cut off after 60% of its bytes: the header is fine, the scan is not."""
    return Hostile(truncated_jpeg(), Refusal("unreadable"), at_download=False)


@pytest.fixture
def progressive_jpeg_claiming_13000_square() -> Hostile:
    """A 16 x 16 progressive JPEG whose header says 13,000 x 13,000: libjpeg would reserve the
    whole picture's coefficients (0.5 GB) before reading a scan, even at 1/8 of the size."""
    data = jpeg_claiming(13000, 13000, progressive=True)
    return Hostile(data, Refusal("too_large", 13000, 13000), at_download=True)


@pytest.fixture
def bmp_header_claiming_900_megapixels() -> Hostile:
    """54 bytes promising 30,000 x 30,000: over Pillow's own error limit, which names no size."""
    return Hostile(bmp_claiming(30000, 30000), Refusal("too_large", 30000, 30000), at_download=True)


HOSTILE = [
    "png_just_under_pillows_limit",
    "png_idat_zlib_bomb",
    "gif_with_thousands_of_frames",
    "jpeg_cut_short",
    "progressive_jpeg_claiming_13000_square",
    "bmp_header_claiming_900_megapixels",
]


# -- the pictures module on its own ------------------------------------------------------------


@pytest.mark.parametrize("name", HOSTILE)
def test_the_header_check_refuses_before_anything_is_decoded(
    name: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    hostile: Hostile = request.getfixturevalue(name)
    expected_at_download = hostile.refusal if hostile.at_download else None
    assert check_picture(hostile.data) == expected_at_download
    path = tmp_path / "picture"
    path.write_bytes(hostile.data)
    decoded = decode_picture(path)
    if hostile.refusal is None:
        assert not isinstance(decoded, Refusal) and decoded.size == (480, 480)
    else:
        assert decoded == hostile.refusal


def test_pictures_within_the_budget_are_drawn_smaller(tmp_path: Path) -> None:
    side = int(PIXEL_BUDGET**0.5)  # 3200 x 3200, just inside
    cases = {
        "at-budget.png": zero_png(side, side),
        "camera.jpg": jpeg_claiming(6000, 4000, progressive=False),  # decoded at 1/8
        "animation.gif": gif_frames(MAX_FRAMES),
        "photo.jpg": jpeg(progressive=True),
    }
    for name, data in cases.items():
        assert check_picture(data) is None, name
        (tmp_path / name).write_bytes(data)
        decoded = decode_picture(tmp_path / name)
        assert not isinstance(decoded, Refusal), name
        assert decoded.width <= 640 and decoded.height <= 480 and decoded.mode == "RGB"
    assert check_picture(zero_png(side + 1, side + 1)) == Refusal("too_large", side + 1, side + 1)


def test_a_jpeg_counts_at_the_size_libjpeg_must_hold() -> None:
    """Sequential JPEGs decode straight at 1/8 of their size; a progressive or multi-scan one
    holds the whole picture's coefficients whatever the scale, so it counts at full size."""
    assert check_picture(jpeg_claiming(13000, 13000, progressive=False)) is None
    whole = Refusal("too_large", 13000, 13000)
    assert check_picture(jpeg_claiming(13000, 13000, progressive=True)) == whole
    split = jpeg_claiming(13000, 13000, progressive=False, first_scan_components=1)
    assert check_picture(split) == whole


def test_a_refusal_stored_at_download_is_read_back() -> None:
    for refusal in (Refusal("too_large", 13000, 9000), Refusal("too_many_frames", frames=5000)):
        assert Refusal.from_status(refusal.text) == refusal
    assert Refusal.from_status("HTTP 404") is None
    assert Refusal.from_status("pending") is None


def test_the_reason_is_said_in_the_interfaces_language() -> None:
    refusal = Refusal("too_large", 13000, 13000)
    english = refusal_text(refusal, Labels("en"))
    assert english == "Picture not shown: too large (13000×13000 pixels)."
    vietnamese = refusal_text(refusal, Labels("vi"))
    assert vietnamese == "Không hiện ảnh: ảnh quá lớn (13000×13000 điểm ảnh)."
    assert refusal_text(Refusal("too_many_frames", frames=5000), {}) == (
        "too many frames to show (5000)"
    )


# -- through a real refresh --images and the reader --------------------------------------------


def serve_article(httpserver: HTTPServer, tmp_path: Path, picture: bytes) -> tuple[Path, str]:
    """A feed with one article showing `picture` in a figure with a caption; the config file
    and the picture's URL."""
    picture_url = httpserver.url_for("/anh/hoi-nghi")
    body = (
        f"<p>Hội nghị khai mạc sáng nay.</p><figure><img src='{picture_url}'>"
        f"<figcaption>{CAPTION}</figcaption></figure><p>Đoạn cuối.</p>"
    )
    feed = rss(rss_item("hoi-nghi", "Hội nghị tỉnh", description=body))
    httpserver.expect_request("/rss").respond_with_data(feed, content_type="application/rss+xml")
    httpserver.expect_request("/anh/hoi-nghi").respond_with_data(picture, content_type="image/png")
    config = tmp_path / "config.toml"
    feed_url = httpserver.url_for("/rss")
    config.write_text(
        f'[settings]\nretries = 0\nlanguage = "vi"\n\n[[feeds]]\nurl = "{feed_url}"\n',
        encoding="utf-8",
    )
    return config, picture_url


@pytest.mark.parametrize("name", HOSTILE)
async def test_the_reader_keeps_the_caption_and_says_why(
    name: str,
    request: pytest.FixtureRequest,
    httpserver: HTTPServer,
    isolated_env: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from textual_image.widget import HalfcellImage

    hostile: Hostile = request.getfixturevalue(name)
    config, picture_url = serve_article(httpserver, isolated_env, hostile.data)
    data_dir = isolated_env / "data"
    argv = ["--config", str(config), "--data-dir", str(data_dir), "refresh", "--images"]
    assert await asyncio.to_thread(main, argv) == 0  # the CLI runs its own event loop
    refused_at_download = hostile.at_download and hostile.refusal is not None
    tally = "ảnh: tải 0, lỗi 1" if refused_at_download else "ảnh: tải 1, lỗi 0"
    assert tally in capsys.readouterr().out

    settings = Settings.flat(feeds=[FeedConfig(url=httpserver.url_for("/rss"))], language="vi")
    service = Service(settings, open_store(data_dir))
    if refused_at_download:
        stored = service.store.image(picture_url)
        assert stored is not None and stored.path is None
        assert stored.status == hostile.refusal.text  # type: ignore[union-attr]
    app = make_app(settings, service, refresh_on_start=False, picture_widget=HalfcellImage)
    try:
        async with app.run_test(size=(120, 50)) as pilot:
            for _ in range(3):
                await pilot.pause()
                await app.workers.wait_for_complete()
            await pilot.press("enter")
            [image] = app.main_screen.reader.query(ArticleImage)
            for _ in range(4):
                await app.workers.wait_for_complete()
                await pilot.pause()
            screen = screen_text(app)
            assert CAPTION in screen
            if hostile.refusal is None:
                assert image.has_picture and image.reason is None
            else:
                reason = refusal_text(hostile.refusal, Labels("vi"))
                assert not image.has_picture and image.reason == reason
                assert reason in screen
                assert screen.index(CAPTION) < screen.index(reason) < screen.index("Đoạn cuối.")
    finally:
        service.store.close()


# -- memory, measured in a subprocess ----------------------------------------------------------


@pytest.mark.parametrize(
    ("through", "side", "drawn"),
    [
        ("refresh", 13000, False),  # refused at download: never decoded
        ("cache", 13000, False),  # already cached (by a version without the budget)
        ("cache", int(PIXEL_BUDGET**0.5), True),  # eight at the budget, decoded one at a time
    ],
)
def test_an_article_with_eight_huge_pictures_stays_under_200_mb(
    through: str, side: int, drawn: bool
) -> None:
    run = subprocess.run(
        [sys.executable, str(BENCHMARK), "--through", through, "--side", str(side)],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(run.stdout)
    assert result["peak_mb"] < MEMORY_LIMIT_MB, result
    assert (result["shown"], result["refused"]) == ((8, 0) if drawn else (0, 8))
