"""The command line: `newsreader-tui [--config PATH] [--data-dir PATH] COMMAND`.

The subcommands, flags (declared in `cli_parser`) and `--json` fields are a contract other
tools rely on: extend them, never rename them. Everything else it prints is in the interface's
language, chosen as the app chooses it (`cli_parser.cli_labels`). Without a command the reader
opens, through the `open_reader` it is given (`newsreader_tui.entry` gives it one): this module
never imports the UI, so the plain commands never load Textual and the layers stay one-way.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import difflib
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from . import logfile
from .cli_parser import build_parser, cli_labels
from .core import paths
from .core.config import Settings, add_feeds, load_config
from .core.errors import NewsreaderError, Problem
from .core.models import FetchOutcome
from .core.opml import export_opml, parse_opml
from .core.service import Service
from .core.store import Filters, Store, open_cache, slow_upgrade_pending
from .core.text import clean_text, fold
from .i18n import Labels, describe
from .output import (
    MediaTally,
    article_json,
    article_line,
    feed_json,
    feed_line,
    listing_width,
    outcome_line,
    render_article,
    search_line,
    terminal_width,
    unread_mark,
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


def open_store(data_dir: Path, labels: Labels | None = None) -> Store:
    """The cache database in `data_dir`, made private, checked and rebuilt when damaged
    (`core.store.open_cache`); callers close it (`with open_store(...) as store`) and show its
    `notices` once. The package's log goes to a file beside it from then on (`logfile`). With
    `labels`, a cache about to take seconds to upgrade is announced on stderr first."""
    path = paths.database_path(data_dir)
    if labels is not None and slow_upgrade_pending(path):
        print(f"newsreader-tui: {labels['cli.upgrading_cache']}", file=sys.stderr, flush=True)
    store = open_cache(path)
    logfile.attach(data_dir)
    return store


def tell_notices(store: Store, labels: Labels, command: str | None) -> None:
    """What the user must hear once about the cache (read-only, rebuilt, readable by others),
    one line each on stderr, so a --json listing on stdout stays clean. A command that writes
    says "read-only" itself, as its error."""
    for problem in store.notices:
        if not (problem.code == "store.read_only" and command in WRITING_COMMANDS):
            print(f"newsreader-tui: {describe(problem, labels)}", file=sys.stderr)


def main(argv: Sequence[str] | None = None, *, open_reader: ReaderOpener | None = None) -> int:
    """Run the command in `argv`; with no command, open the reader through `open_reader` (without
    one, as when the headless commands are used as a library, the help is printed instead)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    for stream in (sys.stdout, sys.stderr):
        _tolerant(stream)
    labels = cli_labels(argv)
    parser = build_parser(labels)
    args = parser.parse_args(argv)
    if args.command is None and open_reader is None:
        parser.print_help()
        return 2
    try:
        return run(args, labels, open_reader)
    except NewsreaderError as error:
        print(f"newsreader-tui: {describe(error, labels)}", file=sys.stderr)
        return 2 if isinstance(error, UsageError) else 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: one sentence and a failing status, never a traceback
        problem = Problem.of("internal", detail=repr(error))
        print(f"newsreader-tui: {describe(problem, labels)}", file=sys.stderr)
        return 1


