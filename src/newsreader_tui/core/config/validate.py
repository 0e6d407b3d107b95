"""Parsed TOML -> `Settings`, by looping over the declared settings and feed keys.

No key has a branch of its own: a key's check comes from its declaration, and only what spans
keys is written out here (`max_mb` against `max_bytes`, `kind` against `[feeds.json]`, repeated
URLs). Every error is one sentence naming the file, the line and the key, because the person
reading it is editing that file by hand.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

from newsreader_tui.core.errors import ConfigError, Problem
from newsreader_tui.core.models import JSON_PATH_FIELDS, FeedConfig

from .checks import stripped
from .feeds import (
    FEED_KEY_NAMES,
    FEED_KEYS,
    JSON_KEY,
    JSON_PATH_CHECK,
    JSON_REQUIRED_FIELDS,
    feed_identity,
)
from .locate import Locator
from .schema import Check, Declared, Invalid
from .settings import SETTINGS, NetworkSettings, Settings

__all__ = ["Validator"]

TOP_KEYS: tuple[str, ...] = ("settings", "feeds", "keys")


def _settings_by_key() -> dict[str, tuple[Declared, bool, Check]]:
    """Every key `[settings]` accepts, aliases included -> (its setting, whether that is in
    `Settings.network`, the check for this spelling)."""
    by_key: dict[str, tuple[Declared, bool, Check]] = {}
    for item, network in SETTINGS:
        by_key[item.key] = (item, network, item.spec.check)
        if item.spec.alias is not None:
            alias, check = item.spec.alias
            by_key[alias] = (item, network, check)
    return by_key


_BY_KEY = _settings_by_key()

_FEED_KEYS = {item.key: item for item in FEED_KEYS}


def _unknown(code: str, key: str, allowed: Iterable[str]) -> Problem:
    """`code` (an unknown table, setting, key or path), or its `_close` form naming the
    allowed name closest to `key`."""
    close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
    return Problem.of(f"{code}_close", close=close[0]) if close else Problem.of(code)


class Validator:
    """Turns the parsed TOML into Settings, raising on the first problem found."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.where = Locator(text)

    def fail(self, line: int | None, name: str, problem: Problem | str, **params: Any) -> NoReturn:
        """Raise the error naming the file, `line` and key `name`; `problem` is what is wrong
        with it, a `check.*` code (with `params`) or a Problem."""
        if isinstance(problem, str):
            problem = Problem.of(problem, **params)
        # Keys and values are echoed from the file, where "\u001b[2J" is a valid string: the
        # message reaches a terminal, and Problem cleans every param of controls and escapes.
        if line:
            error = Problem.of(
                "config.invalid_at", path=self.path, line=line, key=name, inner=problem
            )
        else:
            error = Problem.of("config.invalid", path=self.path, key=name, inner=problem)
        raise ConfigError(error)

    def check(self, check: Check, value: Any, line: int | None, name: str) -> Any:
        """`check(value)`, its complaint turned into the one-sentence error."""
        try:
            return check(value, self.path.parent)
        except Invalid as invalid:
            self.fail(line, name, invalid.problem)

    def settings(self, raw: dict[str, Any]) -> Settings:
        for key in raw:
            if key not in TOP_KEYS:
                problem = _unknown("check.unknown_table", key, TOP_KEYS)
                self.fail(self.where.table(key), key, problem)
        table = raw.get("settings", {})
        if not isinstance(table, dict):
            self.fail(self.where.table("settings"), "settings", "check.table")
        top, network = self._settings(table)
        feeds = self._feeds(raw.get("feeds", []), top.get("full_text", False))
        return Settings(
            network=NetworkSettings(**network),
            **top,
            feeds=feeds,
            keys=self._keys(raw.get("keys", {})),
            source=self.path,
        )

    def _settings(self, table: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """The `[settings]` values, checked in the file's order so that the first mistake in
        the file is the one reported; split into (Settings fields, NetworkSettings fields)."""
        top: dict[str, Any] = {}
        network: dict[str, Any] = {}
        given: dict[str, str] = {}
        for key, value in table.items():
            line = self.where.table("settings", key)
            if key not in _BY_KEY:
                problem = _unknown("check.unknown_setting", key, _BY_KEY)
                self.fail(line, f"settings.{key}", problem)
            item, in_network, check = _BY_KEY[key]
            if item.key in given:
                # Only an alias can meet its setting here: TOML refuses a key written twice.
                self.fail(
                    self.where.table("settings", item.key),
                    f"settings.{item.key}",
                    "check.alias_twice",
                    other=given[item.key],
                )
            given[item.key] = key
            values = network if in_network else top
            values[item.key] = self.check(check, value, line, f"settings.{key}")
        return top, network

    def _feeds(self, raw: Any, full_text: bool) -> tuple[FeedConfig, ...]:
        if not isinstance(raw, list):
            self.fail(self.where.table("feeds"), "feeds", "check.feeds_array")
        feeds: list[FeedConfig] = []
        first_line: dict[str, tuple[int, int | None]] = {}
        for index, entry in enumerate(raw):
            feed = self._feed(index, entry, full_text)
            key = feed_identity(feed.url)
            line = self.where.feed(index, "url")
            if key in first_line:
                other, other_line = first_line[key]
                self.fail(
                    line,
                    f"feeds[{index + 1}].url",
                    "check.repeated_url",
                    other=other + 1,
                    other_line=other_line,
                    url=feed.url,
                )
            first_line[key] = (index, line)
            feeds.append(feed)
        return tuple(feeds)

    def _feed(self, index: int, entry: Any, full_text: bool) -> FeedConfig:
        name = f"feeds[{index + 1}]"
        if not isinstance(entry, dict):
            self.fail(self.where.feed(index), name, "check.table")
        for key in entry:
            if key not in _FEED_KEYS:
                self.fail(
                    self.where.feed(index, key),
                    f"{name}.{key}",
                    _unknown("check.unknown_feed_key", key, FEED_KEY_NAMES),
                )
        if "url" not in entry:
            self.fail(self.where.feed(index), name, "check.no_url")
        values: dict[str, Any] = {"full_text": full_text}  # the [settings] default
        for key, value in entry.items():
            if key != JSON_KEY:
                item = _FEED_KEYS[key]
                line = self.where.feed(index, key)
                values[item.field] = self.check(item.check, value, line, f"{name}.{key}")
        values["json_paths"] = self._json_paths(index, entry, values.get("kind", "auto"))
        return FeedConfig(**values)

    def _json_paths(self, index: int, entry: dict[str, Any], kind: str) -> dict[str, str]:
        name = f"feeds[{index + 1}]"
        if JSON_KEY not in entry:
            if kind == "json":
                self.fail(self.where.feed(index, "kind"), name, "check.json_missing")
            return {}
        table = entry[JSON_KEY]
        line = self.where.feed(index, JSON_KEY)
        if not isinstance(table, dict):
            self.fail(line, f"{name}.json", "check.json_table")
        if kind != "json":
            self.fail(line, f"{name}.json", "check.json_kind", kind=kind)
        paths: dict[str, str] = {}
        for key, value in table.items():
            key_line = self.where.feed(index, json_key=key)
            if key not in JSON_PATH_FIELDS:
                self.fail(
                    key_line,
                    f"{name}.json.{key}",
                    _unknown("check.unknown_path", key, JSON_PATH_FIELDS),
                )
            paths[key] = self.check(JSON_PATH_CHECK, value, key_line, f"{name}.json.{key}")
        for key in JSON_REQUIRED_FIELDS:
            if key not in paths:
                self.fail(line, f"{name}.json.{key}", "check.json_required")
        return paths

    def _keys(self, raw: Any) -> dict[str, str]:
        if not isinstance(raw, dict):
            self.fail(self.where.table("keys"), "keys", "check.keys_table")
        keys: dict[str, str] = {}
        for binding, value in raw.items():
            line, name = self.where.table("keys", binding), f"keys.{binding}"
            if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
                keys[binding] = ",".join(v.strip() for v in value)
            else:
                keys[binding] = self.check(stripped, value, line, name)
        return keys
