"""Opening the reader from the command line: the one place the CLI's settings and service
become a running Textual app."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.config import Settings
from ..core.service import Service
from ..i18n import Labels, pick_language
from .app import make_app
from .images import pick_image_widget


def run_reader(
    settings: Settings, service: Service, *, offline: bool, missing_config: Path | None = None
) -> int:
    """Run the app until the user quits; the caller closes the store. `missing_config` is the
    path a first-time user should put their config at, shown as a notice. Returns the exit
    status: 1, with one sentence on stderr, when the app ended on a bug."""
    notice = None
    if missing_config is not None:
        labels = Labels(pick_language(settings.language))
        notice = labels("notify.no_config", path=missing_config)
    # Asks the terminal what it can draw: must happen before Textual takes it over.
    picture_widget = pick_image_widget(settings.images)
    app = make_app(
        settings,
        service,
        offline=offline,
        notice=notice,
        picture_widget=picture_widget,
        settle_heap=True,
    )
    app.run()
    if app.failure:
        print(f"newsreader-tui: {app.failure}", file=sys.stderr)
    return app.return_code or 0
