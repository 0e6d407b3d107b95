"""Tests for newsreader_tui.core.text: controls, entities, cleaning, decoding, folding."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from newsreader_tui.core.text import (
    clean_html,
    clean_line,
    clean_text,
    decode_bytes,
    encode_windows_1258,
    fold,
    nfc,
    unescape_entities,
)

VIET = "Hội nghị Trung ương Đảng lần thứ tám: Dân vận khéo, ngữ điệu ổn định, người dân ưa thích."

# Vietnamese tone marks, which windows-1258 writes as separate combining characters.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Encode like legacy Vietnamese software: precomposed base letter, then a combining tone mark.

    cp1258 has "ô", "ư", "ă" precomposed but no "ộ", so plain NFD (which also splits off the
    circumflex) and plain NFC (which keeps "ộ" whole) both fail to encode.
    """
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(p for p in parts if p in _TONES)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


# --- clean_text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\x1b[2Jcleared", "cleared"),
        ("\x1b[31mred\x1b[0m text", "red text"),
        ("\x1b[?1049hscreen", "screen"),
        ("\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\", "click"),
        ("\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07", "click"),
        ("before\x1b]52;c;cm0gLXJmIH4=\x07after", "beforeafter"),
        ("before\x1b]52;c;cm0gLXJmIH4=\x1b\\after", "beforeafter"),
        ("\x9b31mred", "red"),
        ("\x9d0;title\x9cbody", "body"),
        ("\x1bP1$r0m\x1b\\ok", "ok"),
        ("\x1b_apc payload\x1b\\ok", "ok"),
        ("\x1b^pm\x1b\\ok", "ok"),
        ("\x1bXsos\x1b\\ok", "ok"),
        ("\x1b7saved\x1b8", "saved"),
        ("\x1b(Bascii", "ascii"),
        ("\x1bcreset", "reset"),
        ("abc\u202edcba", "abcdcba"),
        ("\u2066isolated\u2069 \u202aembedded\u202c", "isolated embedded"),
        ("nul\x00here", "nulhere"),
        ("bell\x07here", "bellhere"),
        ("back\x08space\x7fdel", "backspacedel"),
        ("c1\x85line", "c1\nline"),
        ("lone\x1b", "lone"),
        ("x\x9fy", "xy"),
    ],
)
def test_clean_text_removes_nasty_sequences(raw: str, expected: str) -> None:
    assert clean_text(raw, multiline=True) == expected


def test_unterminated_osc_stops_at_end_of_line() -> None:
    assert clean_text("\x1b]52;c;payload\nnext line", multiline=True) == "\nnext line"


def test_clean_text_newlines_and_tabs() -> None:
    assert clean_text("a\r\nb\rc\nd\te", multiline=True) == "a\nb\nc\nd\te"
    assert clean_text("a\r\nb\rc\nd\te") == "a b c d e"
    assert clean_text("p1\u2029p2\u2028l", multiline=True) == "p1\np2\nl"


def test_clean_text_keeps_joiners_where_they_shape_and_vietnamese() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # ZWNJ shapes the word
    text = f"Tiếng Việt {family} {persian}"
    assert clean_text(text, multiline=True) == text


def test_clean_text_drops_joiners_that_only_split_a_latin_word() -> None:
    assert clean_text("Đả\u200cng Đả\u200dng \u200dHà", multiline=True) == "Đảng Đảng Hà"


def test_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", VIET)
    assert decomposed != VIET
    assert nfc(decomposed) == VIET


# --- entities ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("&amp;", "&"),
        ("AT&amp;T", "AT&T"),
        ("Nguy&#7877;n", "Nguyễn"),
        ("Nguy&amp;#7877;n", "Nguyễn"),
        ("&amp;#7853;", "ậ"),
        ("&amp;amp;quot;", '"'),
        ("&amp;quot;Hà Nội&amp;quot;", '"Hà Nội"'),
        ("&amp;amp;", "&"),
        ("&amp;amp;amp;amp;", "&amp;"),
        ("&amp;copy", "&copy"),
        ("no entities", "no entities"),
        ("a &lt; b", "a < b"),
    ],
)
def test_unescape_entities(raw: str, expected: str) -> None:
    assert unescape_entities(raw) == expected


# --- clean_line ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("", ""),
        ("[video] Toàn cảnh", "[video] Toàn cảnh"),
        ("  <b>Nóng</b>:  Bão   số 3\n đổ bộ ", "Nóng: Bão số 3 đổ bộ"),
        ("Giá&amp;nbsp;vàng", "Giá vàng"),
        ("&lt;b&gt;Hot&lt;/b&gt; news", "Hot news"),
        ("Lỗi &lt;script&gt; trên web", "Lỗi <script> trên web"),
        ("a < b và c > d", "a < b và c > d"),
        ("x <3 y", "x <3 y"),
        ("Dòng 1<br/>Dòng 2", "Dòng 1 Dòng 2"),
        ("\x1b[2JTiêu đề\x07", "Tiêu đề"),
        ("Nguy&amp;#7877;n Văn A", "Nguyễn Văn A"),
        ("tab\there", "tab here"),
        ("<!-- comment -->Tin", "Tin"),
        ("<![CDATA[Tin mới]]>", "Tin mới"),
    ],
)
def test_clean_line(raw: str | None, expected: str) -> None:
    assert clean_line(raw) == expected


def test_clean_line_video_prefix_is_byte_identical() -> None:
    title = "[video] Toàn cảnh"
    assert clean_line(title) == title
    assert clean_line(unicodedata.normalize("NFD", title)) == title


