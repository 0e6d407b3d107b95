"""Is the cache file sound, and does it need looking at before we trust it?

`PRAGMA quick_check` reads every page of the file: about 30 ms for the 50,000-article benchmark
cache when the file is in the OS cache, 130-220 ms when it is not. That is too much to pay on
every `newsreader-tui list`, and almost always wasted: SQLite does not damage its own files. So
a clean close notes the file's size, mtime and inode beside it (`cache.sqlite3.checked`), and
the next start checks only when the file is not as we left it: a crash or kill -9 (the -wal is
still there), another program or a copy that changed it, a disk that did. A query that runs
into damage forgets the note, so the next start checks (and rebuilds) for sure.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
import sys
from pathlib import Path

CHECKED_SUFFIX = ".checked"
"""Suffix of the note of a clean close, beside the database file."""


def checked_note(path: Path) -> Path:
    return path.with_name(path.name + CHECKED_SUFFIX)


def _fingerprint(path: Path) -> str:
    info = path.stat()
    return f"{info.st_size} {info.st_mtime_ns} {info.st_ino}"


def needs_check(path: Path) -> bool:
    """Whether the file at `path` changed since a clean close noted it (or was never noted).
    A new, empty or missing file needs no check: there is nothing in it to be damaged."""
    try:
        if path.stat().st_size == 0:
            return False
    except OSError:
        return False
    wal = path.with_name(path.name + "-wal")
    with contextlib.suppress(OSError):
        if wal.stat().st_size > 0:
            return True  # not closed cleanly, or another instance has it open right now
    try:
        noted = checked_note(path).read_text(encoding="ascii").strip()
        return noted != _fingerprint(path)
    except (OSError, UnicodeDecodeError):
        return True


def note_clean(path: Path) -> None:
    """Note the file as it is now, just after a clean close. Never fails: without the note the
    next start merely checks."""
    note = checked_note(path)
    with contextlib.suppress(OSError):
        fingerprint = _fingerprint(path)
        temp = note.with_name(note.name + ".tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(fingerprint + "\n")
        os.replace(temp, note)


def forget_clean(path: Path) -> None:
    """Drop the note so the next start checks the file."""
    with contextlib.suppress(OSError):
        checked_note(path).unlink(missing_ok=True)


def quick_check(conn: sqlite3.Connection) -> str | None:
    """The first problem `PRAGMA quick_check` finds in the open database, or None if sound.
    Raises sqlite3.Error when the file is too damaged to even run the check."""
    row = conn.execute("PRAGMA quick_check(1)").fetchone()
    result = "" if row is None else str(row[0])
    return None if result == "ok" else (result or "quick_check failed")


def in_use_elsewhere(path: Path) -> bool:
    """Whether another process has the database open. SQLite holds a shared POSIX lock on the
    file for as long as a WAL-mode connection is open, so a write lock that would conflict tells
    us; a file another process uses must never be moved from under it. Linux only (the layout
    of `struct flock` differs elsewhere); False on other systems."""
    if not sys.platform.startswith("linux"):
        return False
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        # Linux's struct flock: l_type, l_whence, l_start, l_len, l_pid.
        request = struct.pack("hhqqi", fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, request)
        (lock_type,) = struct.unpack_from("h", answer)
        return lock_type != fcntl.F_UNLCK
    except OSError:
        return False
    finally:
        os.close(fd)
