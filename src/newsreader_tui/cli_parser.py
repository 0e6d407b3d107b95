"""The command line's arguments, and the language its messages are in.

`build_parser` declares the subcommands and flags (a contract: extend them, never rename them)
with their help in the interface's language. Our own words are labels; argparse's are mostly
replaced cleanly: the "usage:" prefix (a formatter subclass), the "error:" prefix (`error`),
the section titles (groups we name) and `-h`'s help (added by us). What argparse writes about
a bad argument ("invalid int value: 'x'", "the following arguments are required") stays
English: it comes from argparse's own gettext catalogue, which we do not ship.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from . import __version__
from .core import paths
from .core.config import load_config
from .core.errors import NewsreaderError
from .i18n import Labels, pick_language

PROG = "newsreader-tui"


def cli_labels(argv: Sequence[str]) -> Labels:
    """The labels the command line speaks: the config's `language`, else $LANG and friends, as
    the app decides. A config that cannot be read says nothing here (its error comes later)."""
    probe = argparse.ArgumentParser(add_help=False)
    probe.add_argument("--config")
    probe.add_argument("--demo", action="store_true")
    known, _rest = probe.parse_known_args(list(argv))
    setting = None
    if not known.demo:
        try:
            setting = load_config(paths.config_path(known.config)).language
        except (NewsreaderError, OSError, ValueError):
            setting = None
    return Labels(pick_language(setting))


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter with the usage prefix in the interface's language."""

    def __init__(self, prog: str, *, prefix: str, **kwargs: Any) -> None:
        super().__init__(prog, **kwargs)
        self.prefix = prefix

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, self.prefix if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose own words (usage, error, -h) are in the labels' language; flags
    go in `options`, a group under the translated "options" title."""

    def __init__(self, *, labels: Labels, **kwargs: Any) -> None:
        def formatter(prog: str, **more: Any) -> argparse.HelpFormatter:
            return _Formatter(prog, prefix=labels["cli.usage"], **more)

        super().__init__(formatter_class=formatter, add_help=False, **kwargs)
        self.labels = labels
        self.options = self.add_argument_group(labels["cli.options"])
        self.options.add_argument("-h", "--help", action="help", help=labels["cli.help"])

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {self.labels['cli.error']}: {message}\n")


def _escape(text: str) -> str:
    """Help text for argparse, which expands %-formats in it (a path may hold a "%")."""
    return text.replace("%", "%%")


def build_parser(labels: Labels | None = None) -> Parser:
    """The parser for every subcommand, its help in the language of `labels`."""
    t = labels or Labels("en")
    parser = Parser(prog=PROG, description=t["cli.description"], labels=t)
    options = parser.options
    options.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}", help=t["cli.version"]
    )
    config = _escape(t("cli.config", path=paths.config_path()))
    options.add_argument("--config", metavar="PATH", help=config)
    data = _escape(t("cli.data_dir", path=paths.data_dir()))
    options.add_argument("--data-dir", metavar="PATH", help=data)
    options.add_argument("--offline", action="store_true", help=t["cli.offline"])
    options.add_argument("--demo", action="store_true", help=t["cli.demo"])
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", title=t["cli.commands"], parser_class=Parser
    )

    def command(name: str) -> Parser:
        sub: Parser = commands.add_parser(name, help=t[f"cli.{name}"], labels=t)
        return sub

    refresh = command("refresh").options
    refresh.add_argument("--feed", metavar="URL", action="append", help=t["cli.only_feed"])
    refresh.add_argument("--full-text", action="store_true", help=t["cli.full_text_flag"])
    refresh.add_argument("--images", action="store_true", help=t["cli.images_flag"])

    command("feeds").options.add_argument("--json", action="store_true", help=t["cli.json"])

    listing = command("list").options
    listing.add_argument("--category", metavar="C", help=t["cli.only_category"])
    listing.add_argument("--feed", metavar="URL", help=t["cli.only_feed"])
    listing.add_argument("--unread", action="store_true", help=t["cli.only_unread"])
    listing.add_argument("--starred", action="store_true", help=t["cli.only_starred"])
    limit = t("cli.limit", default=50)
    listing.add_argument("--limit", metavar="N", type=int, default=50, help=limit)
    listing.add_argument("--json", action="store_true", help=t["cli.json"])

    show = command("show")
    show.add_argument_group(t["cli.arguments"]).add_argument("id", metavar="ID", type=int)
    show.options.add_argument("--json", action="store_true", help=t["cli.show_json"])

    search = command("search")
    search.add_argument_group(t["cli.arguments"]).add_argument("query", metavar="QUERY")
    limit = t("cli.limit", default=20)
    search.options.add_argument("--limit", metavar="N", type=int, default=20, help=limit)
    search.options.add_argument("--json", action="store_true", help=t["cli.json"])
    search.options.add_argument("--category", metavar="C", help=t["cli.only_category"])
    search.options.add_argument("--feed", metavar="URL", help=t["cli.only_feed"])

    mark = command("mark")
    mark.add_argument_group(t["cli.arguments"]).add_argument(
        "ids", metavar="ID", type=int, nargs="+"
    )
    action = mark.options.add_mutually_exclusive_group(required=True)
    for flag in ("read", "unread", "star", "unstar"):
        action.add_argument(f"--{flag}", dest="action", action="store_const", const=flag)

    opml_in = command("import-opml")
    opml_in.add_argument_group(t["cli.arguments"]).add_argument("file", metavar="FILE")
    opml_out = command("export-opml")
    opml_out.add_argument_group(t["cli.arguments"]).add_argument("file", metavar="FILE", nargs="?")
    return parser