def test_clean_line_returns_nfc() -> None:
    assert clean_line(unicodedata.normalize("NFD", VIET)) == VIET


# --- clean_html ----------------------------------------------------------------------------------


def test_clean_html_keeps_entities_and_markup() -> None:
    body = "<p>Tom &amp; Jerry &lt;3</p>\r\n<p>Hai</p>"
    assert clean_html(body) == "<p>Tom &amp; Jerry &lt;3</p>\n<p>Hai</p>"


def test_clean_html_strips_controls_and_normalises() -> None:
    body = unicodedata.normalize("NFD", "<p>\x1b[2JTiếng\u202e Việt\x00</p>")
    assert clean_html(body) == "<p>Tiếng Việt</p>"


def test_clean_html_unescapes_fully_escaped_body() -> None:
    assert clean_html("&lt;p&gt;Tin &amp;amp; ảnh&lt;/p&gt;") == "<p>Tin &amp; ảnh</p>"
    assert clean_html("&amp;lt;p&amp;gt;Tin&amp;lt;/p&amp;gt;") == "<p>Tin</p>"


def test_clean_html_leaves_plain_text_with_entities() -> None:
    assert clean_html("a &lt; b") == "a &lt; b"
    assert clean_html("<p>mã &lt;p&gt;</p>") == "<p>mã &lt;p&gt;</p>"
    assert clean_html(None) == ""


# --- decode_bytes --------------------------------------------------------------------------------


def test_cp1258_helper_really_produces_combining_marks() -> None:
    data = to_cp1258(VIET)
    assert data.decode("cp1258") != VIET
    assert unicodedata.normalize("NFC", data.decode("cp1258")) == VIET


@pytest.mark.parametrize("label", ["cp1258", "windows-1258", "WINDOWS-1258", "x-cp1258", None])
def test_decode_windows_1258(label: str | None) -> None:
    result = decode_bytes(to_cp1258(VIET), label)
    assert result == VIET
    assert result == unicodedata.normalize("NFC", result)
    assert "Hội nghị" in result


def test_decode_utf8_label_on_cp1258_bytes_falls_back() -> None:
    assert decode_bytes(to_cp1258(VIET), "utf-8") == VIET


@pytest.mark.parametrize("label", [None, "utf-8", "UTF8", "bogus-encoding", "", "base64"])
def test_decode_utf8(label: str | None) -> None:
    assert decode_bytes(VIET.encode("utf-8"), label) == VIET


def test_decode_nfd_utf8_becomes_nfc() -> None:
    assert decode_bytes(unicodedata.normalize("NFD", VIET).encode("utf-8")) == VIET


def test_decode_damaged_utf8_stays_utf8() -> None:
    data = VIET.encode("utf-8") + b"\xff"
    assert decode_bytes(data) == VIET + "\ufffd"


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        (codecs.BOM_UTF8 + VIET.encode("utf-8"), "latin-1"),
        (codecs.BOM_UTF16_LE + VIET.encode("utf-16-le"), "utf-8"),
        (codecs.BOM_UTF16_BE + VIET.encode("utf-16-be"), None),
    ],
)
def test_decode_bom_wins(data: bytes, codec: str | None) -> None:
    assert decode_bytes(data, codec) == VIET


def test_decode_latin1_label_is_windows_1252() -> None:
    # 0x93/0x94 are curly quotes in windows-1252 but C1 controls in true latin-1.
    assert decode_bytes(b"\x93caf\xe9\x94", "iso-8859-1") == "\u201ccafé\u201d"


def test_decode_never_raises_on_garbage() -> None:
    assert isinstance(decode_bytes(bytes(range(256)), "cp1258"), str)
    assert isinstance(decode_bytes(bytes(range(256))), str)
    assert decode_bytes(b"") == ""


# --- fold ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Dân vận khéo", "dan van kheo"),
        ("Dân Vận", "dan van"),
        ("DAN VAN", "dan van"),
        ("Đảng", "dang"),
        ("đường", "duong"),
        (unicodedata.normalize("NFD", "Nguyễn Thị Ánh"), "nguyen thi anh"),
        ("Ưu tiên", "uu tien"),
    ],
)
def test_fold(raw: str, expected: str) -> None:
    assert fold(raw) == expected


def test_lone_8bit_introducer_takes_no_text() -> None:
    assert clean_text("caf\x9d bar", multiline=True) == "caf bar"
    assert clean_text("\x9d8;;https://x.example/\x9clink", multiline=True) == "link"


# --- encode_windows_1258 -------------------------------------------------------------------------

ALL_TONED_VOWELS = "".join(
    unicodedata.normalize("NFC", base + tone)
    for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
    for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
)


@pytest.mark.parametrize("text", [VIET, ALL_TONED_VOWELS + " Đđ", "plain ASCII <b>&amp;</b>"])
def test_encode_windows_1258_round_trips_through_decode_bytes(text: str) -> None:
    data = encode_windows_1258(text)
    assert decode_bytes(data, "windows-1258") == text
    assert decode_bytes(encode_windows_1258(unicodedata.normalize("NFD", text)), "cp1258") == text


def test_encode_windows_1258_writes_tones_the_code_page_lacks_as_combining_marks() -> None:
    assert encode_windows_1258("ộ") == "ô".encode("cp1258") + "\u0323".encode("cp1258")
    assert encode_windows_1258("ư") == "ư".encode("cp1258")  # precomposed where it exists
    with pytest.raises(UnicodeEncodeError):
        encode_windows_1258("漢")
