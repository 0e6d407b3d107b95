"""`clean_line` and `clean_text_line` skip the steps that can find nothing in a field (no "<",
no "&"), and collapse whitespace by splitting: the answers are those of every step run, always."""

from __future__ import annotations

import re
import sys

from hypothesis import example, given
from hypothesis import strategies as st

from newsreader_tui.core import text

PIECES = (
    "<", ">", "/", "]]>", "<![CDATA[", "&", "&amp;", "&lt;", "&gt;", "&amp;lt;b&amp;gt;", "&#60;",
    "&#x3c;", "&#7853;", "&amp;#7853;", "b", "p", "<b>", "</p>", "<br/>", "<blink>", "<!--",
    "-->", " ", "  ", "\t", "\n", "\r", "\xa0", "\u2028", "\u3000", "\x1c", "\x85", "\x1b[31m",
    "\u200b", "\u202e", "Đ", "ả", "a\u0301", "[video] Toàn cảnh", "x", ";", "#",
)  # fmt: skip
FIELDS = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
    st.text(max_size=30),
)
_RUNS = re.compile(r"\s+")


def every_step(s: str) -> str:
    """`clean_line` with no step skipped and whitespace collapsed by a pattern."""
    s = text._TAG_RE.sub(text._tag_to_space, s)
    s = text.unescape_entities(s)
    s = text._INLINE_TAG_RE.sub(text._tag_to_space, s)
    return _RUNS.sub(" ", text.clean_text(s)).strip()


def every_step_plain(s: str) -> str:
    """`clean_text_line` with no step skipped."""
    pieces = (
        text._INLINE_TAG_RE.sub(text._tag_to_space, text.unescape_entities(p)) for p in s.split("<")
    )
    return _RUNS.sub(" ", text.clean_text("<".join(pieces))).strip()


@given(FIELDS)
@example("Thời sự")
@example("Fri, 27 Nov 2026 01:30:00 +0000")
@example("&lt;b&gt;Đảng&lt;/b&gt; <i>x</i>")
def test_clean_line_skips_nothing_that_matters(field: str) -> None:
    assert text.clean_line(field) == every_step(field)


@given(FIELDS)
@example("History of the <blink> tag &amp;lt;b&amp;gt;")
def test_clean_text_line_skips_nothing_that_matters(field: str) -> None:
    assert text.clean_text_line(field) == every_step_plain(field)


def test_splitting_and_the_pattern_agree_on_every_whitespace_character() -> None:
    chars = (chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    spaces = [c for c in chars if c.isspace() or _RUNS.fullmatch(c)]
    assert all(c.isspace() and _RUNS.fullmatch(c) for c in spaces)
    assert len(spaces) > 20
