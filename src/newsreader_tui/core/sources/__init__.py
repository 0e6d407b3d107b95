"""One module per source kind; each turns response bytes into a ParsedFeed.

`read_feed` picks the module for a feed's configured kind, or sniffs the body for "auto".
"""

from .dispatch import read_feed

__all__ = ["read_feed"]
