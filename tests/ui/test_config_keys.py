"""Every `[keys]` id the example config and README suggest is a binding the app has.

The example once suggested `next_article = "j,down"`, an id no binding has: a user who
uncommented it got the unknown-key warning. The ids are the ones the app itself accepts in
`[keys]` (`ui.app.keymap_ids`, what `NewsreaderApp._apply_keymap` checks against).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from newsreader_tui.core.config import default_config_text, load_config
from newsreader_tui.ui.app import keymap_ids

README = Path(__file__).resolve().parents[2] / "README.md"


def example_keys() -> str:
    """The example's `[keys]` table, which it ships commented out, uncommented."""
    lines = default_config_text().splitlines()
    start = lines.index("# [keys]")
    block = []
    for line in lines[start:]:
        if not line.startswith("# "):
            break
        block.append(line[2:])
    return "\n".join(block) + "\n"


def test_example_keys_name_real_bindings(tmp_path: Path) -> None:
    text = example_keys()
    keys = tomllib.loads(text)["keys"]
    assert keys, "the example should show how to remap a key"
    assert set(keys) <= keymap_ids(), set(keys) - keymap_ids()
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    assert set(load_config(path).keys) == set(keys)


def test_readme_keys_name_real_bindings() -> None:
    blocks = re.findall(r"```toml\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    keys = {key for block in blocks for key in tomllib.loads(block).get("keys", {})}
    assert keys, "README should show how to remap a key"
    assert keys <= keymap_ids(), keys - keymap_ids()
