"""The command line: `newsreader-tui [--config PATH] [--data-dir PATH] COMMAND`.

The subcommands, flags and `--json` fields are a contract other tools rely on: extend them,
never rename them. Without a command the reader opens, through the `open_reader` it is given
(`newsreader_tui.entry` gives it one): this module never imports the UI, so the plain commands
never load Textual and the layers stay one-way.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from . import __version__
from .core import paths
from .core.config import Settings, add_feeds, load_config
from .core.errors import NewsreaderError
from .core.models import FetchOutcome
from .core.opml import export_opml, parse_opml
from .core.service import Service
from .core.store import Filters, Store
from .output import (
    MediaTally,
    article_json,
    article_line,
    feed_json,
    feed_line,
    outcome_line,
    render_article,
    search_line,
    terminal_width,
)

if TYPE_CHECKING:
    from .demo import DemoServer


class UsageError(NewsreaderError):
    """A command was given arguments it cannot act on."""


class ReaderOpener(Protocol):
    """Runs the reader over `service` until the user quits; returns the exit status. The caller
    closes the store afterwards. `missing_config` is the path to tell the user about when there
    is no config file yet."""

    def __call__(
        self, settings: Settings, service: Service, *, offline: bool, missing_config: Path | None
    ) -> int: ...


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsreader-tui",
        description="A terminal news reader. Without a command, the reader opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--config", metavar="PATH", help="config file (default: %(default)s)")
    parser.add_argument("--data-dir", metavar="PATH", help="folder for the article cache")
    parser.add_argument(
        "--offline",
        action="store_true",
        help="open the app without fetching anything (read what is cached)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use the built-in demo feeds, served on 127.0.0.1, in a throwaway cache "
        "unless --data-dir is given",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    refresh = commands.add_parser("refresh", help="fetch feeds now; one line per feed")
    refresh.add_argument("--feed", metavar="URL", action="append", help="only this feed")
    refresh.add_argument(
        "--full-text",
        action="store_true",
        help="also fetch every article's page for offline reading "
        "(feeds with full_text = true always get it)",
    )
    refresh.add_argument(
        "--images", action="store_true", help="also download article images for offline reading"
    )

    feeds = commands.add_parser("feeds", help="configured feeds with status and unread counts")
    feeds.add_argument("--json", action="store_true", help="print JSON")

    listing = commands.add_parser("list", help="list articles, newest first")
    listing.add_argument("--category", metavar="C", help="only this category")
    listing.add_argument("--feed", metavar="URL", help="only this feed")
    listing.add_argument("--unread", action="store_true", help="only unread articles")
    listing.add_argument("--starred", action="store_true", help="only starred articles")
    listing.add_argument("--limit", metavar="N", type=int, default=50, help="at most N (50)")
    listing.add_argument("--json", action="store_true", help="print JSON")

    show = commands.add_parser("show", help="one article as plain text")
    show.add_argument("id", metavar="ID", type=int)
    show.add_argument("--json", action="store_true", help="print JSON with text and images")

    search = commands.add_parser("search", help="full-text search, diacritics optional")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", metavar="N", type=int, default=20, help="at most N (20)")
    search.add_argument("--json", action="store_true", help="print JSON")

    mark = commands.add_parser("mark", help="mark articles read, unread, starred or unstarred")
    mark.add_argument("ids", metavar="ID", type=int, nargs="+")
    action = mark.add_mutually_exclusive_group(required=True)
    for flag in ("read", "unread", "star", "unstar"):
        action.add_argument(f"--{flag}", dest="action", action="store_const", const=flag)

    opml_in = commands.add_parser("import-opml", help="add the feeds of an OPML file to the config")
    opml_in.add_argument("file", metavar="FILE")
    opml_out = commands.add_parser("export-opml", help="write the feeds as OPML (stdout default)")
    opml_out.add_argument("file", metavar="FILE", nargs="?")
    return parser


def open_store(data_dir: Path) -> Store:
    """The cache database in `data_dir`; callers close it (`with open_store(...) as store`)."""
    return Store.open(paths.database_path(data_dir))


def main(argv: Sequence[str] | None = None, *, open_reader: ReaderOpener | None = None) -> int:
    """Run the command in `argv`; with no command, open the reader through `open_reader` (without
    one, as when the headless commands are used as a library, the help is printed instead)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None and open_reader is None:
        parser.print_help()
        return 2
    try:
        return run(args, open_reader)
    except NewsreaderError as error:
        print(f"newsreader-tui: {error}", file=sys.stderr)
        return 2 if isinstance(error, UsageError) else 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def run(args: argparse.Namespace, open_reader: ReaderOpener | None = None) -> int:
    if args.demo:
        return run_demo(args, open_reader)
    config_path = paths.config_path(args.config)
    if args.command is None:
        settings = load_config(config_path)
        missing = None if settings.source is not None else config_path
        assert open_reader is not None  # main() prints the help instead
        with open_store(paths.data_dir(args.data_dir)) as store:
            service = Service(settings, store)
            return open_reader(settings, service, offline=args.offline, missing_config=missing)
    if args.command == "import-opml":
        return import_opml(config_path, Path(args.file))
    settings = load_config(config_path)
    if settings.source is None and args.command in ("refresh", "feeds"):
        print(
            f"No config file at {config_path}; put one there "
            "(see README.md, or import feeds with `newsreader-tui import-opml FILE`).",
            file=sys.stderr,
        )
    if args.command == "export-opml":
        return export(settings, args.file)
    with open_store(paths.data_dir(args.data_dir)) as store:
        return COMMANDS[args.command](Service(settings, store), args, sys.stdout)


