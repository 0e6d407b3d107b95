"""The image files of the offline cache: where they live, writing them, finding and deleting them.

Files live at `<data dir>/images/<h[:2]>/<h>.<ext>`, where the data dir holds the cache database
and `h` is the SHA-256 of the image URL: the name is known before the download and one URL never
has two files, so deleting the file of an image no article shows any more can never remove
another image's picture. The extension comes from the bytes themselves, which are checked to
really be an image before anything is written. Folders are created 0700 and files 0600: what a
user reads is nobody else's business.

The database rows (which article shows which image, what a download found) are the store's;
`ImageCache` is the one place that turns them into files.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from newsreader_tui.core.media.pictures import Refusal
from newsreader_tui.core.store import Store

IMAGES_DIR = "images"
"""Folder of the cached files, inside the data dir."""
_DIR_MODE = 0o700

CONTENT_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "bmp": "image/bmp",
    "avif": "image/avif",
}
"""The formats the cache keeps, by file extension."""


def sniff_image(data: bytes) -> str | None:
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


def relative_path(url: str, ext: str) -> str:
    """Where the file for `url` goes, relative to the data dir (always with "/")."""
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
    return f"{IMAGES_DIR}/{digest[:2]}/{digest}.{ext}"


class ImageCache:
    """The cached image files beside one cache database. All methods are synchronous file and
    database work: async callers run them with `asyncio.to_thread`, the UI in thread workers."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.data_dir = store.path.parent.absolute()
        """The folder holding the cache database; the files are in its `images/`."""

    @property
    def folder(self) -> Path:
        return self.data_dir / IMAGES_DIR

    def file(self, url: str) -> Path | None:
        """The absolute path of the cached file for the image at `url`, or None when it is not
        cached (not downloaded yet, failed, or the file was removed)."""
        image = self.store.image(url)
        if image is None or image.path is None:
            return None
        path = self._inside(image.path)
        try:
            return path if path is not None and path.is_file() else None
        except OSError:  # a folder this user may not enter (someone else's data dir)
            return None

    def picture(self, url: str) -> Path | Refusal | None:
        """What the reader draws for the image at `url`: its cached file, or why it was refused
        when downloaded (too large, too many frames), or None (not cached: caption only)."""
        image = self.store.image(url)
        if image is None:
            return None
        if image.path is None:
            return Refusal.from_status(image.status)
        path = self._inside(image.path)
        return path if path is not None and path.is_file() else None

    def write(self, url: str, data: bytes) -> str:
        """Save `data` as the file of the image at `url`; return its path relative to the data
        dir, as the store records it.

        Atomic (a crash never leaves half an image behind) and 0600. Raises ValueError when the
        bytes are not an image of a known format (nothing is written), OSError when the disk
        refuses.
        """
        ext = sniff_image(data)
        if ext is None:
            raise ValueError(f"not an image of a known format: {url}")
        relative = relative_path(url, ext)
        target = self.data_dir / relative
        self._make_folder(target.parent)
        fd, temp_name = tempfile.mkstemp(prefix=".part-", dir=target.parent)  # mode 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp_name, target)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
        return relative

    def delete_orphans(self) -> int:
        """Forget images no stored article shows any more (pruned, or gone from a changed body)
        and delete their files; return how many files were removed."""
        return self._delete(self.store.prune_images())

    def _delete(self, paths: Iterable[str]) -> int:
        """Delete cached files (paths relative to the data dir), skipping any that the database
        places outside the images folder."""
        removed = 0
        for relative in paths:
            target = self._inside(relative)
            if target is None:
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

    def _inside(self, relative: str) -> Path | None:
        """`relative` under the data dir, or None unless it lies inside the images folder: the
        database is a file anyone with access could edit, and it never decides what we touch."""
        target = self.data_dir / relative
        return target if target.resolve().is_relative_to(self.folder.resolve()) else None

    def _make_folder(self, folder: Path) -> None:
        # mkdir(parents=True) would ignore the mode for the parents, so each level is made here.
        for level in (self.folder, folder):
            level.mkdir(mode=_DIR_MODE, exist_ok=True)
