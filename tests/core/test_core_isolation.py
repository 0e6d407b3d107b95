"""The core must stay usable without the UI stack: importing it never loads textual or rich."""

import subprocess
import sys

CHECK = """
import sys
# httpx imports its optional command line when click is installed (import-linter brings it into
# the test environment, Textual brings rich and pygments), and that loads rich: the package
# itself keeps that import from happening (newsreader_tui/__init__.py), so it is not blocked
# here.
import newsreader_tui.core
from newsreader_tui.core import (
    config, dates, fetch, media, models, normalize, opml, paths, service, store, text, views,
)
from newsreader_tui.core.sources import read_feed
from newsreader_tui.core.content import blocks, plain
import newsreader_tui.cli
import newsreader_tui.entry
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
print(",".join(loaded))
"""


def test_core_and_cli_import_neither_textual_nor_rich() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
