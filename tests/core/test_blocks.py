"""Article HTML to content blocks: captions, credits, lazy images, links, layout tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader_tui.core.content.blocks import (
    Block,
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
        Image("https://baodientu.example.vn/anh/lon.jpg"),  # the widest srcset candidate
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


# --- one fixture file per caption style (tests/data/html/caption_*.html) --------------------------

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "html"
SITE = "https://tinh.example.vn/tin-tuc/bai.html"


def fixture(name: str) -> list[Block]:
    return parse_html((FIXTURES / name).read_text(encoding="utf-8"), SITE)


def test_wordpress_figures() -> None:
    uploads = "https://tinh.example.vn/wp-content/uploads/2025/03"
    assert fixture("caption_figure_wp.html") == [
        para(
            "Sáng 12/3, Sở Giáo dục và Đào tạo tổ chức lễ tuyên dương học sinh giỏi cấp quốc gia."
        ),
        Image(
            "https://sogd.example.vn/wp-content/uploads/2025/03/tuyen-duong-1024x576.jpg",
            caption="Lãnh đạo Sở trao bằng khen cho các em học sinh",
            credit="Thu Hà",
        ),
        Image(
            f"{uploads}/hoc-sinh.jpg",
            caption="Các em học sinh đoạt giải Nhất",
            credit="Minh Tâm",
            alt="Học sinh nhận giải",
        ),
        Image(f"{uploads}/toan-canh.jpg", alt="Toàn cảnh buổi lễ"),
        para("Năm học này, tỉnh có 45 học sinh đoạt giải quốc gia."),
    ]


def test_tplcaption_figures_with_credit_in_em() -> None:
    assert fixture("caption_figure_tpl.html") == [
        para("Hơn 8.000 người tham gia giải chạy bộ Vì sức khỏe cộng đồng sáng Chủ nhật."),
        Image(
            "https://i1.example.vn/2025/04/06/xuat-phat-680.jpg",
            caption="Các vận động viên xuất phát",
            credit="Minh Khoa",
            alt="Các vận động viên xuất phát",
        ),
        para("Cự ly dài nhất là 21 km, chạy qua cầu Rồng và dọc bờ sông."),
        Image(
            "https://i1.example.vn/2025/04/06/ve-dich.jpg",
            caption="Người về nhất cự ly 21 km",
            credit="Hoàng Nam",
            alt="Về đích",
        ),
    ]


def test_caption_tables() -> None:
    assert fixture("caption_table.html") == [
        para("Đoàn công tác kiểm tra tiến độ dự án đường ven biển."),
        Image(
            "https://tinh.example.vn/Uploads/2024/5/duong-ven-bien.jpg",
            caption="Đoàn kiểm tra tại công trường",
            credit="Văn Long",
        ),
        para("Dự án dài 48 km, dự kiến hoàn thành năm 2026."),
        Image(
            "https://tinh.example.vn/Uploads/2024/5/cau-cua-dai.jpg",
            caption="Cầu Cửa Đại nhìn từ trên cao",
            credit="TTXVN",
        ),
    ]


def test_vccorp_photo_boxes() -> None:
    assert fixture("caption_vccorp.html") == [
        para("Mưa lớn kéo dài khiến nhiều tuyến đường ở trung tâm thành phố ngập sâu."),
        Image(
            "https://cdn.example.vn/2025/9/ngap.jpg",
            caption="Nhiều xe máy chết máy khi đi qua đoạn ngập",
            credit="Ngọc Anh",
            alt="Ngập",
        ),
        para("Lực lượng chức năng đã phân luồng giao thông từ sáng sớm."),
        Image("https://cdn.example.vn/2025/9/phan-luong.jpg", alt="Cảnh sát phân luồng giao thông"),
    ]


def test_caption_in_the_paragraph_after_the_image() -> None:
    news = "https://tinh.example.vn/images/news"
    assert fixture("caption_paragraph.html") == [
        para("Chiều 20/10, Hội Liên hiệp Phụ nữ tỉnh tổ chức hội thi ẩm thực truyền thống."),
        Image(f"{news}/hoi-thi.jpg", caption="Các đội thi trình bày món ăn", credit="Thanh Hương"),
        para("Hội thi thu hút 24 đội đến từ các huyện, thị xã."),
        Image(f"{news}/mon-an.jpg", caption="Món bánh ít lá gai của đội huyện Hòa Vang"),
        Image(
            f"{news}/giai-nhat.jpg",
            caption="Ban tổ chức trao giải Nhất",
            credit="Hồng Vân",
            alt="Giải nhất",
        ),
        # A long plain paragraph after an image is the article going on, not a caption.
        Image(f"{news}/khan-gia.jpg", alt="Khán giả"),
        para(
            "Khán giả đến cổ vũ rất đông. Theo ban tổ chức, hội thi năm nay được tổ chức quy mô"
            " hơn các năm trước, với nhiều món ăn lần đầu được giới thiệu tới người dân và du"
            " khách, góp phần quảng bá văn hóa ẩm thực địa phương."
        ),
    ]


def test_alt_text_lazy_sources_and_junk() -> None:
    assert fixture("caption_alt.html") == [
        Paragraph(
            (
                Inline("Tỉnh "),
                Inline("khởi công", bold=True),
                Inline(" "),
                Inline("cảng cạn ICD", href="https://tinh.example.vn/tin/cang-can.html"),
                Inline(" tại khu công nghiệp."),
            )
        ),
        Image("https://tinh.example.vn/upload/2025/icd.jpg", alt="Lễ khởi công cảng cạn ICD"),
        para("Cảng có công suất 500.000 TEU mỗi năm."),
        Image("https://tinh.example.vn/upload/2025/kho-960.jpg", alt="Kho bãi của cảng"),
    ]


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        (
            "Các vận động viên xuất phát. Ảnh: Minh Khoa",
            ("Các vận động viên xuất phát", "Minh Khoa"),
        ),
        ("Cầu mới. Ảnh - Minh Đức", ("Cầu mới", "Minh Đức")),
        ("Người về nhất Ảnh: Hoàng Nam", ("Người về nhất", "Hoàng Nam")),
        ("Lễ mít tinh (Ảnh: TTXVN).", ("Lễ mít tinh", "TTXVN")),
        ("Biểu đồ tăng trưởng. Nguồn: Cục Thống kê", ("Biểu đồ tăng trưởng", "Cục Thống kê")),
        ("Toàn cảnh hội nghị.", ("Toàn cảnh hội nghị", "")),
        ("Ai sẽ vô địch?", ("Ai sẽ vô địch?", "")),
        ("Triển lãm ảnh: nghệ thuật đương đại", ("Triển lãm ảnh: nghệ thuật đương đại", "")),
    ],
)
def test_split_credit_forms(caption: str, expected: tuple[str, str]) -> None:
    assert split_credit(caption) == expected
