"""Textual's own words in the command palette and the Ctrl-C hint, in the user's language.

Textual writes a few sentences of its own: the palette's prompt ("Search for commands…", set by
`App.action_command_palette`), the theme picker's, its system commands (Theme, Quit, Keys...)
and the notice Ctrl-C gives ("Do you want to quit?", `App.action_help_quit`). The app overrides
those methods with the ones here, which say the same in the catalogue's words. The palette's
"No matches found" is written inside a private method of Textual's and stays English.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.theme import ThemeProvider

from ..i18n import Labels

SYSTEM_WORDS: Mapping[str, str] = {
    "Theme": "palette.theme",
    "Change the current theme": "palette.theme_help",
    "Quit": "palette.quit",
    "Quit the application as soon as possible": "palette.quit_help",
    "Keys": "palette.keys",
    "Show help for the focused widget and a summary of available keys": "palette.keys_help",
    "Hide the keys and widget help panel": "palette.keys_hide_help",
    "Maximize": "palette.maximize",
    "Maximize the focused widget": "palette.maximize_help",
    "Minimize": "palette.minimize",
    "Minimize the widget and restore to normal size": "palette.minimize_help",
    "Screenshot": "palette.screenshot",
    "Save an SVG 'screenshot' of the current screen": "palette.screenshot_help",
}
"""Textual 8.2's system command titles and help (App.get_system_commands), by label key.
A command Textual adds later passes through in English."""


def system_commands(commands: Iterable[SystemCommand], labels: Labels) -> Iterable[SystemCommand]:
    """Textual's system commands with their titles and help in the labels' language."""

    def say(text: str) -> str:
        key = SYSTEM_WORDS.get(text)
        return labels[key] if key else text

    for command in commands:
        yield command._replace(title=say(command.title), help=say(command.help))


def command_palette(labels: Labels) -> CommandPalette:
    """The command palette, prompting in the labels' language."""
    return CommandPalette(id="--command-palette", placeholder=labels["palette.placeholder"])


def theme_palette(labels: Labels) -> CommandPalette:
    """The theme picker (the palette's Theme command), prompting in the labels' language."""
    return CommandPalette(providers=[ThemeProvider], placeholder=labels["palette.themes"])


def quit_hint(app: App[Any], labels: Labels) -> None:
    """What Ctrl-C says (it does not quit, as in most terminal apps): which key does."""
    for key, active in app.active_bindings.items():
        if active.binding.action in ("quit", "app.quit"):
            shown = app.get_key_display(active.binding.with_key(key, key_display=None))
            app.notify(
                labels("palette.quit_hint", shortcut=shown),
                title=labels["palette.quit_title"],
                markup=False,
            )
            return
