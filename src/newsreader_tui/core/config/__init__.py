"""The TOML config file: one typed, validated `Settings` object, each setting declared once.

    schema.py    `setting(default, check, doc)`: how a setting is declared
    checks.py    the checks declarations name (numbers, zones, URLs, CA bundles...)
    settings.py  `Settings` and its network part `NetworkSettings`, which the fetcher takes
    feeds.py     the `[[feeds]]` keys, and `feed_identity`: when two URLs are one feed
    locate.py    the line of a key in the text, for error messages
    validate.py  TOML -> Settings, a loop over the declarations
    load.py      file -> Settings; the example config (example.toml, package data)
    write.py     TOML strings, `[[feeds]]` blocks, appending feeds atomically

Only core.models, core.text, core.dates and core.errors are imported from here: everything
above may read settings, nothing here knows who does.
"""

from __future__ import annotations

from newsreader_tui.core.errors import ConfigError

from .feeds import FEED_KEYS, JSON_REQUIRED_FIELDS, FeedKey, feed_identity
from .load import default_config_text, load_config
from .schema import Declared, Spec, declared_settings
from .settings import IMAGE_MODES, LANGUAGES, SETTINGS, NetworkSettings, Settings
from .write import add_feeds, feed_block, toml_string

__all__ = [
    "FEED_KEYS",
    "IMAGE_MODES",
    "JSON_REQUIRED_FIELDS",
    "LANGUAGES",
    "SETTINGS",
    "ConfigError",
    "Declared",
    "FeedKey",
    "NetworkSettings",
    "Settings",
    "Spec",
    "add_feeds",
    "declared_settings",
    "default_config_text",
    "feed_block",
    "feed_identity",
    "load_config",
    "toml_string",
]
