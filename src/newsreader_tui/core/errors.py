"""Errors the core raises for bad input, and the `Problem` each carries.

A problem is one plain sentence for the user, kept in a form an interface can translate: a
stable `code` that names the kind of problem, the `params` it mentions (a host, a URL, an HTTP
status...) and `text`, the sentence in English. `MESSAGES` is the English catalogue, one
template per code; `newsreader_tui.i18n.describe` says a problem in the interface's language
and falls back on `text`, which is also what `--json` output and the logs carry. Params that
come from outside (hosts, URLs, server text) are cleaned here, once (rule 1): a translation
puts them in its own sentence without looking at them again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .text import clean_text

MESSAGES: dict[str, str] = {
    # downloading (core.fetch)
    "fetch.http": "HTTP {status} {reason} from {host}",
    "fetch.timeout": "timed out after {seconds} s fetching from {host}",
    "fetch.read_timeout": "timed out after {seconds} s waiting for data from {host}",
    "fetch.connect_timeout": "could not connect to {host}: timed out after {seconds} s",
    "fetch.refused": "could not connect to {host}: connection refused",
    "fetch.host_not_found": "could not connect to {host}: host name not found",
    "fetch.unreachable": "could not connect to {host}: network unreachable",
    "fetch.connect_failed": "could not connect to {host}: {detail}",
    "fetch.closed": "{host} closed the connection unexpectedly",
    "fetch.network": "network error talking to {host}: {detail}",
    "fetch.redirects": "too many redirects from {host} (more than {limit})",
    "fetch.bad_redirect": "invalid URL reached from {host}: {detail}",
    "fetch.proxy": "the proxy refused the connection to {host}: {detail}",
    "fetch.corrupt": "{host} sent a corrupt compressed response",
    "fetch.too_large": "response from {host} is larger than the {limit} limit",
    "fetch.tls_verify": (
        "TLS certificate of {host} could not be verified (set verify = "
        '"/path/ca.pem" in the config if your office uses an inspecting proxy)'
    ),
    "fetch.tls_handshake": "TLS handshake with {host} failed: {detail}",
    "fetch.ca_bundle": "the CA bundle '{path}' could not be loaded: {detail}",
    "fetch.invalid_url": "invalid URL '{url}': {detail}",
    "fetch.bad_scheme": "invalid URL '{url}': only http:// and https:// are supported",
    "fetch.no_host": "invalid URL '{url}': it has no host name",
    "fetch.attempts": "(after {attempts} attempts)",
    # issue 9: network (what happened on the wire, in plain words; Retry-After remembered)
    "fetch.reset": "{host} reset the connection",
    "fetch.closed_early": "{host} closed the connection before the whole response arrived",
    "fetch.not_http": "{host} answered with something that is not HTTP",
    "fetch.write_timeout": "timed out after {seconds} s sending the request to {host}",
    "fetch.retry_after": "{host} asked us to come back later: retry after {time}",
    # reading what was downloaded (core.sources)
    "parse.html_page": "the page at {url} is an HTML page, not a feed",
    "parse.html_no_feed": "the page at {url} is HTML and advertises no feed",
    "parse.advertised_not_feed": (
        "the page at {url} advertises a feed at {feed}, but that is not a feed either"
    ),
    "parse.invalid": "the response from {url} is not a valid feed: {detail}",
    "parse.no_root": "the response from {url} is not a valid feed: no RSS or Atom root element",
    "parse.cut_off": (
        "the feed at {url} is cut off or broken ({detail}), so no articles could be read"
    ),
    "parse.recovered": "the feed's XML is malformed ({detail}); {count} entries were recovered",
    # issue 9: network (parsing bounded in depth, time and memory)
    "parse.too_deep": "the feed at {url} is nested too deeply to read (more than {limit} levels)",
    "parse.too_slow": "reading the feed at {url} took longer than {seconds} s and was stopped",
    "parse.too_big": "reading the feed at {url} needed more than {limit} of memory and was stopped",
    "parse.crashed": "the feed reader stopped unexpectedly while reading {url}",
    "parse.json_invalid": "the response from {url} is not valid JSON: {detail}",
    "parse.json_encoding": "the response from {url} is not valid UTF-8 JSON ({detail})",
    "parse.json_not_feed": (
        "the response from {url} is JSON but not a JSON Feed; "
        'set kind = "json" and its [feeds.json] paths to read it'
    ),
    "parse.json_feed_no_items": (
        "the response from {url} is JSON but not a JSON Feed: it has no items list"
    ),
    "parse.json_no_path": 'the JSON from {url} has nothing at the items path "{path}"',
    "parse.json_path_not_list": (
        'the JSON from {url} has no list of items at the items path "{path}"'
    ),
    "parse.json_top_not_list": "the JSON from {url} has no list of items at its top level",
    "parse.json_no_titles": (
        'none of the {count} items in the JSON from {url} has a title at "{path}"'
    ),
    "parse.wordpress_no_api": (
        "the site at {url} has no public WordPress posts API ({api} answered HTTP {status})"
    ),
    "parse.wordpress_not_list": "the WordPress API at {url} did not return a list of posts",
    # an article's own page (core.media.pages)
    "page.not_html": "the link is not a web page ({type})",
    "page.extract_failed": "the article text could not be extracted ({detail})",
    "page.no_text": "no article text was found on the page",
    # the rest of the core
    "internal": "internal error: {detail}",
    "article.missing": "there is no article with id {ids}",
    "store.open": "Cannot open the cache database {path}: {detail}.",
    "store.not_cache": (
        "{path} is not a newsreader-tui cache database ({detail}); "
        "move it away or choose another path."
    ),
    "store.newer": (
        "{path} was written by a newer version of newsreader-tui "
        "(schema {version}, this version knows {known}); "
        "upgrade newsreader-tui or use another cache file."
    ),
    "config.unreadable": "{path}: cannot read the config file ({detail})",
    "config.invalid": "{path}: {key} {detail}",
    "config.invalid_at": "{path}, line {line}: {key} {detail}",
    "config.not_utf8": "{path}, line {line}: the file is not UTF-8 text",
    "config.toml": "{path}, line {line}: not valid TOML: {detail}",
    "config.toml_at": "{path}, line {line}, column {column}: not valid TOML: {detail}",
    # what is wrong with one value of the config (the {detail} of config.invalid)
    "check.number": "must be a number (got {got})",
    "check.finite": "must be a finite number (got {got})",
    "check.at_least": "must be at least {minimum} (got {got})",
    "check.off_or_at_least": "must be 0 (off) or at least {minimum} (got {got})",
    "check.greater": "must be greater than {minimum} (got {got})",
    "check.whole": "must be a whole number (got {got})",
    "check.boolean": "must be true or false (got {got})",
    "check.string": "must be a string in quotes (got {got})",
    "check.empty": "must not be empty",
    "check.ascii": "must be printable ASCII, as HTTP headers are (got {got})",
    "check.choice": "must be one of {options} (got {got})",
    "check.language": 'must be "vi", "en" or "auto" (got {got})',
    "check.url": "must be an http:// or https:// URL (got {got})",
    "check.proxy": "must be a http://, https:// or socks5:// URL (got {got})",
    "check.ca_bundle": "must be true, false or the path of a CA bundle (got {got})",
    "check.ca_missing": "names a CA bundle that does not exist ({path})",
    "check.zone": (
        'must be a UTC offset such as "+07:00" or a zone name such as "Asia/Ho_Chi_Minh" '
        "(got {got})"
    ),
    "check.unknown_table": "is not a known table (expected [settings], [[feeds]] or [keys])",
    "check.unknown_table_close": 'is not a known table; did you mean "{close}"?',
    "check.table": "must be a table",
    "check.unknown_setting": "is not a known setting",
    "check.unknown_setting_close": 'is not a known setting; did you mean "{close}"?',
    "check.alias_twice": "cannot be set together with settings.{other}",
    "check.feeds_array": "must be written as [[feeds]] entries",
    "check.repeated_url": "repeats the URL of feeds[{other}] on line {other_line} ({url})",
    "check.unknown_feed_key": "is not a known feed key",
    "check.unknown_feed_key_close": 'is not a known feed key; did you mean "{close}"?',
    "check.no_url": 'has no url (every [[feeds]] entry needs url = "https://...")',
    "check.json_missing": (
        'has kind = "json" but no [feeds.json] table with at least items and title'
    ),
    "check.json_table": "must be a table of dotted paths",
    "check.json_kind": 'is only used with kind = "json" (this feed has kind = "{kind}")',
    "check.unknown_path": "is not a known path",
    "check.unknown_path_close": 'is not a known path; did you mean "{close}"?',
    "check.json_required": 'is required for kind = "json"',
    "check.keys_table": "must be a table of binding id = key(s)",
    "opml.not_opml": "{path}, line {line}: not an OPML file (the root is <{tag}>)",
    "opml.no_body": "{path}, line {line}: the OPML file has no <body>",
    "opml.doctype": (
        "{path}, line {line}: refused to read a DOCTYPE declaration, which OPML files never need"
    ),
    "opml.entity": "{path}, line {line}: refused to read an ENTITY declaration",
    "opml.external": "{path}, line {line}: refused to read a reference to an external entity",
    "opml.malformed": "{path}, line {line}: not well-formed XML ({detail})",
    "opml.empty": "{path}, line 1: the file is empty",
    # issue 9: files (the cache that cannot be written, is full or is damaged)
    "store.read_only": "Changes cannot be saved: the cache {path} is read-only.",
    "store.read_only_old": (
        "The cache {path} is read-only and was written by an older newsreader-tui (schema "
        "{version}, this one needs {known}), so it cannot be read until it can be written once."
    ),
    "store.full": "The disk holding the cache {path} is full, so this change was not saved.",
    "store.busy": "The cache {path} is busy with another newsreader-tui; try again in a moment.",
    "store.damaged": (
        "The cache database {path} is damaged ({detail}); quit and start newsreader-tui "
        "again to rebuild it."
    ),
    "store.failed": "The cache database {path} failed: {detail}.",
    "store.rebuilt": (
        "The cache database was damaged ({detail}), so it was moved to {moved} and a new one "
        "was built with the {count} articles that could still be read, read and starred kept."
    ),
    "store.damaged_in_use": (
        "The cache database {path} is damaged ({detail}) but another newsreader-tui is using "
        "it; close that one and start again to rebuild the cache."
    ),
    "store.not_private": (
        "{path} can be read by other users and could not be made private ({detail}); "
        "run: chmod -R go-rwx {path}"
    ),
}
"""Every problem the core reports, in English, by code. A translation names the same
`{params}` (tests/core/test_problems.py checks the Vietnamese one against this)."""

ParamValue = str | int


def _clean(value: object) -> ParamValue:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return clean_text(str(value)).strip()


@dataclass(frozen=True)
class Problem:
    """One thing that went wrong: `code` (a key of MESSAGES, or "" for a sentence that has no
    code), the cleaned `params` the sentence names, and `text`, the sentence in English.
    `inner` is the problem its `{detail}` param says, when that has a code of its own (what is
    wrong with one config value, inside the sentence naming the file, line and key)."""

    code: str
    params: Mapping[str, ParamValue] = field(default_factory=dict)
    text: str = ""
    inner: Problem | None = None

    def __post_init__(self) -> None:
        # Whoever built the problem (`of`, `plain` from an exception's text, a row an older
        # version stored, a source module): its text and params reach terminals and `--json`,
        # so they are cleaned here, where no path can miss it. Cleaning is idempotent.
        object.__setattr__(self, "text", _clean(self.text))
        object.__setattr__(
            self, "params", {name: _clean(value) for name, value in self.params.items()}
        )

    @classmethod
    def of(cls, code: str, *, inner: Problem | None = None, **params: object) -> Problem:
        """The problem `code` about `params` (cleaned here), its text from MESSAGES; with
        `inner`, that problem's text is the `detail` param."""
        if inner is not None:
            params["detail"] = inner.text
        clean = {name: _clean(value) for name, value in params.items()}
        return cls(code, clean, MESSAGES[code].format(**clean), inner)

    @classmethod
    def plain(cls, text: str) -> Problem:
        """A sentence with no code (shown as it is, in every language)."""
        return cls("", {}, text)

    def retried(self, attempts: int) -> Problem:
        """This problem, seen on each of `attempts` tries."""
        params = {**self.params, "attempts": attempts}
        suffix = MESSAGES["fetch.attempts"].format(attempts=attempts)
        return Problem(self.code, params, f"{self.text} {suffix}")


class NewsreaderError(Exception):
    """Base for errors that are the user's or the network's, not bugs: shown without a traceback.

    Built from a `Problem` (so interfaces can translate it) or, for messages that have no code,
    from a plain sentence; `str(error)` is the English sentence either way.
    """

    def __init__(self, message: str | Problem) -> None:
        self.problem = message if isinstance(message, Problem) else Problem.plain(message)
        super().__init__(self.problem.text)


class ConfigError(NewsreaderError):
    """The config or OPML file is invalid; the message names the file, line and key."""


class FetchError(NewsreaderError):
    """A feed could not be downloaded. `status` is the HTTP status when there was one."""

    def __init__(self, message: str | Problem, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class ParseError(NewsreaderError):
    """A response was downloaded but is not a feed we can read."""


class StoreError(NewsreaderError):
    """The cache database cannot be used (e.g. written by a newer version)."""
