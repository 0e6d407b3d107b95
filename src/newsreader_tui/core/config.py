"""The TOML config file: one typed, validated `Settings` object.

Every validation error is one plain sentence that names the file, the line and the key, because
the person reading it is editing that file by hand. tomllib reports no positions for values, so
`_Locator` finds them by scanning the text; that is best effort, but right for the usual layout
of one `key = value` per line under `[settings]` and `[[feeds]]` headers.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsreader_tui.core.errors import ConfigError
from newsreader_tui.core.models import FEED_KINDS, JSON_PATH_FIELDS, FeedConfig

JSON_REQUIRED_FIELDS: tuple[str, ...] = ("items", "title")
"""Paths a `[feeds.json]` table must give: without them there is nothing to list."""

LANGUAGES: tuple[str, ...] = ("vi", "en")
IMAGE_MODES: tuple[str, ...] = ("auto", "off", "kitty", "sixel", "halfblocks")
"""Values of `images`: how the reader draws pictures; "off" also stops downloading them."""


@dataclass(frozen=True)
class Settings:
    """Everything the config file can set. Every field has a default, so `Settings()` is a
    working configuration with no feeds."""

    timeout: float = 20.0
    """Seconds allowed for one feed's whole download."""
    connect_timeout: float = 10.0
    concurrency: int = 16
    """Feeds fetched at the same time."""
    per_host: int = 2
    """Feeds fetched at the same time from one host; Vietnamese portals throttle bursts."""
    max_bytes: int = 20 * 1024 * 1024
    """Largest response accepted; set in the file as `max_mb` (MB) or `max_bytes`."""
    max_items: int = 500
    """Items kept from one response of one feed."""
    retries: int = 2
    proxy: str | None = None
    verify: bool | str = True
    """TLS verification: true, false, or the path of a CA bundle file."""
    user_agent: str | None = None
    """None means the fetcher's own default."""
    retention_days: int = 180
    retention_per_feed: int | None = None
    timezone: str = "+07:00"
    """Zone for dates without one; most Vietnamese feeds mean Asia/Ho_Chi_Minh."""
    refresh_on_start: bool = True
    language: str | None = None
    """"vi", "en", or None to follow $LANG."""
    mark_read_delay: float = 0.0
    theme: str | None = None
    images: str = "auto"
    """One of IMAGE_MODES. Anything but "off" downloads article images after each refresh."""
    max_image_mb: float = 5.0
    """Largest image downloaded, in MB; bigger ones are skipped with a reason."""
    full_text: bool = False
    """Default `full_text` of feeds whose entry does not set it (applied when the file is read)."""
    feeds: tuple[FeedConfig, ...] = ()
    keys: Mapping[str, str] = field(default_factory=dict)
    """The `[keys]` table: binding id -> comma-separated keys, passed through to the UI keymap."""
    source: Path | None = None
    """The file these settings came from; None when no config file exists."""


def parse_timezone(text: str) -> tzinfo:
    """Read a zone as users write it: "UTC", "+07:00", "+0700", "GMT+7", "UTC-03:30" or an IANA
    name such as "Asia/Ho_Chi_Minh". Raises ValueError when it is none of these."""
    value = text.strip()
    if value.upper() in ("UTC", "GMT", "Z"):
        return UTC
    match = _OFFSET_RE.match(value)
    if match:
        sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3) or 0)
        if hours > 14 or minutes >= 60:
            raise ValueError(f"offset out of range: {text!r}")
        delta = timedelta(hours=hours, minutes=minutes)
        return timezone(-delta if sign == "-" else delta)
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        # OSError: names such as "Asia" resolve to a directory on some platforms.
        raise ValueError(f"unknown time zone: {text!r}") from exc


_OFFSET_RE = re.compile(r"^(?:(?:UTC|GMT)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


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
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror or exc})") from exc
    return _parse(_decode(data, path), path)


def default_config_text() -> str:
    """A commented example config that users can copy and edit; it is itself valid."""
    return _DEFAULT_CONFIG


