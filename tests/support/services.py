"""`Service` objects over a cache in a temp dir, for the core tests' `make_service` fixture."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from newsreader_tui.core.config import Settings
from newsreader_tui.core.media import Extractor, default_extractor
from newsreader_tui.core.models import FeedConfig
from newsreader_tui.core.service import Service
from newsreader_tui.core.store import Store

CACHE_NAME = "cache.sqlite3"

QUICK = {"timeout": 3.0, "retries": 0}
"""Settings under every flat-settings service: a failing loopback request fails fast, once."""


class ServiceFactory:
    """Opens services over `data_dir`/cache.sqlite3 and closes their stores in `close()`.

    Every service shares the one cache file, as a restarted app would; `clock`, `extractor` and
    the flat settings in `defaults` apply to each unless a call says otherwise.
    """

    def __init__(
        self,
        data_dir: Path,
        clock: Callable[[], datetime],
        *,
        extractor: Extractor = default_extractor,
        **defaults: object,
    ) -> None:
        self.data_dir = data_dir
        self.clock = clock
        self.extractor = extractor
        self.defaults = defaults
        self.services: list[Service] = []

    def with_defaults(
        self, *, extractor: Extractor | None = None, **defaults: object
    ) -> ServiceFactory:
        """This factory with more defaults, for a test module whose services all need them. It
        shares this factory's services, so this one's `close()` closes them too."""
        other = ServiceFactory(
            self.data_dir,
            self.clock,
            extractor=extractor or self.extractor,
            **{**self.defaults, **defaults},
        )
        other.services = self.services
        return other

    def __call__(
        self,
        *feeds: FeedConfig,
        settings: Settings | None = None,
        clock: Callable[[], datetime] | None = None,
        extractor: Extractor | None = None,
        **flat: object,
    ) -> Service:
        """A service for `feeds` with settings by their names in the file (`retries=0`,
        `images="off"`; see `Settings.flat`) over `QUICK` and the defaults, or exactly
        `settings` (which then name the feeds themselves) as `load_config` returned them."""
        if settings is None:
            settings = Settings.flat(feeds=feeds, **{**QUICK, **self.defaults, **flat})
        elif feeds or flat:
            raise TypeError("give either `settings` or feeds and flat settings, not both")
        service = Service(
            settings,
            Store.open(self.data_dir / CACHE_NAME),
            clock=clock or self.clock,
            extractor=extractor or self.extractor,
        )
        self.services.append(service)
        return service

    def close(self) -> None:
        """Close every service's store (closing one twice is harmless)."""
        for service in self.services:
            service.store.close()
        self.services.clear()
