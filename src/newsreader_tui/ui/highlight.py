"""The words a search matched, marked in what the UI draws: list rows and the reader.

`core.store.match_spans` decides which words match (a word typed with diacritics marks only
words spelled so); this module only lays a style over those spans of Rich `Text`, so the text
itself, cleaned at ingest, is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text

from newsreader_tui.core.store import Term, match_spans

MARK = Style(reverse=True, bold=True)
"""How a matched word looks when the theme gives no component style for it."""


def mark_text(text: Text, terms: Sequence[Term], style: Style | str = MARK) -> Text:
    """Lay `style` over the words of `text` that `terms` match; returns `text` (changed)."""
    if terms:
        for start, end in match_spans(text.plain, list(terms)):
            text.stylize(style, start, end)
    return text


def mark_renderables(
    renderables: Iterable[RenderableType], terms: Sequence[Term], style: Style | str = MARK
) -> None:
    """`mark_text` over every `Text` in `renderables`, looking inside groups and indented
    blocks (lists, quotes): the reader's body as `render_sections` built it."""
    if not terms:
        return
    for renderable in renderables:
        if isinstance(renderable, Text):
            mark_text(renderable, terms, style)
        elif isinstance(renderable, Group):
            mark_renderables(renderable.renderables, terms, style)
        else:
            inner = getattr(renderable, "renderables", None) or getattr(renderable, "text", None)
            if isinstance(inner, Text):
                mark_text(inner, terms, style)
            elif isinstance(inner, list | tuple):
                mark_renderables(inner, terms, style)


def mark_article(
    header: RenderableType, sections: Sequence[object], terms: Sequence[Term]
) -> RenderableType:
    """Mark the search's words in an article's header (its title) and body sections (text
    and captions) as the reader built them; returns `header`, to pass it on."""
    if terms:
        mark_renderables([header], terms)
        for section in sections:
            renderables = getattr(section, "renderables", None)
            caption = getattr(section, "caption", None)
            if renderables is not None:
                mark_renderables(renderables, terms)
            if isinstance(caption, Text):
                mark_text(caption, terms)
    return header
