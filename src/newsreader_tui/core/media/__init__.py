"""What a refresh downloads after the feeds, for offline reading: article pages and images.

`pages` fetches an article's own page and extracts its text, `images` lists and downloads an
article's pictures into the `ImageCache` (`image_cache`: the files on disk), and `prefetch`
drives both for the newest articles of the refreshed feeds. Failures are recorded per page or
image and never stop a refresh; `transient.is_transient` decides which are tried again.

Media sits above the store (it reads jobs from it and records results in it) and below the
service, which decides when to prefetch.
"""

from newsreader_tui.core.media.image_cache import ImageCache
from newsreader_tui.core.media.pages import Extractor, default_extractor
from newsreader_tui.core.media.prefetch import PER_FEED, MediaEvent, MediaProgress, Prefetcher
from newsreader_tui.core.media.transient import is_transient

__all__ = [
    "PER_FEED",
    "Extractor",
    "ImageCache",
    "MediaEvent",
    "MediaProgress",
    "Prefetcher",
    "default_extractor",
    "is_transient",
]