def add_feeds(path: Path, feeds: Sequence[FeedConfig]) -> list[FeedConfig]:
    """Append `[[feeds]]` entries for those of `feeds` whose URL the config does not have yet.

    The existing text is kept byte for byte, comments included, and only new blocks are
    appended, so nothing the user wrote is reformatted. The file (and its directory) is created
    when missing, and replaced atomically. Returns the feeds actually added, in order.
    """
    text = ""
    if path.exists():
        try:
            text = _decode(path.read_bytes(), path)
        except OSError as exc:
            raise ConfigError(
                f"{path}: cannot read the config file ({exc.strerror or exc})"
            ) from exc
        # Refuse to append to a file that is already broken: the user should fix it first.
        existing = _parse(text, path).feeds
    else:
        existing = ()
    seen = {_url_key(feed.url) for feed in existing}
    added: list[FeedConfig] = []
    for feed in feeds:
        key = _url_key(feed.url)
        if key not in seen:
            seen.add(key)
            added.append(feed)
    if not added:
        return []
    blocks = "\n".join(_feed_block(feed) for feed in added)
    if text and not text.endswith("\n"):
        text += "\n"
    new_text = f"{text}\n{blocks}" if text else blocks
    # Validate before writing so a mistake here can never leave the user with a broken file
    # (e.g. a file that declares `feeds = [...]` inline cannot take `[[feeds]]` blocks).
    _parse(new_text, path)
    _write_atomically(path, new_text)
    return added


# --- reading -------------------------------------------------------------------------------


def _decode(data: bytes, path: Path) -> str:
    try:
        # utf-8-sig: editors on Windows like to prepend a BOM, which tomllib rejects.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{path}, line {line}: the file is not UTF-8 text") from exc


_TOML_POS_RE = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)\s*$")


def _parse(text: str, path: Path) -> Settings:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POS_RE.search(message)
        detail = message[: match.start()] if match else message
        detail = detail[:1].lower() + detail[1:]
        if match and match.group(1):
            where = f"line {match.group(1)}, column {match.group(2)}"
        else:
            where = f"line {max(1, text.count(chr(10)) + (0 if text.endswith(chr(10)) else 1))}"
        raise ConfigError(f"{path}, {where}: not valid TOML: {detail}") from exc
    return _Validator(path, text).settings(raw)


class _Lines:
    """Line numbers of one table's header and of the keys written under it."""

    def __init__(self, header: int | None) -> None:
        self.header = header
        self.keys: dict[str, int] = {}
        self.json: _Lines | None = None


class _Locator:
    """Finds the line of a table or key in TOML text, which tomllib does not report."""

    _ARRAY_RE = re.compile(r"^\s*\[\[\s*([^\]]+?)\s*\]\]\s*(?:#.*)?$")
    _TABLE_RE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
    _KEY_RE = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*(?:\.\s*([^=\s]+))?\s*=""")

    def __init__(self, text: str) -> None:
        self.top = _Lines(None)
        self.tables: dict[str, _Lines] = {}
        self.feeds: list[_Lines] = []
        current = self.top
        in_string: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string:
                # Text inside a multi-line string can look like a header; skip to its end.
                if line.count(in_string) % 2 == 1:
                    in_string = None
                continue
            if (array := self._ARRAY_RE.match(line)) is not None:
                name = _header_name(array.group(1))
                current = _Lines(number)
                if name == "feeds":
                    self.feeds.append(current)
                else:
                    self.tables.setdefault(name, current)
            elif (table := self._TABLE_RE.match(line)) is not None:
                name = _header_name(table.group(1))
                current = _Lines(number)
                if name == "feeds.json" and self.feeds:
                    self.feeds[-1].json = current
                else:
                    self.tables.setdefault(name, current)
            elif (key := self._KEY_RE.match(line)) is not None:
                current.keys.setdefault(key.group(1).strip("\"'"), number)
                if key.group(2):
                    dotted = f"{key.group(1).strip(chr(34) + chr(39))}.{key.group(2)}"
                    current.keys.setdefault(dotted.replace('"', "").replace("'", ""), number)
            for quote in ('"""', "'''"):
                if line.count(quote) % 2 == 1:
                    in_string = quote
                    break

    def table(self, name: str, key: str | None = None) -> int | None:
        """Line of `key` in `[name]`, else of the header, else of a top-level `name = ...`."""
        lines = self.tables.get(name)
        if lines is not None:
            if key is not None and key in lines.keys:
                return lines.keys[key]
            return lines.header
        if key is not None and f"{name}.{key}" in self.top.keys:
            return self.top.keys[f"{name}.{key}"]
        return self.top.keys.get(name)

    def feed(self, index: int, key: str | None = None, json_key: str | None = None) -> int | None:
        """Line of the `index`th (0-based) `[[feeds]]` entry, of one of its keys, or of a key
        in its `[feeds.json]` table."""
        if index >= len(self.feeds):
            return self.top.keys.get("feeds")
        lines = self.feeds[index]
        if json_key is not None:
            if lines.json is not None:
                return lines.json.keys.get(json_key, lines.json.header)
            return lines.keys.get(f"json.{json_key}", lines.keys.get("json", lines.header))
        if key == "json" and lines.json is not None and "json" not in lines.keys:
            return lines.json.header
        if key is not None:
            return lines.keys.get(key, lines.header)
        return lines.header


