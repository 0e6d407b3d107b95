"""The lead paragraph (issue 11, item 6): the summary (sapo) is shown above the body when the
body does not already begin with it, and never twice."""

from __future__ import annotations

import pytest

from newsreader_tui.core.content.blocks import Paragraph, parse_html
from newsreader_tui.core.content.lead import lead_paragraphs, with_lead
from support.articles import make_article

SAPO = (
    "UBND huyện Sông Xanh thông báo điều chỉnh lịch tiếp công dân định kỳ của Chủ tịch UBND "
    "huyện trong tháng 12/2026."
)
REST = (
    "<p>Lịch tiếp công dân cụ thể như sau:</p><ul><li>Ngày 03/12/2026 (thứ Năm): tiếp công dân "
    "tại Trụ sở Tiếp công dân huyện.</li></ul><p>Công dân có nhu cầu vui lòng mang theo căn "
    "cước và các giấy tờ liên quan.</p>"
)
THUMB = '<a href="https://a.vn/tin/1"><img src="https://a.vn/anh/1.jpg"></a></br>'


@pytest.mark.parametrize(
    "summary",
    [
        SAPO,  # a JSON API's plain text
        f"<p>{SAPO}</p>",
        f"{THUMB}{SAPO}",  # VnExpress: a thumbnail, then the sapo
    ],
)
def test_sapo_kept_apart_from_the_content_is_the_lead(summary: str) -> None:
    article = make_article(REST, summary=summary)
    assert lead_paragraphs(article) == (SAPO,)
    blocks = with_lead(article, parse_html(article.body_html))
    assert blocks[0] == Paragraph((blocks[0].spans[0],)) and blocks[0].spans[0].bold
    assert blocks[0].spans[0].text == SAPO


@pytest.mark.parametrize(
    ("summary", "content"),
    [
        # The content begins with the sapo (the demo's RSS, most portals' content:encoded).
        (SAPO, f"<p><strong>{SAPO}</strong></p>{REST}"),
        (f"{THUMB}{SAPO}", f"<p>{SAPO}</p>{REST}"),
        # After a dateline and a picture with its caption.
        (
            SAPO,
            '<p><img src="https://a.vn/anh/2.jpg"></p><p><em>Trụ sở UBND huyện</em></p>'
            f"<p>(Sông Xanh) - {SAPO}</p>{REST}",
        ),
        # A summary cut off mid-word, or WordPress's excerpt of the opening words.
        ("UBND huyện Sông Xanh thông báo điều chỉnh lịch tiếp công d…", f"<p>{SAPO}</p>{REST}"),
        (
            "<p>UBND huyện Sông Xanh thông báo điều chỉnh lịch tiếp [&hellip;]</p>",
            f"<p>{SAPO}</p>{REST}",
        ),
        # Differently spaced and cased, with other punctuation.
        ("ubnd huyện sông xanh: thông báo điều chỉnh", f"<p>{SAPO}</p>{REST}"),
    ],
)
def test_content_that_begins_with_the_sapo_shows_it_once(summary: str, content: str) -> None:
    article = make_article(content, summary=summary)
    assert lead_paragraphs(article) == ()
    body = parse_html(article.body_html)
    assert with_lead(article, body) == body


def test_no_lead_when_the_summary_is_the_body() -> None:
    assert lead_paragraphs(make_article("", summary=SAPO)) == ()
    assert lead_paragraphs(make_article("<p>Ngắn.</p>", summary=f"<p>{SAPO}</p>")) == ()
    assert lead_paragraphs(make_article(REST, summary="")) == ()
    assert lead_paragraphs(make_article(REST, summary=THUMB)) == ()  # a picture says no words


def test_full_text_without_the_sapo_gets_it_as_lead() -> None:
    article = make_article(f"<p>{SAPO}</p>", summary=SAPO, full_content=REST)
    assert lead_paragraphs(article) == (SAPO,)
    with_sapo = make_article("", summary=SAPO, full_content=f"<p>{SAPO}</p>{REST}")
    assert lead_paragraphs(with_sapo) == ()


def test_lead_of_several_paragraphs_keeps_them() -> None:
    summary = "<p>Đoạn mở đầu thứ nhất.</p><p>Đoạn mở đầu thứ hai.</p>"
    article = make_article(REST, summary=summary)
    assert lead_paragraphs(article) == ("Đoạn mở đầu thứ nhất.", "Đoạn mở đầu thứ hai.")


@pytest.mark.parametrize(
    "tail",
    [
        ' <a href="https://a.vn/tin/1">Đọc tiếp</a>',
        "<p>The post Lịch tiếp công dân appeared first on Cổng TTĐT huyện Sông Xanh.</p>",
    ],
)
def test_a_read_more_after_the_summary_does_not_make_it_a_lead(tail: str) -> None:
    summary = f"<p>{SAPO}</p>{tail}"
    assert lead_paragraphs(make_article(f"<p>{SAPO}</p>{REST}", summary=summary)) == ()
    assert lead_paragraphs(make_article(REST, summary=summary))  # apart, it still is one
