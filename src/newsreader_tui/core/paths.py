"""Where the config file and the cache live.

Each path can be overridden by a command-line value, then by an environment variable, and
falls back to the platform's usual place. Nothing here creates directories: callers that
write create what they need, so merely importing or asking costs nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "newsreader-tui"
DATA_DIR_ENV = "NEWSREADER_TUI_DATA_DIR"
CONFIG_ENV = "NEWSREADER_TUI_CONFIG"
LOG_NAME = "newsreader-tui.log"


def data_dir(override: str | Path | None = None) -> Path:
    """The directory for the cache database: `override`, else $NEWSREADER_TUI_DATA_DIR, else the
    platform's user data directory."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_path(override: str | Path | None = None) -> Path:
    """The config file: `override`, else $NEWSREADER_TUI_CONFIG, else `config.toml` in the
    platform's user config directory."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def database_path(data: Path) -> Path:
    """The SQLite cache inside the data directory `data`."""
    return data / "cache.sqlite3"


def log_path(data: Path) -> Path:
    """The log of internal errors inside the data directory `data` (newsreader_tui.logfile)."""
    return data / LOG_NAME
