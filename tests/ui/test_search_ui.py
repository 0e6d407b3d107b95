"""Search in the app (issue 11): results with a snippet line under each title and the matched
words marked, the reader marking them in an article opened from the results, and a search
limited to the category it was started from (Tab in the prompt)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.pilot import Pilot
from textual.widgets import Label

from newsreader_tui.core.store import query_terms
from newsreader_tui.core.views import View
from newsreader_tui.ui.app import NewsreaderApp
from newsreader_tui.ui.highlight import MARK, mark_article
from newsreader_tui.ui.render import render_header, render_sections
from newsreader_tui.ui.screens.search import SearchScreen

if TYPE_CHECKING:
    from conftest import AppEnv

WIDE = (160, 48)
NARROW = (80, 24)
CATEGORY = "Kinh tế - Xã hội"


def status_text(app: NewsreaderApp) -> str:
    return " ".join(str(label.render()) for label in app.main_screen.status.query("Label"))


async def search(env: AppEnv, pilot: Pilot[Any], query: str, *keys: str) -> None:
    await pilot.press("slash")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SearchScreen)
    await pilot.press(*keys, *query, "enter")
    await env.settle(pilot)


def line_text(app: NewsreaderApp, y: int) -> tuple[str, list[str]]:
    """Line `y` of the list as text, and the pieces of it drawn in the match style."""
    articles = app.main_screen.articles
    strip = articles.render_line(y)
    match = articles.get_component_rich_style("article-list--match")
    marked = [s.text for s in strip if s.style is not None and s.style.underline]
    assert match.underline
    return "".join(s.text for s in strip), marked


async def test_results_show_a_snippet_under_each_title_with_the_words_marked(
    env: AppEnv,
) -> None:
    app = env.app()
    async with app.run_test(size=NARROW) as pilot:
        await env.settle(pilot)
        await search(env, pilot, "Dân vận")
        articles = app.main_screen.articles
        first = articles.highlighted_row
        assert first is not None and "Dân vận khéo" in first.title
        assert "Dân vận" in first.snippet
        title, title_marks = line_text(app, 0)
        snippet, snippet_marks = line_text(app, 1)
        assert "Dân vận khéo" in title and title_marks == ["Dân", "vận"]
        assert snippet.strip().startswith(first.snippet[:20])
        assert set(snippet_marks) == {"Dân", "vận"}
        await pilot.press("j")  # one row down is two lines down
        assert articles.cursor == 1
        third, _ = line_text(app, 2)
        row = articles.highlighted_row
        assert row is not None and row.title[:20] in third


async def test_the_reader_marks_the_words_of_the_search_it_was_opened_from(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=WIDE) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        await search(env, pilot, "dan van kheo")
        assert main.reader.marks == query_terms("dan van kheo")
        await pilot.press("enter")
        await env.settle(pilot)
        assert main.reader.article is not None
        await pilot.press("escape")
        await env.settle(pilot)
        if main.view.kind == "search":  # the first Esc leaves the reader, the second the search
            await pilot.press("escape")
            await env.settle(pilot)
        assert main.view.kind != "search" and main.reader.marks == []


def test_mark_article_marks_title_body_and_captions(env: AppEnv) -> None:
    from newsreader_tui.core.content.blocks import parse_html

    article = next(hit.article for hit in env.service().store.search("dan van kheo", limit=1))
    header = render_header(article)
    sections = render_sections(parse_html(article.body_html, article.url), width=60)
    mark_article(header, sections, query_terms("Dân vận"))
    title = header.renderables[0]  # type: ignore[attr-defined]
    marked = [title.plain[s.start : s.end] for s in title.spans if s.style == MARK]
    assert marked == ["Dân", "vận"]
    body = [r for section in sections for r in getattr(section, "renderables", [])]
    assert any(span.style == MARK for text in body if hasattr(text, "spans") for span in text.spans)


async def test_a_search_can_be_limited_to_the_category_it_starts_from(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=WIDE) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        main.switch_view(View("category", CATEGORY))
        await env.settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        scope = app.screen.query_one("#search-scope", Label)
        assert str(scope.render()) == f"Mọi nguồn · Tab: chỉ trong {CATEGORY}"
        await pilot.press("tab")
        assert str(scope.render()) == f"Chỉ trong {CATEGORY} · Tab: mọi nguồn"
        await pilot.press(*"tinh", "enter")
        await env.settle(pilot)
        assert main.view == View("search", "tinh", scope=View("category", CATEGORY))
        rows = [main.articles._row_at(i) for i in range(main.articles.count)]
        assert rows and {row.category for row in rows if row is not None} == {CATEGORY}
        assert f"Tìm trong {CATEGORY}: tinh" in status_text(app)
        everywhere = app.views.count(View("search", "tinh"))
        assert everywhere > main.articles.count
        # `/` again offers the same scope, still on; Tab turns it off.
        await search(env, pilot, "", "tab")
        assert main.view == View("search", "tinh")
        assert main.articles.count == everywhere
