"""Keeping the data dir private: what a user reads is nobody else's business (rule 6).

New folders are made 0700 and new files 0600 where they are created (`Store.open`, the image
cache); this tightens what older versions left readable: a data dir of 0755, a cache of 0644,
image folders and files. It only removes permissions (group and others), never adds any; it
touches only what is ours (the database, its SQLite and check files, copies moved aside, the
images folder), never follows a symbolic link, and never touches a shared folder such as /tmp
(sticky bit) or the home folder. When a file cannot be changed (another user owns it) the
caller hears it once, as one problem naming the data dir; nothing fails.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from newsreader_tui.core.errors import Problem
from newsreader_tui.core.paths import LOG_NAME

IMAGES_DIR = "images"
"""The image cache's folder in the data dir (core.media.image_cache.IMAGES_DIR; the media layer
sits above the store, so the name is repeated here and a test checks that they agree)."""

_LOOSE = 0o077
"""Permission bits for the group and others: none of them belong on our files."""


def tighten(data_dir: Path, cache_name: str) -> Problem | None:
    """Remove group and other permissions from the data dir and our files in it; return a
    problem to show once when some could not be changed, else None. Cheap when all is private
    already: the images folder is only walked when the data dir or the cache was loose."""
    if os.name == "nt":
        return None  # modes mean little there; the profile folder is private already
    try:
        info = os.stat(data_dir)  # the data dir may be a link the user made: follow that one
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & stat.S_ISVTX:
        return None
    with_home = _same(data_dir, Path.home())
    failures: list[OSError] = []
    loose = bool(info.st_mode & _LOOSE) and not with_home
    if loose:
        _restrict(data_dir, failures)
    for entry in _ours(data_dir, cache_name):
        was_loose = _restrict(Path(entry.path), failures, entry)
        loose = loose or (was_loose and entry.name == cache_name)
    if loose:
        for entry in _walk(data_dir / IMAGES_DIR):
            _restrict(Path(entry.path), failures, entry)
    real = [error for error in failures if error.errno != errno.EROFS]
    if not real:
        return None  # a read-only mount: nothing can change, and the store says so itself
    detail = real[0].strerror or str(real[0])
    return Problem.of("store.not_private", path=data_dir, detail=detail)


def _same(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return False


def _ours(data_dir: Path, cache_name: str) -> Iterator[os.DirEntry[str]]:
    """The database, its -wal/-shm/-journal, its check note and the copies moved aside, the log
    and its older copy, and the images folder itself (not links)."""
    try:
        with os.scandir(data_dir) as entries:
            for entry in entries:
                name = entry.name
                if entry.is_symlink():
                    continue
                if name in (IMAGES_DIR, cache_name) or name.startswith(
                    (f"{cache_name}-", f"{cache_name}.", LOG_NAME)
                ):
                    yield entry
    except OSError:
        return


def _walk(folder: Path) -> Iterator[os.DirEntry[str]]:
    """Every folder and regular file under `folder`, never through a link."""
    try:
        with os.scandir(folder) as entries:
            found = list(entries)
    except OSError:
        return
    for entry in found:
        if entry.is_symlink():
            continue
        if entry.is_dir(follow_symlinks=False):
            yield entry
            yield from _walk(Path(entry.path))
        elif entry.is_file(follow_symlinks=False):
            yield entry


def _restrict(path: Path, failures: list[OSError], entry: os.DirEntry[str] | None = None) -> bool:
    """Drop group/other bits of `path` if it has any; return whether it had. Through a file
    descriptor opened without following links, so a link swapped in meanwhile is not followed."""
    try:
        mode = (entry.stat(follow_symlinks=False) if entry else os.stat(path)).st_mode
    except OSError:
        return False
    if not mode & _LOOSE:
        return False
    try:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags if entry else os.O_RDONLY)
        try:
            os.fchmod(fd, stat.S_IMODE(mode) & ~_LOOSE)
        finally:
            os.close(fd)
    except OSError as error:
        failures.append(error)
    return True