DEMO_PORT = 28730
"""The demo's usual port: feeds are known by URL, so a kept --data-dir needs the same one."""


def start_demo_server() -> DemoServer:
    """The demo server on DEMO_PORT (or $NEWSREADER_TUI_DEMO_PORT), or on any free port when
    that one is taken."""
    import os

    from .demo import DemoServer

    try:
        port = int(os.environ.get("NEWSREADER_TUI_DEMO_PORT", DEMO_PORT))
        return DemoServer(port=port).start()
    except (OSError, ValueError):
        return DemoServer().start()


def run_demo(args: argparse.Namespace, open_reader: ReaderOpener | None = None) -> int:
    """Serve the shipped demo feeds on loopback and run the command against them."""
    from .demo import demo_feeds

    if args.command in ("import-opml",):
        raise UsageError("--demo uses its own feeds; import-opml needs a real config")
    with contextlib.ExitStack() as stack:
        server = start_demo_server()
        stack.callback(server.stop)
        if args.data_dir:
            data_dir = Path(args.data_dir)
        else:
            data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="nrt-demo-")))
        settings = Settings.flat(feeds=demo_feeds(server.base_url), retries=0)
        if args.command == "export-opml":
            return export(settings, args.file)
        store = stack.enter_context(open_store(data_dir))
        service = Service(settings, store)
        if args.command is None:
            assert open_reader is not None  # main() prints the help instead
            return open_reader(settings, service, offline=args.offline, missing_config=None)
        if args.command != "refresh" and not args.offline:
            # One feed at a time keeps article ids the same from one demo run to the next.
            for feed in service.feeds:
                asyncio.run(service.refresh([feed]))
        return COMMANDS[args.command](service, args, sys.stdout)


def cmd_refresh(service: Service, args: argparse.Namespace, out: TextIO) -> int:
    feeds = list(service.feeds)
    if args.feed:
        feeds = []
        for url in args.feed:
            feed = service.find_feed(url)
            if feed is None:
                raise UsageError(f"{url} is not a configured feed (see `newsreader-tui feeds`)")
            feeds.append(feed)
    width = terminal_width()
    configured = {feed.url: feed.title for feed in feeds}
    stored = {status.url: status.title for status in service.store.feeds()}

    def progress(outcome: FetchOutcome, done: int, total: int) -> None:
        name = configured.get(outcome.url) or outcome.title or stored.get(outcome.url, outcome.url)
        print(outcome_line(outcome, name, width), file=out)
        out.flush()

    tally = MediaTally()
    outcomes = asyncio.run(
        service.refresh(
            feeds,
            progress=progress,
            # Without the flags: full text only for feeds that ask for it, no image downloads.
            full_text=True if args.full_text else None,
            images=args.images,
            media_progress=tally.add,
        )
    )
    failed = sum(1 for outcome in outcomes if not outcome.ok)
    if len(outcomes) > 1 or failed:
        print(f"{len(outcomes) - failed} of {len(outcomes)} feeds refreshed", file=out)
    if args.full_text or args.images or tally.page_count:
        print(tally.summary(images=args.images), file=out)
    # Only feeds decide the exit status: a page or image that failed is reported above and
    # recorded per article, and must not make a nightly cron job look broken.
    return 1 if failed else 0


