"""Attacks on the files: who can read the data dir, and caches that are garbage, cut short,
damaged inside or cannot be written (issue 9, items 10, 11 and 12).

Every cache here is real: filled from a feed on the loopback server through the command line
(tests/support/caches.py), then attacked as a disk, a crash, a copy or a colleague on the same
host would. What must hold: nothing is ever deleted, a good cache is never called bad, every
failure is one sentence with no traceback, and read/starred state survives what can survive.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsreader_tui.cli import main
from newsreader_tui.core.media import image_cache
from newsreader_tui.core.store import Store
from support.caches import (
    Cache,
    as_reader,
    fill_cache,
    flip_pages,
    freeze,
    mode,
    quick_check,
    shared_base,
    spread_pages,
    states,
)


def damaged_aside(data_dir: Path) -> list[Path]:
    return sorted(data_dir.glob("cache.sqlite3.damaged-*[0-9]"))


def one_sentence(err: str) -> str:
    """The one line the command printed on stderr (and that there was one only)."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


# -- item 10: permissions ------------------------------------------------------------------


@pytest.fixture
def loose_data_dir(cache: Cache, tmp_path: Path) -> Cache:
    """A data dir as versions before issue 7 left it: 0755, cache 0644, images 0755/0644; plus
    a link inside it to a file outside it and a file of the user's own, both 0644."""
    images = cache.data_dir / "images" / "ab"
    images.mkdir(parents=True)
    (images / "abcd.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    outside = tmp_path / "outside.txt"
    outside.write_text("not ours")
    (cache.data_dir / "images" / "link.png").symlink_to(outside)
    (cache.data_dir / "notes.txt").write_text("the user's own")
    for path in [cache.data_dir, cache.data_dir / "images", images]:
        path.chmod(0o755)
    for path in [cache.path, images / "abcd.png", outside, cache.data_dir / "notes.txt"]:
        path.chmod(0o644)
    return cache


def test_loose_data_dir_is_made_private_on_start(
    loose_data_dir: Cache, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = loose_data_dir.data_dir
    assert main(loose_data_dir.argv("list", "--limit", "1")) == 0
    assert capsys.readouterr().err == ""
    assert mode(data) == 0o700
    assert {mode(p) for p in data.glob("cache.sqlite3*")} == {0o600}
    assert mode(data / "images") == mode(data / "images" / "ab") == 0o700
    assert mode(data / "images" / "ab" / "abcd.png") == 0o600
    # Never through a link, never what is not ours.
    assert mode(tmp_path / "outside.txt") == 0o644
    assert mode(data / "notes.txt") == 0o644


def test_new_data_dir_and_cache_are_private(httpserver: HTTPServer, tmp_path: Path) -> None:
    cache = fill_cache(httpserver, tmp_path)
    assert mode(cache.data_dir) == 0o700
    assert {mode(p) for p in cache.data_dir.glob("cache.sqlite3*")} == {0o600}


def test_images_folder_is_the_image_caches() -> None:
    from newsreader_tui.core.store import private

    assert private.IMAGES_DIR == image_cache.IMAGES_DIR


@pytest.mark.skipif(
    os.geteuid() != 0,
    reason="only root can make a file owned by another user; CI runs as root",
)
def test_data_dir_of_another_user_is_said_once(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    with shared_base() as base:
        cache = fill_cache(httpserver, base)
        for path in [cache.data_dir, *cache.data_dir.iterdir()]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        capsys.readouterr()
        with as_reader():  # root's files, 0644: nobody can read them but not change them
            assert main(cache.argv("list", "--limit", "1")) == 0
        out, err = capsys.readouterr()
    assert "Bài" in out
    lines = err.strip().splitlines()
    assert sum("could not be made private" in line for line in lines) == 1
    assert "Traceback" not in err


def test_import_opml_writes_a_new_config_private_and_keeps_a_users_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head/><body>'
        '<outline text="Báo" xmlUrl="https://bao.example.vn/rss"/></body></opml>',
        encoding="utf-8",
    )
    new = tmp_path / "new" / "config.toml"
    assert main(["--config", str(new), "import-opml", str(opml)]) == 0
    assert mode(new) == 0o600
    shared = tmp_path / "shared.toml"
    shared.write_text("[settings]\n", encoding="utf-8")
    shared.chmod(0o644)  # the user's choice, kept
    assert main(["--config", str(shared), "import-opml", str(opml)]) == 0
    assert mode(shared) == 0o644


# -- item 12: a cache that is not a database, or is damaged ---------------------------------


@pytest.fixture
def garbage_header(cache: Cache) -> Cache:
    """The cache's first page overwritten with text: SQLite no longer sees a database."""
    data = bytearray(cache.path.read_bytes())
    data[:100] = b"this is not sqlite, just text someone wrote over the header ".ljust(100, b"!")
    cache.path.write_bytes(bytes(data))
    return cache


@pytest.fixture
def truncated_file(cache: Cache) -> Cache:
    """The cache cut to a third of its length, as a copy that broke off leaves it."""
    data = cache.path.read_bytes()
    cache.path.write_bytes(data[: len(data) // 3])
    return cache


@pytest.fixture
def flipped_pages(cache: Cache) -> Cache:
    """Five pages across the file scrambled, as a failing disk leaves them."""
    flip_pages(cache.path, spread_pages(cache.path))
    assert quick_check(cache.path) != "ok"
    return cache


@pytest.mark.parametrize("attack", ["garbage_header", "truncated_file", "flipped_pages"])
def test_damaged_cache_is_moved_aside_and_rebuilt(
    attack: str, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> None:
    cache: Cache = request.getfixturevalue(attack)
    damaged = cache.path.read_bytes()
    capsys.readouterr()
    assert main(cache.argv("list", "--starred", "--limit", "500")) == 0
    out, err = capsys.readouterr()
    sentence = one_sentence(err)
    assert "was damaged" in sentence and "moved to" in sentence
    (aside,) = damaged_aside(cache.data_dir)
    assert aside.read_bytes() == damaged  # moved, never changed or deleted
    assert str(aside) in sentence
    assert quick_check(cache.path) == "ok"
    # What could be read came over with its state; nothing came back with another state.
    kept = states(cache.path)
    assert all(cache.state[key] == state for key, state in kept.items())
    if attack != "garbage_header":
        # A third of the file holds a quarter of the articles; five bad pages lose a few.
        least = {"truncated_file": 0.2, "flipped_pages": 0.75}[attack]
        assert len(kept) >= least * len(cache.state)
        starred = [key for key, (_, star) in kept.items() if star]
        assert len(out.strip().splitlines()) == len(starred) > 0
    # Said once: the next command has nothing to say and finds the same articles.
    assert main(cache.argv("list", "--limit", "500")) == 0
    again_out, again_err = capsys.readouterr()
    assert again_err == ""
    assert len(again_out.strip().splitlines()) == len(kept)


def test_rebuilt_cache_carries_state_into_the_next_refresh(
    flipped_pages: Cache, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(flipped_pages.argv("refresh")) == 0
    after = states(flipped_pages.path)
    assert set(after) == set(flipped_pages.state)  # every article back from the feed
    carried = {key for key in after if after[key] != (False, False)}
    assert carried <= {key for key, s in flipped_pages.state.items() if s != (False, False)}
    assert carried  # some read/starred state came over from the damaged file


@pytest.fixture
def damage_behind_a_clean_note(cache: Cache) -> Cache:
    """Pages scrambled without changing the file's size or time: the start-up check is
    skipped, and the damage is met by a query."""
    main(cache.argv("feeds"))  # a clean close notes the file as checked
    flip_pages(cache.path, spread_pages(cache.path), keep_mtime=True)
    return cache


def test_damage_met_by_a_query_is_one_sentence_then_rebuilt(
    damage_behind_a_clean_note: Cache, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = damage_behind_a_clean_note
    capsys.readouterr()
    assert main(cache.argv("list", "--starred")) == 1  # the status says it could not list
    sentence = one_sentence(capsys.readouterr().err)
    assert "is damaged" in sentence and "start newsreader-tui again" in sentence
    assert damaged_aside(cache.data_dir) == []
    # The query forgot the clean note: the next start checks, moves the file aside, rebuilds.
    assert main(cache.argv("search", "hội nghị")) == 0
    assert "was damaged" in one_sentence(capsys.readouterr().err)
    assert len(damaged_aside(cache.data_dir)) == 1


def test_a_store_opened_directly_still_refuses_a_file_that_is_not_a_cache(
    garbage_header: Cache,
) -> None:
    """Only the cache of our own data dir is rebuilt (`open_cache`); a file handed to
    `Store.open` is someone's: refused, untouched."""
    before = garbage_header.path.read_bytes()
    with pytest.raises(Exception, match="not a newsreader-tui cache"):
        Store.open(garbage_header.path)
    assert garbage_header.path.read_bytes() == before


# -- item 11: a data dir that cannot be written --------------------------------------------


@pytest.fixture
def read_only_dir(httpserver: HTTPServer) -> Iterator[Cache]:
    """A filled cache whose data dir was made read-only (chmod a-w) after a clean close."""
    with shared_base() as base:
        cache = fill_cache(httpserver, base)
        freeze(cache.data_dir)
        yield cache


def test_read_only_cache_is_read_and_not_called_bad(
    read_only_dir: Cache, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = read_only_dir
    before = cache.path.read_bytes()
    names = sorted(p.name for p in cache.data_dir.iterdir())
    capsys.readouterr()
    with as_reader():
        listed = main(cache.argv("list", "--limit", "500"))
        shown = main(cache.argv("show", "1"))
        found = main(cache.argv("search", "hội nghị", "--limit", "3"))
        marked = main(cache.argv("mark", "--read", "2"))
    out, err = capsys.readouterr()
    assert (listed, shown, found) == (0, 0, 0)
    assert out.count("Bài") >= len(cache.state)
    assert "not a newsreader-tui cache" not in err and "Traceback" not in err
    lines = err.strip().splitlines()
    # list, show, search say it once each; mark fails with it.
    assert lines == ["newsreader-tui: Changes cannot be saved: the cache "
                     f"{cache.path} is read-only."] * 4  # fmt: skip
    assert marked == 1
    assert cache.path.read_bytes() == before
    assert sorted(p.name for p in cache.data_dir.iterdir()) == names


def test_read_only_store_reads_and_refuses_writes_in_a_sentence(read_only_dir: Cache) -> None:
    from newsreader_tui.core.store import open_cache

    with as_reader():
        store = open_cache(read_only_dir.path)
    with store:
        assert store.read_only
        assert [p.code for p in store.notices] == ["store.read_only"]
        assert store.count_articles() == len(read_only_dir.state)
        assert store.search("hoi nghi", limit=5)
        with pytest.raises(Exception, match="Changes cannot be saved") as info:
            store.mark([1], read=True, now=store.articles(limit=1)[0].first_seen)
        assert info.value.problem.code == "store.read_only"
