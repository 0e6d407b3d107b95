"""Which failed downloads are worth trying again on a later refresh.

Pages and images share the rule, so a page and a picture on the same busy server are retried
alike (up to `models.MAX_TRIES` times) and a 404 is never asked for again.
"""

from __future__ import annotations

from newsreader_tui.core.errors import FetchError


def is_transient(error: FetchError) -> bool:
    """Whether a failed fetch may work later: no answer at all (network trouble, timeout), a
    server error, or the server asking us to come back (408, 429)."""
    status = error.status
    return status is None or status >= 500 or status in (408, 429)
