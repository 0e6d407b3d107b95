"""The offline image cache: which images an article shows, downloading them, files on disk.

Files live at `<data dir>/images/<h[:2]>/<h>.<ext>`, where `h` is the SHA-256 of the image URL:
the name is known before the download and one URL never has two files, so deleting the file of
an image no article shows any more can never remove another image's picture. The extension comes
from the bytes themselves, which are checked to really be an image before anything is written.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from newsreader_tui.core.content.blocks import Block, Image, Quote, parse_html
from newsreader_tui.core.errors import FetchError
from newsreader_tui.core.fetch import Fetcher
from newsreader_tui.core.models import Article, ImageResult

IMAGES_DIR = "images"
"""Folder of the cached files, inside the data dir."""

IMAGE_ACCEPT = "image/avif,image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8,*/*;q=0.1"


def article_image_urls(article: Article) -> list[str]:
    """The images the article shows, in reading order: the feed's thumbnail first when the body
    does not show it (as `show` prints them), then every image of the body. http(s) only."""
    base = article.url or article.feed_url
    body = [block.url for block in _images(parse_html(article.body_html, base))]
    urls: list[str] = []
    if article.image:
        thumbnail = urljoin(base, article.image.strip())
        if thumbnail not in body:
            urls.append(thumbnail)
    urls.extend(body)
    # data: URLs carry their picture inline; nothing to download or cache.
    return [url for url in dict.fromkeys(urls) if urlsplit(url).scheme in ("http", "https")]


def _images(blocks: Iterable[Block]) -> Iterator[Image]:
    for block in blocks:
        if isinstance(block, Image):
            yield block
        elif isinstance(block, Quote):
            yield from _images(block.blocks)


# --- checking the bytes ---------------------------------------------------------------------------


def sniff(data: bytes) -> str | None:
    """The file extension of an image format the bytes start with, or None if they are not one
    of PNG, JPEG, GIF, WebP, BMP or AVIF (what terminal image renderers can decode)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"BM") and len(data) > 26:
        return "bmp"
    if data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis"):
        return "avif"
    return None


_CONTENT_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "bmp": "image/bmp",
    "avif": "image/avif",
}


def relative_path(url: str, ext: str) -> str:
    """Where the file for `url` goes, relative to the data dir (always with "/")."""
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
    return f"{IMAGES_DIR}/{digest[:2]}/{digest}.{ext}"


def _transient(error: FetchError) -> bool:
    """Whether a failed download may work on a later refresh (network trouble, busy server)."""
    status = error.status
    return status is None or status >= 500 or status in (408, 429)


async def download_image(
    fetcher: Fetcher, url: str, data_dir: Path, *, max_bytes: int, timeout: float | None = None
) -> ImageResult:
    """Download one image into the cache and say what happened; never raises for a bad image.

    The bytes must start like a known image format whatever the server's Content-Type says: an
    HTML error page served with status 200 (common on portals) is not an image.
    """
    try:
        response = await fetcher.get(url, accept=IMAGE_ACCEPT, max_bytes=max_bytes, timeout=timeout)
    except FetchError as error:
        return ImageResult(str(error), final=not _transient(error))
    ext = sniff(response.content)
    if ext is None:
        served = response.content_type or "no content type"
        if not response.content:
            reason = "the server sent an empty file instead of the image"
        elif response.content_type.startswith("image/"):
            reason = f"the image is corrupt or in an unsupported format ({served})"
        else:
            reason = f"the link is not an image ({served})"
        return ImageResult(reason, content_type=response.content_type or None)
    path = relative_path(url, ext)
    try:
        await asyncio.to_thread(write_file, data_dir / path, response.content)
    except OSError as error:
        return ImageResult(f"cannot save the image: {error.strerror or error}", final=False)
    return ImageResult(
        "ok", path=path, content_type=_CONTENT_TYPES[ext], size=len(response.content)
    )


# --- files ----------------------------------------------------------------------------------------


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, so a crash never leaves half an image behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=".part-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def delete_files(data_dir: Path, paths: Iterable[str]) -> int:
    """Delete cached files (paths relative to `data_dir`); return how many were removed.

    Only paths inside the images folder are touched, whatever the database says.
    """
    root = (data_dir / IMAGES_DIR).resolve()
    removed = 0
    for relative in paths:
        target = (data_dir / relative).resolve()
        if not target.is_relative_to(root):
            continue
        try:
            target.unlink()
            removed += 1
        except FileNotFoundError:
            pass
        except OSError:
            continue  # e.g. locked on Windows: leaving a stray file beats failing the refresh
        with contextlib.suppress(OSError):
            target.parent.rmdir()  # only succeeds once the folder is empty
    return removed
