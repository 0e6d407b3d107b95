"""Full-text search over folded text, and snippets that keep the original diacritics.

The FTS table indexes `fold(plain_text(html))`, so "dan van", "DÂN VẬN" and "Dân vận" all reach the
same tokens. Snippets are cut from the unfolded plain text: each character is folded on its own,
which gives a map from every folded character back to the original one, so a match found in folded
text can be shown with its accents. Snippets are plain text; callers highlight with `match_spans`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from functools import lru_cache

from newsreader_tui.core.models import Article, SearchHit
from newsreader_tui.core.store.codec import ARTICLE_COLUMNS, ARTICLE_JOINS, row_to_article
from newsreader_tui.core.text import fold, index_text, plain_text

_WORD = re.compile(r"\w+")
_MAX_TOKENS = 32
SNIPPET_WORDS = 10
_WORDS_BEFORE = 3
ELLIPSIS = "…"

# Title first and heaviest: a word in the headline says more than one deep in the body.
_WEIGHTS = (10.0, 3.0, 1.0)


def index_article(
    conn: sqlite3.Connection, article_id: int, title: str, summary: str, content: str
) -> None:
    """(Re)index one article; call in the same transaction as the write to `articles`."""
    index_articles(conn, [(article_id, title, summary, content)])


def index_articles(conn: sqlite3.Connection, rows: Iterable[tuple[int, str, str, str]]) -> None:
    """(Re)index (id, title, summary, content) rows with one prepared statement; call in the
    same transaction as the write to `articles`. FTS5 honours OR REPLACE: an old entry of the
    same rowid goes, tokens and all, so one statement serves new and changed articles alike."""
    conn.executemany(
        "INSERT OR REPLACE INTO articles_fts (rowid, title, summary, content) VALUES (?, ?, ?, ?)",
        [
            (article_id, fold(title), index_text(summary), index_text(content))
            for article_id, title, summary, content in rows
        ],
    )


def index_prepared(conn: sqlite3.Connection, rows: Iterable[tuple[int, str, str, str]]) -> None:
    """`index_articles` for rows whose fields are `index_text` already (`NewArticle.search_text`,
    computed in the parse worker so the refresh's one writing thread does not fold)."""
    conn.executemany(
        "INSERT OR REPLACE INTO articles_fts (rowid, title, summary, content) VALUES (?, ?, ?, ?)",
        rows,
    )


def query_tokens(query: str) -> list[str]:
    """The folded words of a user query, in order."""
    return _WORD.findall(fold(query))[:_MAX_TOKENS]


def fts_query(tokens: list[str]) -> str:
    """An FTS5 query that needs every token, the last as a prefix (search-as-you-type).

    Each token is a quoted string, so user input such as `"`, `AND`, `-` or `*` is just text.
    """
    quoted = ['"' + token.replace('"', '""') + '"' for token in tokens]
    quoted[-1] += "*"
    return " ".join(quoted)


def search(conn: sqlite3.Connection, query: str, *, limit: int = 50) -> list[SearchHit]:
    """Articles of configured feeds matching every word of `query`, best first.

    `SearchHit.rank` is FTS5's bm25 score: lower (more negative) is better.
    """
    tokens = query_tokens(query)
    if not tokens:
        return []
    rows = conn.execute(
        f"""
        SELECT {ARTICLE_COLUMNS}, bm25(articles_fts, ?, ?, ?) AS score
        FROM articles_fts
        JOIN articles AS a ON a.id = articles_fts.rowid
        {ARTICLE_JOINS}
        WHERE articles_fts MATCH ? AND f.configured = 1
        ORDER BY score, a.published DESC, a.id DESC
        LIMIT ?
        """,
        (*_WEIGHTS, fts_query(tokens), limit),
    ).fetchall()
    hits: list[SearchHit] = []
    for row in rows:
        article = row_to_article(row)
        hits.append(SearchHit(article=article, snippet=snippet(article, tokens), rank=row[-1]))
    return hits


def search_ids(conn: sqlite3.Connection, query: str, *, limit: int = 500) -> list[int]:
    """Ids of the articles `search` would return, best first, without building snippets."""
    tokens = query_tokens(query)
    if not tokens:
        return []
    rows = conn.execute(
        f"""
        SELECT a.id
        FROM articles_fts
        JOIN articles AS a ON a.id = articles_fts.rowid
        {ARTICLE_JOINS}
        WHERE articles_fts MATCH ? AND f.configured = 1
        ORDER BY bm25(articles_fts, ?, ?, ?), a.published DESC, a.id DESC
        LIMIT ?
        """,
        (fts_query(tokens), *_WEIGHTS, limit),
    ).fetchall()
    return [row[0] for row in rows]


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    return fold(char)


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    """`text` folded character by character, and for each folded character its source index."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for folded in _fold_char(char):
            chars.append(folded)
            origin.append(index)
    return "".join(chars), origin


def match_spans(text: str, tokens: list[str]) -> list[tuple[int, int]]:
    """(start, end) spans in `text` of the words that begin with one of the folded `tokens`.

    For highlighting: `text` keeps its diacritics, the match ignores them.
    """
    if not tokens:
        return []
    folded, origin = _folded_with_map(text)
    # `\w*` runs each match to the end of its word, so the order of the alternatives is moot.
    alternatives = "|".join(re.escape(token) for token in dict.fromkeys(tokens))
    spans: list[tuple[int, int]] = []
    for match in re.finditer(rf"(?<!\w)(?:{alternatives})\w*", folded):
        spans.append((origin[match.start()], origin[match.end() - 1] + 1))
    return spans


def _window(text: str, position: int | None) -> str:
    """About SNIPPET_WORDS words of `text` around `position`, with "…" where text was cut."""
    words = [match.span() for match in re.finditer(r"\S+", text)]
    if not words:
        return ""
    center = 0
    if position is not None:
        center = next((i for i, (_, end) in enumerate(words) if end > position), 0)
    first = max(0, center - _WORDS_BEFORE)
    last = min(len(words), first + SNIPPET_WORDS)
    first = max(0, last - SNIPPET_WORDS)
    result = text[words[first][0] : words[last - 1][1]]
    if first > 0:
        result = ELLIPSIS + result
    if last < len(words):
        result += ELLIPSIS
    return result


def snippet(article: Article, tokens: list[str]) -> str:
    """Plain text around the first match in the summary, else the page's full text, else the
    feed's content, else the title."""
    texts = [
        plain_text(article.summary),
        plain_text(article.full_content),
        plain_text(article.content),
        plain_text(article.title),
    ]
    for text in texts:
        spans = match_spans(text, tokens)
        if spans:
            return _window(text, spans[0][0])
    # A match the FTS tokenizer saw but our word regex did not: show the opening words instead.
    return next((_window(text, None) for text in texts if text), "")
