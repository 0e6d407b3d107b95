"""The checks a declared setting or feed key names: each turns a TOML value into a typed one.

Each raises `Invalid` with the problem alone, worded for someone editing the file by hand ("must
be a whole number (got 1.5)"); the validator puts the file, the line and the key in front.

Every string passes the cleaner on the way in (`string`): TOML happily holds "\u001b]0;X\u0007",
and a title or URL read here is printed by `refresh`, `list` and `feeds` and drawn in the
sidebar. An OPML import or a pasted line can put such a value in the file without anyone
noticing, so it is dropped here, not trusted for being the user's own file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsreader_tui.core.dates import resolve_tz
from newsreader_tui.core.text import clean_text

from .schema import Check, Invalid

MB = 1024 * 1024


def show(value: Any) -> str:
    """`value` as the file wrote it, for the "(got ...)" part of a message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)


def number(*, minimum: float, inclusive: bool = True) -> Check:
    """A finite int or float, at least (or, not inclusive, above) `minimum`, as a float."""

    def check(value: Any, folder: Path) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise Invalid("check.number", got=show(value))
        result = float(value)
        if result != result or result in (float("inf"), float("-inf")):
            raise Invalid("check.finite", got=show(value))
        if result < minimum or (not inclusive and result == minimum):
            code = "check.at_least" if inclusive else "check.greater"
            raise Invalid(code, minimum=f"{minimum:g}", got=show(value))
        return result

    return check


def whole(*, minimum: int) -> Check:
    """An int (not a bool, not 1.0) of at least `minimum`."""

    def check(value: Any, folder: Path) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid("check.whole", got=show(value))
        if value < minimum:
            raise Invalid("check.at_least", minimum=minimum, got=value)
        return value

    return check


def boolean(value: Any, folder: Path) -> bool:
    """true or false; TOML has no truthy strings and neither do we."""
    if not isinstance(value, bool):
        raise Invalid("check.boolean", got=show(value))
    return value


def string(value: Any, *, allow_empty: bool = True) -> str:
    """The shared first step of every text check: a string, cleaned (one line, NFC)."""
    if not isinstance(value, str):
        raise Invalid("check.string", got=show(value))
    value = clean_text(value)
    if not allow_empty and not value.strip():
        raise Invalid("check.empty")
    return value


def text(value: Any, folder: Path) -> str:
    """A non-empty string, kept as written (a User-Agent or theme name may mean its spaces)."""
    return string(value, allow_empty=False)


def header_value(value: Any, folder: Path) -> str:
    """Text sent as an HTTP header: printable ASCII, which is all httpx will encode. Anything
    else would fail every request of every refresh, so it is refused here, with its line (not
    cleaned first: a control character in a header is refused, not quietly dropped)."""
    if not isinstance(value, str):
        raise Invalid("check.string", got=show(value))
    written = value
    if not written.strip():
        raise Invalid("check.empty")
    if not all(" " <= char <= "~" for char in written):
        raise Invalid("check.ascii", got=show(written))
    return written


def stripped(value: Any, folder: Path) -> str:
    """A non-empty string without the spaces around it (a CSS selector)."""
    return string(value, allow_empty=False).strip()


def label(value: Any, folder: Path) -> str | None:
    """A title or category: cleaned, spaces collapsed, and NFC, so that "Thời sự" typed on two
    keyboards is one sidebar group; an empty one means none."""
    return " ".join(string(value).split()) or None


def choice(options: Sequence[str], *, quoted: bool) -> Check:
    """One of `options`, ignoring case and surrounding spaces; `quoted` lists them in quotes."""
    listed = ", ".join(f'"{option}"' if quoted else option for option in options)

    def check(value: Any, folder: Path) -> str:
        chosen = string(value).strip().lower()
        if chosen not in options:
            raise Invalid("check.choice", options=listed, got=show(chosen))
        return chosen

    return check


def language(value: Any, folder: Path) -> str | None:
    """ "vi" or "en"; "auto" (None) follows $LANG."""
    chosen = string(value).strip().lower()
    if chosen not in ("vi", "en", "auto"):
        raise Invalid("check.language", got=show(chosen))
    return None if chosen == "auto" else chosen


def megabytes(value: Any, folder: Path) -> int:
    """A size in MB (fractions allowed), as bytes."""
    return max(1, int(number(minimum=0.0, inclusive=False)(value, folder) * MB))


def http_url(value: Any, folder: Path) -> str:
    """An absolute http:// or https:// URL."""
    url = string(value).strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise Invalid("check.url", got=show(url))
    return url


def proxy_url(value: Any, folder: Path) -> str | None:
    """A proxy httpx can use; an empty string means none."""
    proxy = string(value).strip()
    parts = urlsplit(proxy)
    if proxy and not (parts.scheme in ("http", "https", "socks5", "socks5h") and parts.netloc):
        raise Invalid("check.proxy", got=show(proxy))
    return proxy or None


def ca_bundle(value: Any, folder: Path) -> bool | str:
    """true, false, or the path of an existing CA bundle, relative to the config file's folder
    rather than to wherever the app happens to be started."""
    if isinstance(value, bool):
        return value
    if not isinstance(value, str) or not value.strip():
        raise Invalid("check.ca_bundle", got=show(value))
    bundle = Path(value).expanduser()
    if not bundle.is_absolute():
        bundle = folder / bundle
    if not bundle.exists():
        raise Invalid("check.ca_missing", path=bundle)
    return str(bundle)


def zone(value: Any, folder: Path) -> str:
    """A zone `dates.resolve_tz` understands, kept as written (stripped). The same function
    reads it at refresh time, so the file accepts exactly the zones that work ("ICT", "UTC−7",
    "+15:00", "Asia/Ho_Chi_Minh") and refuses the rest here, with the line, not mid-refresh."""
    written = string(value).strip()
    try:
        resolve_tz(written)
    except ValueError:
        raise Invalid("check.zone", got=show(written)) from None
    return written


def off_or_at_least(minimum: float) -> Check:
    """0 (off), or a number of at least `minimum`: a period, where a tiny one would only make
    the app hammer the servers it reads."""

    def check(value: Any, folder: Path) -> float:
        result = number(minimum=0.0)(value, folder)
        if 0 < result < minimum:
            raise Invalid("check.off_or_at_least", minimum=f"{minimum:g}", got=show(value))
        return result

    return check
