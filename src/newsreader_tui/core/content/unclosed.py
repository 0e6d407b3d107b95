"""Markup the stdlib's HTML tokenizer reads in quadratic time: constructs that never close.

`html.parser` (Python 3.11) looks for the end of a tag, comment or marked section from where it
starts; when there is none, it reads the `<` as text and tries again at the next `<`, which looks
to the end of the document once more. 20,000 repetitions of `<a ` (60 KB) cost it 20 s, a feed
body of a megabyte hours. `defuse_unclosed` finds, in one pass, every opener whose end does not
come anywhere after it and writes its `<` as `&lt;`: the parser then reads it as the text it
would have ended up as anyway, once.
"""

from __future__ import annotations

import re

__all__ = ["defuse_unclosed"]

# What html.parser and _markupbase look for to end each construct.
_COMMENT_END = re.compile(r"--\s*>")
_SECTION_END = re.compile(r"\]\s*\]\s*>")  # <![CDATA[ ... ]]>
_MS_SECTION_END = re.compile(r"\]\s*>")  # Word's <![if ...]> and <![endif]>
_OPENER = re.compile(r"<(?:!--|!\[\s*([A-Za-z]*)|[A-Za-z/!?])")
_SECTIONS = frozenset({"temp", "cdata", "ignore", "include", "rcdata"})
_MS_SECTIONS = frozenset({"if", "else", "endif"})


def _last_start(pattern: re.Pattern[str], markup: str) -> int:
    last = -1
    for match in pattern.finditer(markup):
        last = match.start()
    return last


def defuse_unclosed(markup: str) -> str:
    """`markup` with the `<` of every tag, comment or marked section that never closes written
    as `&lt;`; the same string when all of them close (as in any page that is not hostile)."""
    last_gt = markup.rfind(">")
    if "<" not in markup[last_gt + 1 :] and "<!" not in markup:
        return markup  # the common case: nothing opens after the last ">"
    last_comment = _last_start(_COMMENT_END, markup)
    last_section = _last_start(_SECTION_END, markup)
    last_ms_section = _last_start(_MS_SECTION_END, markup)
    pieces: list[str] = []
    kept_from = 0
    for match in _OPENER.finditer(markup):
        start, opener = match.start(), match.group(0)
        if opener == "<!--":
            closes = last_comment >= start + 4
        elif opener.startswith("<!["):
            keyword = (match.group(1) or "").lower()
            if keyword in _SECTIONS:
                closes = last_section >= start + 3
            elif keyword in _MS_SECTIONS:
                closes = last_ms_section >= start + 3
            else:
                continue  # html_tree reads an unknown one as text at once
        else:
            closes = last_gt > start
        if not closes:
            pieces.append(markup[kept_from:start])
            pieces.append("&lt;")
            kept_from = start + 1
    if not pieces:
        return markup
    pieces.append(markup[kept_from:])
    return "".join(pieces)
