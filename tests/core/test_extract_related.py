"""Full text from pages shaped like Tuổi Trẻ's: paragraphs straight in `<body>` (a saved page)
are found, and boxes advertising other articles (the "TIN LIÊN QUAN" list, a trailing
`RelatedOneNews` teaser with its picture, title and lead) stay out, in `<body>` or inside
`div.detail-content`."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pytest_httpserver import HTTPServer

from newsreader_tui.core.content.blocks import Image, Inline, Paragraph, parse_html
from newsreader_tui.core.content.extract import extract_article
from newsreader_tui.core.media import default_extractor
from newsreader_tui.core.models import FeedConfig
from support.differential import CORPUS, require_corpus
from support.feeds import rss, rss_item
from support.services import ServiceFactory

HTML = Path(__file__).resolve().parent.parent / "data" / "html"
PAGE = "https://tuoimoi.example.vn/song-xanh-khanh-thanh-cau-dan-sinh-100261120.htm"
CDN = "https://cdn.tuoimoi.example.vn"


def para(text: str, *, bold: bool = False) -> Paragraph:
    return Paragraph((Inline(text, bold=bold),))


def blocks_of(name: str) -> tuple[list, str]:
    fragment = extract_article((HTML / name).read_bytes(), PAGE)
    assert fragment is not None, name
    return parse_html(fragment, PAGE), fragment


def test_paragraphs_straight_in_body_are_the_article() -> None:
    blocks, fragment = blocks_of("portal_tuoitre_body.html")
    assert blocks == [
        para(
            "Cây cầu bê tông dài 48 m giúp hơn 300 hộ dân hai thôn vùng cao không còn phải lội"
            " suối mỗi mùa mưa lũ.",
            bold=True,
        ),
        Image(
            f"{CDN}/2026/11/20/cau-dan-sinh.jpeg",
            caption="Người dân xã Tân Lập đi trên cây cầu mới",
            credit="HOÀI AN",
            alt="Sông Xanh khánh thành cầu dân sinh thứ 12 trong năm - Ảnh 1.",
        ),
        para(
            "Sáng 20-11, UBND huyện Sông Xanh khánh thành cầu dân sinh bắc qua suối Nậm Lương,"
            " nối hai thôn Bản Mới và Bản Cũ của xã Tân Lập, sau bốn tháng thi công."
        ),
        para(
            "Cầu dài 48 m, rộng 3,5 m, kết cấu bê tông cốt thép, tổng kinh phí 2,6 tỉ đồng từ"
            " nguồn xã hội hóa và ngân sách huyện."
        ),
        para(
            "Trước đây, mỗi mùa mưa lũ, hơn 300 hộ dân hai thôn phải lội suối hoặc đi đò, học"
            " sinh nhiều ngày không thể đến trường."
        ),
        para(
            "Ông Lò Văn Thành, chủ tịch UBND xã Tân Lập, cho biết cây cầu giúp bà con vận chuyển"
            " nông sản thuận lợi, giảm chi phí đi lại."
        ),
        para(
            "Từ đầu năm đến nay, huyện đã khánh thành 12 cầu dân sinh, còn 5 cầu đang thi công"
            " và sẽ hoàn thành trước mùa mưa năm sau."
        ),
        Image(
            f"{CDN}/thumb_w/730/2026/11/20/cat-bang.jpeg",
            caption="Lãnh đạo huyện và người dân cắt băng khánh thành",
            credit="HOÀI AN",
            alt="Sông Xanh khánh thành cầu dân sinh thứ 12 trong năm - Ảnh 2.",
        ),
        para("Lễ khánh thành kết thúc bằng chương trình văn nghệ của đội văn nghệ thôn Bản Mới."),
    ]
    # The menu, the title heading, both related boxes and the footer stay out.
    for junk in ("Thời sự", "detail-title", "TIN LIÊN QUAN", "Mưa lũ chia cắt", "mua-lu.jpeg",
                 "Học sinh vùng cao", "Mỗi sáng", "loi-suoi.jpeg", "Giấy phép"):  # fmt: skip
        assert junk not in fragment, junk


def test_trailing_teaser_inside_the_content_is_dropped() -> None:
    blocks, fragment = blocks_of("portal_tuoitre_detail.html")
    assert blocks == [
        para(
            "Từ ngày 1-12, Thư viện tỉnh Sông Xanh phục vụ bạn đọc đến 21 giờ các ngày trong"
            " tuần, kể cả thứ bảy và chủ nhật.",
            bold=True,
        ),
        para(
            "Theo Sở Văn hóa, Thể thao và Du lịch, thư viện bố trí thêm hai ca trực tối, mỗi ca"
            " sáu nhân viên, cùng phòng đọc tự học cho học sinh, sinh viên."
        ),
        Image(
            f"{CDN}/thumb_w/730/2026/11/25/phong-doc.jpeg",
            caption="Bạn đọc tại phòng đọc tầng hai",
            credit="MINH THƯ",
            alt="Thư viện tỉnh mở cửa đến 21 giờ - Ảnh 1.",
        ),
        para(
            "Thư viện cũng mở rộng dịch vụ mượn sách qua mạng: bạn đọc đặt trước trên trang web"
            " và nhận sách tại quầy trong ngày."
        ),
    ]
    for junk in ("Ngày hội đọc sách", "Hơn 3.000 học sinh", "ngay-hoi.jpeg"):
        assert junk not in fragment, junk


def test_teaser_without_a_name_is_known_by_its_shape() -> None:
    """No class, id or `type` says "related": a picture linking to another article and a title
    linking to the same article is a teaser; a photo linking to its own bigger image is not."""
    text = (
        "Hội nghị tổng kết công tác năm của ngành giáo dục huyện diễn ra sáng nay, với sự tham"
        " dự của lãnh đạo các trường, phòng ban và đại diện phụ huynh học sinh."
    )
    page = (
        f"<html><body><div class='noi-dung'><p>{text}</p>"
        "<p><a href='/anh/hoi-nghi-lon.jpg'><img src='/anh/hoi-nghi.jpg' alt='Hội nghị'></a>"
        "<br><em>Quang cảnh hội nghị</em></p>"
        f"<p>{text}</p>"
        "<div><a href='/khai-giang.html'><img src='/anh/khai-giang.jpg' alt=''></a>"
        "<p><a href='/khai-giang.html'>Khai giảng năm học mới</a></p>"
        "<p>Các trường đồng loạt khai giảng.</p></div>"
        "</div></body></html>"
    )
    fragment = extract_article(page, "https://pgd.example.vn/tin/tong-ket.html")
    assert fragment is not None
    assert "hoi-nghi.jpg" in fragment and "Quang cảnh hội nghị" in fragment
    assert "Khai giảng" not in fragment and "khai-giang.jpg" not in fragment


def test_saved_tuoi_tre_page_from_the_corpus() -> None:
    """The real page the issue names (a saved body, written by others: see corpus SOURCES.txt)."""
    path = CORPUS / "vietnamese" / "pages" / "tuoitre_2026-07-17_kim-sang-sik_fragment.html"
    require_corpus(path, "the body-level tests above and the realworld case tuoitre_saved_body")
    url = "https://tuoitre.vn/hlv-kim-sang-sik.htm"
    fragment = extract_article(path.read_bytes(), url)
    assert fragment is not None
    blocks = parse_html(fragment, url)
    assert [type(b).__name__ for b in blocks].count("Image") == 2
    assert blocks[0] == Image(
        "https://cdn2.tuoitre.vn/471584752817336320/2026/7/17/base64-17842902852871944534383.jpeg",
        caption="HLV trưởng Kim Sang Sik",
        credit="NAM LÊ",
        alt="HLV Kim Sang Sik: 'Myanmar giờ không dễ chơi, nhưng tôi mong đội tuyển Việt Nam"
        " ghi nhiều bàn' - Ảnh 2.",
    )
    assert "diễn ra lúc 19h ngày 18-7" in fragment
    for junk in ("TIN LIÊN QUAN", "tiqui-taka", "Khuất Văn Khang", "van-khang-1"):
        assert junk not in fragment, junk


def test_refresh_keeps_the_body_level_article_as_full_text(
    httpserver: HTTPServer, make_service: ServiceFactory
) -> None:
    """Through a real loopback server: the feed's summary gives way to the page's full text."""
    page = (HTML / "portal_tuoitre_body.html").read_bytes()
    httpserver.expect_request("/bai/cau.htm").respond_with_data(
        page, content_type="text/html; charset=utf-8"
    )
    feed = rss(
        rss_item(
            "cau",
            "Sông Xanh khánh thành cầu dân sinh thứ 12 trong năm",
            link=httpserver.url_for("/bai/cau.htm"),
            description="Cầu dân sinh thứ 12 được khánh thành.",
        )
    )
    httpserver.expect_request("/feed.rss").respond_with_data(
        feed, content_type="application/rss+xml"
    )
    service = make_service(
        FeedConfig(httpserver.url_for("/feed.rss"), full_text=True),
        images="off",
        extractor=default_extractor,
    )
    asyncio.run(service.refresh())
    (article,) = service.store.articles()
    assert article.full_status == "ok", article.full_status
    assert "bắc qua suối Nậm Lương" in article.full_content
    assert "đội văn nghệ thôn Bản Mới" in article.full_content
    assert "Học sinh vùng cao" not in article.full_content
    assert "TIN LIÊN QUAN" not in article.full_content
