"""A cache that will take seconds to upgrade (schema v6 indexes every article again) is
announced on stderr before it starts, once; the command line and the reader both go through
`cli.open_store`, so neither seems to hang on its first start after an update."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader_tui.cli import main
from newsreader_tui.core.store import schema, slow_upgrade_pending
from support import old_caches


def v5_cache(path: Path, articles: int) -> None:
    rows = ((n + 1, f"Hội nghị Đảng bộ lần thứ {n}", "", "", True) for n in range(articles))
    old_caches.v5_cache(path, rows)


def test_a_large_old_cache_is_announced_before_its_upgrade_and_only_then(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    data = tmp_path / "data"
    v5_cache(data / "cache.sqlite3", schema.SLOW_UPGRADE_ARTICLES)
    assert slow_upgrade_pending(data / "cache.sqlite3")
    argv = ["--config", str(tmp_path / "none.toml"), "--data-dir", str(data)]
    assert main([*argv, "list", "--limit", "1"]) == 0
    err = capsys.readouterr().err
    assert "Đang nâng cấp bộ nhớ đệm" in err
    assert not slow_upgrade_pending(data / "cache.sqlite3")
    assert main([*argv, "list", "--limit", "1"]) == 0
    assert "nâng cấp" not in capsys.readouterr().err


def test_small_new_missing_or_unreadable_caches_are_not_announced(tmp_path: Path) -> None:
    v5_cache(tmp_path / "small.sqlite3", 10)
    assert not slow_upgrade_pending(tmp_path / "small.sqlite3")
    assert not slow_upgrade_pending(tmp_path / "missing.sqlite3")
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database at all" * 100)
    assert not slow_upgrade_pending(tmp_path / "junk.sqlite3")
