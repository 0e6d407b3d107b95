"""Attacks on durability: a disk that fills up, a cache damaged under a running reader, a
process killed in the middle of a write, a second instance writing at the same time, and a
reader that fails (issue 9, items 11 and 12; kill -9 and two processes were found sound by the
probes, and are kept that way here).

Caches are real (tests/support/caches.py: filled from a feed on the loopback server through the
command line); other processes are real processes.
"""

from __future__ import annotations

import os
import select
import signal
import struct
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from textual.pilot import Pilot

if sys.platform != "win32":
    import fcntl
    import pty
    import termios

from newsreader_tui.core.config import load_config
from newsreader_tui.core.errors import StoreError
from newsreader_tui.core.service import Service
from newsreader_tui.core.store import Store
from newsreader_tui.ui.app import NewsreaderApp, make_app
from support.articles import new_article
from support.caches import (
    Cache,
    as_reader,
    fill_cache,
    flip_pages,
    freeze,
    quick_check,
    serve_more,
    shared_base,
    spread_pages,
    states,
)

NOW = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)


def fill_up(store: Store) -> None:
    """Let the database grow no more: SQLite's `max_page_count`, set to the pages the file has,
    answers the next write that needs a page with SQLITE_FULL, what a full disk answers. A
    per-connection setting, so it is set on the store's own connection."""
    conn = store._conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def lift_limit(store: Store) -> None:
    store._conn.execute("PRAGMA max_page_count = 1073741823")


def unread(cache: Cache) -> int:
    """How many articles the reader's first view (Unread) lists."""
    return sum(not read for read, _ in cache.state.values())


def app_over(cache: Cache, store: Store) -> NewsreaderApp:
    settings = load_config(cache.config)
    return make_app(settings, Service(settings, store), refresh_on_start=False)


async def wait_for_notice(pilot: Pilot[None], app: NewsreaderApp, words: str) -> str:
    """The first notice containing `words`, once it is up (the test fails if it never is)."""
    for _ in range(200):
        await pilot.pause(0.05)
        found = [n.message for n in app._notifications if words in n.message]
        if found:
            return found[0]
    raise AssertionError(f"no notice saying {words!r}: {[n.message for n in app._notifications]}")


# -- a full disk ----------------------------------------------------------------------------


@pytest.fixture
def full_database(cache: Cache) -> Iterator[Store]:
    """The cache, open, on a disk with no room left."""
    with Store.open(cache.path) as store:
        fill_up(store)
        yield store


def test_full_database_fails_the_write_with_the_real_reason(
    full_database: Store, cache: Cache
) -> None:
    more = [new_article(f"new{n}", content="Nội dung " * 400) for n in range(40)]
    with pytest.raises(StoreError, match="is full, so this change was not saved") as info:
        full_database.upsert_articles(cache.feed_url, more, NOW)
    assert info.value.problem.code == "store.full"
    # Nothing half-written, and the store goes on: reads work, and writes once there is room.
    assert full_database.count_articles() == len(cache.state)
    lift_limit(full_database)
    assert full_database.upsert_articles(cache.feed_url, more, NOW) == (40, 0)
    assert quick_check(cache.path) == "ok"


async def test_full_disk_during_a_refresh_keeps_the_reader_running(
    full_database: Store, cache: Cache, httpserver: HTTPServer
) -> None:
    serve_more(httpserver, cache, 40)
    app = app_over(cache, full_database)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("R")
        notice = await wait_for_notice(pilot, app, "is full")
        assert "cannot rollback" not in notice and "internal error" not in notice
        assert app.is_running
        await pilot.press("j")  # still reading
        assert app.main_screen.articles.count == unread(cache)
    assert app.failure is None


# -- damage met while the reader runs, and a reader that fails -------------------------------


@pytest.fixture
def damaged_under_the_reader(cache: Cache) -> Iterator[Store]:
    """A cache opened (and passed as sound), then damaged by the disk while in use."""
    with Store.open(cache.path) as store:
        flip_pages(cache.path, spread_pages(cache.path))
        yield store


async def test_damage_met_by_the_reader_is_a_notice_not_a_crash(
    damaged_under_the_reader: Store, cache: Cache
) -> None:
    app = app_over(cache, damaged_under_the_reader)
    async with app.run_test(size=(100, 30)) as pilot:
        notice = await wait_for_notice(pilot, app, "is damaged")
        assert "start newsreader-tui again" in notice
        await pilot.press("j")
        await pilot.press("R")
        assert app.is_running
    assert app.failure is None


