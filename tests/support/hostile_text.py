"""Hostile text for the security and property tests: what a feed, an OPML file or a server may
send to a terminal, and one check, written from the rule rather than from the cleaner, that text
is fit to show.

The rule (core/text.py): no C0/C1 control but tab and newline (and those only where the text is
multi-line), no escape sequence, no bidi control, no invisible character that splits a word,
no lone surrogate; ZWJ/ZWNJ only between two characters of scripts that need them; NFC.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from hypothesis import strategies as st

__all__ = [
    "ESCAPES",
    "NASTY",
    "VIETNAMESE",
    "assert_clean",
    "hostile_text",
    "problems_in",
]

ESCAPES = (
    "\x1b[2J",  # clear the screen
    "\x1b[31m",
    "\x1b]0;PWNED\x07",  # set the window title
    "\x1b]52;c;cm0gLXJmIH4=\x07",  # write the clipboard
    "\x1b]8;;https://evil.example/\x1b\\",  # a hyperlink
    "\x1bP1$r0m\x1b\\",  # DCS
    "\x9b31m",  # 8-bit CSI
    "\x9d0;PWNED\x9c",  # 8-bit OSC title change
    "\x1bc",  # reset the terminal
)
"""Whole escape sequences, 7-bit and 8-bit."""

NASTY = (
    *ESCAPES,
    "\x00",
    "\x07",
    "\x08",
    "\r",
    "\r\n",
    "\x7f",
    "\x85",
    "\x9b",
    "\x9d",
    "\u2028",
    "\u2029",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\U000e0041",  # a tag character: invisible "A"
    "\ud800",  # a lone surrogate, as JSON can carry it
    "&#x9d;",
    "&#x202e;",
    "&#27;[2J",
    "&#x1b;]0;X&#x7;",
)
"""Single characters and sequences that must never reach a terminal, plus entity spellings."""

VIETNAMESE = (
    "Hội nghị Trung ương Đảng",
    "Dân vận khéo",
    "ngữ điệu ổn định",
    "người dân ưa thích",
    "[video] Toàn cảnh",
    "Thủ tướng Phạm Minh Chính",
    "Ảnh: TTXVN",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # an emoji family: its joiners stay
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: its ZWNJ stays
)

_WORDS = st.sampled_from((*VIETNAMESE, " ", "\n", "\t", "<", ">", "&", ";", "[b]", "a"))


def hostile_text(*, max_size: int = 30) -> st.SearchStrategy[str]:
    """Strings mixing Vietnamese, hostile sequences and any code point at all (surrogates too)."""
    piece = st.one_of(
        st.sampled_from(NASTY),
        _WORDS,
        st.characters(exclude_categories=()),
        st.text(max_size=5),
    )
    return st.lists(piece, max_size=max_size).map("".join)


# --- the check -------------------------------------------------------------------------------

_ALWAYS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028\u2029"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]"
)
_TAGS = re.compile("(?<![\U0001f3f4\U000e0020-\U000e007f])[\U000e0000-\U000e007f]")
_LATINISH = re.compile("[\\s\x00-\u052f\u1e00-\u1fff\u2c60-\u2c7f\ua720-\ua7ff\uff00-\uffef]")


def problems_in(text: str, *, multiline: bool = False) -> list[str]:
    """What is wrong with `text` as something to show ([] when nothing is)."""
    found = [f"{char!r} at {m.start()}" for m in _ALWAYS.finditer(text) if (char := m.group())]
    found += [f"tag character at {m.start()}" for m in _TAGS.finditer(text)]
    if not multiline:
        found += [f"{char!r} in a single line" for char in "\n\t" if char in text]
    for index, char in enumerate(text):
        if char in "\u200c\u200d":
            before = text[index - 1] if index else " "
            after = text[index + 1] if index + 1 < len(text) else " "
            if _LATINISH.match(before) or _LATINISH.match(after):
                found.append(f"{char!r} splitting a word at {index}")
    if unicodedata.normalize("NFC", text) != text:
        found.append("not NFC")
    return found


def assert_clean(texts: str | Iterable[str | None], *, multiline: bool = False) -> None:
    """Fail naming the first text that is not fit for a terminal."""
    for text in [texts] if isinstance(texts, str) else texts:
        if text:
            problems = problems_in(text, multiline=multiline)
            assert not problems, f"{text!r}: {problems}"
