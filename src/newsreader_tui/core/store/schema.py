"""DDL and migrations, versioned by `PRAGMA user_version`.

`MIGRATIONS[i]` takes the schema from version i to i + 1, so version 1 is the initial schema. Add a
step to the end to change the schema; never edit a step that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from newsreader_tui.core.errors import Problem, StoreError
from newsreader_tui.core.store.search import reindex_all

_V1 = """
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT,
    feed_title TEXT,
    category TEXT,
    kind TEXT NOT NULL DEFAULT 'auto',
    configured INTEGER NOT NULL DEFAULT 1,
    position INTEGER NOT NULL DEFAULT 0,
    resolved_url TEXT,
    etag TEXT,
    last_modified TEXT,
    body_hash TEXT,
    last_attempt INTEGER,
    last_success INTEGER,
    http_status INTEGER,
    error TEXT,
    last_new INTEGER NOT NULL DEFAULT 0,
    last_updated INTEGER NOT NULL DEFAULT 0,
    last_total INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    guid TEXT,
    url TEXT,
    title TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    categories TEXT NOT NULL DEFAULT '[]',
    image TEXT,
    published INTEGER NOT NULL,
    first_seen INTEGER NOT NULL,
    updated INTEGER,
    content_hash TEXT NOT NULL DEFAULT '',
    UNIQUE (feed_id, key)
);
CREATE INDEX articles_by_published ON articles (published DESC, id DESC);
CREATE INDEX articles_by_feed_published ON articles (feed_id, published DESC, id DESC);

-- State lives apart from content so a content update can never reset read or starred.
CREATE TABLE article_state (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    read_at INTEGER,
    starred_at INTEGER
);
CREATE INDEX article_state_unread ON article_state (article_id) WHERE read = 0;
CREATE INDEX article_state_starred ON article_state (article_id) WHERE starred = 1;

-- Folded text (no diacritics, đ -> d, casefolded), so any spelling of a Vietnamese word matches;
-- remove_diacritics 2 also covers letters that fold() leaves composed. rowid = articles.id.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, summary, content,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- A trigger rather than Python code, so cascades from a deleted feed also clean the index.
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
END;
"""

_V2 = """
-- What the UI remembers between runs (last view, ...): small text values by key.
CREATE TABLE ui_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

_V3 = """
-- Full text: the main content of the article's own page, for offline reading of summary-only
-- feeds. full_hash is the content_hash the full_* state belongs to, so a changed feed item is
-- fetched again and an unchanged one never is; full_tries counts failures of that version so a
-- flaky page is retried a few times and a dead one is not retried forever.
ALTER TABLE articles ADD COLUMN full_content TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN full_status TEXT;
ALTER TABLE articles ADD COLUMN full_hash TEXT;
ALTER TABLE articles ADD COLUMN full_tries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN full_etag TEXT;
ALTER TABLE articles ADD COLUMN full_last_modified TEXT;
ALTER TABLE articles ADD COLUMN full_fetched_at INTEGER;
-- body_rev grows whenever the HTML an article shows changes; images_rev is the body_rev whose
-- images are linked in article_images, so only changed bodies are parsed again.
ALTER TABLE articles ADD COLUMN body_rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN images_rev INTEGER;

-- The offline image cache: one row per image URL, the file under the data dir.
CREATE TABLE images (
    url TEXT PRIMARY KEY,
    path TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    content_type TEXT,
    size INTEGER,
    fetched_at INTEGER,
    tries INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE article_images (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    image_url TEXT NOT NULL REFERENCES images (url),
    position INTEGER NOT NULL,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX article_images_by_url ON article_images (image_url);
"""

_V4 = """
-- Why the last fetch failed (error), or what it read past (warning), as a code and its params
-- in JSON, so each interface can say it in its own language; error and warning keep the English.
ALTER TABLE feeds ADD COLUMN warning TEXT;
ALTER TABLE feeds ADD COLUMN problem TEXT;
-- The same for the last failed fetch of an article's own page (full_status is its English).
ALTER TABLE articles ADD COLUMN full_problem TEXT;
"""

_V5 = """
-- issue 9: network. When a server answered 429 or 503 with a Retry-After longer than the feed's
-- timeout allows, the time (UTC epoch seconds) before which refreshes skip the feed.
ALTER TABLE feeds ADD COLUMN retry_after INTEGER;
"""


def _v6(conn: sqlite3.Connection) -> None:
    """issue 11: search. The index gains each word's exact key (`core.diacritics`), so a word
    typed with diacritics matches only those: every stored article is indexed again."""
    reindex_all(conn)


MIGRATIONS: tuple[str | Callable[[sqlite3.Connection], object], ...] = (
    _V1,
    _V2,
    _V3,
    _V4,
    _V5,
    _v6,
)
SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this code writes."""


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the open database file."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def slow_upgrade_pending(path: Path) -> bool:
    """Whether opening the cache at `path` will run a step that takes a while (v6 indexes every
    article again: seconds at 50,000), so the caller can say so first instead of seeming to
    hang. Read without writing or waiting; anything unreadable is for the opening to report."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0)
    except (sqlite3.Error, OSError, ValueError):
        return False
    try:
        version = user_version(conn)
        if not 0 < version < SCHEMA_VERSION:
            return False  # new, current or newer: nothing counted on an ordinary start
        if not any(callable(step) for step in MIGRATIONS[version:]):
            return False
        articles: int = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return articles >= SLOW_UPGRADE_ARTICLES


SLOW_UPGRADE_ARTICLES = 2_000
"""Below this many articles a Python step is quick enough to go unannounced."""


def check_version(conn: sqlite3.Connection, path: Path) -> int:
    """Return the file's schema version; refuse, untouched, a file from a newer release."""
    version = user_version(conn)
    if version > SCHEMA_VERSION:
        problem = Problem.of("store.newer", path=path, version=version, known=SCHEMA_VERSION)
        raise StoreError(problem)
    return version


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to `SCHEMA_VERSION`, one step per transaction.

    Each step re-reads the version under BEGIN IMMEDIATE, so two processes opening a fresh file at
    the same time cannot both apply it.
    """
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = check_version(conn, path)
            if version >= SCHEMA_VERSION:
                conn.execute("COMMIT")
                return
            step = MIGRATIONS[version]
            if callable(step):  # a step that needs Python (v6 computes the index again)
                step(conn)
            else:
                # executescript() would COMMIT first, so run the statements one by one instead.
                for statement in _statements(step):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # a full disk has already rolled it back: keep its error
                conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """Split a DDL script into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements
