"""Every label the user reads, in Vietnamese (default) and English: one catalogue, one lookup.

The catalogues are `vi.py` and `en.py`. This is plain data with no Textual in it, so the command
line can speak the same language as the app. Key descriptions are labels too, keyed by binding
id: `Binding(...)` declarations carry no text of their own, and `ui.bindings.translated` puts
these in, so help, palette and footer agree. Problems the core reports (a failed fetch, a bad
file) are said through `describe` (problems.py), in the same language.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from .en import EN
from .problems import describe, problem_of
from .vi import VI

__all__ = ["CATALOGUES", "EN", "VI", "Labels", "describe", "pick_language", "problem_of"]

CATALOGUES: dict[str, dict[str, str]] = {"vi": VI, "en": EN}


def pick_language(setting: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The config's language, else English when LANG/LC_ALL/LANGUAGE ask for it, else Vietnamese."""
    if setting in CATALOGUES:
        return str(setting)
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"):
        value = env.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "vi"
    return "vi"


class Labels(Mapping[str, str]):
    """The catalogue for one language; keys missing from it fall back to Vietnamese."""

    def __init__(self, language: str = "vi") -> None:
        self.language = language if language in CATALOGUES else "vi"
        self._table = CATALOGUES[self.language]

    def __getitem__(self, key: str) -> str:
        text = self._table.get(key) or VI.get(key)
        if text is None:
            raise KeyError(key)
        return text

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(VI)

    def __len__(self) -> int:
        return len(VI)

    def __call__(self, key: str, **values: object) -> str:
        """The label for `key` with `{placeholders}` filled in."""
        text = self[key]
        return text.format(**values) if values else text
