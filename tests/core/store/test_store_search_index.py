"""The search index's text (`search.index_text`) gives the tokenizer the very words
`fold(plain_text(...))` gives it (each distinct one), and the exact key of each word with
diacritics, whatever a feed sent, after ingest cleaned it: the cheaper path the refresh takes
must find exactly what the full one found."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from newsreader_tui.core.diacritics import exact_key
from newsreader_tui.core.models import FeedConfig, ParsedItem
from newsreader_tui.core.normalize import normalise_items
from newsreader_tui.core.store import Store
from newsreader_tui.core.text import clean_html, clean_line, fold, index_text, plain_text
from support.hostile_text import VIETNAMESE, hostile_text

MARKUP = ("<p>", "</p>", "<b>", "<br/>", "<img alt='Ảnh'>", "&amp;", "&lt;b&gt;", "&#7879;", " ")
NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
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
    """Every folded word of the plain text and the exact key of each word with diacritics (the
    slow, obvious way: every word of the plain text), and nothing else. A summary or a body is
    asked only whether it has a word, so each is there at least once, not as often as in the
    text (phrases are asked of titles only, which `index_title` indexes whole)."""
    plain = plain_text(stored)
    folded, cheap = tokens(fold(plain), index_text(stored))
    keys = {key for word in re.findall(r"[^\W_]+", plain) if (key := exact_key(word))}
    assert set(cheap) == set(folded) | keys
    assert len(cheap) <= len(folded) + len(keys)


@given(hostile_text())
@example("<script>var bí_mật = 1</script>Tin <b>nóng</b> &#x1b;[31mĐỏ a&#8203;b")
@example("<STYLE>p {}</style>Xin chào ß ﬁ İ")
def test_index_text_has_the_words_of_plain_text_for_any_ingested_field(text: str) -> None:
    same_words(clean_html(text))
    same_words(clean_line(text))


@given(VIETNAMESE_HTML)
def test_index_text_has_the_words_of_plain_text_for_vietnamese_html(text: str) -> None:
    same_words(clean_html(text))


def test_articles_normalised_in_the_worker_index_as_the_store_would(tmp_path: Path) -> None:
    """Normalisation computes the index text (`NewArticle.search_text`) so the refresh's
    writing thread need not; the index must hold what the store itself would have put there."""
    item = ParsedItem(
        title="Hội nghị &amp; <b>Đảng bộ</b>",
        url="https://tinh.example.vn/tin/1",
        guid="1",
        summary="<p>Sáng 8/11, <em>Dân vận khéo</em> &#7879;</p>",
        content="<div><script>x()</script><p>Toàn cảnh hội nghị</p></div>",
    )
    [ready] = normalise_items([item], base_url="https://tinh.example.vn/rss", tz=UTC)
    assert ready.search_text is not None
    rows = []
    for name, article in (("ready", ready), ("bare", replace(ready, search_text=None))):
        with Store.open(tmp_path / name / "cache.db") as store:
            store.sync_feeds([FeedConfig(url="https://tinh.example.vn/rss")])
            store.upsert_articles("https://tinh.example.vn/rss", [article], NOW)
            assert store.search_ids("dan van kheo")
        with sqlite3.connect(tmp_path / name / "cache.db") as conn:
            rows.append(conn.execute("SELECT title, summary, content FROM articles_fts").fetchall())
    assert rows[0] == rows[1]
