"""Vietnamese-safe text: NFC, control-character stripping, diacritic folding, encodings.

Everything that comes from the network passes through here before it is stored or shown, so a feed
can never move the cursor, clear the screen, write the clipboard (OSC 52) or reverse the direction
of a line in the reader's terminal.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from collections.abc import Iterable

from .diacritics import chunk_keys, exact_keys, worth_keeping

__all__ = [
    "clean_html",
    "clean_line",
    "clean_text",
    "decode_bytes",
    "encode_windows_1258",
    "fold",
    "index_keys",
    "index_text",
    "nfc",
    "plain_text",
    "unescape_entities",
]

# --- control characters and escape sequences ------------------------------------------------------

# Order matters: string-type sequences (OSC, DCS, ...) must be matched before the two-character ESC
# rule, which would otherwise remove only "ESC ]" and leave the payload (an OSC 52 clipboard write,
# say) visible as text. An unterminated string runs to the end of the line rather than of the text,
# so one broken sequence cannot swallow a whole article. A lone 8-bit introducer is more likely a
# mis-decoded byte than an attack, so it is dropped alone and takes no text with it.
_ESCAPE_RE = re.compile(
    r"""
    \x1b[\]PX^_]                               # OSC, DCS, SOS, PM, APC
    [^\x07\x1b\x9c\n]*
    (?:\x07|\x1b\\|\x9c)?                     # BEL or ST; xterm accepts BEL for OSC
    |
    [\x90\x98\x9d\x9e\x9f]                      # the same, 8-bit introducers: only when terminated
    [^\x07\x1b\x9c\n\x90\x98\x9d\x9e\x9f]*        # (and not across another: linear on a run)
    (?:\x07|\x1b\\|\x9c)
    |
    (?:\x1b\[|\x9b)                           # CSI
    [\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]
    |
    \x1b[\x20-\x2f]*[\x30-\x7e]               # two-char and nF escapes: ESC 7, ESC c, ESC ( B
    """,
    re.VERBOSE,
)

# What the one cleaner drops, beyond escape sequences and C0/C1 controls (tab and newline aside):
#
# * bidi controls: embeddings and overrides (U+202A-E), isolates (U+2066-9), and the marks LRM,
#   RLM and ALM (U+200E, U+200F, U+061C). Overrides reorder a line ("a\u202egpj.exe" shows
#   as "aexe.jpg"); the marks only steer neutral characters, but a terminal that runs the bidi
#   algorithm still moves digits and punctuation around them, and text in a Vietnamese reader
#   is left-to-right: none of them has a legitimate job here;
# * characters that are invisible yet split a word: ZWSP (U+200B), WORD JOINER (U+2060), the
#   invisible operators (U+2061-4), ZWNBSP/BOM (U+FEFF), MONGOLIAN VOWEL SEPARATOR (U+180E) and
#   the soft hyphen (U+00AD, which terminals print as nothing or as "-", so Rich's width
#   arithmetic and search both go wrong). "Đả\u200bng" must be found by a search for "Đảng";
# * tag characters (U+E0000-7F), invisible ASCII look-alikes used to smuggle text, except in the
#   emoji tag sequences that spell a subdivision flag (after U+1F3F4, the black flag);
# * ZWNJ and ZWJ (U+200C, U+200D) next to a Latin, Greek or Cyrillic letter, a digit, a space or
#   an end of the text. Between two other characters they are kept: they glue emoji sequences
#   (a family, "❤️‍🔥", a skin tone) and steer shaping in Indic and Arabic scripts, where dropping
#   them changes what a word looks like; next to a Latin letter they only hide a word from search.
#
# Lone surrogates (from a JSON "\ud800") become U+FFFD: neither SQLite nor a UTF-8 terminal can
# take them. Combining marks are kept and composed (NFC), so Vietnamese text comes out unchanged.
_CONTROL_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)
_TAG_CHARS_RE = re.compile("(?<![\U0001f3f4\U000e0020-\U000e007f])[\U000e0000-\U000e007f]+")
_JOINERS_RE = re.compile("[\u200c\u200d]+")
# Scripts where a joiner has no rendering job: Latin (Vietnamese included), IPA, combining
# marks, Greek, Cyrillic, the Latin and Greek extended blocks, and the fullwidth forms.
_NO_JOINER_RE = re.compile("[\\s\x00-\u052f\u1e00-\u1fff\u2c60-\u2c7f\ua720-\ua7ff\uff00-\uffef]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_NEWLINE_RE = re.compile("\r\n?|[\u2028\u2029\x85]")
# Every character any step below may change: text without one only needs NFC.
_SUSPECTS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069"
    "\ufeff\ud800-\udfff\U000e0000-\U000e007f"
)
_SUSPECT_RE = re.compile(f"[{_SUSPECTS}]")
_SUSPECT_LINE_RE = re.compile(f"[\t\n{_SUSPECTS}]")


def _joiners(match: re.Match[str]) -> str:
    """Keep a run of ZWJ/ZWNJ only between two characters of scripts that need it."""
    text, start, end = match.string, match.start(), match.end()
    if start == 0 or end == len(text):
        return ""
    if _NO_JOINER_RE.match(text[start - 1]) or _NO_JOINER_RE.match(text[end]):
        return ""
    return match.group(0)


def clean_text(s: str | None, *, multiline: bool = False) -> str:
    """The one cleaner: text from outside (feed fields, captions, links, headers, server errors,
    OPML, the config) passes through here before it is stored or shown.

    Terminal escape sequences (CSI, OSC, DCS, SOS, PM, APC in 7-bit and 8-bit forms, and
    two-character ESC sequences) are removed whole; then every remaining C0 and C1 control, DEL,
    bidi control and invisible word-splitting character is dropped (see the policy above). ``\r\n``,
    a lone ``\r``, NEL and the Unicode line/paragraph separators become ``\n``; single-line text
    (``multiline=False``, the default) has tabs and newlines turned into spaces. The result is
    NFC. Whitespace is not collapsed: that is `clean_line`'s job (and a body's layout). ``None``
    gives ``""``. Idempotent: cleaning clean text changes nothing.
    """
    if not s:
        return ""
    if not (_SUSPECT_RE if multiline else _SUSPECT_LINE_RE).search(s):
        # Most text has nothing to drop: one scan, then NFC only if it is not NFC already.
        return s if unicodedata.is_normalized("NFC", s) else unicodedata.normalize("NFC", s)
    if _SURROGATE_RE.search(s):
        s = _SURROGATE_RE.sub("\ufffd", s)
    # Newlines first: U+0085 (NEL) is also a C1 control, and should read as a line break, not
    # vanish.
    s = _NEWLINE_RE.sub("\n", s)
    s = _ESCAPE_RE.sub("", s)
    s = _CONTROL_RE.sub("", s)
    if _TAG_CHARS_RE.search(s):
        s = _TAG_CHARS_RE.sub("", s)
    if not multiline:
        s = s.replace("\t", " ").replace("\n", " ")
    if "\u200c" in s or "\u200d" in s:
        s = _JOINERS_RE.sub(_joiners, s)
    # Last: dropping a character can bring a letter and its combining mark together.
    return unicodedata.normalize("NFC", s)


def nfc(s: str) -> str:
    """Return ``s`` in Unicode NFC, the form text is stored, compared and displayed in."""
    return unicodedata.normalize("NFC", s)


# --- entities -------------------------------------------------------------------------------------

# Only semicolon-terminated references count on the repeat passes: html.unescape also decodes legacy
# forms such as "&copy" without a semicolon, and a second pass must not turn text that really said
# "&copy" into "©".
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MAX_UNESCAPE_PASSES = 3


def unescape_entities(s: str) -> str:
    """Decode HTML character references, also when a feed escaped them twice or three times.

    ``"&amp;#7853;"`` gives ``"ậ"`` and ``"&amp;amp;quot;"`` gives ``'"'``, while ``"&amp;"`` gives
    ``"&"`` and stays there. At most three passes are made.
    """
    result = html.unescape(s)
    for _ in range(_MAX_UNESCAPE_PASSES - 1):
        if result == s or not _ENTITY_RE.search(result):
            break
        s, result = result, _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), result)
    return result


# --- single-line fields ---------------------------------------------------------------------------

# A tag must start right after "<" with a letter (or "/" + letter), so "a < b" and "x <3" are left
# alone.
_TAG_RE = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[|\]\]>|</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>",
    re.DOTALL,
)
# After unescaping, only formatting tags are removed: a title that escaped its markup twice
# ("&lt;b&gt;") loses the markup, but an article about "<script>" keeps its subject.
_INLINE_TAG_RE = re.compile(
    r"</?(?:a|abbr|b|big|br|em|font|i|img|mark|small|span|strong|sub|sup|u|wbr)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)


_BLOCK_TAG_RE = re.compile(r"</?(?:br|p|div|li|h[1-6]|td|tr|hr|blockquote)\b", re.IGNORECASE)


def _tag_to_space(match: re.Match[str]) -> str:
    """Replace a block-level tag by a space (it separated words) and an inline tag by nothing."""
    return " " if _BLOCK_TAG_RE.match(match.group(0)) else ""


def clean_line(s: str | None) -> str:
    """Clean a single-line field (title, author, category, caption) for storage and display.

    Tags are removed, entities decoded (double escaping too), controls removed, whitespace collapsed
    to single spaces and the result stripped and put in NFC. ``None`` gives ``""``. Brackets are
    untouched: ``"[video] Toàn cảnh"`` comes back unchanged.
    """
    if not s:
        return ""
    # Each step is skipped where it can find nothing: most fields (a guid, a date, a category)
    # hold no markup, and a refresh cleans five of them per article (1.4 -> 0.5 us each).
    # Splitting collapses the same whitespace as a `\s+` pattern, twice as fast.
    if "<" in s or "]]>" in s:
        s = _TAG_RE.sub(_tag_to_space, s)
    if "&" in s:
        s = unescape_entities(s)
    if "<" in s:
        s = _INLINE_TAG_RE.sub(_tag_to_space, s)
    return " ".join(clean_text(s).split())


def clean_text_line(s: str | None) -> str:
    """Clean a single-line field the feed declared plain text (Atom `type="text"`, an RSS title
    feedparser does not take for HTML): every character it decodes to stays, `<blink>` included.

    Entities are still decoded, because portals escape their titles twice (`&amp;#7853;`);
    formatting tags that only such decoding produced (`&amp;lt;b&amp;gt;`) go, as in
    `clean_line`. A `<` the text itself holds is never the start of a tag.
    """
    if not s:
        return ""
    if "&" in s:  # without an entity there is nothing to decode, so no tag can form
        # Each piece after a literal "<" is decoded on its own, so a tag can only form from "&lt;".
        pieces = (_INLINE_TAG_RE.sub(_tag_to_space, unescape_entities(p)) for p in s.split("<"))
        s = "<".join(pieces)
    return " ".join(clean_text(s).split())


# --- HTML bodies ----------------------------------------------------------------------------------

_ESCAPED_TAG_RE = re.compile(
    r"&(?:amp;)?lt;/?(?:a|article|b|blockquote|br|div|em|figcaption|figure|h[1-6]|i|img|li|ol|p|picture|span"
    r"|strong|table|td|tr|ul|video)(?:\s|/|&(?:amp;)?gt;)",
    re.IGNORECASE,
)


def clean_html(s: str | None) -> str:
    """Clean an HTML body that will be parsed later: controls removed (newlines kept), NFC.

    Entities are left for the HTML parser, except when the whole body is escaped markup
    (``&lt;p&gt;...`` with no real ``<``), which is unescaped once (twice if escaped twice) so that
    it parses as HTML. ``None`` gives ``""``.
    """
    if not s:
        return ""
    for _ in range(2):
        if "<" in s or not _ESCAPED_TAG_RE.search(s):
            break
        s = html.unescape(s)
    return clean_text(s, multiline=True)


# --- plain text of HTML ---------------------------------------------------------------------------

# An unclosed <script> hides the rest of the markup, as in a browser; matching it to the end
# (rather than failing and trying again at the next "<script") keeps the scan linear.
_HIDDEN_RE = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL)
_ANY_TAG_RE = re.compile(r"<[^<>]*>")


def plain_text(markup: str) -> str:
    """HTML (or plain text) as one line of clean NFC text without tags or entities.

    For indexing, snippets and "is there any text at all?" checks, where the paragraphs of
    `content.plain.html_to_text` are not needed; what an entity decodes to is cleaned too.
    """
    text = _HIDDEN_RE.sub(" ", markup)
    # Tags become spaces so "<p>a</p><p>b</p>" does not glue two words together.
    text = clean_text(html.unescape(_ANY_TAG_RE.sub(" ", text)))
    return " ".join(text.split())


# --- bytes ----------------------------------------------------------------------------------------

# Labels Python does not know, and labels whose Python codec differs from what browsers (WHATWG) do:
# pages labelled latin-1 or ascii are in practice windows-1252, and decoding them as latin-1 would
# turn curly quotes into C1 controls (0x9B is CSI).
_ENCODING_ALIASES = {
    "x-cp1258": "cp1258",
    "cp-1258": "cp1258",
    "win-1258": "cp1258",
    "vn": "cp1258",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "x-user-defined": "cp1252",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _codec_name(label: str | None) -> str | None:
    """Return the Python codec name for an encoding label, or None if it is missing or unknown."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    key = _ENCODING_ALIASES.get(key, key)
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def _looks_like_utf8(data: bytes) -> bool:
    """Guess whether bytes that failed strict UTF-8 are damaged UTF-8 rather than legacy bytes."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    # Legacy single-byte text almost never forms valid multi-byte UTF-8 sequences by accident.
    return good > bad


def decode_bytes(data: bytes, encoding: str | None = None) -> str:
    """Decode ``data`` to NFC text; never raises.

    A byte-order mark wins over the declared ``encoding`` (as in browsers). Otherwise the declared
    encoding is used if Python knows it (``cp1258``, ``windows-1258`` and ``x-cp1258`` all mean
    Vietnamese windows-1258; ``latin-1``/``ascii`` labels are read as windows-1252 like browsers
    do). With no usable label, or a UTF-8 label on bytes that are not UTF-8, the text is read as
    UTF-8 if it mostly is, else as windows-1258. Undecodable bytes become U+FFFD. The result is NFC,
    so windows-1258's base letter + combining tone mark comes out precomposed.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return nfc(data.decode(codec, errors="replace"))

    codec = _codec_name(encoding)
    if codec is not None and codec != "utf-8":
        try:
            return nfc(data.decode(codec, errors="replace"))
        except (
            LookupError,
            UnicodeError,
        ):  # a few codecs (e.g. idna, rot13) reject bytes or raise oddly
            pass

    try:
        return nfc(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if _looks_like_utf8(data):
        return nfc(data.decode("utf-8", errors="replace"))
    return nfc(data.decode("cp1258", errors="replace"))


# The five Vietnamese tones (grave, acute, tilde, hook above, dot below) as combining marks.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


class _Windows1258Table(dict[int, str]):
    """Per-character spelling for windows-1258, computed once per distinct character (as
    `_FoldTable` below): a whole feed is then one `str.translate` and one strict encode."""

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        try:
            char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = nfc("".join(mark for mark in parts if mark not in _TONE_MARKS))
            spelled = base + "".join(mark for mark in parts if mark in _TONE_MARKS)
        else:
            spelled = char
        self[codepoint] = spelled
        return spelled


_WINDOWS_1258 = _Windows1258Table()


def encode_windows_1258(text: str) -> bytes:
    """``text`` as windows-1258 bytes, as Vietnamese Windows software wrote them: the inverse of
    ``decode_bytes(data, "windows-1258")``, for the demo feeds and test fixtures.

    The code page has â ê ô ơ ư ă đ and a few toned letters precomposed but most tones only as
    combining marks, so plain NFC ("ộ") and plain NFD (which splits off the circumflex too) both
    fail to encode. Each character is written whole where the code page has it, otherwise as its
    precomposed base letter followed by its tone mark. Raises ``UnicodeEncodeError`` for a
    character it cannot write either way.
    """
    return nfc(text).translate(_WINDOWS_1258).encode("cp1258")


# --- folding --------------------------------------------------------------------------------------


class _FoldTable(dict[int, str]):
    """Per-character fold, computed once per distinct character: `str.translate` with this table
    is several times faster than normalising whole articles, which matters at index time."""

    def __missing__(self, codepoint: int) -> str:
        ch = chr(codepoint)
        if ch in "đĐ":
            folded = "d"
        else:
            decomposed = unicodedata.normalize("NFD", ch)
            folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        self[codepoint] = folded
        return folded


_FOLD_TABLE = _FoldTable()


class _FoldedWords(dict[str, str]):
    """Folded words, computed once per distinct word. `str.translate` with a dict costs a lookup
    per character (about 35 ns); news text repeats a few thousand syllables, so looking up whole
    words from C (`map` over `__getitem__`) folds a refresh's articles about three times faster.
    Bounded: emptied when full, so an odd feed of unique tokens costs memory once, not forever;
    and what is not a word (`worth_keeping`: numbers, text without spaces such as Chinese, Thai
    or a URL) is folded but not kept, so the cache holds words, not one entry per article, in
    the parse workers' limited memory."""

    LIMIT = 32_768

    def __missing__(self, word: str) -> str:
        folded = word.translate(_FOLD_TABLE)
        if not worth_keeping(word):
            return folded
        if len(self) >= self.LIMIT:
            self.clear()
        self[word] = folded
        return folded


_FOLDED_WORD = _FoldedWords().__getitem__


def fold(text: str) -> str:
    """Fold for search: drop diacritics, map đ/Đ to d/D, casefold.

    "Dân vận khéo" -> "dan van kheo". Each character folds on its own, so for NFC text the
    result lines up with the input (except for rare characters like ß that casefold to two).
    Splitting on spaces and folding word by word gives the same result, character for character.
    """
    if text.isascii():
        return text.lower()  # ASCII casefolds to its lower case
    return " ".join(map(_FOLDED_WORD, text.split(" ")))


def index_text(markup: str) -> str:
    """What the search index holds for a field: `fold(plain_text(markup))` as the tokenizer
    sees it (the same words; the same patterns drop what `plain_text` drops), at half the cost,
    then the exact key of each distinct word with diacritics (`diacritics.exact_key`), once:
    whether a field has the word is what matters, not how often.
    Stored text is already clean and NFC (ingest), so only what entities decode to needs
    cleaning again, and space runs may stay: the tokenizer splits on them anyway. Normalisation
    computes it in the parse worker (`NewArticle.search_text`); the store, for anything else.

    Each distinct word once, in order of first use: search asks a summary or a body only whether
    it has a word (phrases are asked of titles, which `index_title` indexes whole), and about
    half the words of an article are repeats, which FTS5 would store and the workers fold."""
    return _folded_with_keys(_indexed_words(markup), distinct=True)


def index_title(title: str) -> str:
    """`index_text` for a field stored as plain text (a title): every character it holds is
    indexed, so "History of the <blink> tag" is found by `blink`; then its words' exact keys."""
    return _folded_with_keys(title)


def _folded_with_keys(text: str, *, distinct: bool = False) -> str:
    """`fold(text)`, then `exact_keys(text)`: the text split once for both (splitting is a third
    of the cost of indexing an article); with `distinct`, each whitespace-separated chunk once
    (a chunk is tokenized alone wherever it stands, so the index gets the same set of words)."""
    if text.isascii():  # fold's ASCII case; no diacritics, no keys
        lowered = text.lower()
        return " ".join(dict.fromkeys(lowered.split())) if distinct else lowered
    chunks: Iterable[str] = dict.fromkeys(text.split()) if distinct else text.split(" ")
    folded = " ".join(map(_FOLDED_WORD, chunks))
    keys = chunk_keys(chunks)
    return f"{folded} {keys}" if keys else folded


def index_keys(markup: str) -> str:
    """The exact-key half of `index_text(markup)` alone: what schema v6 appends to a field the
    index already holds folded, so upgrading a cache does not fold every article again."""
    return exact_keys(_indexed_words(markup))


def _indexed_words(markup: str) -> str:
    """`markup` reduced to the words the index holds (tags and hidden elements gone)."""
    if "<" in markup:
        if _HIDDEN_RE.search(markup):
            markup = _HIDDEN_RE.sub(" ", markup)
        markup = _ANY_TAG_RE.sub(" ", markup)
    if "&" in markup:
        markup = clean_text(html.unescape(markup))
    return markup