def _header_name(raw: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in raw.split("."))


_SETTINGS_KEYS: tuple[str, ...] = (
    "timeout",
    "connect_timeout",
    "concurrency",
    "per_host",
    "max_mb",
    "max_bytes",
    "max_items",
    "retries",
    "proxy",
    "verify",
    "user_agent",
    "retention_days",
    "retention_per_feed",
    "timezone",
    "refresh_on_start",
    "language",
    "mark_read_delay",
    "theme",
    "images",
    "max_image_mb",
    "full_text",
)
_FEED_KEYS: tuple[str, ...] = (
    "url",
    "title",
    "category",
    "kind",
    "timezone",
    "max_items",
    "timeout",
    "full_text",
    "content_selector",
    "json",
)
_TOP_KEYS: tuple[str, ...] = ("settings", "feeds", "keys")


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _suggest(key: str, allowed: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
    return f'; did you mean "{close[0]}"?' if close else ""


class _Validator:
    """Turns the parsed TOML into Settings, raising on the first problem found."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.where = _Locator(text)

    def fail(self, line: int | None, name: str, problem: str) -> NoReturn:
        prefix = f"{self.path}, line {line}" if line else f"{self.path}"
        raise ConfigError(f"{prefix}: {name} {problem}")

    def settings(self, raw: dict[str, Any]) -> Settings:
        for key in raw:
            if key not in _TOP_KEYS:
                line = self.where.table(key)
                hint = _suggest(key, _TOP_KEYS) or " (expected [settings], [[feeds]] or [keys])"
                self.fail(line, key, f"is not a known table{hint}")
        values: dict[str, Any] = {}
        table = raw.get("settings", {})
        if not isinstance(table, dict):
            self.fail(self.where.table("settings"), "settings", "must be a table")
        for key in table:
            if key not in _SETTINGS_KEYS:
                line = self.where.table("settings", key)
                self.fail(
                    line,
                    f"settings.{key}",
                    f"is not a known setting{_suggest(key, _SETTINGS_KEYS)}",
                )
        values.update(self._settings_values(table))
        values["feeds"] = self._feeds(raw.get("feeds", []), values.get("full_text", False))
        values["keys"] = self._keys(raw.get("keys", {}))
        return Settings(**values, source=self.path)

    def _settings_values(self, table: dict[str, Any]) -> dict[str, Any]:
        def at(key: str) -> tuple[int | None, str]:
            return self.where.table("settings", key), f"settings.{key}"

        out: dict[str, Any] = {}
        for key in ("timeout", "connect_timeout"):
            if key in table:
                out[key] = self.number(table[key], *at(key), minimum=0.0, inclusive=False)
        if "mark_read_delay" in table:
            out["mark_read_delay"] = self.number(
                table["mark_read_delay"], *at("mark_read_delay"), minimum=0.0
            )
        for key, minimum in (
            ("concurrency", 1),
            ("per_host", 1),
            ("max_items", 1),
            ("retries", 0),
            ("retention_days", 1),
            ("retention_per_feed", 1),
        ):
            if key in table:
                out[key] = self.integer(table[key], *at(key), minimum=minimum)
        if "max_mb" in table and "max_bytes" in table:
            self.fail(
                at("max_bytes")[0],
                "settings.max_bytes",
                "cannot be set together with settings.max_mb",
            )
        if "max_mb" in table:
            megabytes = self.number(table["max_mb"], *at("max_mb"), minimum=0.0, inclusive=False)
            out["max_bytes"] = max(1, int(megabytes * 1024 * 1024))
        if "max_bytes" in table:
            out["max_bytes"] = self.integer(table["max_bytes"], *at("max_bytes"), minimum=1)
        for key in ("refresh_on_start", "full_text"):
            if key in table:
                out[key] = self.boolean(table[key], *at(key))
        if "images" in table:
            mode = self.string(table["images"], *at("images")).strip().lower()
            if mode not in IMAGE_MODES:
                choices = ", ".join(f'"{m}"' for m in IMAGE_MODES)
                self.fail(*at("images"), f"must be one of {choices} (got {_show(mode)})")
            out["images"] = mode
        if "max_image_mb" in table:
            out["max_image_mb"] = self.number(
                table["max_image_mb"], *at("max_image_mb"), minimum=0.0, inclusive=False
            )
        for key in ("theme", "user_agent"):
            if key in table:
                out[key] = self.string(table[key], *at(key), allow_empty=False)
        if "proxy" in table:
            proxy = self.string(table["proxy"], *at("proxy")).strip()
            parts = urlsplit(proxy)
            if proxy and not (
                parts.scheme in ("http", "https", "socks5", "socks5h") and parts.netloc
            ):
                self.fail(
                    *at("proxy"),
                    f"must be a http://, https:// or socks5:// URL (got {_show(proxy)})",
                )
            out["proxy"] = proxy or None
        if "verify" in table:
            out["verify"] = self._verify(table["verify"], *at("verify"))
        if "timezone" in table:
            out["timezone"] = self.zone(table["timezone"], *at("timezone"))
        if "language" in table:
            language = self.string(table["language"], *at("language")).strip().lower()
            if language not in (*LANGUAGES, "auto"):
                self.fail(*at("language"), f'must be "vi", "en" or "auto" (got {_show(language)})')
            out["language"] = None if language == "auto" else language
        return out

    def _verify(self, value: Any, line: int | None, name: str) -> bool | str:
        if isinstance(value, bool):
            return value
        if not isinstance(value, str) or not value.strip():
            self.fail(
                line, name, f"must be true, false or the path of a CA bundle (got {_show(value)})"
            )
        bundle = Path(value).expanduser()
        if not bundle.is_absolute():
            # Relative to the config file, not to wherever the app happens to be started.
            bundle = self.path.parent / bundle
        if not bundle.exists():
            self.fail(line, name, f"names a CA bundle that does not exist ({bundle})")
        return str(bundle)

    def _feeds(self, raw: Any, full_text: bool) -> tuple[FeedConfig, ...]:
        if not isinstance(raw, list):
            self.fail(self.where.table("feeds"), "feeds", "must be written as [[feeds]] entries")
        feeds: list[FeedConfig] = []
        first_line: dict[str, tuple[int, int | None]] = {}
        for index, entry in enumerate(raw):
            feed = self._feed(index, entry, full_text)
            key = _url_key(feed.url)
            line = self.where.feed(index, "url")
            if key in first_line:
                other, other_line = first_line[key]
                self.fail(
                    line,
                    f"feeds[{index + 1}].url",
                    f"repeats the URL of feeds[{other + 1}] on line {other_line} ({feed.url})",
                )
            first_line[key] = (index, line)
            feeds.append(feed)
        return tuple(feeds)

    def _feed(self, index: int, entry: Any, full_text: bool = False) -> FeedConfig:
        name = f"feeds[{index + 1}]"
        if not isinstance(entry, dict):
            self.fail(self.where.feed(index), name, "must be a table")

        def at(key: str) -> tuple[int | None, str]:
            return self.where.feed(index, key), f"{name}.{key}"

        for key in entry:
            if key not in _FEED_KEYS:
                self.fail(*at(key), f"is not a known feed key{_suggest(key, _FEED_KEYS)}")
        if "url" not in entry:
            self.fail(
                self.where.feed(index),
                name,
                'has no url (every [[feeds]] entry needs url = "https://...")',
            )
        url = self.string(entry["url"], *at("url")).strip()
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            self.fail(*at("url"), f"must be an http:// or https:// URL (got {_show(url)})")
        kind = self.string(entry.get("kind", "auto"), *at("kind")).strip().lower()
        if kind not in FEED_KINDS:
            self.fail(*at("kind"), f"must be one of {', '.join(FEED_KINDS)} (got {_show(kind)})")
        return FeedConfig(
            url=url,
            title=self._text(entry, "title", at),
            category=self._text(entry, "category", at),
            kind=kind,
            json_paths=self._json_paths(index, entry, kind),
            timezone=self.zone(entry["timezone"], *at("timezone")) if "timezone" in entry else None,
            max_items=(
                self.integer(entry["max_items"], *at("max_items"), minimum=1)
                if "max_items" in entry
                else None
            ),
            timeout=(
                self.number(entry["timeout"], *at("timeout"), minimum=0.0, inclusive=False)
                if "timeout" in entry
                else None
            ),
            full_text=self.boolean(entry["full_text"], *at("full_text"))
            if "full_text" in entry
            else full_text,
            content_selector=(
                self.string(
                    entry["content_selector"], *at("content_selector"), allow_empty=False
                ).strip()
                if "content_selector" in entry
                else None
            ),
        )

    def _text(self, entry: dict[str, Any], key: str, at: Any) -> str | None:
        if key not in entry:
            return None
        # NFC so that "Thời sự" typed on different keyboards is one sidebar group, not two.
        value = unicodedata.normalize("NFC", self.string(entry[key], *at(key)).strip())
        return value or None

    def _json_paths(self, index: int, entry: dict[str, Any], kind: str) -> dict[str, str]:
        name = f"feeds[{index + 1}]"
        if "json" not in entry:
            if kind == "json":
                self.fail(
                    self.where.feed(index, "kind"),
                    name,
                    'has kind = "json" but no [feeds.json] table with at least items and title',
                )
            return {}
        table = entry["json"]
        if not isinstance(table, dict):
            self.fail(
                self.where.feed(index, "json"), f"{name}.json", "must be a table of dotted paths"
            )
        if kind != "json":
            self.fail(
                self.where.feed(index, "json"),
                f"{name}.json",
                f'is only used with kind = "json" (this feed has kind = "{kind}")',
            )
        paths: dict[str, str] = {}
        for key, value in table.items():
            line = self.where.feed(index, json_key=key)
            if key not in JSON_PATH_FIELDS:
                self.fail(
                    line,
                    f"{name}.json.{key}",
                    f"is not a known path{_suggest(key, JSON_PATH_FIELDS)}",
                )
            paths[key] = self.string(value, line, f"{name}.json.{key}", allow_empty=False).strip()
        for key in JSON_REQUIRED_FIELDS:
            if key not in paths:
                self.fail(
                    self.where.feed(index, "json"),
                    f"{name}.json.{key}",
                    'is required for kind = "json"',
                )
        return paths

    def _keys(self, raw: Any) -> dict[str, str]:
        if not isinstance(raw, dict):
            self.fail(self.where.table("keys"), "keys", "must be a table of binding id = key(s)")
        keys: dict[str, str] = {}
        for binding, value in raw.items():
            line, name = self.where.table("keys", binding), f"keys.{binding}"
            if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
                keys[binding] = ",".join(v.strip() for v in value)
            else:
                keys[binding] = self.string(value, line, name, allow_empty=False).strip()
        return keys

    # --- typed readers; each names the key and what it expected ---

    def number(
        self, value: Any, line: int | None, name: str, *, minimum: float, inclusive: bool = True
    ) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(line, name, f"must be a number (got {_show(value)})")
        number = float(value)
        if number != number or number in (float("inf"), float("-inf")):
            self.fail(line, name, f"must be a finite number (got {_show(value)})")
        if number < minimum or (not inclusive and number == minimum):
            relation = "at least" if inclusive else "greater than"
            self.fail(line, name, f"must be {relation} {minimum:g} (got {_show(value)})")
        return number

    def integer(self, value: Any, line: int | None, name: str, *, minimum: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(line, name, f"must be a whole number (got {_show(value)})")
        if value < minimum:
            self.fail(line, name, f"must be at least {minimum} (got {value})")
        return value

    def boolean(self, value: Any, line: int | None, name: str) -> bool:
        if not isinstance(value, bool):
            self.fail(line, name, f"must be true or false (got {_show(value)})")
        return value

    def string(self, value: Any, line: int | None, name: str, *, allow_empty: bool = True) -> str:
        if not isinstance(value, str):
            self.fail(line, name, f"must be a string in quotes (got {_show(value)})")
        if not allow_empty and not value.strip():
            self.fail(line, name, "must not be empty")
        return value

    def zone(self, value: Any, line: int | None, name: str) -> str:
        text = self.string(value, line, name).strip()
        try:
            parse_timezone(text)
        except ValueError:
            self.fail(
                line,
                name,
                f'must be a UTC offset such as "+07:00" or a zone name such as "Asia/Ho_Chi_Minh" '
                f"(got {_show(text)})",
            )
        return text


def _url_key(url: str) -> str:
    """The identity of a feed URL: scheme and host are case-insensitive, the rest is not."""
    parts = urlsplit(url.strip())
    return parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()).geturl()


# --- writing -------------------------------------------------------------------------------


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


def _feed_block(feed: FeedConfig) -> str:
    lines = ["[[feeds]]", f"url = {toml_string(feed.url)}"]
    if feed.title:
        lines.append(f"title = {toml_string(feed.title)}")
    if feed.category:
        lines.append(f"category = {toml_string(feed.category)}")
    if feed.kind != "auto":
        lines.append(f"kind = {toml_string(feed.kind)}")
    if feed.timezone:
        lines.append(f"timezone = {toml_string(feed.timezone)}")
    if feed.max_items is not None:
        lines.append(f"max_items = {feed.max_items}")
    if feed.timeout is not None:
        lines.append(f"timeout = {float(feed.timeout)!r}")
    if feed.full_text:
        lines.append("full_text = true")
    if feed.content_selector:
        lines.append(f"content_selector = {toml_string(feed.content_selector)}")
    if feed.json_paths:
        lines.append("[feeds.json]")
        lines.extend(f"{key} = {toml_string(path)}" for key, path in feed.json_paths.items())
    return "\n".join(lines) + "\n"


def _write_atomically(path: Path, text: str) -> None:
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


_DEFAULT_CONFIG = """\
# newsreader-tui config. Copy this file to the path shown by `newsreader-tui --help`
# and edit it. Every [settings] key is optional; the values below are the defaults.

[settings]
timeout = 20              # seconds allowed for one feed's whole download
connect_timeout = 10
concurrency = 16          # feeds fetched at the same time
per_host = 2              # at the same time from one site (portals throttle bursts)
max_mb = 20               # largest response accepted, in MB
max_items = 500           # items kept per feed and fetch
retries = 2
# proxy = "http://proxy.example.vn:3128"
verify = true             # TLS check: true, false, or the path of a CA bundle file
retention_days = 180      # forget read, unstarred articles older than this
# retention_per_feed = 1000
timezone = "+07:00"       # for dates without a zone; "Asia/Ho_Chi_Minh" works too
refresh_on_start = true
language = "auto"         # "vi", "en" or "auto" (follow $LANG)
mark_read_delay = 0       # seconds an article must stay open before it counts as read
# theme = "textual-dark"
images = "auto"           # auto | kitty | sixel | halfblocks | off (off: no downloads either)
max_image_mb = 5          # larger images are not downloaded
full_text = false         # fetch every article's page for offline reading (per feed below)

# One [[feeds]] entry per feed. Only url is required.
#   title     taken from the feed when absent
#   category  sidebar group; feeds without one go under "Chung"
#   kind      auto | rss | atom | jsonfeed | wordpress | json
#   full_text          true: keep each article's whole page, not just the feed's summary
#   content_selector   CSS selector of the article body when the page is not read well

[[feeds]]
url = "https://vnexpress.net/rss/tin-moi-nhat.rss"
title = "VnExpress - Tin mới nhất"
category = "Thời sự"

[[feeds]]
url = "https://tuoitre.vn/rss/tin-moi-nhat.rss"
title = "Tuổi Trẻ"
category = "Thời sự"
kind = "rss"

[[feeds]]
url = "https://thanhnien.vn/rss/home.rss"
category = "Thời sự"

# A WordPress site: its REST API gives full articles.
# [[feeds]]
# url = "https://example.edu.vn/"
# category = "HĐ Đảng - Đoàn thể"
# kind = "wordpress"

# A site with only a JSON API: say where the list and each field are (dotted paths).
# [[feeds]]
# url = "https://example.gov.vn/api/tin-tuc?page=1"
# title = "Tin tức"
# category = "Hoạt động"
# kind = "json"
# timezone = "Asia/Ho_Chi_Minh"
# [feeds.json]
# items = "data.items"
# title = "title"
# url = "link"
# published = "publishedAt"
# summary = "description"
# image = "thumbnail.url"

# Remap keys by binding id (see the help screen, key ?).
# [keys]
# next_article = "j,down"
"""
