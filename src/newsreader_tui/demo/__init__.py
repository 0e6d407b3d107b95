"""Demo data shipped with the package and a loopback HTTP server for it.

`newsreader-tui --demo` and the end-to-end tests run the real HTTP path against this server, with
no network: `with DemoServer() as server: feeds = demo_feeds(server.base_url)`.
The feeds are described once, in `manifest.toml`; their articles are in `articles/*.toml`; the
files in `data/` are written from both by `demo.generate` (run `scripts/make_demo_data.py`), so
edit the TOML files, never `data/`.
"""

from newsreader_tui.demo.feeds import (
    API_JSON_PATHS,
    BASE_DATE,
    DEMO_FEEDS,
    demo_config_text,
    demo_feeds,
)
from newsreader_tui.demo.manifest import DemoFeed
from newsreader_tui.demo.server import DemoServer

__all__ = [
    "API_JSON_PATHS",
    "BASE_DATE",
    "DEMO_FEEDS",
    "DemoFeed",
    "DemoServer",
    "demo_config_text",
    "demo_feeds",
]
