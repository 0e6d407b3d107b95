"""Where the core's log goes: a private file in the data dir, never the terminal.

The core logs a bug in one feed's path (with its traceback) and keeps going; the user already
sees that feed's one-sentence "internal error". Without a handler, Python's last-resort handler
would print the record and its traceback on stderr: under `refresh` that is a traceback in
front of a user (or in a cron mail), and in the reader it is text written across Textual's
screen. So the package logger has a NullHandler from import on, and each command points it at
`newsreader-tui.log` in the data dir, created 0600 (it names feeds: reading history, rule 6)
and kept small by rotation. A data dir that cannot be written gets no log, silently: the store
already says that changes cannot be saved.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path
from typing import IO, Any

from .core import paths

LOGGER = "newsreader_tui"
MAX_BYTES = 1_000_000
"""One file of a megabyte and one older copy: bugs, not a history of every refresh."""


class _PrivateFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file whose every incarnation is created 0600, whatever the umask, only once
    there is something to write (no empty log in every data dir), and whose own failures (a
    disk that filled up since) are dropped rather than printed on the terminal."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass

    def _open(self) -> IO[Any]:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.baseFilename, flags, 0o600)
        return os.fdopen(fd, "a", encoding=self.encoding or "utf-8", errors="backslashreplace")


def attach(data_dir: Path) -> Path | None:
    """Send the package's warnings and errors to the log file in `data_dir`, replacing the file
    a previous call chose; return its path, or None when it cannot be written."""
    logger = logging.getLogger(LOGGER)
    path = paths.log_path(data_dir)
    for handler in list(logger.handlers):
        if isinstance(handler, _PrivateFileHandler):
            if Path(handler.baseFilename) == path.absolute():
                return path
            logger.removeHandler(handler)
            handler.close()
    if not (data_dir.is_dir() and os.access(data_dir, os.W_OK)):
        return None
    handler = _PrivateFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=1, encoding="utf-8", delay=True
    )
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.WARNING)
    return path
