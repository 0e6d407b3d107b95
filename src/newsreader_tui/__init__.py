"""newsreader-tui: a terminal news reader."""

import logging

__version__ = "0.1.0"

# Until a command points it at the data dir's log file (logfile.attach), nothing the package logs
# may reach the terminal: Python's last-resort handler would print it, traceback and all, on
# stderr, which is where Textual draws.
logging.getLogger(__name__).addHandler(logging.NullHandler())
