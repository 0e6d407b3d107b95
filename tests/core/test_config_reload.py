"""`reload_minutes`: automatic refresh while the reader is open, off unless the file asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader_tui.core.config import Settings, load_config
from newsreader_tui.core.errors import ConfigError


def load(tmp_path: Path, line: str) -> Settings:
    path = tmp_path / "config.toml"
    path.write_text(f"[settings]\n{line}\n", encoding="utf-8")
    return load_config(path)


def test_off_unless_set(tmp_path: Path) -> None:
    assert Settings().reload_minutes == 0
    assert load(tmp_path, "reload_minutes = 0").reload_minutes == 0


@pytest.mark.parametrize(
    ("line", "minutes"), [("reload_minutes = 5", 5.0), ("reload_minutes = 7.5", 7.5)]
)
def test_minutes_from_the_minimum_on(tmp_path: Path, line: str, minutes: float) -> None:
    assert load(tmp_path, line).reload_minutes == minutes


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("reload_minutes = 1", "must be 0 (off) or at least 5 (got 1)"),
        ("reload_minutes = -5", "must be at least 0 (got -5)"),
        ('reload_minutes = "30"', 'must be a number (got "30")'),
    ],
)
def test_a_period_that_would_hammer_the_servers_is_refused(
    tmp_path: Path, line: str, problem: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, line)
    assert f"line 2: settings.reload_minutes {problem}" in str(caught.value)
