"""The search index's text (`search.index_text`) gives the tokenizer the very words
`fold(plain_text(...))` gives it, whatever a feed sent, after ingest cleaned it: the cheaper
path the refresh takes must find exactly what the full one found."""

from __future__ import annotations

import sqlite3

from hypothesis import example, given
from hypothesis import strategies as st

from newsreader_tui.core.store.search import index_text
from newsreader_tui.core.text import clean_html, clean_line, fold, plain_text
from support.hostile_text import VIETNAMESE, hostile_text

MARKUP = ("<p>", "</p>", "<b>", "<br/>", "<img alt='Ảnh'>", "&amp;", "&lt;b&gt;", "&#7879;", " ")
VIETNAMESE_HTML = st.lists(st.sampled_from((*VIETNAMESE, *MARKUP)), max_size=20).map("".join)


def tokens(*texts: str) -> list[list[str]]:
    """The index's tokens of each text, in order, as SQLite's tokenizer cuts them."""
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = 'unicode61 remove_diacritics 2')"
    )
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab (t, 'instance')")
    conn.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", enumerate(texts))
    found: list[list[str]] = [[] for _ in texts]
    for doc, term in conn.execute("SELECT doc, term FROM v ORDER BY doc, offset"):
        found[doc].append(term)
    conn.close()
    return found


def same_words(stored: str) -> None:
    full, cheap = tokens(fold(plain_text(stored)), index_text(stored))
    assert cheap == full


@given(hostile_text())
@example("<script>var bí_mật = 1</script>Tin <b>nóng</b> &#x1b;[31mĐỏ a&#8203;b")
@example("<STYLE>p {}</style>Xin chào ß ﬁ İ")
def test_index_text_has_the_words_of_plain_text_for_any_ingested_field(text: str) -> None:
    same_words(clean_html(text))
    same_words(clean_line(text))


@given(VIETNAMESE_HTML)
def test_index_text_has_the_words_of_plain_text_for_vietnamese_html(text: str) -> None:
    same_words(clean_html(text))