BUGGY_READER = """
import sys
from pathlib import Path
from newsreader_tui.core.config import load_config
from newsreader_tui.core.service import Service
from newsreader_tui.core.store import Store
from newsreader_tui.ui.run import run_reader

class Buggy(Store):
    def rows(self, *args, **kwargs):
        raise RuntimeError("a bug in the list")

settings = load_config(Path(sys.argv[1]))
with Buggy.open(Path(sys.argv[2])) as store:
    sys.exit(run_reader(settings, Service(settings, store), offline=True))
"""


def run_in_terminal(argv: list[str], *, timeout: float = 60) -> tuple[int, str]:
    """Run `argv` on a pseudo-terminal of 80x24, as a user's shell would; return its exit
    status and everything it wrote there (the app's drawing, then what it printed after)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, start_new_session=True
    )
    os.close(slave)
    output = bytearray()
    try:
        while True:
            ready, _, _ = select.select([master], [], [], timeout)
            if not ready:
                raise AssertionError(f"no output for {timeout} s: {output[-500:]!r}")
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal closed: the process has ended
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(master)
        status = process.wait(timeout=timeout)
    return status, output.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_a_reader_that_fails_says_so_in_its_exit_status(cache: Cache) -> None:
    status, shown = run_in_terminal(
        [sys.executable, "-c", BUGGY_READER, str(cache.config), str(cache.path)]
    )
    assert status == 1
    assert "Traceback" not in shown
    last = shown.rsplit("\x1b[?1006l", 1)[-1].strip()  # after the app gave the terminal back
    assert last == "newsreader-tui: internal error: RuntimeError('a bug in the list')"


# -- a read-only data dir in the reader -----------------------------------------------------


@pytest.fixture
def read_only_dir(httpserver: HTTPServer) -> Iterator[Cache]:
    """A filled cache whose data dir was made read-only (chmod a-w) after a clean close."""
    with shared_base() as base:
        cache = fill_cache(httpserver, base)
        freeze(cache.data_dir)
        yield cache


async def test_read_only_cache_in_the_reader_reads_and_says_writes_fail(
    read_only_dir: Cache,
) -> None:
    from newsreader_tui.core.store import open_cache

    cache = read_only_dir
    with as_reader():
        store = open_cache(cache.path)
    sentence = f"Changes cannot be saved: the cache {cache.path} is read-only."
    with store:
        app = app_over(cache, store)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for_notice(pilot, app, "Changes cannot be saved")
            assert app.main_screen.articles.count == unread(cache)
            before = len([n for n in app._notifications if n.message == sentence])
            await pilot.press("s")  # star: cannot be saved
            await pilot.press("R")  # refresh: nothing could be kept
            for _ in range(100):
                await pilot.pause(0.05)
                if len([n for n in app._notifications if n.message == sentence]) > before:
                    break
            assert len([n for n in app._notifications if n.message == sentence]) > before
            assert app.is_running
    assert states(cache.path) == cache.state


# -- kill -9 in the middle of writes, and two instances writing ------------------------------

WRITER = """
import sys
from datetime import UTC, datetime
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from newsreader_tui.core.store import open_cache
from support.articles import new_article

path, name = Path(sys.argv[1]), sys.argv[2]
now = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)
store = open_cache(path)
for problem in store.notices:
    print("NOTICE", problem.text, flush=True)
feed = store.feeds()[0].url
batch = 0
while True:
    items = [new_article(f"{name}-{batch}-{n}", content="Nội dung " * 300) for n in range(20)]
    store.upsert_articles(feed, items, now)
    ids = [a.id for a in store.articles(limit=None) if a.key.startswith(f"{name}-{batch}-")]
    store.mark(ids, read=True, starred=True, now=now)
    print("DONE", batch, flush=True)
    batch += 1
    if name != "killed" and batch == int(sys.argv[4]):
        break
