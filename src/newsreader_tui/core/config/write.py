"""Writing the config: TOML strings, `[[feeds]]` blocks, and appending feeds atomically.

The file is the user's: new feeds are appended as text, so their comments and layout stay
byte for byte, and the result is validated before it replaces the file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from newsreader_tui.core.models import FeedConfig

from .feeds import FEED_KEYS, JSON_KEY, feed_identity
from .load import decode_config_text, parse_text, unreadable

__all__ = ["add_feeds", "feed_block", "toml_string", "write_atomically"]


def toml_string(value: str) -> str:
    """`value` as a TOML basic string: quotes, backslashes and control characters escaped,
    everything else (Vietnamese included) kept as UTF-8."""
    out = ['"']
    for char in value:
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


_SHORT_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


_FEED_DEFAULTS = {item.name: item.default for item in fields(FeedConfig)}


def feed_block(feed: FeedConfig) -> str:
    """`feed` as a `[[feeds]]` entry, with the keys that differ from their default."""
    lines = ["[[feeds]]"]
    for item in FEED_KEYS:
        value = getattr(feed, item.field)
        if item.key == JSON_KEY or value in (None, "") or value == _FEED_DEFAULTS.get(item.field):
            continue
        lines.append(f"{item.key} = {_toml_value(value)}")
    if feed.json_paths:
        lines.append(f"[feeds.{JSON_KEY}]")
        lines.extend(f"{key} = {toml_string(path)}" for key, path in feed.json_paths.items())
    return "\n".join(lines) + "\n"


def add_feeds(path: Path, feeds: Sequence[FeedConfig]) -> list[FeedConfig]:
    """Append `[[feeds]]` entries for those of `feeds` whose URL the config does not have yet.

    The existing text is kept byte for byte, comments included, and only new blocks are
    appended, so nothing the user wrote is reformatted. The file (and its directory) is created
    when missing, and replaced atomically. Returns the feeds actually added, in order.
    """
    text = ""
    if path.exists():
        try:
            text = decode_config_text(path.read_bytes(), path)
        except OSError as exc:
            raise unreadable(path, exc) from exc
        # Refuse to append to a file that is already broken: the user should fix it first.
        existing = parse_text(text, path).feeds
    else:
        existing = ()
    seen = {feed_identity(feed.url) for feed in existing}
    added: list[FeedConfig] = []
    for feed in feeds:
        key = feed_identity(feed.url)
        if key not in seen:
            seen.add(key)
            added.append(feed)
    if not added:
        return []
    blocks = "\n".join(feed_block(feed) for feed in added)
    if text and not text.endswith("\n"):
        text += "\n"
    new_text = f"{text}\n{blocks}" if text else blocks
    # Validate before writing so a mistake here can never leave the user with a broken file
    # (e.g. a file that declares `feeds = [...]` inline cannot take `[[feeds]]` blocks).
    parse_text(new_text, path)
    write_atomically(path, new_text)
    return added


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            # mkstemp makes the file 0600; keep whatever the user chose for the original.
            os.chmod(temp, path.stat().st_mode & 0o7777)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
