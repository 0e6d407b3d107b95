"""Exact keys (`core.diacritics`): each mark a digit, the tone after the first vowel of its run,
so the two tone placements agree and a word being typed is a prefix of the finished one."""

from __future__ import annotations

import pytest

from newsreader_tui.core.diacritics import exact_key


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("Đảng", "d9a3ng"),
        ("đang", "d9ang"),
        ("kỳ", "ky2"),
        ("ký", "ky1"),
        ("họp", "ho5p"),
        ("vận", "va65n"),
        ("người", "ngu72o7i"),
        ("quyết", "quy1e6t"),
        ("giá", "gia1"),
        ("café", "cafe1"),
    ],
)
def test_each_mark_is_a_digit(word: str, key: str) -> None:
    assert exact_key(word) == key
    assert key.isascii() and key.isalnum()


@pytest.mark.parametrize("word", ["dang", "Olympic", "U23", "2026", "ø"])
def test_a_word_without_marks_has_no_key(word: str) -> None:
    assert exact_key(word) == ""


@pytest.mark.parametrize(("old", "new"), [("hoà", "hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe")])
def test_old_and_new_tone_placement_share_a_key(old: str, new: str) -> None:
    assert exact_key(old) == exact_key(new) != ""


@pytest.mark.parametrize(("typing", "word"), [("ngừ", "người"), ("Đả", "Đảng"), ("đa", "đảng")])
def test_a_word_being_typed_is_a_prefix_of_its_key(typing: str, word: str) -> None:
    assert exact_key(word).startswith(exact_key(typing))