store.close()
"""
TESTS = str(Path(__file__).parent.parent)


def writer(cache: Cache, name: str, batches: int = 0) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(cache.path), name, TESTS, str(batches)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def killed_during_writes(cache: Cache) -> tuple[Cache, int]:
    """A process writing batches of articles (and marking them) killed with SIGKILL after it
    reported five; returns the cache and how many batches it had reported done."""
    process = writer(cache, "killed")
    assert process.stdout is not None
    done = 0
    for line in process.stdout:
        if line.startswith("DONE"):
            done += 1
            if done == 5:
                break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return cache, done


def test_kill_9_during_writes_loses_nothing_that_was_done(
    killed_during_writes: tuple[Cache, int],
) -> None:
    from newsreader_tui.core.store import open_cache

    cache, done = killed_during_writes
    with open_cache(cache.path) as store:  # checks the file (the -wal was left behind)
        assert store.notices == []
    after = states(cache.path)
    for batch in range(done):
        for n in range(20):
            assert after[f"killed-{batch}-{n}"] == (True, True)
    assert {key: after[key] for key in cache.state} == cache.state
    assert quick_check(cache.path) == "ok"


@pytest.fixture
def second_instance_writing(cache: Cache) -> Cache:
    """Two processes opening the cache as the app does and writing it at the same time."""
    processes = [writer(cache, name, batches=6) for name in ("one", "two")]
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert "NOTICE" not in out  # neither took the other's file for damaged
        assert out.count("DONE") == 6
    return cache


def test_second_instance_writing_loses_nothing(second_instance_writing: Cache) -> None:
    after = states(second_instance_writing.path)
    for name in ("one", "two"):
        for batch in range(6):
            for n in range(20):
                assert after[f"{name}-{batch}-{n}"] == (True, True)
    assert quick_check(second_instance_writing.path) == "ok"


HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("SELECT count(*) FROM articles").fetchone()
print("OPEN", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def another_instance(cache: Cache) -> Iterator[Cache]:
    """Another process has the cache open (and keeps it open until the test ends)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(cache.path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "OPEN"
    yield cache
    holder.communicate(timeout=30)


@pytest.fixture
def garbage_header_in_use(another_instance: Cache) -> Cache:
    data = bytearray(another_instance.path.read_bytes())
    data[:16] = b"not a database!!"
    another_instance.path.write_bytes(bytes(data))
    return another_instance


@pytest.fixture
def flipped_pages_in_use(another_instance: Cache) -> Cache:
    flip_pages(another_instance.path, spread_pages(another_instance.path))
    return another_instance


@pytest.mark.skipif(
    not sys.platform.startswith("linux"),
    reason="store.integrity reads SQLite's lock with Linux's struct flock; elsewhere it can't tell",
)
def test_a_cache_in_use_elsewhere_is_never_moved_from_under_it(
    garbage_header_in_use: Cache,
) -> None:
    from newsreader_tui.core.store import open_cache

    cache = garbage_header_in_use
    damaged = cache.path.read_bytes()
    with pytest.raises(StoreError, match="another newsreader-tui is using it"):
        open_cache(cache.path)
    assert cache.path.read_bytes() == damaged
    assert sorted(p.name for p in cache.data_dir.glob("*.damaged-*")) == []


@pytest.mark.skipif(
    not sys.platform.startswith("linux"),
    reason="store.integrity reads SQLite's lock with Linux's struct flock; elsewhere it can't tell",
)
def test_damage_in_a_cache_in_use_elsewhere_is_said_then_rebuilt_once_free(
    flipped_pages_in_use: Cache,
) -> None:
    from newsreader_tui.core.store import open_cache

    cache = flipped_pages_in_use
    with open_cache(cache.path) as store:  # not checked: the other instance has it open
        assert store.notices == []
        with pytest.raises(StoreError, match="is damaged"):
            store.count_articles()
            store.search("hoi nghi", limit=500)
    assert sorted(p.name for p in cache.data_dir.glob("*.damaged-*")) == []


def test_damage_found_while_in_use_is_rebuilt_at_the_next_start(cache: Cache) -> None:
    from newsreader_tui.core.store import open_cache

    with open_cache(cache.path) as store:
        flip_pages(cache.path, spread_pages(cache.path))
        with pytest.raises(StoreError, match="is damaged"):
            store.count_articles()
            store.search("hoi nghi", limit=500)
    with open_cache(cache.path) as store:
        (notice,) = store.notices
        assert notice.code == "store.rebuilt"
    assert len(list(cache.data_dir.glob("*.damaged-*"))) == 1


def test_mark_in_the_command_line_waits_for_a_second_instance(cache: Cache) -> None:
    """Two `mark` commands on the same articles at once both succeed (one waits)."""
    script = textwrap.dedent(
        """
        import sys
        from newsreader_tui.cli import main
        ids = sys.argv[3:]
        sys.exit(main(["--config", sys.argv[1], "--data-dir", sys.argv[2], "mark", "--star",
                       *ids]))
        """
    )
    with Store.open(cache.path) as store:
        ids = [str(a.id) for a in store.articles(limit=None)]
    args = [sys.executable, "-c", script, str(cache.config), str(cache.data_dir)]
    processes = [subprocess.Popen([*args, *ids[half::2]]) for half in (0, 1)]
    assert [p.wait(timeout=60) for p in processes] == [0, 0]
    assert all(starred for _, starred in states(cache.path).values())
