"""What a parse worker process runs: `python -m newsreader_tui.core.sources.worker LIMIT`.

It reads `Job`s from stdin and writes, for each, ("ok", ParsedFeed or FeedArticles),
("problem", Problem) or ("memory", None) to what was stdout, as `multiprocessing.connection`
messages, until stdin closes. Its stdout and stderr proper go to /dev/null (the app's terminal
is a full-screen UI), and its address space may grow by LIMIT bytes. `core.sources.isolate`
starts and stops it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import tzinfo
from multiprocessing.connection import Connection
from typing import Any

from ..errors import ParseError, Problem
from ..models import ParsedFeed
from ..normalize import normalise_items
from .encoding import declare
from .registry import Declined, FeedArticles, body_readers
from .xmlscan import MAX_DEPTH, TooDeep, prescan

__all__ = ["FeedArticles", "Job", "read_body", "run_job", "serve"]


@dataclass(frozen=True)
class Job:
    """One body to parse: `kind` is "xml", "jsonfeed" or "json" (with `json_paths`); items past
    `max_items` are not read. With `tz` the worker also normalises (dates without a zone are in
    `tz`) and answers with `FeedArticles`; `fast` lets the fast XML reader try first."""

    kind: str
    body: bytes = field(repr=False)
    url: str
    headers: Mapping[str, str] = field(default_factory=dict)
    json_paths: Mapping[str, str] = field(default_factory=dict)
    max_items: int | None = None
    tz: tzinfo | None = None
    fast: bool = True


def read_body(job: Job) -> ParsedFeed:
    """`job`'s body read by the first reader registered for its kind that does not decline."""
    readers = body_readers(job.kind, fast=job.fast)
    for reader in readers[:-1]:
        try:
            return reader(job)
        except Declined:
            continue
        except (MemoryError, KeyboardInterrupt, SystemExit):
            raise
        except BaseException:  # a Rust panic (pyo3 PanicException) is a BaseException
            # A bug in a reader in front (the fast one) must not cost the feed: the
            # reference reader, last, reads it.
            continue
    return readers[-1](job)


def run_job(job: Job) -> ParsedFeed | FeedArticles:
    """Parse `job` here (and normalise it, given `tz`); raises ParseError with a problem
    naming the feed."""
    try:
        if job.kind == "xml":
            body, headers = declare(prescan(job.body, max_items=job.max_items), job.headers)
            job = replace(job, body=body, headers=headers)
        parsed = read_body(job)
    except (TooDeep, RecursionError) as exc:
        raise ParseError(Problem.of("parse.too_deep", url=job.url, limit=MAX_DEPTH)) from exc
    if job.max_items is not None and len(parsed.items) > job.max_items:
        parsed = replace(parsed, items=parsed.items[: job.max_items])
    if job.tz is None:
        return parsed
    articles = normalise_items(parsed.items, base_url=job.url, tz=job.tz, limit=job.max_items)
    return FeedArticles(replace(parsed, items=()), tuple(articles))


def answer(job: Job) -> tuple[str, Any]:
    """The message that answers `job`."""
    try:
        return ("ok", run_job(job))
    except ParseError as exc:
        return ("problem", exc.problem)
    except MemoryError:
        return ("memory", None)
    except Exception as exc:  # a bug in one feed's parse must not end the worker
        return ("problem", Problem.of("internal", detail=repr(exc)[:500]))


def serve(inbox: Connection, outbox: Connection) -> None:
    """Answer jobs until the app closes our stdin (or goes away)."""
    while True:
        try:
            job = inbox.recv()
        except (EOFError, OSError):
            return
        except MemoryError:
            # Not even the job fits. What is left of it in the pipe cannot be read: answer,
            # and end; the pool starts a fresh worker for the next job.
            with contextlib.suppress(OSError, MemoryError):
                outbox.send(("memory", None))
            return
        reply = answer(job)
        del job
        try:
            outbox.send(reply)
        except MemoryError:
            outbox.send(("memory", None))
        except OSError:
            return
        del reply


def limit_memory(extra: int) -> None:
    """Let this process's address space grow by `extra` bytes at most (Linux; elsewhere the
    deadline alone bounds a parse)."""
    try:
        import resource

        with open("/proc/self/statm") as statm:
            start = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = start + extra
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (ImportError, OSError, ValueError):
        pass


def main() -> None:
    inbox = Connection(os.dup(0), writable=False)
    outbox = Connection(os.dup(1), readable=False)
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
    limit_memory(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    serve(inbox, outbox)


if __name__ == "__main__":
    main()
