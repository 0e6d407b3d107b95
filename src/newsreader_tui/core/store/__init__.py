"""SQLite storage: schema and migrations, feeds, articles and state, FTS5 search, retention."""

from newsreader_tui.core.store.articles import Filters
from newsreader_tui.core.store.batch import FeedWrite
from newsreader_tui.core.store.database import Store
from newsreader_tui.core.store.recovery import open_cache
from newsreader_tui.core.store.schema import slow_upgrade_pending
from newsreader_tui.core.store.search import match_spans
from newsreader_tui.core.store.search_query import Term, query_terms

__all__ = [
    "FeedWrite",
    "Filters",
    "Store",
    "Term",
    "match_spans",
    "open_cache",
    "query_terms",
    "slow_upgrade_pending",
]