def _tolerant(stream: TextIO) -> None:
    """Let a stream in a legacy code page (a cp1252 pipe on Windows) write "?" for a letter it
    lacks rather than stop a listing with a traceback; UTF-8 streams are left alone."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    reconfigure = getattr(stream, "reconfigure", None)
    if encoding not in ("utf8", "utf8sig") and reconfigure is not None:
        reconfigure(errors="replace")


def run(args: argparse.Namespace, labels: Labels, open_reader: ReaderOpener | None = None) -> int:
    if args.demo:
        return run_demo(args, labels, open_reader)
    config_path = paths.config_path(args.config)
    if args.command is None:
        settings = load_config(config_path)
        missing = None if settings.source is not None else config_path
        assert open_reader is not None  # main() prints the help instead
        with open_store(paths.data_dir(args.data_dir), labels) as store:
            service = Service(settings, store)
            return open_reader(settings, service, offline=args.offline, missing_config=missing)
    if args.command == "import-opml":
        return import_opml(config_path, Path(args.file), labels)
    settings = load_config(config_path)
    if settings.source is None and args.command in ("refresh", "feeds"):
        print(labels("cli.no_config", path=config_path), file=sys.stderr)
    if args.command == "export-opml":
        return export(settings, args.file, labels)
    with open_store(paths.data_dir(args.data_dir), labels) as store:
        tell_notices(store, labels, args.command)
        return COMMANDS[args.command](Service(settings, store), args, sys.stdout, labels)


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


def run_demo(
    args: argparse.Namespace, labels: Labels, open_reader: ReaderOpener | None = None
) -> int:
    """Serve the shipped demo feeds on loopback and run the command against them."""
    from .demo import demo_feeds

    if args.command in ("import-opml",):
        raise UsageError(labels["cli.demo_import"])
    with contextlib.ExitStack() as stack:
        server = start_demo_server()
        stack.callback(server.stop)
        if args.data_dir:
            data_dir = Path(args.data_dir)
        else:
            data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="nrt-demo-")))
        settings = Settings.flat(feeds=demo_feeds(server.base_url), retries=0)
        if args.command == "export-opml":
            return export(settings, args.file, labels)
        store = stack.enter_context(open_store(data_dir, labels))
        service = Service(settings, store)
        if args.command is None:
            assert open_reader is not None  # main() prints the help instead
            return open_reader(settings, service, offline=args.offline, missing_config=None)
        tell_notices(store, labels, args.command)
        if args.command != "refresh" and not args.offline:
            # One feed at a time keeps article ids the same from one demo run to the next.
            for feed in service.feeds:
                asyncio.run(service.refresh([feed]))
        return COMMANDS[args.command](service, args, sys.stdout, labels)


def cmd_refresh(service: Service, args: argparse.Namespace, out: TextIO, labels: Labels) -> int:
    feeds = list(service.feeds)
    if args.feed:
        feeds = []
        for url in args.feed:
            feed = service.find_feed(url)
            if feed is None:
                raise UsageError(labels("cli.not_a_feed", url=url))
            feeds.append(feed)
    width = terminal_width()
    configured = {feed.url: feed.title for feed in feeds}
    stored = {status.url: status.title for status in service.store.feeds()}

    def progress(outcome: FetchOutcome, done: int, total: int) -> None:
        name = configured.get(outcome.url) or outcome.title or stored.get(outcome.url, outcome.url)
        print(outcome_line(outcome, name, width, labels), file=out)
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
        print(labels("cli.refreshed", ok=len(outcomes) - failed, total=len(outcomes)), file=out)
    if args.full_text or args.images or tally.page_count:
        print(tally.summary(images=args.images, labels=labels), file=out)
    # Only feeds decide the exit status: a page or image that failed is reported above and
    # recorded per article, and must not make a nightly cron job look broken.
    return 1 if failed else 0


def cmd_feeds(service: Service, args: argparse.Namespace, out: TextIO, labels: Labels) -> int:
    statuses = service.store.feeds()
    if args.json:
        print(json.dumps([feed_json(s) for s in statuses], ensure_ascii=False, indent=2), file=out)
        return 0
    width = terminal_width()
    for status in statuses:
        print(feed_line(status, width, labels), file=out)
    return 0


def cmd_list(service: Service, args: argparse.Namespace, out: TextIO, labels: Labels) -> int:
    if args.limit < 1:
        raise UsageError(labels["cli.limit_min"])
    feed_url = chosen_scope(service, args, labels)
    filters = Filters(
        category=args.category, feed=feed_url, unread=args.unread, starred=args.starred
    )
    articles = service.store.articles(filters, limit=args.limit)
    if args.json:
        print(
            json.dumps([article_json(a) for a in articles], ensure_ascii=False, indent=2), file=out
        )
        return 0
    width, unread = listing_width(out), unread_mark(getattr(out, "encoding", None))
    for article in articles:
        print(article_line(article, width, unread), file=out)
    return 0


def chosen_scope(service: Service, args: argparse.Namespace, labels: Labels) -> str | None:
    """Check `--feed` and `--category` (of `list` and `search`); returns the feed's URL."""
    feed_url = None
    if args.feed:
        feed = service.find_feed(args.feed)
        if feed is None:
            raise UsageError(labels("cli.not_a_feed", url=args.feed))
        feed_url = feed.url
    categories = sorted({feed.group for feed in service.feeds})
    if args.category is not None and args.category not in categories:
        raise UsageError(unknown_category(args.category, categories, labels))
    return feed_url


