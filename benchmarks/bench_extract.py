"""Full-text extractors measured on our own pages: which keeps the article, its photos and their
captions, and drops the portal furniture?

    python benchmarks/bench_extract.py [--repeat N]

Pages: the demo portal's article pages (`pages/*/*.html` of the demo's built files, with the
base token filled in) and the portal fixtures of tests/data/html/. Expected content: for demo
pages, what `parse_html` reads from their `div.sapo` and `div.content`; for fixtures, the exact
blocks that tests/core/test_extract.py expects. Every extractor's HTML output goes through our
`parse_html`, as the reader would.

Per extractor it prints: paragraphs kept (share of expected paragraph texts found), images kept
(expected image URLs present), captions in place (the image block carries its caption and
credit, or the caption text is the block right after the image), junk strings left in (menus,
breadcrumb, related lists, tags, visit counter, footer), pages it gave nothing for, and the median
time per page. A library that is not installed is reported and skipped.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from newsreader_tui.core.content.blocks import Image, Paragraph, parse_html, spans_text
from newsreader_tui.core.content.extract import extract_article

ROOT = Path(__file__).resolve().parent.parent
DEMO_BASE = "http://demo.example"
DEMO_JUNK = (
    "Trang chủ",
    "Tin mới hơn",
    "Các tin khác",
    "Từ khóa",
    "Lượt xem",
    "Ghi rõ nguồn",
    "Liên kết website",
    "Thăm dò ý kiến",
    "Kinh tế - Xã hội",
)

Extractor = Callable[[str, str], str | None]


# --- the candidates -------------------------------------------------------------------------------


def ours(html: str, url: str) -> str | None:
    return extract_article(html, url)


def make_trafilatura() -> Extractor | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def run(html: str, url: str) -> str | None:
        return trafilatura.extract(
            html,
            url=url,
            output_format="html",
            include_images=True,
            include_tables=True,
            include_comments=False,
        )

    return run


def make_readability() -> Extractor | None:
    try:
        from readability import Document
    except ImportError:
        return None

    def run(html: str, url: str) -> str | None:
        return Document(html, url=url).summary(html_partial=True)

    return run


# --- the pages and what they should give ----------------------------------------------------------


class Page:
    def __init__(
        self, name: str, html: str, url: str, expected: list[object], junk: tuple[str, ...]
    ) -> None:
        self.name, self.html, self.url, self.expected, self.junk = name, html, url, expected, junk


def demo_pages() -> list[Page]:
    from selectolax.lexbor import LexborHTMLParser

    from newsreader_tui.demo.routes import DemoFiles, built_files

    files = DemoFiles(DEMO_BASE)
    pages = []
    for name in sorted(built_files()):
        path = Path(name)
        if path.parts[0] != "pages" or path.suffix != ".html" or path.name == "index.html":
            continue
        html = (files(name) or b"").decode("utf-8")
        url = f"{DEMO_BASE}/{name}"
        tree = LexborHTMLParser(html)
        body = "".join(node.html or "" for node in tree.css("div.sapo, div.content"))
        pages.append(Page(f"demo/{path.stem[:28]}", html, url, parse_html(body, url), DEMO_JUNK))
    return pages


def fixture_pages() -> list[Page]:
    spec = importlib.util.spec_from_file_location(
        "test_extract", ROOT / "tests" / "core" / "test_extract.py"
    )
    if spec is None or spec.loader is None:
        return []
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    pages = []
    for name, (url, expected, junk) in module.PORTALS.items():
        html = (ROOT / "tests" / "data" / "html" / name).read_text(encoding="utf-8")
        pages.append(Page(f"fixture/{name}", html, url, list(expected), tuple(junk)))
    return pages


# --- scoring --------------------------------------------------------------------------------------


def _tail(url: str) -> str:
    return url.rsplit("/", 1)[-1]


def score(page: Page, output: str | None) -> tuple[int, int, int, int, int, int, int]:
    """(paragraphs found, expected, images found, expected, captions in place, junk, empty)."""
    want_paras = [spans_text(b.spans) for b in page.expected if isinstance(b, Paragraph)]
    want_images = [b for b in page.expected if isinstance(b, Image)]
    if not output:
        return 0, len(want_paras), 0, len(want_images), 0, 0, 1
    blocks = parse_html(output, page.url)
    texts = [spans_text(b.spans) for b in blocks if isinstance(b, Paragraph)]
    joined = " ".join(" ".join(t.split()) for t in texts)
    paras = sum(1 for text in want_paras if " ".join(text.split()) in joined)
    images = captions = 0
    for want in want_images:
        index = next(
            (
                i
                for i, b in enumerate(blocks)
                if isinstance(b, Image) and _tail(b.url) == _tail(want.url)
            ),
            None,
        )
        if index is None:
            continue
        images += 1
        got = blocks[index]
        assert isinstance(got, Image)
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        after_text = spans_text(after.spans) if isinstance(after, Paragraph) else ""
        if (got.caption, got.credit) == (want.caption, want.credit) or (
            want.caption and want.caption in after_text and want.credit in after_text
        ):
            captions += 1
    all_text = joined + " " + " ".join(b.label for b in blocks if isinstance(b, Image))
    junk = sum(1 for needle in page.junk if needle in all_text)
    return paras, len(want_paras), images, len(want_images), captions, junk, 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timing runs per page")
    args = parser.parse_args(argv)
    pages = demo_pages() + fixture_pages()
    candidates: dict[str, Extractor | None] = {
        "ours (selectolax)": ours,
        "trafilatura": make_trafilatura(),
        "readability-lxml": make_readability(),
    }
    print(f"{len(pages)} pages ({sum(p.name.startswith('demo') for p in pages)} demo)\n")
    header = f"{'extractor':<20}{'paragraphs':>14}{'images':>10}{'captions':>10}"
    print(header + f"{'junk left':>11}{'empty':>7}{'ms/page':>9}")
    print("-" * (len(header) + 27))
    failures: dict[str, list[str]] = {}
    for name, run in candidates.items():
        if run is None:
            print(f"{name:<20}  (not installed)")
            continue
        totals = [0] * 7
        times: list[float] = []
        for page in pages:
            output = run(page.html, page.url)
            for _ in range(args.repeat):
                start = time.perf_counter()
                run(page.html, page.url)
                times.append(time.perf_counter() - start)
            result = score(page, output)
            totals = [a + b for a, b in zip(totals, result, strict=True)]
            if result[0] < result[1] or result[4] < result[3] or result[5] or result[6]:
                failures.setdefault(name, []).append(page.name)
        paras, want_paras, images, want_images, captions, junk, empty = totals
        print(
            f"{name:<20}{f'{paras}/{want_paras}':>14}{f'{images}/{want_images}':>10}"
            f"{f'{captions}/{want_images}':>10}{junk:>11}{empty:>7}"
            f"{statistics.median(times) * 1000:>9.2f}"
        )
    for name, names in failures.items():
        print(f"\n{name}: short on {len(names)} page(s): {', '.join(names[:6])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
