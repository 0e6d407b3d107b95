"""newsreader-tui: a terminal news reader."""

import importlib.util
import logging
import sys

__version__ = "0.1.0"

# Until a command points it at the data dir's log file (logfile.attach), nothing the package logs
# may reach the terminal: Python's last-resort handler would print it, traceback and all, on
# stderr, which is where Textual draws.
logging.getLogger(__name__).addHandler(logging.NullHandler())

# httpx imports its command-line client with the library when click, rich and pygments are
# installed (Textual brings rich and pygments): 90 modules, 25 ms and 5 MB in every process
# that fetches a feed, for a `main` this app never calls. None in sys.modules makes that import
# fail as if they were missing, and httpx keeps the stub `main` it has for that case.
sys.modules.setdefault("httpx._main", None)

# httpcore asks which event loop runs it by importing sniffio as it sets up each lock, several
# times a request, and answers "asyncio" when the import fails; anyio 4 no longer brings
# sniffio, so every request searched the whole import path again, stat by stat (1,459 failed
# imports in a refresh of 200 feeds, a quarter of the fetching's CPU). Told once that it is
# missing, the import fails at once, with the same answer.
if importlib.util.find_spec("sniffio") is None:
    sys.modules.setdefault("sniffio", None)
