"""`python -m newsreader_tui`."""

import sys

from .entry import main

sys.exit(main())
