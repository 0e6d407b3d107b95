"""Real caches for the attacks on files and durability (tests/security/test_attack_files.py,
test_attack_durability.py): filled through the command line from a feed on the loopback
server, read and starred by `mark`, then damaged, frozen or filled up the way a disk, a crash or
a careless copy would.

`as_reader()` is how a test meets a read-only data dir for real: permissions are taken away
(chmod a-w), and when the tests run as root, who ignores permissions, the code under test runs
with the effective user id of `nobody` for the duration, so the kernel refuses writes as it
would to an ordinary user.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pytest_httpserver import HTTPServer

from newsreader_tui.cli import main
from support.feeds import rss, rss_item

CACHE = "cache.sqlite3"
ITEMS = 120
"""Articles in the filled cache: with their bodies, a few hundred pages of database."""
NOBODY = 65534
"""The user id root's tests run the reading code as (see `as_reader`)."""

BODY = (
    "<p>Sáng nay, Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12 đã khai mạc tại Hội trường "
    "Trung tâm Hội nghị tỉnh, bàn về kinh tế - xã hội, quốc phòng - an ninh năm 2024.</p>"
) * 12


@dataclass(frozen=True)
class Cache:
    """A filled cache: its data dir, the config naming its feed, and what was read/starred."""

    data_dir: Path
    config: Path
    feed_url: str
    state: dict[str, tuple[bool, bool]]
    """(read, starred) by article key, as the user left them."""

    @property
    def path(self) -> Path:
        return self.data_dir / CACHE

    def argv(self, *args: str) -> list[str]:
        """Command-line arguments running `args` on this cache and config."""
        return ["--config", str(self.config), "--data-dir", str(self.data_dir), *args]


def fill_cache(httpserver: HTTPServer, base: Path) -> Cache:
    """Refresh a feed of ITEMS articles from the loopback server into `base`/data, then mark
    every third article read and every seventh starred, all through the command line."""
    url = _serve(httpserver, ITEMS)
    config = base / "config.toml"
    config.write_text(
        f'[settings]\nretries = 0\nimages = "off"\n\n[[feeds]]\nurl = "{url}"\ntitle = "Báo"\n',
        encoding="utf-8",
    )
    config.chmod(0o644)  # read by `nobody` in the read-only tests
    data = base / "data"
    cache = Cache(data, config, url, {})
    assert main(cache.argv("refresh")) == 0
    ids = article_ids(cache.path)
    assert main(cache.argv("mark", "--read", *map(str, ids[::3]))) == 0
    assert main(cache.argv("mark", "--star", *map(str, ids[::7]))) == 0
    return Cache(data, config, url, states(cache.path))


def serve_more(httpserver: HTTPServer, cache: Cache, extra: int) -> None:
    """The cache's feed, now with `extra` new articles on top of the ones it had."""
    httpserver.clear()
    _serve(httpserver, ITEMS + extra)


def _serve(httpserver: HTTPServer, count: int) -> str:
    items = [rss_item(f"k{n}", f"Bài {n}: Hội nghị tỉnh", description=BODY) for n in range(count)]
    httpserver.expect_request("/rss/bao.rss").respond_with_data(
        rss(*items), content_type="application/rss+xml; charset=utf-8"
    )
    return httpserver.url_for("/rss/bao.rss")


def article_ids(path: Path) -> list[int]:
    with contextlib.closing(_open_ro(path)) as conn:
        return [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id")]


def states(path: Path) -> dict[str, tuple[bool, bool]]:
    """(read, starred) by article key in the cache at `path`, read without changing it."""
    with contextlib.closing(_open_ro(path)) as conn:
        rows = conn.execute(
            "SELECT a.key, s.read, s.starred FROM articles a "
            "JOIN article_state s ON s.article_id = a.id"
        )
        return {key: (bool(read), bool(starred)) for key, read, starred in rows}


def quick_check(path: Path) -> str:
    """What `PRAGMA quick_check` says of the file ("ok" when sound), or SQLite's error."""
    try:
        with contextlib.closing(_open_ro(path)) as conn:
            return str(conn.execute("PRAGMA quick_check").fetchone()[0])
    except sqlite3.DatabaseError as error:
        return str(error)


def _open_ro(path: Path) -> sqlite3.Connection:
    # Not mode=ro: a read-only connection that closes last leaves SQLite's -wal and -shm
    # behind, which would change what the next command finds. Only queries run on it.
    return sqlite3.connect(path)


def page_count(path: Path) -> int:
    return path.stat().st_size // 4096


def flip_pages(path: Path, pages: list[int], *, keep_mtime: bool = False) -> None:
    """XOR every seventh byte of these 4 KiB pages, as a bad disk or a torn copy leaves them;
    `keep_mtime` puts the file's modification time back, as if nothing had changed it."""
    before = path.stat()
    data = bytearray(path.read_bytes())
    for page in pages:
        for at in range(page * 4096, min(len(data), page * 4096 + 4096), 7):
            data[at] ^= 0x5A
    path.write_bytes(bytes(data))
    if keep_mtime:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def spread_pages(path: Path, count: int = 5) -> list[int]:
    """`count` pages spread evenly over the file, past the first (the header's)."""
    total = page_count(path)
    return [max(1, total * (n + 1) // (count + 1)) for n in range(count)]


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@contextlib.contextmanager
def shared_base() -> Iterator[Path]:
    """A temp folder every user can enter (pytest's tmp_path is root's own when run as root),
    for data dirs the `nobody` user must reach; removed afterwards whatever its modes."""
    base = Path(tempfile.mkdtemp(prefix="nrt-files-"))
    base.chmod(0o755)
    try:
        yield base
    finally:
        for folder, dirs, _ in os.walk(base):
            for name in dirs:
                with contextlib.suppress(OSError):
                    os.chmod(os.path.join(folder, name), 0o700)
        shutil.rmtree(base, ignore_errors=True)


def freeze(data_dir: Path) -> None:
    """chmod a-w the data dir and everything in it (dirs keep r-x, files r--), and under root
    give them to `nobody` so that `as_reader` meets them as their owner would."""
    for path in [*data_dir.iterdir(), data_dir]:
        if os.geteuid() == 0:
            os.chown(path, NOBODY, NOBODY)
        path.chmod(0o500 if path.is_dir() else 0o400)


@contextlib.contextmanager
def as_reader() -> Iterator[None]:
    """Run the block as a user the kernel holds to permissions: the test's own user, or, under
    root, the effective ids of `nobody` (put back afterwards; the saved ids stay root's)."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)
