"""Vietnamese-safe text: NFC, control-character stripping, diacritic folding, encodings."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Fold for search: drop diacritics, map đ/Đ to d/D, casefold. "Dân vận khéo" -> "dan van kheo"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()
