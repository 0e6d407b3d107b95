"""What the reader does when something fails: one sentence the user can act on, never a
traceback, and an exit status that says so.

Textual hands every error no handler caught (a worker's included) to `App._handle_exception`,
which prints a traceback at exit. Two kinds are told apart here. A `NewsreaderError` is the
user's or the machine's problem, already one sentence (the disk is full, the cache is
read-only or damaged): the reader shows it as a notice and keeps running, since reading still
works. Anything else is a bug: the reader ends with status 1 and one sentence on stderr.
"""

from __future__ import annotations

import time

from textual.app import App
from textual.worker import WorkerFailed

from ..core.errors import NewsreaderError, Problem
from ..i18n import Labels, describe

REPEAT_SECONDS = 5.0
"""The same failure again within this time is not shown again: opening articles one after
another in a read-only cache would otherwise pile up one toast each."""


def unwrap(error: BaseException) -> BaseException:
    """The error itself, out of the `WorkerFailed` Textual wraps a worker's error in."""
    return error.error if isinstance(error, WorkerFailed) else error


def expected(error: BaseException) -> NewsreaderError | None:
    """`error` when it is one the user should read rather than a bug."""
    inner = unwrap(error)
    return inner if isinstance(inner, NewsreaderError) else None


def sentence(error: BaseException, labels: Labels) -> str:
    """The one sentence for a bug, in the interface's language."""
    return describe(Problem.of("internal", detail=repr(unwrap(error))), labels)


class FailureNotices:
    """Shows expected failures as error notices, each once while it keeps repeating."""

    def __init__(self, app: App[object], labels: Labels) -> None:
        self.app = app
        self.labels = labels
        self._last = ("", 0.0)

    def show(self, error: NewsreaderError) -> None:
        text = describe(error, self.labels)
        now = time.monotonic()
        last_text, last_time = self._last
        self._last = (text, now)
        if text == last_text and now - last_time < REPEAT_SECONDS:
            return
        self.app.notify(text, severity="error", timeout=8, markup=False)

    def show_problems(self, problems: list[Problem]) -> None:
        """What the cache has to say once at start (read-only, rebuilt, readable by others)."""
        for problem in problems:
            text = describe(problem, self.labels)
            self.app.notify(text, severity="warning", timeout=12, markup=False)
