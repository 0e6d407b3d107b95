"""`fold` folds word by word from a cache; the result must be the per-character fold exactly,
because search snippets map folded characters back to the original ones one by one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsreader_tui.core import text
from newsreader_tui.core.text import fold


def per_character(value: str) -> str:
    return value.translate(text._FOLD_TABLE)


VIETNAMESE = "Hội nghị “Dân vận khéo” của Đảng bộ tỉnh – Ảnh: Bá Luân… Toàn cảnh  ĐẶNG "


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_text_folds_as_character_by_character(value: str) -> None:
    assert fold(value) == per_character(value)


@given(st.lists(st.sampled_from([*VIETNAMESE.split(" "), "", " ", "ß", "İ", "ǰ"]), max_size=30))
def test_words_and_runs_of_spaces_fold_as_character_by_character(words: list[str]) -> None:
    value = " ".join(words)
    assert fold(value) == per_character(value)


def test_vietnamese_sentence_and_ascii() -> None:
    assert fold("Dân vận khéo – ĐẢNG") == "dan van kheo – dang"
    assert fold("Ha Noi, VIET NAM") == "ha noi, viet nam"


def _letters(number: int) -> str:
    """A distinct word of letters only for each number (numbers are not kept at all)."""
    word = ""
    while True:
        number, digit = divmod(number, 26)
        word += chr(ord("a") + digit)
        if not number:
            return word


def test_the_word_cache_is_bounded() -> None:
    cache = text._FOLDED_WORD.__self__
    for number in range(cache.LIMIT + 10):
        fold(f"từ{_letters(number)}")
    assert len(cache) <= cache.LIMIT
    assert fold("Đà Nẵng") == "da nang"


def test_numbers_are_folded_and_keyed_but_not_kept() -> None:
    # A number seldom comes back ("(bài 12-3)", a date, a price): kept, the caches held one
    # entry per article, and a parse worker's memory grew with the number of feeds.
    from newsreader_tui.core import diacritics

    chunks = ["(bài", "12-3)", "08/11/2018", "1.250.000đ", "Đảng", "٣"]
    value = " ".join(chunks)
    for _ in range(2):  # worked out the same way when met again
        assert text.index_text(value) == "(bai 12-3) 08/11/2018 1.250.000d dang ٣ ba2i 000d9 d9a3ng"
        assert fold(value) == per_character(value)
    for chunk in ("(bài", "Đảng"):
        assert chunk in text._FOLDED_WORD.__self__ and chunk in diacritics._KEYS
    for chunk in ("12-3)", "08/11/2018", "1.250.000đ", "٣"):
        assert chunk not in text._FOLDED_WORD.__self__ and chunk not in diacritics._KEYS


@given(
    st.lists(
        st.sampled_from([*VIETNAMESE.split(" "), "", "\n", "\t", "Hà-Nội,", "(Đảng", "hoà\nhòa"]),
        max_size=30,
    )
)
def test_indexing_splits_once_and_gives_fold_then_exact_keys(words: list[str]) -> None:
    from newsreader_tui.core.diacritics import exact_keys

    value = " ".join(words)
    keys = exact_keys(value)
    expected = f"{fold(value)} {keys}" if keys else fold(value)
    assert text.index_title(value) == expected


def test_long_chunks_are_folded_but_not_kept() -> None:
    # Text without spaces (Chinese, Thai, a long URL) must not fill the cache with paragraphs.
    cache = text._FOLDED_WORD.__self__
    paragraph = "漢字" * 200 + "Đà"
    assert fold(paragraph) == per_character(paragraph)
    assert paragraph not in cache
    from newsreader_tui.core import diacritics

    diacritics.exact_keys(paragraph + " Đảng")
    assert paragraph not in diacritics._KEYS and "Đảng" in diacritics._KEYS
