"""Reading what a Textual app shows, for assertions on the screen rather than on widgets."""

from __future__ import annotations

import html
import re
from typing import Any

from textual.app import App


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, as text: the SVG screenshot with its tags stripped."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")
