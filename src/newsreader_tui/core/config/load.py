"""Reading the config file: bytes -> text -> TOML -> validated `Settings`, and the example file."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

from newsreader_tui.core.errors import ConfigError, Problem

from .settings import Settings
from .validate import Validator

__all__ = ["decode_config_text", "default_config_text", "load_config", "parse_text"]

EXAMPLE_FILE = "example.toml"
"""The commented example config, shipped as package data next to this module."""


def load_config(path: Path) -> Settings:
    """Read and validate the config at `path`.

    A missing file gives `Settings()` with `source=None` so the caller can say where to put one;
    anything unreadable or invalid raises ConfigError.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise unreadable(path, exc) from exc
    return parse_text(decode_config_text(data, path), path)


def unreadable(path: Path, exc: OSError) -> ConfigError:
    """The error for a config file that exists but cannot be read."""
    return ConfigError(Problem.of("config.unreadable", path=path, detail=exc.strerror or exc))


def default_config_text() -> str:
    """A commented example config that users can copy and edit; it is itself valid."""
    return resources.files(__package__).joinpath(EXAMPLE_FILE).read_text(encoding="utf-8")


def decode_config_text(data: bytes, path: Path) -> str:
    """The file's text; ConfigError naming the line when it is not UTF-8."""
    try:
        # utf-8-sig: editors on Windows like to prepend a BOM, which tomllib rejects.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(Problem.of("config.not_utf8", path=path, line=line)) from exc


_TOML_POS_RE = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)\s*$")


def parse_text(text: str, path: Path) -> Settings:
    """Validated settings from the config text read from `path` (named in every error)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POS_RE.search(message)
        detail = message[: match.start()] if match else message
        detail = detail[:1].lower() + detail[1:]
        if match and match.group(1):
            line, column = int(match.group(1)), int(match.group(2))
            problem = Problem.of(
                "config.toml_at", path=path, line=line, column=column, detail=detail
            )
        else:
            line = max(1, text.count(chr(10)) + (0 if text.endswith(chr(10)) else 1))
            problem = Problem.of("config.toml", path=path, line=line, detail=detail)
        raise ConfigError(problem) from exc
    return Validator(path, text).settings(raw)
