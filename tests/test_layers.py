"""The layers the code is built in, checked by import-linter from the contracts in pyproject.toml.

`entry` > `ui` > `cli`/`output` > `demo` > `core`, and inside the core: service/views/opml >
media/sources/fetch/normalize > store > config/content/paths > models/text/dates/errors; nothing
below the UI imports textual or rich. A lower layer importing a higher one fails here, naming
the chain of imports.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def lint_imports() -> list[str]:
    script = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert script is not None, "import-linter is part of the test extra: pip install -e '.[test]'"
    return [script, "--no-cache", "--no-logo", str(ROOT / "pyproject.toml")]


def test_every_layer_imports_only_downwards() -> None:
    result = subprocess.run(lint_imports(), cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