def unknown_category(name: str, known: Sequence[str], labels: Labels) -> str:
    """One sentence for a --category the config does not have, offering the names closest to
    it, diacritics and case aside ("kinh te" finds "Kinh tế - Xã hội")."""
    wanted = fold(name).strip()
    by_fold = {fold(category): category for category in known}
    close = difflib.get_close_matches(wanted, list(by_fold), n=3, cutoff=0.6)
    close += [f for f in by_fold if wanted and wanted in f and f not in close]
    shown = clean_text(name)
    if not close:
        return labels("cli.not_a_category", name=shown)
    names = labels["cli.or"].join(f"“{by_fold[f]}”" for f in close[:3])
    return labels("cli.not_a_category_close", name=shown, close=names)


def cmd_show(service: Service, args: argparse.Namespace, out: TextIO, labels: Labels) -> int:
    article = service.store.article(args.id)
    if article is None:
        raise NewsreaderError(Problem.of("article.missing", ids=args.id))
    if args.json:
        data = article_json(article, full=True, image_path=service.images.file)
        print(json.dumps([data], ensure_ascii=False, indent=2), file=out)
        return 0
    print(render_article(article, terminal_width(), labels), file=out)
    return 0


def cmd_search(service: Service, args: argparse.Namespace, out: TextIO, labels: Labels) -> int:
    if args.limit < 1:
        raise UsageError(labels["cli.limit_min"])
    feed_url = chosen_scope(service, args, labels)
    hits = service.store.search(args.query, limit=args.limit, feed=feed_url, category=args.category)
    if args.json:
        data = [
            {**article_json(hit.article), "snippet": hit.snippet, "rank": hit.rank} for hit in hits
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2), file=out)
        return 0
    if not hits:
        print(labels("cli.no_match", query=args.query), file=sys.stderr)
        return 0
    width, unread = listing_width(out), unread_mark(getattr(out, "encoding", None))
    for hit in hits:
        print(search_line(hit, width, unread), file=out)
    return 0


def cmd_mark(service: Service, args: argparse.Namespace, out: TextIO, labels: Labels) -> int:
    changes = {
        "read": {"read": True},
        "unread": {"read": False},
        "star": {"starred": True},
        "unstar": {"starred": False},
    }[args.action]
    missing = service.store.mark(args.ids, **changes, now=service.clock())
    if missing:
        listed = ", ".join(str(i) for i in missing)
        raise NewsreaderError(Problem.of("article.missing", ids=listed))
    return 0


def import_opml(config_path: Path, file: Path, labels: Labels) -> int:
    try:
        data = file.read_bytes()
    except OSError as error:
        reason = error.strerror or error
        raise NewsreaderError(labels("cli.cannot_read", file=file, reason=reason)) from error
    feeds = parse_opml(data, str(file))
    load_config(config_path)  # refuse to append to a config that is already invalid
    added = add_feeds(config_path, feeds)
    print(labels("cli.added", added=len(added), total=len(feeds), path=config_path))
    return 0


def export(settings: Settings, file: str | None, labels: Labels) -> int:
    text = export_opml(settings.feeds)
    if file is None or file == "-":
        sys.stdout.write(text)
        return 0
    try:
        Path(file).write_text(text, encoding="utf-8")
    except OSError as error:
        reason = error.strerror or error
        raise NewsreaderError(labels("cli.cannot_write", file=file, reason=reason)) from error
    print(labels("cli.wrote", count=len(settings.feeds), file=file), file=sys.stderr)
    return 0


WRITING_COMMANDS = frozenset({"refresh", "mark"})
"""Commands whose work is saving something: in a read-only cache they fail, saying why."""

COMMANDS = {
    "refresh": cmd_refresh,
    "feeds": cmd_feeds,
    "list": cmd_list,
    "show": cmd_show,
    "search": cmd_search,
    "mark": cmd_mark,
}
