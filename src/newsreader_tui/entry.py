"""The `newsreader-tui` command: the one module that knows both interfaces.

`cli` parses the arguments and runs the headless commands; with no command it opens the reader
through the opener given here, which imports the Textual app only then. So `newsreader-tui list`
never loads the UI stack, and the CLI never imports the UI (the UI is the layer above it).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from . import cli
from .core.config import Settings
from .core.service import Service


def open_reader(
    settings: Settings, service: Service, *, offline: bool, missing_config: Path | None
) -> int:
    """Run the reader (see `ui.run.run_reader`), importing Textual now rather than at start."""
    from .ui.run import run_reader

    return run_reader(settings, service, offline=offline, missing_config=missing_config)


def main(argv: Sequence[str] | None = None) -> int:
    """The entry point of the `newsreader-tui` script and of `python -m newsreader_tui`."""
    return cli.main(argv, open_reader=open_reader)
