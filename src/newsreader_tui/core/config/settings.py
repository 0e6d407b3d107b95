"""The settings model: every `[settings]` key declared once, with its type, default, check and doc.

Who reads what:

| part              | read by                                                        |
| ----------------- | -------------------------------------------------------------- |
| `Settings.network`| `core.fetch.Fetcher`, as it is                                  |
| other settings    | `core.service` (retention, items, zone, images), the UI (rest) |
| `feeds`           | `core.service`, `core.opml` export, the UI's sidebar           |
| `keys`            | the UI's keymap                                                |

In the file all settings are flat keys of `[settings]`; `network` is a nested part only here, so
that the fetcher can take its share as one object instead of a hand-made copy that forgets a key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from newsreader_tui.core.models import FeedConfig

from . import checks as c
from .schema import Declared, declared_settings, setting

LANGUAGES: tuple[str, ...] = ("vi", "en")
IMAGE_MODES: tuple[str, ...] = ("auto", "off", "kitty", "sixel", "halfblocks")
"""Values of `images`: how the reader draws pictures; "off" also stops downloading them."""

_positive = c.number(minimum=0.0, inclusive=False)
MIN_RELOAD_MINUTES = 5.0
"""Shortest period `reload_minutes` accepts: often enough for news, rare enough for portals."""


@dataclass(frozen=True)
class NetworkSettings:
    """Everything the fetcher needs. Fields declared with `setting()` are keys of `[settings]`;
    the others are internal defaults that tests tighten (a short backoff) but the file cannot."""

    timeout: float = setting(20.0, _positive, "Seconds allowed for one feed's whole download.")
    connect_timeout: float = setting(10.0, _positive, "Seconds allowed to connect to a server.")
    concurrency: int = setting(16, c.whole(minimum=1), "Feeds fetched at the same time.")
    per_host: int = setting(
        2, c.whole(minimum=1), "Requests at the same time to one site; portals throttle bursts."
    )
    max_bytes: int = setting(
        20 * c.MB,
        c.whole(minimum=1),
        "Largest response accepted, in bytes; or set `max_mb` in MB (not both).",
        alias=("max_mb", c.megabytes),
    )
    retries: int = setting(
        2, c.whole(minimum=0), "Extra attempts after a timeout, a dropped connection, 429 or 5xx."
    )
    proxy: str | None = setting(
        None, c.proxy_url, "An http://, https:// or socks5:// proxy; else HTTPS_PROXY applies."
    )
    verify: bool | str = setting(
        True, c.ca_bundle, "TLS check: true, false, or the path of a CA bundle file."
    )
    user_agent: str | None = setting(
        None, c.header_value, "User-Agent sent to servers; else newsreader-tui/VERSION."
    )
    read_timeout: float | None = None
    """Seconds to wait for the next bytes; None means `timeout`, which also bounds the whole
    download, so a server dripping bytes cannot hold a feed longer than that."""
    backoff: float = 0.5
    """Pause before the first retry, doubled for each next one."""
    max_redirects: int = 10


@dataclass(frozen=True)
class Settings:
    """Everything the config file can set. Every field has a default, so `Settings()` is a
    working configuration with no feeds; `Settings.flat(...)` builds one from flat names."""

    network: NetworkSettings = field(default_factory=NetworkSettings)
    max_items: int = setting(500, c.whole(minimum=1), "Items kept from one response of one feed.")
    retention_days: int = setting(
        180, c.whole(minimum=1), "Articles older than this are dropped, except starred ones."
    )
    retention_per_feed: int | None = setting(
        None, c.whole(minimum=1), "Read, unstarred articles past a feed's newest N are dropped."
    )
    timezone: str = setting(
        "+07:00", c.zone, 'Zone for dates written without one; "Asia/Ho_Chi_Minh" works too.'
    )
    refresh_on_start: bool = setting(True, c.boolean, "Refresh every feed when the reader opens.")
    reload_minutes: float = setting(
        0.0,
        c.off_or_at_least(MIN_RELOAD_MINUTES),
        f"Refresh every feed every N minutes while the reader is open (at least "
        f"{MIN_RELOAD_MINUTES:g}); 0 is off.",
    )
    language: str | None = setting(
        None, c.language, '"vi", "en", or "auto" to follow $LANG.', shown='"auto"'
    )
    mark_read_delay: float = setting(
        0.0, c.number(minimum=0.0), "Seconds an article must stay open before it counts as read."
    )
    theme: str | None = setting(None, c.text, 'A Textual theme such as "nord".')
    images: str = setting(
        "auto",
        c.choice(IMAGE_MODES, quoted=True),
        f"{', '.join(IMAGE_MODES)}: how pictures are drawn; off skips downloads too.",
    )
    max_image_mb: float = setting(5.0, _positive, "Larger images are not downloaded.")
    full_text: bool = setting(
        False, c.boolean, "Fetch every article's page for offline reading (or per feed)."
    )
    feeds: tuple[FeedConfig, ...] = ()
    keys: Mapping[str, str] = field(default_factory=dict)
    """The `[keys]` table: binding id -> comma-separated keys, passed through to the UI keymap."""
    source: Path | None = None
    """The file these settings came from; None when no config file exists."""

    @classmethod
    def flat(cls, **values: Any) -> Settings:
        """Settings from keyword values named as in the file (`retries=0`, `images="off"`),
        besides `feeds`, `keys` and `source`: the network ones go to `network`. For tests and
        the demo, which think in the file's names, not in the model's nesting."""
        names = {item.name for item in fields(NetworkSettings)}
        network = {key: values.pop(key) for key in list(values) if key in names}
        return cls(network=NetworkSettings(**network), **values)


SETTINGS: tuple[tuple[Declared, bool], ...] = tuple(
    (item, True) for item in declared_settings(NetworkSettings)
) + tuple((item, False) for item in declared_settings(Settings))
"""Every `[settings]` key, with whether it belongs to `Settings.network`, in file order."""
