"""How a setting is declared: once, as a dataclass field that carries its check and its doc.

`setting(default, check, doc)` is everything a new `[settings]` key needs. Validation loops
over the declared fields, and the tests hold the example config and README's table against the
same declarations, so a setting cannot be accepted but never used, or documented but unknown:
the drift that let `user_agent` be validated while the fetcher never saw it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from newsreader_tui.core.errors import Problem

__all__ = ["Check", "Declared", "Invalid", "Spec", "declared_settings", "setting"]

Check = Callable[[Any, Path], Any]
"""Turns a value as tomllib read it into the typed value, or raises `Invalid`. The path is the
folder of the config file, so that a relative path in it means the same from any working
directory."""


class Invalid(ValueError):
    """A value in the file is wrong. The message is only the problem ('must be a number (got
    "20")', a `check.*` problem of core.errors): the validator, which knows them, adds the
    file, the line and the key."""

    def __init__(self, code: str, **params: object) -> None:
        self.problem = Problem.of(code, **params)
        super().__init__(self.problem.text)


@dataclass(frozen=True)
class Spec:
    """What the file may say about one setting, beyond its type and default."""

    check: Check
    doc: str
    """One line for README's table."""
    shown: str | None = None
    """How the default is written in the file, for a default with no TOML spelling of its own
    (None for `language`, which the file writes "auto"); checked by the tests to load back to it."""
    alias: tuple[str, Check] | None = None
    """A second key setting the same value in other units (`max_mb` for `max_bytes`)."""


_SPEC = "newsreader_tui.config.spec"


def setting(
    default: Any,
    check: Check,
    doc: str,
    *,
    shown: str | None = None,
    alias: tuple[str, Check] | None = None,
) -> Any:
    """A dataclass field that is also a `[settings]` key of the same name."""
    return field(default=default, metadata={_SPEC: Spec(check, doc, shown, alias)})


@dataclass(frozen=True)
class Declared:
    """One declared setting: its key in `[settings]` (the field name), default and spec."""

    key: str
    default: Any
    spec: Spec


def declared_settings(cls: type) -> tuple[Declared, ...]:
    """The settings `cls` declares with `setting()`, in field order. Fields without it (nested
    parts, internal defaults such as the fetcher's backoff) are not keys of the file."""
    return tuple(
        Declared(item.name, item.default, item.metadata[_SPEC])
        for item in fields(cls)
        if _SPEC in item.metadata
    )
