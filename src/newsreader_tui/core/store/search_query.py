"""What a search query asks for: one term per word, and the FTS5 queries built from them.

The rules, in the order a reader meets them:

- A word typed WITHOUT diacritics matches folded: `dan van kheo` finds "Dân vận khéo".
- A word typed WITH diacritics matches those diacritics: `Đảng` finds "Đảng", never "đang";
  `kỳ họp` never "ký ... phối hợp" (the index holds each word's exact key, see
  `core.diacritics`). Old and new tone placement ("hoà"/"hòa") count as the same spelling.
- Every word is matched whole, except the last, which is the word still being typed: it matches
  as a prefix (`Dân vậ` finds "Dân vận"), but only from two letters on. One letter is a prefix
  of a large share of all words ("d" starts dân, đã, đến, được, ... and so matched all 66
  articles of the demo): it narrows nothing and buries the list, while two letters already
  narrow to a few syllables. A query of one letter alone is matched as a whole word instead.
  After other words, a one-letter last word is left out (`tiếp công d` asks for `tiếp công`):
  as a whole word it found nothing, and as a prefix it cost FTS5 every word in that letter
  (0.1 to 0.4 s over 50,000 articles) to narrow what the words before it had found very little.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsreader_tui.core.diacritics import exact_key
from newsreader_tui.core.text import fold, nfc

_WORD = re.compile(r"[^\W_]+")  # as the FTS tokenizer cuts words: "_" splits
MAX_TERMS = 32
PREFIX_FROM = 2
"""The shortest last word matched as a prefix (see the module docstring)."""

TITLE = "{title}"
LEAD = "{title summary}"
"""Column sets for ranking: every word in the title, or in the title and the summary (lead)."""


@dataclass(frozen=True)
class Term:
    """One query word: its folded form, its exact key ("" when typed without diacritics, then
    any spelling matches) and whether it may be the start of a longer word."""

    folded: str
    key: str
    prefix: bool

    @property
    def indexed(self) -> str:
        """The token the index is asked for."""
        return self.key or self.folded

    def matches(self, word: str) -> bool:
        """Whether one word of text (NFC, any case) is what this term asks for."""
        wanted, got = (self.key, exact_key(word)) if self.key else (self.folded, fold(word))
        return got.startswith(wanted) if self.prefix else got == wanted


def query_terms(query: str) -> list[Term]:
    """The terms of a user query, in order (at most MAX_TERMS)."""
    words = _WORD.findall(nfc(query))[:MAX_TERMS]
    if len(words) > 1 and len(words[-1]) < PREFIX_FROM:
        words.pop()  # a letter just typed after other words (see the module docstring)
    terms: list[Term] = []
    for index, word in enumerate(words):
        prefix = index == len(words) - 1 and len(word) >= PREFIX_FROM
        terms.append(Term(folded=fold(word), key=exact_key(word), prefix=prefix))
    return terms


def fts_query(terms: list[Term], columns: str = "") -> str:
    """An FTS5 query that needs every term, optionally within a column set (`TITLE`, `LEAD`).

    Each token is a quoted string, so user input such as `"`, `AND`, `-` or `*` is just text.
    """
    phrases = [
        '"' + term.indexed.replace('"', '""') + '"' + ("*" if term.prefix else "") for term in terms
    ]
    joined = " ".join(phrases)
    return f"{columns} : ({joined})" if columns else joined


def fts_phrase(terms: list[Term], columns: str) -> str:
    """An FTS5 query for the folded words side by side, in the order typed, within `columns`,
    and every exact key anywhere in them. The folded words keep their positions in the index
    (the exact keys follow them, once each), so only a phrase of folded words can be asked for;
    the exact keys still decide which spelling counts."""
    last = "*" if terms[-1].prefix else ""
    words = " ".join(term.folded.replace('"', '""') for term in terms)
    keys = [t for t in terms if t.key]
    exact = " " + fts_query(keys) if keys else ""
    return f'{columns} : ("{words}"{last}{exact})'


@lru_cache(maxsize=64)
def _candidates(terms: tuple[Term, ...]) -> re.Pattern[str]:
    """A pattern over folded text for the words that may match: whole or prefix by the term."""
    # Word characters as the tokenizer has them: "_" splits words ("Hà_Nội" is two).
    alternatives = sorted(
        {
            re.escape(t.folded) + (r"[^\W_]*" if t.prefix else r"(?![^\W_])")
            for t in terms
            if t.folded
        }
    )
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})")


def word_spans(
    folded: str, origin: Sequence[int], text: str, terms: list[Term]
) -> list[tuple[int, int]]:
    """(start, end) spans in `text` of the words any term matches, given `text` folded
    character by character (`folded`) with each folded character's index in `text` (`origin`)."""
    if not any(t.folded for t in terms):
        return []
    spans: list[tuple[int, int]] = []
    for match in _candidates(tuple(terms)).finditer(folded):
        start = origin[match.start()]
        end = origin[match.end() - 1] + 1
        # The folded candidate ends where the term does; the word may go on (a prefix match).
        word_match = _WORD.match(text, start)
        word = word_match.group() if word_match else text[start:end]
        if any(term.matches(word) for term in terms):
            spans.append((start, start + len(word)))
    return spans
