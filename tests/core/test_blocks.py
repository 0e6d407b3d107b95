"""Article HTML to content blocks: captions, credits, lazy images, links, layout tables."""

from __future__ import annotations

import pytest

from newsreader_tui.core.content.blocks import (
    Heading,
    Image,
    Inline,
    ListBlock,
    Paragraph,
    Preformatted,
    Quote,
    Rule,
    Table,
    links,
    parse_html,
    split_credit,
)

BASE = "https://baodientu.example.vn/tin-tuc/bai-viet.html"


def para(text: str) -> Paragraph:
    return Paragraph((Inline(text),))


def test_figure_caption_is_split_into_caption_and_credit() -> None:
    html = (
        "<p>Hội nghị khai mạc sáng nay.</p>"
        '<figure class="image"><img src="/uploads/hoi-nghi.jpg" alt="Hội nghị">'
        "<figcaption>Toàn cảnh hội nghị. Ảnh: Bá Luân</figcaption></figure>"
        "<p>Đồng chí Bí thư phát biểu.</p>"
    )
    assert parse_html(html, BASE) == [
        para("Hội nghị khai mạc sáng nay."),
        Image(
            "https://baodientu.example.vn/uploads/hoi-nghi.jpg",
            caption="Toàn cảnh hội nghị",
            credit="Bá Luân",
            alt="Hội nghị",
        ),
        para("Đồng chí Bí thư phát biểu."),
    ]


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("Toàn cảnh hội nghị. Ảnh: Bá Luân", ("Toàn cảnh hội nghị", "Bá Luân")),
        ("Ảnh: Bá Luân", ("", "Bá Luân")),
        ("Toàn cảnh hội nghị (Ảnh: Bá Luân)", ("Toàn cảnh hội nghị", "Bá Luân")),
        ("Toàn cảnh hội nghị - Ảnh: TTXVN", ("Toàn cảnh hội nghị", "TTXVN")),
        ("Ảnh minh họa", ("Ảnh minh họa", "")),
        ("Lễ khánh thành cầu Cửa Tùng", ("Lễ khánh thành cầu Cửa Tùng", "")),
    ],
)
def test_split_credit(caption: str, expected: tuple[str, str]) -> None:
    assert split_credit(caption) == expected


def test_caption_table() -> None:
    html = (
        '<table class="tplCaption" align="center"><tbody>'
        '<tr><td><img src="https://cdn.example.vn/2018/11/cau.jpg" alt=""></td></tr>'
        '<tr><td class="caption"><p class="Image">Cầu Cửa Tùng mới - Ảnh: Minh Đức</p></td></tr>'
        "</tbody></table><p>Cầu dài 300 m.</p>"
    )
    assert parse_html(html, BASE) == [
        Image(
            "https://cdn.example.vn/2018/11/cau.jpg", caption="Cầu Cửa Tùng mới", credit="Minh Đức"
        ),
        para("Cầu dài 300 m."),
    ]


def test_figcaption_holding_p_image() -> None:
    html = (
        '<figure><img src="/anh/dai-hoi.jpg">'
        '<figcaption><p class="Image">Đại biểu biểu quyết thông qua nghị quyết</p></figcaption>'
        "</figure>"
    )
    assert parse_html(html, BASE) == [
        Image(
            "https://baodientu.example.vn/anh/dai-hoi.jpg",
            caption="Đại biểu biểu quyết thông qua nghị quyết",
        )
    ]


def test_credit_paragraph_after_image_attaches_to_it() -> None:
    html = (
        '<p><img src="/anh/khai-giang.jpg"></p>'
        '<p style="text-align: right;"><em>Ảnh: Minh Khoa</em></p>'
        "<p>Năm học mới bắt đầu.</p>"
    )
    assert parse_html(html, BASE) == [
        Image("https://baodientu.example.vn/anh/khai-giang.jpg", credit="Minh Khoa"),
        para("Năm học mới bắt đầu."),
    ]


def test_credit_paragraph_after_figure_without_credit() -> None:
    html = (
        '<figure><img src="/anh/tw9.jpg"><figcaption>Toàn cảnh hội nghị</figcaption></figure>'
        "<p><em>Ảnh: Bá Luân</em></p>"
    )
    assert parse_html(html, BASE) == [
        Image(
            "https://baodientu.example.vn/anh/tw9.jpg",
            caption="Toàn cảnh hội nghị",
            credit="Bá Luân",
        )
    ]


def test_lazy_image_sources_win_over_data_placeholder() -> None:
    html = (
        '<img src="data:image/gif;base64,R0lGOD" data-src="/anh/that.jpg">'
        '<img src="data:image/gif;base64,R0lGOD" srcset="/anh/nho.jpg 320w, /anh/lon.jpg 1024w">'
        '<img src="data:image/gif;base64,R0lGOD">'
    )
    assert parse_html(html, BASE) == [
        Image("https://baodientu.example.vn/anh/that.jpg"),
        Image("https://baodientu.example.vn/anh/nho.jpg"),
    ]


def test_tracking_pixel_and_file_name_alt_dropped() -> None:
    html = (
        '<p>Nội dung.<img src="https://stats.example.vn/p.gif" width="1" height="1"></p>'
        '<img src="/anh/a.jpg" alt="IMG_2031.JPG">'
    )
    assert parse_html(html, BASE) == [
        para("Nội dung."),
        Image("https://baodientu.example.vn/anh/a.jpg"),
    ]


