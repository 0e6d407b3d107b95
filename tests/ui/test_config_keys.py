"""Every `[keys]` id the example config and README suggest is a binding the app has.

The example once suggested `next_article = "j,down"`, an id no binding has: a user who
uncommented it got the unknown-key warning. The ids are collected from the BINDINGS of the
classes the app remaps (see `NewsreaderApp._apply_keymap`); when bindings move (a MainScreen,
ui/bindings.py), only `binding_ids` needs to follow.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from textual.binding import Binding

from newsreader_tui.core.config import default_config_text, load_config
from newsreader_tui.ui.app import NewsreaderApp
from newsreader_tui.ui.widgets.article_list import ArticleList
from newsreader_tui.ui.widgets.reader import Reader
from newsreader_tui.ui.widgets.sidebar import Sidebar

README = Path(__file__).resolve().parents[2] / "README.md"


def binding_ids() -> set[str]:
    """The ids `[keys]` can remap."""
    return {
        binding.id
        for owner in (NewsreaderApp, Sidebar, ArticleList, Reader)
        for binding in owner.BINDINGS
        if isinstance(binding, Binding) and binding.id
    }


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
    assert set(keys) <= binding_ids(), set(keys) - binding_ids()
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    assert set(load_config(path).keys) == set(keys)


def test_readme_keys_name_real_bindings() -> None:
    blocks = re.findall(r"```toml\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    keys = {key for block in blocks for key in tomllib.loads(block).get("keys", {})}
    assert keys, "README should show how to remap a key"
    assert keys <= binding_ids(), keys - binding_ids()