def cmd_feeds(service: Service, args: argparse.Namespace, out: TextIO) -> int:
    statuses = service.store.feeds()
    if args.json:
        print(json.dumps([feed_json(s) for s in statuses], ensure_ascii=False, indent=2), file=out)
        return 0
    width = terminal_width()
    for status in statuses:
        print(feed_line(status, width), file=out)
    return 0


def cmd_list(service: Service, args: argparse.Namespace, out: TextIO) -> int:
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    feed_url = None
    if args.feed:
        feed = service.find_feed(args.feed)
        if feed is None:
            raise UsageError(f"{args.feed} is not a configured feed (see `newsreader-tui feeds`)")
        feed_url = feed.url
    filters = Filters(
        category=args.category, feed=feed_url, unread=args.unread, starred=args.starred
    )
    articles = service.store.articles(filters, limit=args.limit)
    if args.json:
        print(
            json.dumps([article_json(a) for a in articles], ensure_ascii=False, indent=2), file=out
        )
        return 0
    width = terminal_width()
    for article in articles:
        print(article_line(article, width), file=out)
    return 0


def cmd_show(service: Service, args: argparse.Namespace, out: TextIO) -> int:
    article = service.store.article(args.id)
    if article is None:
        raise NewsreaderError(f"there is no article with id {args.id}")
    if args.json:
        data = article_json(article, full=True, image_path=service.images.file)
        print(json.dumps([data], ensure_ascii=False, indent=2), file=out)
        return 0
    print(render_article(article, terminal_width()), file=out)
    return 0


def cmd_search(service: Service, args: argparse.Namespace, out: TextIO) -> int:
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    hits = service.store.search(args.query, limit=args.limit)
    if args.json:
        data = [
            {**article_json(hit.article), "snippet": hit.snippet, "rank": hit.rank} for hit in hits
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2), file=out)
        return 0
    if not hits:
        print(f"No articles match “{args.query}”.", file=sys.stderr)
        return 0
    width = terminal_width()
    for hit in hits:
        print(search_line(hit, width), file=out)
    return 0


def cmd_mark(service: Service, args: argparse.Namespace, out: TextIO) -> int:
    changes = {
        "read": {"read": True},
        "unread": {"read": False},
        "star": {"starred": True},
        "unstar": {"starred": False},
    }[args.action]
    missing = service.store.mark(args.ids, **changes, now=service.clock())
    if missing:
        listed = ", ".join(str(i) for i in missing)
        raise NewsreaderError(f"there is no article with id {listed}")
    return 0


def import_opml(config_path: Path, file: Path) -> int:
    try:
        data = file.read_bytes()
    except OSError as error:
        raise NewsreaderError(f"cannot read {file}: {error.strerror}") from error
    feeds = parse_opml(data, str(file))
    load_config(config_path)  # refuse to append to a config that is already invalid
    added = add_feeds(config_path, feeds)
    print(f"Added {len(added)} of {len(feeds)} feeds to {config_path}.")
    return 0


def export(settings: Settings, file: str | None) -> int:
    text = export_opml(settings.feeds)
    if file is None or file == "-":
        sys.stdout.write(text)
        return 0
    try:
        Path(file).write_text(text, encoding="utf-8")
    except OSError as error:
        raise NewsreaderError(f"cannot write {file}: {error.strerror}") from error
    print(f"Wrote {len(settings.feeds)} feeds to {file}.", file=sys.stderr)
    return 0


COMMANDS = {
    "refresh": cmd_refresh,
    "feeds": cmd_feeds,
    "list": cmd_list,
    "show": cmd_show,
    "search": cmd_search,
    "mark": cmd_mark,
}