def test_scripts_iframes_and_forms_dropped() -> None:
    html = (
        "<p>Trước</p><script>document.write('<p>quảng cáo</p>')</script>"
        "<style>p { color: red }</style><noscript>bật JavaScript</noscript>"
        '<iframe src="https://youtube.com/embed/x">video</iframe>'
        "<form><button>Gửi</button></form><svg><text>biểu tượng</text></svg><p>Sau</p>"
    )
    assert parse_html(html, BASE) == [para("Trước"), para("Sau")]


def test_nested_inline_tags_keep_all_text() -> None:
    html = "<p>Ông <b>Nguyễn <i>Văn</i> A</b> phát biểu</p>"
    assert parse_html(html, BASE) == [
        Paragraph(
            (
                Inline("Ông "),
                Inline("Nguyễn ", bold=True),
                Inline("Văn", bold=True, italic=True),
                Inline(" A", bold=True),
                Inline(" phát biểu"),
            )
        )
    ]
    other = "<p><span>Tỉnh</span><font>ủy</font> <u>Quảng</u><sub>Trị</sub> <code>x</code></p>"
    assert parse_html(other, BASE) == [para("Tỉnhủy QuảngTrị x")]


def test_whitespace_and_line_breaks() -> None:
    html = "<p>\n  Dòng   một&nbsp;&nbsp;tiếp<br>\n  dòng hai <br></p>"
    assert parse_html(html, BASE) == [para("Dòng một tiếp\ndòng hai")]


def test_links_resolved_and_numbered_once() -> None:
    html = (
        '<p>Xem <a href="../chinh-tri/bai-1.html">bài 1</a>, <a href="https://x.vn/2">bài 2</a>'
        ' và lại <a href="../chinh-tri/bai-1.html">bài 1</a>; <a href="javascript:void(0)">mở</a>'
        ' <a href="#top">lên</a> <a href="mailto:toa-soan@example.vn">thư</a></p>'
    )
    blocks = parse_html(html, BASE)
    first = "https://baodientu.example.vn/chinh-tri/bai-1.html"
    assert blocks == [
        Paragraph(
            (
                Inline("Xem "),
                Inline("bài 1", href=first),
                Inline(", "),
                Inline("bài 2", href="https://x.vn/2"),
                Inline(" và lại "),
                Inline("bài 1", href=first),
                Inline("; mở lên thư"),
            )
        )
    ]
    assert links(blocks) == [first, "https://x.vn/2"]


def test_image_inside_paragraph_splits_it() -> None:
    html = '<p>Trước ảnh <img src="/a.jpg" alt="Cầu"> sau ảnh</p>'
    assert parse_html(html, BASE) == [
        para("Trước ảnh"),
        Image("https://baodientu.example.vn/a.jpg", alt="Cầu"),
        para("sau ảnh"),
    ]


def test_layout_table_flattened_into_blocks() -> None:
    html = (
        '<table width="100%"><tr><td><p>Cột trái: tin chính.</p>'
        '<img src="/anh/trai.jpg"></td>'
        "<td><h3>Tin liên quan</h3><ul><li>Tin một</li></ul></td></tr></table>"
    )
    assert parse_html(html, BASE) == [
        para("Cột trái: tin chính."),
        Image("https://baodientu.example.vn/anh/trai.jpg"),
        Heading(3, (Inline("Tin liên quan"),)),
        ListBlock(False, ((Inline("Tin một"),),), (0,)),
    ]


def test_headings_lists_quotes_tables_rules_pre() -> None:
    html = (
        "<h2>Kết quả <em>bầu cử</em></h2>"
        "<ol><li>Thứ nhất</li><li>Thứ hai<ul><li>ý nhỏ</li></ul></li></ol>"
        "<blockquote><p>Dân là gốc.</p></blockquote>"
        "<table><thead><tr><th>Xã</th><th>Số phiếu</th></tr></thead>"
        "<tbody><tr><td>Gio Linh</td><td>1.024</td></tr><tr><td>Vĩnh Linh</td></tr></tbody>"
        "</table><hr><pre>  a  b\n c</pre>"
    )
    assert parse_html(html, BASE) == [
        Heading(2, (Inline("Kết quả "), Inline("bầu cử", italic=True))),
        ListBlock(
            True,
            ((Inline("Thứ nhất"),), (Inline("Thứ hai"),), (Inline("ý nhỏ"),)),
            (0, 0, 1),
        ),
        Quote((para("Dân là gốc."),)),
        Table((("Xã", "Số phiếu"), ("Gio Linh", "1.024"), ("Vĩnh Linh",)), header=True),
        Rule(),
        Preformatted("  a  b\n c"),
    ]


def test_broken_html_is_tolerated() -> None:
    html = "<p>Một<p>Hai</b></span><div>Ba</p></div><li>Bốn"
    assert parse_html(html, BASE) == [para("Một"), para("Hai"), para("Ba"), para("Bốn")]


def test_control_characters_removed() -> None:
    assert parse_html("<p>An\x1b]52;c;ZXZpbA==\x07 toàn\u202e</p>", BASE) == [para("An toàn")]
