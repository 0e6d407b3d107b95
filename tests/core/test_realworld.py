"""Small feeds in the shapes real portals serve, run through the whole pipeline (issue 11).

Each case in tests/data/realworld/ is a feed file `<case>.<xml|json|html>`, written by us in a
shape seen in real feeds (the public corpora in ../shared/corpus: placeholder items, DOCTYPEs,
odd guids, unlabelled encodings, captions in every style, ...), and a sidecar
`<case>.expect.json`:

    {"about": "one sentence: which real-world shape this is",
     "content_type": "application/rss+xml; charset=..." or null (served with no Content-Type),
     "articles": how many articles must be stored,
     "titles": [the exact titles, in feed order],
     "feed_title": "the exact feed title",
     "contains": {"<article title>": ["text that must appear in `show` output", ...]}
                 (compared word by word, as `show` wraps; a picture's caption shows as
                 "▣ caption (Photo: credit)"),
     "absent": {"<article title>": ["text that must NOT appear in `show` output", ...]},
     "problem": "the problem code the feed must fail with" (then nothing else is checked)}

All but "about" and "content_type" are optional. Each case is served from a real loopback
server, refreshed with the command line's own `main` (config and data dir of its own, English
messages), then listed and shown, on both parse paths (the fast reader first, and feedparser
alone). Whatever a case expects, every case must refresh without an internal error, give
every article a title, and show it in NFC with no control character: the rules hold for every
shape.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsreader_tui.cli import main
from newsreader_tui.core import paths
from newsreader_tui.core.store import open_cache
from support.parsers import parse_path

pytestmark = pytest.mark.usefixtures(parse_path.__name__)

CASES = Path(__file__).resolve().parents[1] / "data" / "realworld"
SIDECAR = ".expect.json"
FEED_SUFFIXES = (".xml", ".json", ".html")
KEYS = frozenset(
    {
        "about",
        "content_type",
        "articles",
        "titles",
        "feed_title",
        "contains",
        "absent",
        "problem",
    }
)
MAX_BYTES = 8 * 1024
"""Cases stay small: a few KB shows a shape as well as a whole portal's feed does."""
CONTROLS = frozenset(chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))) - {"\n"}


def case_names() -> list[str]:
    return sorted(p.name.removesuffix(SIDECAR) for p in CASES.glob(f"*{SIDECAR}"))


def feed_path(case: str) -> Path:
    found = [CASES / f"{case}{suffix}" for suffix in FEED_SUFFIXES]
    present = [path for path in found if path.is_file()]
    assert len(present) == 1, f"{case}: one feed file of {FEED_SUFFIXES} expected"
    return present[0]


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English, whatever the machine's locale (the expectations are about the
    articles' own text, which no language choice changes)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


def serve(httpserver: HTTPServer, case: str, content_type: str | None) -> str:
    body = feed_path(case).read_bytes()

    def respond(_request: Request) -> Response:
        response = Response(body)
        # Served with exactly the Content-Type the case names, or none at all.
        del response.headers["Content-Type"]
        if content_type is not None:
            response.headers["Content-Type"] = content_type
        return response

    path = f"/realworld/{feed_path(case).name}"
    httpserver.expect_request(path).respond_with_handler(respond)
    return httpserver.url_for(path)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("case", case_names())
def test_realworld_case(
    case: str, httpserver: HTTPServer, isolated_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expect: dict[str, Any] = json.loads((CASES / f"{case}{SIDECAR}").read_text("utf-8"))
    url = serve(httpserver, case, expect["content_type"])
    config = isolated_env / "config.toml"
    config.write_text(f'[settings]\ntimeout = 5\nretries = 0\n\n[[feeds]]\nurl = "{url}"\n')
    data = isolated_env / "data"
    base = ["--config", str(config), "--data-dir", str(data)]

    code, out, err = run([*base, "refresh"], capsys)
    assert "Traceback" not in out + err
    with open_cache(paths.database_path(data)) as store:
        (status,) = store.feeds()
    problem = status.problem.code if status.problem else None
    assert problem != "internal", f"{case}: internal error: {out}{err}"
    if "problem" in expect:
        assert (code, problem) == (1, expect["problem"]), out + err
        return
    assert code == 0, out + err

    code, out, err = run([*base, "list", "--json", "--limit", "500"], capsys)
    assert code == 0, err
    # In feed order: the store numbers articles as the feed lists them (the listing itself is
    # newest first, and placeholder or undated items make that order differ).
    listed = sorted(json.loads(out), key=lambda a: a["id"])
    titles = [a["title"] for a in listed]
    assert all(title.strip() for title in titles), f"an article with no title: {titles}"
    if "articles" in expect:
        assert len(listed) == expect["articles"], titles
    if "titles" in expect:
        assert titles == expect["titles"]
    if "feed_title" in expect:
        assert status.title == expect["feed_title"]

    shown: dict[str, str] = {}
    for article in listed:
        code, out, err = run([*base, "show", str(article["id"])], capsys)
        assert code == 0, err
        assert unicodedata.is_normalized("NFC", out), f"{article['title']!r} is not NFC"
        leaked = sorted({repr(ch) for ch in out if ch in CONTROLS})
        assert not leaked, f"{article['title']!r} shows control characters {leaked}"
        # `show` wraps lines to the terminal: the expectations are compared word by word.
        shown.setdefault(article["title"], " ".join(out.split()))
    for title, texts in expect.get("contains", {}).items():
        assert title in shown, f"no article titled {title!r} among {titles}"
        for text in texts:
            assert " ".join(text.split()) in shown[title], f"{text!r} not in {shown[title]!r}"
    for title, texts in expect.get("absent", {}).items():
        assert title in shown, f"no article titled {title!r} among {titles}"
        for text in texts:
            assert " ".join(text.split()) not in shown[title], f"{text!r} in {shown[title]!r}"


def test_every_case_is_small_and_its_sidecar_well_formed() -> None:
    names = case_names()
    assert len(names) >= 20
    for case in names:
        expect = json.loads((CASES / f"{case}{SIDECAR}").read_text("utf-8"))
        assert isinstance(expect, dict) and set(expect) <= KEYS, f"{case}: {set(expect) - KEYS}"
        assert isinstance(expect.get("about"), str) and expect["about"], f"{case}: no about"
        assert "content_type" in expect, f"{case}: content_type (or null) is required"
        assert feed_path(case).stat().st_size <= MAX_BYTES, f"{case}: keep cases small"
    feeds = {p.name for p in CASES.iterdir() if not p.name.endswith(SIDECAR)}
    orphans = {
        n
        for n in feeds
        if f"{n.rsplit('.', 1)[0]}{SIDECAR}" not in {f"{c}{SIDECAR}" for c in names}
    }
    assert not orphans, f"feed files without a sidecar: {sorted(orphans)}"
