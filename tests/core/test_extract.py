"""Full-text extraction from article pages: the body, its photos with their captions in place,
and none of the portal around it. `PORTALS` is also read by benchmarks/bench_extract.py."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from newsreader_tui.core.content.blocks import Block, Image, Inline, Paragraph, parse_html
from newsreader_tui.core.content.extract import extract_article, sniff_charset

HTML = Path(__file__).resolve().parent.parent / "data" / "html"


def para(text: str, *, bold: bool = False) -> Paragraph:
    return Paragraph((Inline(text, bold=bold),))


SO_NN = "https://snnmt.example.gov.vn/Pages/tin-tuc.aspx?ItemID=2871"
PHO_BIEN = "https://phobien.example.vn/the-thao/8000-nguoi-chay.html"
VCC = "https://tinnhanh.example.vn/mua-lon-gay-ngap.chn"
HOI_PN = "https://hoiphunu.example.vn/hoi-thi-am-thuc-truyen-thong-nam-2025/"

PORTALS: dict[str, tuple[str, list[Block], tuple[str, ...]]] = {
    "portal_tplcaption.html": (
        SO_NN,
        [
            para(
                "Ngày 14/5, Sở Nông nghiệp và Môi trường nghiệm thu, bàn giao hệ thống kênh tưới"
                " hồ Đá Bàn sau hai năm thi công, bảo đảm nước tưới cho 2.400 ha lúa.",
                bold=True,
            ),
            para(
                "Hệ thống gồm 36 km kênh chính và kênh cấp 1, được kiên cố hóa bằng bê tông cốt"
                " thép, tổng vốn đầu tư 215 tỷ đồng."
            ),
            Image(
                "https://snnmt.example.gov.vn/Uploads/2024/5/kenh-chinh.jpg",
                caption="Kênh chính sau khi kiên cố hóa",
                credit="Văn Long",
            ),
            para(
                "Theo Ban quản lý dự án, công trình giúp giảm 30% lượng nước thất thoát so với"
                " kênh đất trước đây."
            ),
            Image(
                "https://snnmt.example.gov.vn/Uploads/2024/5/nghiem-thu.jpg",
                caption="Đoàn nghiệm thu kiểm tra cống điều tiết",
                credit="Thu Trang",
                alt="Đoàn nghiệm thu",
            ),
            para("Người dân các xã hưởng lợi cam kết cùng chính quyền bảo vệ công trình."),
            para("Văn Long", bold=True),
        ],
        (
            "Trang chủ",
            "Giới thiệu",
            "Chuyên mục",
            "Thủy sản",
            "In bài viết",
            "Gửi email",
            "Từ khóa",
            "Lượt xem",
            "Tin mới hơn",
            "Tin cũ hơn",
            "Ra quân làm thủy lợi",
            "Bản quyền",
            "14/05/2024",
            "Nghiệm thu hệ thống thủy lợi hồ Đá Bàn",
        ),
    ),
    "portal_vnexpress.html": (
        PHO_BIEN,
        [
            para(
                "Hơn 8.000 vận động viên phong trào và chuyên nghiệp tham gia giải chạy bộ Vì sức"
                " khỏe cộng đồng sáng Chủ nhật, trên cung đường ven sông Hàn."
            ),
            para(
                "Giải có bốn cự ly 5 km, 10 km, 21 km và 42 km, xuất phát từ quảng trường 2/9 lúc"
                " 4h30."
            ),
            Image(
                "https://i1.example.vn/2025/04/06/xuat-phat-680.jpg",
                caption="Các vận động viên xuất phát",
                credit="Minh Khoa",
                alt="Các vận động viên xuất phát",
            ),
            para(
                "Cung đường chạy qua cầu Rồng, cầu Trần Thị Lý và dọc bờ sông, được phong tỏa từ"
                " 4h đến 9h."
            ),
            Image(
                "https://phobien.example.vn/2025/04/06/ve-dich.jpg",
                caption="Người về nhất cự ly 42 km",
                credit="Hoàng Nam",
                alt="Về đích",
            ),
            para(
                "Ban tổ chức trích 500 triệu đồng tiền bán vé ủng hộ quỹ Vì người nghèo của thành"
                " phố."
            ),
            para("Minh Khoa", bold=True),
        ],
        (
            "Thời sự",
            "Kinh doanh",
            "Trang chủ",
            "Marathon",
            "Chủ nhật, 6/4/2025",
            "Chia sẻ",
            "Zalo",
            "Tags",
            ">chạy bộ</a>",
            "Tin liên quan",
            "Giải chạy đêm",
            "Ý kiến",
            "chuyên nghiệp, mong năm sau",
            "Xem nhiều",
            "Quảng cáo",
            "Giấy phép",
            "8.000 người chạy vì sức khỏe cộng đồng",
        ),
    ),
    "portal_vccorp.html": (
        VCC,
        [
            para(
                "Trận mưa lớn kéo dài hơn ba giờ từ chiều qua khiến nhiều tuyến đường ở trung tâm"
                " thành phố ngập sâu, giao thông ùn tắc.",
                bold=True,
            ),
            para(
                "Theo Đài Khí tượng thủy văn, lượng mưa đo được tại trạm trung tâm là 120 mm, cao"
                " nhất từ đầu mùa mưa năm nay."
            ),
            Image(
                "https://cdn.example.vn/2025/9/ngap.jpg",
                caption="Nhiều xe máy chết máy khi đi qua đoạn ngập",
                credit="Ngọc Anh",
                alt="Ngập",
            ),
            para(
                "Lực lượng cảnh sát giao thông đã phân luồng tại các nút giao thường xuyên ngập,"
                " hướng dẫn người dân đi đường vòng."
            ),
            para(
                "Công ty Thoát nước cho biết đã huy động 300 công nhân khơi thông cống rãnh ngay"
                " trong đêm."
            ),
        ],
        (
            "Xã hội",
            "Thế giới",
            "20/09/2025",
            "Facebook",
            "Bài viết liên quan",
            "chống ngập",
            "Số lượt xem",
            "Tags",
            "ngập lụt",
            "Tin cùng chuyên mục",
            "Sạt lở",
            "Chịu trách nhiệm",
            "Mưa lớn gây ngập nhiều tuyến đường trung tâm",
        ),
    ),
    "portal_wordpress.html": (
        HOI_PN,
        [
            para(
                "Chiều 20/10, Hội Liên hiệp Phụ nữ tỉnh tổ chức hội thi ẩm thực truyền thống chào"
                " mừng ngày Phụ nữ Việt Nam."
            ),
            Image(
                "https://hoiphunu.example.vn/wp-content/uploads/2025/10/hoi-thi-1024x576.jpg",
                caption="Các đội thi trình bày món ăn",
                credit="Thanh Hương",
            ),
            para(
                "Hội thi thu hút 24 đội đến từ các huyện, thị xã, với hơn 100 món ăn truyền thống"
                " của địa phương."
            ),
            Image(
                "https://hoiphunu.example.vn/wp-content/uploads/2025/10/banh-it.jpg",
                caption="Món bánh ít lá gai của đội huyện Hòa Vang",
            ),
            para(
                "Ban tổ chức trao giải Nhất cho đội huyện Hòa Vang, giải Nhì cho đội thị xã Điện"
                " Bàn."
            ),
        ],
        (
            "Trang chủ",
            "Hoạt động",
            "Văn bản",
            "20/10/2025",
            "Chia sẻ",
            "Facebook",
            "Thẻ:",
            "Số lượt xem",
            "Các tin khác",
            "Hội thảo bình đẳng giới",
            "Trả lời",
            "Email của bạn",
            "Bài viết mới",
            "Bản quyền",
            "Hội thi ẩm thực truyền thống năm 2025",
        ),
    ),
}


@pytest.mark.parametrize("name", sorted(PORTALS))
def test_portal_page_gives_exactly_its_article(name: str) -> None:
    url, expected, junk = PORTALS[name]
    fragment = extract_article((HTML / name).read_bytes(), url)
    assert fragment is not None
    blocks = parse_html(fragment, url)
    assert blocks == expected
    text = fragment.replace("&gt;", ">")
    for needle in junk:
        assert needle not in text, needle


def test_images_keep_their_caption_markup_in_place() -> None:
    url, _, _ = PORTALS["portal_tplcaption.html"]
    fragment = extract_article((HTML / "portal_tplcaption.html").read_text("utf-8"), url)
    assert fragment is not None
    assert '<table class="tplCaption"' in fragment and '<td class="caption">' in fragment
    # Relative URLs are resolved against the page.
    assert 'src="https://snnmt.example.gov.vn/Uploads/2024/5/kenh-chinh.jpg"' in fragment
    assert (
        fragment.index("kenh-chinh.jpg")
        < fragment.index("Kênh chính sau khi")
        < (fragment.index("Theo Ban quản lý"))
    )


def test_selector_takes_that_element_and_still_cleans_it() -> None:
    page = (
        "<html><body><div class='menu'><a href='/'>Trang chủ</a></div>"
        "<div id='content'><div class='detail'>"
        "<p>Đoạn một của bài viết.</p><div class='share'><a href='#'>Chia sẻ</a></div>"
        "<p>Từ khóa: <a href='/t'>giáo dục</a></p><p>Đoạn hai.</p></div></div>"
        "<div class='footer'>Bản quyền thuộc về cổng thông tin, ghi rõ nguồn khi đăng lại"
        " thông tin từ trang này, xin cảm ơn các bạn đã theo dõi.</div></body></html>"
    )
    # Too short to pass for an article by scoring, but the site's selector says where it is.
    fragment = extract_article(page, "https://x.example.vn/a", selector="#content .detail")
    assert fragment is not None and not fragment.startswith("<div class")
    assert parse_html(fragment) == [para("Đoạn một của bài viết."), para("Đoạn hai.")]
    several = extract_article(
        (HTML / "portal_vccorp.html").read_bytes(), VCC, selector="h2.knc-sapo, .detail-content"
    )
    assert several is not None
    assert parse_html(several, VCC)[:2] == [
        Paragraph(
            (
                Inline(
                    "Trận mưa lớn kéo dài hơn ba giờ từ chiều qua khiến nhiều tuyến đường ở"
                    " trung tâm thành phố ngập sâu, giao thông ùn tắc."
                ),
            )
        ),
        PORTALS["portal_vccorp.html"][1][1],
    ]


def test_selector_matching_nothing_falls_back_to_scoring() -> None:
    url, expected, _ = PORTALS["portal_vnexpress.html"]
    fragment = extract_article((HTML / "portal_vnexpress.html").read_bytes(), url, selector=".x")
    assert fragment is not None and parse_html(fragment, url) == expected


def test_invalid_selector_is_an_error() -> None:
    with pytest.raises(ValueError, match="CSS selector"):
        extract_article("<p>x</p>", "https://x.example.vn/", selector="div[[")


def _cp1258(text: str) -> bytes:
    """windows-1258 bytes: letters the code page lacks as base letter + combining tone mark."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", char)
        tones = [m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323"]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in tones))
        out += (letter + "".join(tones)).encode("cp1258")
    return bytes(out)


def test_windows_1258_page_decodes_to_nfc() -> None:
    body = (
        "Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm, đánh giá kết quả thực hiện"
        " nhiệm vụ phát triển kinh tế - xã hội và quốc phòng, an ninh."
    )
    page = (
        '<html><head><meta charset="windows-1258"><title>Tổng kết</title></head><body>'
        f'<div class="menu">Trang chủ</div><div class="noi-dung"><p>{body}</p>'
        f"<p>{body}</p></div></body></html>"
    )
    data = _cp1258(page)
    assert sniff_charset(data) == "windows-1258"
    fragment = extract_article(data, "https://x.example.vn/a")
    assert fragment is not None
    assert unicodedata.is_normalized("NFC", fragment)
    assert parse_html(fragment) == [para(body), para(body)]
    # The HTTP charset wins over the page's own declaration, as in browsers.
    assert extract_article(page.encode("utf-8"), "https://x.example.vn/a", encoding="utf-8")


def test_page_without_an_article_gives_none() -> None:
    assert extract_article((HTML / "no_article.html").read_bytes(), "https://x.example.vn/") is None
    assert extract_article("<html><body><p>Trống.</p></body></html>", "https://x.vn/") is None
    assert extract_article(b"", "https://x.vn/") is None
