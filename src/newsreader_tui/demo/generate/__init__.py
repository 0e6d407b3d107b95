"""Write the demo's served files from `manifest.toml` and `articles/*.toml`.

The same articles come out in each format the reader handles: RSS 2.0 (UTF-8 and real
windows-1258 bytes), Atom with relative links, JSON Feed 1.1, a summary-only RSS feed whose
article pages are full portal HTML, a generic JSON API and a WordPress REST API, plus small PNG
pictures drawn in code. Links to the demo server are written as the manifest's base token, which
the server replaces with its own `http://127.0.0.1:PORT`. The output is deterministic: the same
inputs give the same bytes. Standard library and the package's windows-1258 encoder only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsreader_tui.core.text import encode_windows_1258, nfc
from newsreader_tui.demo.generate import feeds
from newsreader_tui.demo.generate.articles import Article, Site, load_source
from newsreader_tui.demo.generate.pages import index_page, pages
from newsreader_tui.demo.generate.pictures import IMAGES, png
from newsreader_tui.demo.generate.wordpress import EXTRA_HEAD, wp_files
from newsreader_tui.demo.manifest import load_manifest

__all__ = ["build"]


@dataclass(frozen=True)
class _Writer:
    """How one source's feed document is written."""

    feed_type: str
    write: Callable[[Site, Sequence[Article]], str]
    encoding: str = "utf-8"


_RSS, _ATOM = "application/rss+xml", "application/atom+xml"
_JSONFEED, _JSON = "application/feed+json", "application/json"
_WRITERS: dict[str, _Writer] = {
    "hd-dang": _Writer(_RSS, feeds.hd_dang_feed),
    "kinh-te": _Writer(_RSS, feeds.kinh_te_feed, "windows-1258"),
    "van-hoa": _Writer(_ATOM, feeds.van_hoa_feed),
    "the-thao": _Writer(_JSONFEED, feeds.the_thao_feed),
    "tin-tuc": _Writer(_RSS, feeds.tom_tat_feed),
    "thong-bao": _Writer(_JSON, feeds.thong_bao_api),
}
"""Every source but WordPress, whose site is a whole API rather than one document."""


def build() -> dict[str, bytes]:
    """Every served file, by path relative to the server's root (no leading "/")."""
    texts: dict[str, str] = {}
    encodings: dict[str, str] = {}
    sites: list[Site] = []
    for feed in load_manifest().feeds:
        source = load_source(feed.source)
        if len(source.articles) != feed.articles:
            raise ValueError(f"{feed.source}.toml: {feed.path} should list {feed.articles}")
        if feed.kind == "wordpress":
            site = source.make_site(feed, _JSON, EXTRA_HEAD)
            texts.update(wp_files(site, source.articles, source.categories))
        else:
            writer = _WRITERS[feed.source]
            site = source.make_site(feed, writer.feed_type)
            name = site.feed_path.lstrip("/")
            texts[name] = writer.write(site, source.articles)
            encodings[name] = writer.encoding
            texts.update(pages(site, source.articles))
        sites.append(site)
    texts["index.html"] = index_page(sites)
    files = {name: _encode(text, encodings.get(name, "utf-8")) for name, text in texts.items()}
    files.update({f"img/{key}.png": png(key) for key in IMAGES})
    return files


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "windows-1258":
        return encode_windows_1258(text)
    return nfc(text).encode(encoding)
