"""The declared settings against what describes them: the example config and README's tables.

A setting is declared once (core/config/settings.py, core/config/feeds.py); these tests fail when
the example config or README drifts from the declarations, so that adding a setting in one place
and forgetting another is caught here rather than by a user.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsreader_tui.core.config import (
    FEED_KEYS,
    SETTINGS,
    Settings,
    default_config_text,
    load_config,
)
from newsreader_tui.core.errors import ConfigError

README = Path(__file__).resolve().parents[2] / "README.md"
SETTINGS_MARK = "<!-- settings table: checked against the declarations by test_config_schema.py -->"
FEEDS_MARK = "<!-- feed keys table: checked against the declarations by test_config_schema.py -->"


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def settings_table() -> list[str]:
    """README's `[settings]` table, as the declarations say it should read."""
    rows = ["| key | default | what it does |", "| --- | --- | --- |"]
    for item, _network in SETTINGS:
        if item.spec.shown is not None:
            default = f"`{item.spec.shown}`"
        elif item.default is None:
            default = "not set"
        else:
            default = f"`{toml_value(item.default)}`"
        rows.append(f"| `{item.key}` | {default} | {item.spec.doc} |")
    return rows


def feeds_table() -> list[str]:
    rows = ["| key | what it does |", "| --- | --- |"]
    rows.extend(f"| `{item.key}` | {item.doc} |" for item in FEED_KEYS)
    return rows


def readme_table(mark: str) -> list[str]:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert mark in lines, f"README.md has lost the line {mark!r}"
    start = lines.index(mark) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    return lines[start:end]


def settings_block(text: str) -> list[str]:
    """The example's `[settings]` lines: from its header to the first blank line."""
    lines = text.splitlines()
    start = lines.index("[settings]") + 1
    end = lines.index("", start)
    return lines[start:end]


COMMENTED = re.compile(r"^#\s*([a-z_]+)\s*=")


def file_keys(item: Any) -> tuple[str, ...]:
    return (item.key,) + ((item.spec.alias[0],) if item.spec.alias else ())


def test_readme_settings_table_matches_the_declarations() -> None:
    expected = settings_table()
    assert readme_table(SETTINGS_MARK) == expected, (
        "README.md's settings table is out of date; it should read:\n" + "\n".join(expected)
    )


def test_readme_feed_keys_table_matches_the_declarations() -> None:
    expected = feeds_table()
    assert readme_table(FEEDS_MARK) == expected, (
        "README.md's feed keys table is out of date; it should read:\n" + "\n".join(expected)
    )


def test_every_setting_is_in_the_example() -> None:
    """Set to its default, or commented out when it has no value until the user gives one."""
    block = settings_block(default_config_text())
    active = tomllib.loads(default_config_text())["settings"]
    commented = {m.group(1) for line in block if (m := COMMENTED.match(line))}
    for item, _network in SETTINGS:
        names = file_keys(item)
        if item.default is None and item.spec.shown is None:
            assert any(name in commented for name in names), f"{item.key} is not in the example"
        else:
            assert any(name in active for name in names), f"{item.key} is not set in the example"


def test_the_example_gives_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(default_config_text(), encoding="utf-8")
    settings = load_config(path)
    assert replace(settings, feeds=(), keys={}, source=None) == Settings()


def test_commented_settings_in_the_example_are_valid(tmp_path: Path) -> None:
    """What the example suggests works when uncommented."""
    block = [line for line in settings_block(default_config_text()) if COMMENTED.match(line)]
    assert block
    bundle = tmp_path / "ca.pem"
    bundle.write_text("x")
    for line in block:
        path = tmp_path / "config.toml"
        path.write_text(f"[settings]\n{line.lstrip('# ')}\n", encoding="utf-8")
        load_config(path)


SHOWN = [pair for pair in SETTINGS if pair[0].spec.shown]


@pytest.mark.parametrize(("item", "network"), SHOWN, ids=[item.key for item, _ in SHOWN])
def test_shown_defaults_load_to_the_default(tmp_path: Path, item: Any, network: bool) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"[settings]\n{item.key} = {item.spec.shown}\n", encoding="utf-8")
    settings = load_config(path)
    assert getattr(settings.network if network else settings, item.key) == item.default


@pytest.mark.parametrize(("item", "network"), SETTINGS, ids=[i.key for i, _ in SETTINGS])
def test_every_setting_lands_where_declared(tmp_path: Path, item: Any, network: bool) -> None:
    """A setting written in the file is the value its part of Settings holds: none is checked
    and then dropped on the way."""
    candidates = {
        "proxy": '"http://127.0.0.1:3128"',
        "verify": "false",
        "user_agent": '"Test/1.0"',
        "language": '"en"',
        "theme": '"nord"',
        "images": '"off"',
        "timezone": '"Asia/Ho_Chi_Minh"',
        "refresh_on_start": "false",
        "full_text": "true",
        "reload_minutes": "30",
    }
    written = candidates.get(item.key, "3")
    path = tmp_path / "config.toml"
    path.write_text(f"[settings]\n{item.key} = {written}\n", encoding="utf-8")
    value = getattr(load_config(path).network if network else load_config(path), item.key)
    assert value != item.default
    assert value == tomllib.loads(f"v = {written}")["v"]


def test_messages_never_echo_terminal_controls(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[settings]\nimages = "\\u001b[2Jred"\n"\\u001b]0;x\\u0007" = 1\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert "line 2: settings.images must be one of" in message
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", message)


def test_user_agent_must_be_a_header(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[settings]\nuser_agent = "Trình đọc tin"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"line 2: settings\.user_agent must be printable ASCII"):
        load_config(path)
