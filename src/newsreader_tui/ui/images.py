"""Which way the terminal can draw pictures, decided once before the app takes the screen."""

from __future__ import annotations

from textual.widget import Widget

IMAGE_MODES: tuple[str, ...] = ("auto", "off", "kitty", "sixel", "halfblocks")


def pick_image_widget(mode: str) -> type[Widget] | None:
    """The textual-image widget class for `mode`, or None to show captions only.

    Call this before `App.run()`: textual-image asks the terminal what it supports (Kitty
    graphics, Sixel, cell size) when it is imported, which cannot happen once Textual owns it.
    """
    if mode == "off":
        return None
    try:
        from textual_image import widget as image_widgets
    except Exception:  # no terminal to ask, or the library is missing: captions still show
        return None
    widgets: dict[str, type[Widget]] = {
        "auto": image_widgets.Image,
        "kitty": image_widgets.TGPImage,
        "sixel": image_widgets.SixelImage,
        "halfblocks": image_widgets.HalfcellImage,
    }
    return widgets.get(mode, image_widgets.Image)
