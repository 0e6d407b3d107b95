"""Copying a link with OSC 52, and saying honestly whether it can have worked.

The app copies by writing an OSC 52 escape to the terminal (Textual's `copy_to_clipboard`): the
one way that reaches the user's clipboard at the far end of SSH. Whether it worked nobody tells
the app, and many terminals ignore it: tmux unless `set-clipboard on`, GNU screen, the Linux
console, the Windows console (conhost), macOS Terminal, GNOME Terminal and the other VTE
terminals. So the notice after `y` says what can be known from the environment, and shows the
address so it can be selected by hand; where copying is unlikely to work, the address opens in
a panel instead of a toast that vanishes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..i18n import Labels

Level = Literal["likely", "unknown", "unlikely"]

LIKELY_PROGRAMS = frozenset({"WezTerm", "ghostty", "kitty", "Alacritty", "rio", "contour"})
"""TERM_PROGRAM values of terminals that accept OSC 52 copies as installed."""
LIKELY_TERMS = ("xterm-kitty", "alacritty", "foot", "xterm-ghostty", "wezterm", "contour")
"""TERM prefixes of the same kind."""


@dataclass(frozen=True)
class Support:
    """How likely an OSC 52 copy reaches the clipboard, and, when unlikely, why (a label key
    of the catalogue, worded for the user)."""

    level: Level
    reason: str | None = None


def osc52_support(
    environ: Mapping[str, str], platform: str, tmux_clipboard: str | None = None
) -> Support:
    """What the environment says about OSC 52. `tmux_clipboard` is tmux's `set-clipboard`
    option ("on", "external", "off"; None when it could not be read), consulted inside tmux."""
    term = environ.get("TERM", "")
    program = environ.get("TERM_PROGRAM", "")
    if platform == "win32" and not environ.get("WT_SESSION") and not program:
        return Support("unlikely", "clipboard.conhost")  # the classic console; not Windows Terminal
    if environ.get("TMUX"):
        # tmux swallows an application's OSC 52 unless set-clipboard is "on" (the default,
        # "external", only lets tmux's own copy mode through); past it, the outer terminal
        # is unknown from here.
        if tmux_clipboard != "on":
            return Support("unlikely", "clipboard.tmux")
        return Support("unknown")
    if environ.get("STY") or term.startswith("screen"):
        return Support("unlikely", "clipboard.screen")
    if term == "linux":
        return Support("unlikely", "clipboard.console")
    if program == "Apple_Terminal" or environ.get("VTE_VERSION"):
        return Support("unlikely", "clipboard.terminal")
    if (
        program in LIKELY_PROGRAMS
        or term.startswith(LIKELY_TERMS)
        or environ.get("WT_SESSION")
        or environ.get("KITTY_WINDOW_ID")
    ):
        return Support("likely")
    return Support("unknown")  # over SSH the far terminal is rarely named at all


def tmux_clipboard() -> str | None:
    """tmux's `set-clipboard` option, or None when it cannot be read. Runs `tmux`: call it in a
    thread worker, never on the UI's loop."""
    tmux = shutil.which("tmux")
    if tmux is None:
        return None
    try:
        done = subprocess.run(
            [tmux, "show-options", "-gv", "set-clipboard"],
            capture_output=True,
            text=True,
            timeout=2,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.strip() or None


def probe() -> Support:
    """What this session's environment says about OSC 52 (may run `tmux`: thread workers only)."""
    inside_tmux = bool(os.environ.get("TMUX"))
    return osc52_support(os.environ, sys.platform, tmux_clipboard() if inside_tmux else None)


def copied_notice(support: Support, labels: Labels, url: str) -> str:
    """The notice after a copy: as sure as the environment allows, with the address."""
    if support.level == "likely":
        return labels("clipboard.copied", url=url)
    if support.level == "unknown":
        return labels("clipboard.sent", url=url)
    return labels(support.reason or "clipboard.terminal")
