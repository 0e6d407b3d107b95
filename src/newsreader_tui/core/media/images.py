"""Article images for offline reading: which images an article shows, and downloading one.

What is downloaded lands in the `ImageCache`; what happened is returned as an `ImageResult` for
the store to record. Nothing here raises for a bad image, so one picture never breaks a refresh.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from newsreader_tui.core.content.blocks import Block, Image, Quote, parse_html
from newsreader_tui.core.errors import FetchError
from newsreader_tui.core.fetch import Fetcher
from newsreader_tui.core.media.image_cache import CONTENT_TYPES, ImageCache, sniff_image
from newsreader_tui.core.media.pictures import check_picture
from newsreader_tui.core.media.transient import is_transient
from newsreader_tui.core.models import Article, ImageResult
from newsreader_tui.core.urls import join_url

IMAGE_ACCEPT = "image/avif,image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8,*/*;q=0.1"


def shown_image_urls(article: Article) -> list[str]:
    """The images the article shows, in reading order: the feed's thumbnail first when the body
    does not show it (as `show` prints them), then every image of the body. http(s) only."""
    base = article.url or article.feed_url
    return _with_thumbnail(
        article, [block.url for block in _images(parse_html(article.body_html, base))]
    )


def thumbnail_urls(article: Article) -> list[str]:
    """The feed's thumbnail alone: what an article whose body cannot be read still shows."""
    return _with_thumbnail(article, [])


def _with_thumbnail(article: Article, body: list[str]) -> list[str]:
    base = article.url or article.feed_url
    urls: list[str] = []
    if article.image:
        thumbnail = join_url(base, article.image.strip())
        if thumbnail is not None and thumbnail not in body:
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


async def download_image(
    fetcher: Fetcher,
    url: str,
    cache: ImageCache,
    *,
    max_bytes: int,
    timeout: float | None = None,
) -> ImageResult:
    """Download one image into `cache` and say what happened; never raises for a bad image.

    The bytes must start like a known image format whatever the server's Content-Type says: an
    HTML error page served with status 200 (common on portals) is not an image. A picture whose
    header promises more pixels than a terminal could use (`pictures.PIXEL_BUDGET`) is refused
    and not saved.
    """
    try:
        response = await fetcher.get(url, accept=IMAGE_ACCEPT, max_bytes=max_bytes, timeout=timeout)
    except FetchError as error:
        return ImageResult(str(error), final=not is_transient(error))
    ext = sniff_image(response.content)
    if ext is None:
        served = response.content_type or "no content type"
        if not response.content:
            reason = "the server sent an empty file instead of the image"
        elif response.content_type.startswith("image/"):
            reason = f"the image is corrupt or in an unsupported format ({served})"
        else:
            reason = f"the link is not an image ({served})"
        return ImageResult(reason, content_type=response.content_type or None)
    # The header says what decoding would cost; a picture over the budget is refused now, so
    # no reader ever tries, and its reason is kept (`Refusal.from_status`) for the reader to say.
    refusal = await asyncio.to_thread(check_picture, response.content)
    if refusal is not None:
        return ImageResult(refusal.text, content_type=CONTENT_TYPES[ext])
    try:
        path = await asyncio.to_thread(cache.write, url, response.content)
    except OSError as error:
        return ImageResult(f"cannot save the image: {error.strerror or error}", final=False)
    return ImageResult("ok", path=path, content_type=CONTENT_TYPES[ext], size=len(response.content))
