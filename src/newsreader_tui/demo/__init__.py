"""The demo: fictional Vietnamese feeds of every kind the reader handles, served on loopback.

`newsreader-tui --demo` and the end-to-end tests run the real HTTP path against `DemoServer`,
with no network: `with DemoServer() as server: feeds = demo_feeds(server.base_url)`. Tests,
screenshots and benchmarks reach the same answers without a socket through `DemoTransport`
(`build_demo_cache()` fills a cache that way).

The feeds are described once, in `manifest.toml`, and their articles are in `articles/*.toml`;
`generate/` builds the served files from both in memory when a server or transport first needs
them (`scripts/make_demo_data.py --out DIR` writes them out for a look). `routes.py` decides what
is served, for the socket (`server.py`) and the transport (`transport.py`) alike.
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
