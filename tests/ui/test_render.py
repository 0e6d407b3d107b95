"""Blocks to Rich renderables, checked as the plain text a reader would see."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from rich.console import Console, Group, RenderableType

from newsreader_tui.core.content.blocks import Image, parse_html
from newsreader_tui.core.models import Article
from newsreader_tui.ui.render import CachedGroup, caption_line, render_body, render_header
from support import articles

BASE = "https://baodientu.example.vn/tin-tuc/bai.html"


def plain(renderables: RenderableType | list[RenderableType], width: int = 80) -> list[str]:
    console = Console(record=True, width=width, color_system=None, file=io.StringIO())
    items = renderables if isinstance(renderables, list) else [renderables]
    console.print(Group(*items))
    return [line.rstrip() for line in console.export_text().splitlines()]


def body_lines(html: str, width: int = 80, **options: object) -> list[str]:
    return plain(render_body(parse_html(html, BASE), width=width, **options), width)  # type: ignore[arg-type]


def test_caption_line_follows_the_paragraph_before_the_image() -> None:
    lines = body_lines(
        "<p>Hội nghị khai mạc sáng nay.</p>"
        '<figure><img src="/a.jpg"><figcaption>Toàn cảnh hội nghị. Ảnh: Bá Luân</figcaption>'
        "</figure><p>Đồng chí Bí thư phát biểu.</p>"
    )
    assert lines == [
        "Hội nghị khai mạc sáng nay.",
        "",
        "▣ Toàn cảnh hội nghị (Ảnh: Bá Luân)",
        "",
        "Đồng chí Bí thư phát biểu.",
    ]


def test_image_lines() -> None:
    url = "https://x.vn/a.jpg"
    assert caption_line(Image(url, caption="Cầu mới", credit="Minh Đức")) == (
        "▣ Cầu mới (Ảnh: Minh Đức)"
    )
    assert caption_line(Image(url, credit="Minh Đức")) == "▣ Ảnh: Minh Đức"
    assert caption_line(Image(url, alt="Cầu Cửa Tùng")) == "▣ Cầu Cửa Tùng"
    assert caption_line(Image(url)) == "▣ Ảnh"
    english = {"render.image": "Photo", "render.credit": "Photo: {credit}"}
    assert caption_line(Image(url), english) == "▣ Photo"
    assert caption_line(Image(url, credit="AP"), english) == "▣ Photo: AP"


def test_feed_text_is_never_markup() -> None:
    lines = body_lines(
        "<h2>[bold]Tiêu đề[/bold]</h2><p>[video] Toàn cảnh lễ khánh thành [/] [red]x</p>"
        "<ul><li>[link=https://evil]bấm[/link]</li></ul>"
        "<table><tr><td>[i]ô[/i]</td></tr></table>"
    )
    text = "\n".join(lines)
    assert "[bold]Tiêu đề[/bold]" in text
    assert "[video] Toàn cảnh lễ khánh thành [/] [red]x" in text
    assert "- [link=https://evil]bấm[/link]" in text
    assert "[i]ô[/i]" in text


def test_links_numbered_and_listed() -> None:
    html = (
        '<p>Xem <a href="/bai-1.html">bài 1</a> và <a href="https://x.vn/2">bài 2</a>,'
        ' rồi <a href="/bai-1.html">bài 1</a>.</p>'
    )
    lines = body_lines(html)
    assert lines == [
        "Xem bài 1[1] và bài 2[2], rồi bài 1[1].",
        "",
        "Liên kết",
        "[1] https://baodientu.example.vn/bai-1.html",
        "[2] https://x.vn/2",
    ]
    assert body_lines(html, link_numbers=False) == ["Xem bài 1 và bài 2, rồi bài 1."]
    english = body_lines(html, labels={"render.links": "Links"})
    assert "Links" in english


def test_table_renders_within_width() -> None:
    html = (
        "<table><tr><th>Xã</th><th>Số phiếu</th></tr>"
        "<tr><td>Gio Linh</td><td>1.024</td></tr></table>"
    )
    lines = body_lines(html)
    assert lines[0].startswith("┌")
    assert any("Xã" in line and "Số phiếu" in line for line in lines)
    assert any("Gio Linh" in line and "1.024" in line for line in lines)
    narrow = body_lines(html + "<table><tr><td>" + "chữ " * 40 + "</td></tr></table>", width=40)
    assert narrow[0].startswith("+")  # ASCII box when narrow
    assert all(len(line) <= 40 for line in narrow)


def test_lists_quotes_and_wrapping_keep_the_hanging_indent() -> None:
    long = "rất dài " * 15
    lines = body_lines(
        f"<ol><li>Một {long}</li><li>Hai<ul><li>con</li></ul></li></ol>"
        f"<ul><li>gạch</li></ul><blockquote><p>Trích {long}</p></blockquote>"
    )
    assert lines[0].startswith("1. Một rất dài")
    assert lines[1].startswith("   rất")  # wrapped under the text, not the number
    assert "2. Hai" in lines
    assert "  1. con" in lines
    assert "- gạch" in lines
    quote = [line for line in lines if line.startswith("│ ")]
    assert len(quote) == 2 and quote[0].startswith("│ Trích")
    assert all(len(line) <= 80 for line in lines)


def test_header() -> None:
    """Title, then ONE line of marks, date, source, host and author (issue 8, item 11)."""
    # Stored in UTC (02:26), shown in Vietnam time (09:26).
    lines = plain(render_header(make_article(published=datetime(2018, 11, 8, 2, 26, tzinfo=UTC))))
    assert lines[0] == "[video] Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12"
    assert lines[1] == "▪ 08/11/2018 09:26 · Tin tức · baodientu.example.vn · Tác giả: Bá Luân"
    assert lines[2] == "Thẻ: Hội nghị, Tỉnh ủy"
    assert set(lines[3]) == {"─"} and len(lines) == 4
    bare = plain(render_header(make_article(author="", categories=(), url=None)))
    assert bare[1:] == ["▪ 08/11/2018 09:26 · Tin tức", "─" * 80]


def test_header_marks_state_and_leaves_out_tags_repeating_the_category() -> None:
    article = make_article(read=True, starred=True, categories=("HĐ Đảng - Đoàn thể", "tin tức"))
    lines = plain(render_header(article))
    assert lines[1].startswith("* 08/11/2018 09:26 · Tin tức")
    assert len(lines) == 3  # no tags line: both tags repeat the category or the source


def test_header_meta_stays_on_one_line_when_narrow() -> None:
    lines = plain(render_header(make_article(title="Tin")), width=40)
    assert len(lines) == 4
    assert lines[1].startswith("▪ 08/11/2018 09:26 · Tin tức") and lines[1].endswith("~")
    assert len(lines[1]) == 40


def make_article(**changes: object) -> Article:
    """The shared sample article with what a header shows: a tag-like title, author and tags."""
    header: dict[str, object] = {
        "title": "[video] Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12",
        "author": "Bá Luân",
        "categories": ("Hội nghị", "Tỉnh ủy"),
    }
    return articles.make_article(**(header | changes))


def test_cached_group_renders_like_a_group() -> None:
    html = "<p>" + "chữ " * 60 + '</p><ul><li>một</li></ul><p><a href="/x">x</a></p>'
    renderables = render_body(parse_html(html, BASE), width=60)
    cached = CachedGroup(renderables)
    for width in (60, 40, 60):
        assert plain([cached], width) == plain(renderables, width)
