"""Parse feed bodies in worker processes that can be abandoned: killed past a deadline, and
limited in memory.

A thread cannot be stopped, so a feed that takes feedparser minutes (deep nesting, hundreds of
thousands of items, a 19 MB description) would hold a thread, the CPU and its memory long after
its feed had timed out. Each parse runs instead in one of a few long-lived worker processes
(`python -m newsreader_tui.core.sources.worker`):

- the job carries its time allowance (what is left of the feed's `timeout`, at least
  `MIN_PARSE_SECONDS`); a worker still busy at the end of it is killed and replaced, and the
  feed reports "took too long";
- each worker's address space may grow by `WORKER_MEMORY` at most, so a parse that would need
  more fails alone with "needed more than ... of memory";
- XML goes through `xmlscan.prescan` in the worker first: too deep is refused at once, and a
  document is cut after the items that will be kept.

Jobs and results cross as pickles over the worker's stdin and stdout: the body in, a
`ParsedFeed` (frozen dataclasses), or with the job's zone its normalised `FeedArticles`, or the
`Problem` of a `ParseError` out. A worker is a plain
fresh interpreter in its own session: never a fork of the threaded app, deaf to the terminal's
Ctrl+C, gone when its stdin closes. Workers start on first use (or `warm()`); `POOL` is the
process's pool, stopped at exit. Where there are no POSIX pipes (Windows) a parse runs in a
thread as before, with the same pre-scan but no deadline.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import os
import signal
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..errors import ParseError, Problem
from ..models import ParsedFeed
from .worker import FeedArticles, Job, run_job

__all__ = ["MIN_PARSE_SECONDS", "POOL", "WORKER_MEMORY", "Job", "ParsePool", "parse_seconds"]

MIN_PARSE_SECONDS = 5.0
"""Time a parse always gets, even when the download used up the feed's timeout: an ordinary
feed parses in well under a second, so this only matters for hostile ones."""

WORKER_MEMORY = 512 * 1024 * 1024
"""Address space a worker may add to what it started with, for one parse."""

_MB = 1024 * 1024
_ISOLATED = os.name == "posix"
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[3])
"""The directory holding the newsreader_tui package, for the worker's import path."""


class _Worker:
    """One worker process and the two ends of its pipes."""

    def __init__(self, memory: int) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            part for part in (_PACKAGE_ROOT, env.get("PYTHONPATH")) if part
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newsreader_tui.core.sources.worker", str(memory)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.jobs = Connection(os.dup(self.process.stdin.fileno()), readable=False)
        self.replies = Connection(os.dup(self.process.stdout.fileno()), writable=False)
        self.process.stdin.close()
        self.process.stdout.close()

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.jobs.close()
        with contextlib.suppress(OSError):
            self.replies.close()
        with contextlib.suppress(OSError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)


class ParsePool:
    """Up to `size` worker processes; `await pool.parse(job, seconds)` parses in one of them.

    Each worker belongs to one thread of a private thread pool of the same size, which sends it
    the job and waits for its answer: a parse never blocks the event loop, nor the threads
    that SQLite work uses, and jobs beyond `size` queue for a free worker.
    """

    def __init__(self, size: int | None = None, memory: int = WORKER_MEMORY) -> None:
        self.size = size or max(1, min(4, os.cpu_count() or 1))
        self.memory = memory
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._local = threading.local()
        self._executor: ThreadPoolExecutor | None = None

    async def parse(self, job: Job, seconds: float) -> ParsedFeed | FeedArticles:
        """`job` parsed within `seconds` of a worker taking it; raises ParseError (naming the
        feed) for a bad feed, or one that took longer or needed more memory than allowed."""
        loop = asyncio.get_running_loop()
        if not _ISOLATED:
            return await asyncio.to_thread(run_job, job)
        kind, value = await loop.run_in_executor(self._pool(), self._run, job, seconds)
        if kind == "ok":
            assert isinstance(value, ParsedFeed | FeedArticles)
            return value
        if kind == "problem":
            raise ParseError(value)
        if kind == "timeout":
            shown = f"{round(seconds, 1):g}"
            raise ParseError(Problem.of("parse.too_slow", url=job.url, seconds=shown))
        if kind == "memory":
            limit = f"{self.memory // _MB} MB"
            raise ParseError(Problem.of("parse.too_big", url=job.url, limit=limit))
        raise ParseError(Problem.of("parse.crashed", url=job.url))

    def warm(self) -> None:
        """Start the workers now, in the background, so the first feeds need not wait for an
        interpreter to start."""
        if not _ISOLATED:
            return
        executor = self._pool()
        for _ in range(self.size):
            executor.submit(self._worker)

    def close(self) -> None:
        """Stop every worker (at exit; a later `parse` starts new ones)."""
        with self._lock:
            workers, self._workers = self._workers, set()
            executor, self._executor = self._executor, None
        for worker in workers:
            worker.kill()
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def _pool(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self.size, thread_name_prefix="parse")
            return self._executor

    def _worker(self) -> _Worker:
        """This thread's worker, started if it has none (or its last one was killed)."""
        worker: _Worker | None = getattr(self._local, "worker", None)
        if worker is not None and worker.alive and worker in self._workers:
            return worker
        if worker is not None:
            self._discard(worker)
        worker = _Worker(self.memory)
        with self._lock:
            self._workers.add(worker)
        self._local.worker = worker
        return worker

    def _run(self, job: Job, seconds: float) -> tuple[str, Any]:
        try:
            worker = self._send(job)
            if not worker.replies.poll(seconds):
                self._discard(worker)
                return ("timeout", None)
            reply: tuple[str, Any] = worker.replies.recv()
            if reply[0] == "memory":
                # It survived the MemoryError, but its heap may not shrink back under the
                # limit: the next feed gets a fresh worker rather than the same failure.
                self._discard(worker)
            return reply
        except (EOFError, OSError):
            # The worker died (killed by the system for memory, say): replaced next time.
            worker = getattr(self._local, "worker", None)
            aborted = worker is not None and _aborted(worker.process)
            self._discard(worker)
            # Rust code (the fast XML reader) aborts when an allocation fails past the limit.
            return ("memory", None) if aborted else ("crashed", None)

    def _send(self, job: Job) -> _Worker:
        worker = self._worker()
        try:
            worker.jobs.send(job)
        except OSError:
            # It died while idle: one fresh worker, one more try.
            self._discard(worker)
            worker = self._worker()
            worker.jobs.send(job)
        return worker

    def _discard(self, worker: _Worker | None) -> None:
        if worker is None:
            return
        with self._lock:
            self._workers.discard(worker)
        worker.kill()
        if getattr(self._local, "worker", None) is worker:
            self._local.worker = None


def _aborted(process: subprocess.Popen[bytes]) -> bool:
    """Whether `process` ended by SIGABRT, as Rust's allocator does when memory runs out."""
    try:
        code = process.wait(timeout=1)
    except subprocess.TimeoutExpired:
        return False
    return code == -signal.SIGABRT


POOL = ParsePool()
"""The process's parse workers (started on first use)."""
atexit.register(POOL.close)


def parse_seconds(remaining: float | None, default: float) -> float:
    """A parse's time allowance: what is left of the feed's, at least MIN_PARSE_SECONDS."""
    return max(default if remaining is None else remaining, MIN_PARSE_SECONDS)
