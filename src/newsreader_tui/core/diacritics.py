"""Exact keys: a word's diacritics spelled in ASCII digits, so search can honour the ones typed.

The search index holds folded words ("dang" for đang, Đảng, Đặng, dạng), which is what lets
`dan van kheo` find "Dân vận khéo". A word typed *with* diacritics must match those diacritics
only (`Đảng` must not find "đang"), so the index also holds, for each word that has any, its
exact key: the word casefolded with every mark written as a VNI-style digit after its letter
(circumflex 6, horn 7, breve 8, đ as d9; tones sắc 1, huyền 2, hỏi 3, ngã 4, nặng 5).

Keys are plain ASCII letters and digits, so the FTS tokenizer (unicode61, remove_diacritics 2)
keeps each one whole and strips nothing from it, and no folded word looks like one. The tone is
written after the FIRST vowel of its vowel run (after "u" of "qu" and "i" of "gi" + vowel),
wherever the text put it:

- the old and new tone placements give one key: "hoà" and "hòa" are both `ho2a`, "thuỷ" and
  "thủy" both `thu3y`, so a user typing either finds both;
- a word being typed is a prefix of the finished word's key: "ngừ" (`ngu72`) of "người"
  (`ngu72o7i`), "Đả" (`d9a3`) of "Đảng" (`d9a3ng`), and a word typed before its tone ("đa",
  `d9a`) still finds every tone of it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain

__all__ = ["chunk_keys", "exact_key", "exact_keys", "worth_keeping"]

_TONES = {"\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
_SHAPES = {"\u0302": "6", "\u031b": "7", "\u0306": "8"}
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=1 << 13)  # Vietnamese has about 7,000 syllables
def exact_key(word: str) -> str:
    """The exact key of one word (letters and digits only), or "" when it has no diacritics.

    `exact_key("Đảng") == "d9a3ng"`, `exact_key("đang") == "d9ang"`, `exact_key("dang") == ""`.
    Marks other than Vietnamese ones (é's acute is sắc; ü's diaeresis, ç's cedilla...) are kept as
    "0", so "café" and "cafe" still differ and the key stays ASCII.
    """
    decomposed = unicodedata.normalize("NFD", word.casefold())
    if decomposed.isascii():
        return ""
    # [base letter, shape digits, tone digit] per letter
    letters: list[list[str]] = []
    marked = False
    for char in decomposed:
        if unicodedata.combining(char):
            if not letters:
                continue
            marked = True
            if char in _TONES:
                letters[-1][2] = letters[-1][2] or _TONES[char]
            else:
                letters[-1][1] += _SHAPES.get(char, "0")
        elif char == "đ":
            marked = True
            letters.append(["d", "9", ""])
        else:
            letters.append([char, "", ""])
    if not marked:
        return ""
    _place_tones(letters)
    return "".join(base + shape + tone for base, shape, tone in letters)


def _place_tones(letters: list[list[str]]) -> None:
    """Move each vowel run's tone to the run's first vowel (see the module docstring)."""
    index = 0
    while index < len(letters):
        if letters[index][0] not in _VOWELS:
            index += 1
            continue
        end = index
        while end < len(letters) and letters[end][0] in _VOWELS:
            end += 1
        tone = next((letter[2] for letter in letters[index:end] if letter[2]), "")
        for letter in letters[index:end]:
            letter[2] = ""
        first = index
        if end - index > 1 and index > 0:
            before, vowel = letters[index - 1][0], letters[index][0]
            if (before, vowel) in (("q", "u"), ("g", "i")):
                first += 1  # "qu", "gi": the u and the i belong to the consonant
        letters[first][2] = tone
        index = end


_WORD_RE = re.compile(r"[^\W_]+")  # as the FTS tokenizer cuts words: "_" splits


_LONGEST_KEPT = 40
_DIGIT = re.compile(r"\d").search


def worth_keeping(chunk: str) -> bool:
    """Whether a chunk of text is worth a place in a per-chunk cache: a word, which news text
    repeats, not a number ("(bài 12-3)", "08/11/2018", "1.250.000đ") nor text without spaces
    (a URL, Chinese, Thai), which it seldom repeats. Kept, those filled the caches with one
    entry per article: a parse worker grew from 39 to 46 MB over 900 feeds."""
    return len(chunk) <= _LONGEST_KEPT and _DIGIT(chunk) is None


class _KeyCache(dict[str, tuple[str, ...]]):
    """The exact keys of one whitespace-separated chunk of text ("(Đảng", "Hà-Nội,"), by chunk:
    a news cache repeats the same few thousand syllables, so splitting on whitespace (fast, in C)
    and looking each chunk up here costs far less than a regex over every word of every field.
    Cleared when it grows past `LIMIT` chunks, so a long refresh cannot grow it without end; a
    chunk that is not a word (`worth_keeping`) is worked out but not kept."""

    LIMIT = 1 << 16

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        if chunk.isascii():
            keys: tuple[str, ...] = ()
        else:
            keys = tuple(filter(None, map(exact_key, _WORD_RE.findall(chunk))))
        if not worth_keeping(chunk):
            return keys
        if len(self) >= self.LIMIT:
            self.clear()
        self[chunk] = keys
        return keys


_KEYS = _KeyCache()


def exact_keys(text: str) -> str:
    """The exact keys of the words of `text` that have diacritics, each once, space-separated
    (what the index holds after a field's folded words)."""
    if text.isascii():  # an English feed, a field of numbers: nothing to look up
        return ""
    return chunk_keys(text.split())


def chunk_keys(chunks: Iterable[str]) -> str:
    """`exact_keys` of a text already split on whitespace (a chunk may hold several words:
    "Hà-Nội,"), so a caller that folds the same chunks splits the text once."""
    # A chunk may hold words another chunk holds too ("hoà\nhòa", "hoà"): each key once. The
    # chunks' keys are chained straight into one dict, not joined and split again.
    return " ".join(dict.fromkeys(chain.from_iterable(map(_KEYS.__getitem__, chunks))))
