"""Where a table or key is in TOML text: tomllib reports no positions for values.

The scan is best effort, but right for the usual layout of one `key = value` per line under
`[settings]`, `[[feeds]]` and `[feeds.json]` headers, which is what error messages need to name a
line the user can go to.
"""

from __future__ import annotations

import re

__all__ = ["Lines", "Locator"]


class Lines:
    """Line numbers of one table's header and of the keys written under it."""

    def __init__(self, header: int | None) -> None:
        self.header = header
        self.keys: dict[str, int] = {}
        self.json: Lines | None = None


class Locator:
    """Finds the line of a table or key in TOML text, which tomllib does not report."""

    _ARRAY_RE = re.compile(r"^\s*\[\[\s*([^\]]+?)\s*\]\]\s*(?:#.*)?$")
    _TABLE_RE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
    _KEY_RE = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*(?:\.\s*([^=\s]+))?\s*=""")

    def __init__(self, text: str) -> None:
        self.top = Lines(None)
        self.tables: dict[str, Lines] = {}
        self.feeds: list[Lines] = []
        current = self.top
        in_string: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string:
                # Text inside a multi-line string can look like a header; skip to its end.
                if line.count(in_string) % 2 == 1:
                    in_string = None
                continue
            if (array := self._ARRAY_RE.match(line)) is not None:
                name = header_name(array.group(1))
                current = Lines(number)
                if name == "feeds":
                    self.feeds.append(current)
                else:
                    self.tables.setdefault(name, current)
            elif (table := self._TABLE_RE.match(line)) is not None:
                name = header_name(table.group(1))
                current = Lines(number)
                if name == "feeds.json" and self.feeds:
                    self.feeds[-1].json = current
                else:
                    self.tables.setdefault(name, current)
            elif (key := self._KEY_RE.match(line)) is not None:
                current.keys.setdefault(key.group(1).strip("\"'"), number)
                if key.group(2):
                    dotted = f"{key.group(1).strip(chr(34) + chr(39))}.{key.group(2)}"
                    current.keys.setdefault(dotted.replace('"', "").replace("'", ""), number)
            for quote in ('"""', "'''"):
                if line.count(quote) % 2 == 1:
                    in_string = quote
                    break

    def table(self, name: str, key: str | None = None) -> int | None:
        """Line of `key` in `[name]`, else of the header, else of a top-level `name = ...`."""
        lines = self.tables.get(name)
        if lines is not None:
            if key is not None and key in lines.keys:
                return lines.keys[key]
            return lines.header
        if key is not None and f"{name}.{key}" in self.top.keys:
            return self.top.keys[f"{name}.{key}"]
        return self.top.keys.get(name)

    def feed(self, index: int, key: str | None = None, json_key: str | None = None) -> int | None:
        """Line of the `index`th (0-based) `[[feeds]]` entry, of one of its keys, or of a key
        in its `[feeds.json]` table."""
        if index >= len(self.feeds):
            return self.top.keys.get("feeds")
        lines = self.feeds[index]
        if json_key is not None:
            if lines.json is not None:
                return lines.json.keys.get(json_key, lines.json.header)
            return lines.keys.get(f"json.{json_key}", lines.keys.get("json", lines.header))
        if key == "json" and lines.json is not None and "json" not in lines.keys:
            return lines.json.header
        if key is not None:
            return lines.keys.get(key, lines.header)
        return lines.header


def header_name(raw: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in raw.split("."))
