"""The image cache's files: layout under the data dir, private modes, only images are written,
and deleting never reaches outside the images folder whatever the database says."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from newsreader_tui.core.media.image_cache import ImageCache, relative_path
from newsreader_tui.core.models import FeedConfig, ImageResult
from newsreader_tui.core.store import Store
from support.articles import new_article
from support.clock import NOW
from support.images import png

PNG = png()
FEED = "https://a.vn/rss"
URL = "https://a.vn/anh/1.png"


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "data" / "cache.sqlite3") as store:
        store.sync_feeds([FeedConfig(FEED)])
        yield store


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def link(store: Store, *urls: str) -> int:
    """One stored article showing `urls`; returns its id."""
    store.upsert_articles(FEED, [new_article("k", "Tin")], NOW)
    [article] = store.articles()
    found = store.unlinked_article(article.id)
    assert found is not None
    assert store.link_images(article.id, found[1], urls)
    return article.id


def test_written_files_are_private_and_found_by_url(store: Store, tmp_path: Path) -> None:
    cache = ImageCache(store)
    link(store, URL)
    path = cache.write(URL, PNG)
    assert path == relative_path(URL, "png") and path.startswith("images/")
    assert cache.file(URL) is None  # written, but not recorded as downloaded yet
    store.save_image(URL, ImageResult("ok", path=path, content_type="image/png"), now=NOW)
    file = cache.file(URL)
    assert file == tmp_path / "data" / path and file.read_bytes() == PNG
    assert mode(file) == 0o600
    assert mode(file.parent) == 0o700 and mode(cache.folder) == 0o700
    assert not [p for p in file.parent.iterdir() if p.name.startswith(".part-")]
    file.unlink()
    assert cache.file(URL) is None  # a file removed behind our back is simply not cached


def test_only_image_bytes_are_written(store: Store) -> None:
    cache = ImageCache(store)
    with pytest.raises(ValueError, match="not an image"):
        cache.write(URL, b"<html>Trang l\xe1\xbb\x97i</html>")
    assert not cache.folder.exists()


def test_orphans_are_deleted_but_never_outside_the_images_folder(
    store: Store, tmp_path: Path
) -> None:
    cache = ImageCache(store)
    outside = tmp_path / "data" / "precious.txt"
    outside.write_text("giữ lại")
    evil = "https://a.vn/evil.png"
    article_id = link(store, URL, evil)
    path = cache.write(URL, PNG)
    store.save_image(URL, ImageResult("ok", path=path), now=NOW)
    # A tampered database row pointing out of the cache folder.
    store.save_image(evil, ImageResult("ok", path="images/../precious.txt"), now=NOW)
    assert cache.file(evil) is None

    store.mark([article_id], read=True, now=NOW)
    assert store.prune(days=0, per_feed=None, now=NOW.replace(year=2030)) == 1
    assert cache.delete_orphans() == 1
    assert outside.read_text() == "giữ lại"
    assert not (tmp_path / "data" / path).exists()
    assert not (tmp_path / "data" / path).parent.exists()  # an emptied folder goes too
