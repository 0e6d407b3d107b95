"""End to end through the command line: refresh from a loopback server, then list, search, show,
mark; Vietnamese text must come out right whatever the feed's encoding."""

from __future__ import annotations

import json
import socket
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from newsreader_tui.cli import main
from support.images import png
from support.pages import StandIn

FEEDS = Path(__file__).parent / "data" / "feeds"

RSS = "application/rss+xml; charset=utf-8"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English messages (an English LANG, as the app would take it);
    tests/test_cli_language.py is about the language choice itself."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


def serve(httpserver: HTTPServer, path: str, file: str, content_type: str) -> str:
    body = (FEEDS / file).read_bytes()
    httpserver.expect_request(path).respond_with_data(body, content_type=content_type)
    return httpserver.url_for(path)


@pytest.fixture
def site(httpserver: HTTPServer, isolated_env: Path) -> dict[str, Any]:
    """Four working feeds in three categories plus one that 404s, and a config naming them."""
    urls = {
        "tin_tuc": serve(httpserver, "/rss/tin-tuc.rss", "rss_utf8.xml", RSS),
        "giao_duc": serve(
            httpserver,
            "/rss/giao-duc.rss",
            "rss_cp1258.xml",
            "application/rss+xml; charset=windows-1258",
        ),
        "chinh_tri": serve(httpserver, "/atom.xml", "atom_relative.xml", "application/atom+xml"),
        "api": serve(httpserver, "/api/tin", "portal_api.json", "application/json"),
        "missing": httpserver.url_for("/rss/khong-co.rss"),
    }
    httpserver.expect_request("/rss/khong-co.rss").respond_with_data("no", status=404)
    config = isolated_env / "config.toml"
    config.write_text(
        f"""
[settings]
timeout = 5
retries = 0

[[feeds]]
url = "{urls["tin_tuc"]}"
title = "Tin tức"
category = "HĐ Đảng - Đoàn thể"

[[feeds]]
url = "{urls["giao_duc"]}"
category = "Giáo dục"

[[feeds]]
url = "{urls["chinh_tri"]}"
category = "HĐ Đảng - Đoàn thể"

[[feeds]]
url = "{urls["api"]}"
title = "Cổng thông tin"
category = "Thông báo"
kind = "json"
[feeds.json]
items = "data.items"
id = "id"
title = "tieu_de"
url = "link"
published = "ngay"
summary = "tom_tat"
content = "noi_dung"
image = "anh.url"
category = "chuyen_muc"

[[feeds]]
url = "{urls["missing"]}"
title = "Nguồn hỏng"
""",
        encoding="utf-8",
    )
    return {"config": config, "data": isolated_env / "data", "urls": urls}


def cli(site: dict[str, Any], *args: str) -> list[str]:
    return ["--config", str(site["config"]), "--data-dir", str(site["data"]), *args]


def run_json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> Any:
    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_refresh_reports_each_feed_and_fails_when_one_fails(
    site: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(cli(site, "refresh"))
    out = capsys.readouterr().out
    assert code == 1
    assert "FAIL  Nguồn hỏng: HTTP 404" in out
    assert "ok    Tin tức:" in out
    assert "ok    Sở Giáo dục và Đào tạo - Tin tức:" in out  # title taken from the feed
    assert "4 of 5 feeds refreshed" in out
    assert main(cli(site, "refresh", "--feed", site["urls"]["tin_tuc"])) == 0


def test_list_search_show_give_correct_vietnamese(
    site: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    main(cli(site, "refresh"))
    articles = run_json(capsys, cli(site, "list", "--json", "--limit", "100"))
    titles = {a["title"] for a in articles}
    for title in titles:
        assert unicodedata.is_normalized("NFC", title)
    assert "Khai giảng năm học mới tại các trường vùng sâu" in titles  # windows-1258 feed
    assert "[video] Toàn cảnh lễ khánh thành cầu Cửa Tùng mới" in titles  # brackets kept
    assert 'Chính sách & cuộc sống: hỗ trợ "hộ nghèo" & cận nghèo' in titles  # double-escaped
    assert "Đoàn kiểm tra Tỉnh ủy làm việc tại huyện Hướng Hóa" in titles  # JSON API
    first = articles[0]
    assert set(first) >= {"id", "title", "url", "published", "feed", "category", "read", "starred"}
    dated = {a["title"]: a["published"] for a in articles}
    assert dated["Khai giảng năm học mới tại các trường vùng sâu"] == "2018-11-08T09:26:00+07:00"
    assert dated["[video] Toàn cảnh lễ khánh thành cầu Cửa Tùng mới"] == (
        "2018-11-07T16:05:00+07:00"  # "GMT+7" means Vietnam time, not UTC-7
    )
    atom = next(a for a in articles if a["title"].startswith("Đại hội Đoàn"))
    assert (
        atom["url"]
        == "https://baodientu.example.vn/chinh-tri/2018/11/dai-hoi-doan-tinh-lan-thu-x.html"
    )

    hits = run_json(capsys, cli(site, "search", "hoi nghi ban chap hanh", "--json"))
    assert hits[0]["title"] == "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12"
    assert "snippet" in hits[0]
    same = run_json(capsys, cli(site, "search", "HỘI NGHỊ Ban chấp HÀNH", "--json"))
    assert [h["id"] for h in same] == [h["id"] for h in hits]

    article_id = hits[0]["id"]
    capsys.readouterr()
    assert main(cli(site, "show", str(article_id))) == 0
    text = capsys.readouterr().out
    assert text.startswith("Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12\n")
    assert "08/11/2018 09:26 · Tin tức · HĐ Đảng - Đoàn thể" in text
    assert "▣ Toàn cảnh hội nghị" in text
    assert all(len(line) <= 80 for line in text.splitlines() if not line.startswith("http"))

    [shown] = run_json(capsys, cli(site, "show", str(article_id), "--json"))
    assert "Đồng chí Bí thư Tỉnh ủy phát biểu chỉ đạo hội nghị." in shown["text"]
    # A relative src in the feed's HTML resolves against the feed's own URL.
    feed_base = site["urls"]["tin_tuc"].split("/rss/")[0]
    image = next(i for i in shown["images"] if i["url"].endswith("/hoi-nghi.jpg"))
    assert image["url"] == f"{feed_base}/uploads/2018/11/hoi-nghi.jpg"
    assert image["caption"] == "Toàn cảnh hội nghị"
    assert set(image) == {"url", "caption", "credit", "path"}
    assert image["path"] is None  # `refresh` without --images downloads none


def test_categories_and_filters(site: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    main(cli(site, "refresh"))
    party = run_json(capsys, cli(site, "list", "--category", "HĐ Đảng - Đoàn thể", "--json"))
    assert party and {a["category"] for a in party} == {"HĐ Đảng - Đoàn thể"}
    assert {a["feed"] for a in party} == {"Tin tức", "Báo điện tử Đồng Nai - Chính trị"}
    only_api = run_json(capsys, cli(site, "list", "--feed", site["urls"]["api"], "--json"))
    assert {a["feed"] for a in only_api} == {"Cổng thông tin"}
    assert len(run_json(capsys, cli(site, "list", "--limit", "2", "--json"))) == 2
    assert main(cli(site, "list", "--feed", "https://nowhere.example/rss")) == 2
    assert "not a configured feed" in capsys.readouterr().err


def test_mark_state_survives_refresh(
    site: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    main(cli(site, "refresh"))
    articles = run_json(capsys, cli(site, "list", "--json"))
    first, second = articles[0]["id"], articles[1]["id"]
    assert main(cli(site, "mark", str(first), "--read")) == 0
    assert main(cli(site, "mark", str(second), "--star")) == 0
    main(cli(site, "refresh"))  # unchanged bodies: nothing but the fetch status is written
    unread_ids = {a["id"] for a in run_json(capsys, cli(site, "list", "--unread", "--json"))}
    assert first not in unread_ids and second in unread_ids
    starred = run_json(capsys, cli(site, "list", "--starred", "--json"))
    assert [a["id"] for a in starred] == [second] and starred[0]["starred"] is True
    assert main(cli(site, "mark", str(second), "--unstar")) == 0
    assert run_json(capsys, cli(site, "list", "--starred", "--json")) == []
    capsys.readouterr()
    assert main(cli(site, "mark", "999999", "--read")) == 1
    assert capsys.readouterr().err.strip() == ("newsreader-tui: there is no article with id 999999")


def test_feeds_json_shows_status_and_unread(
    site: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    main(cli(site, "refresh"))
    feeds = run_json(capsys, cli(site, "feeds", "--json"))
    by_title = {f["title"]: f for f in feeds}
    assert by_title["Nguồn hỏng"]["ok"] is False
    assert "404" in by_title["Nguồn hỏng"]["error"]
    assert by_title["Tin tức"]["unread"] == by_title["Tin tức"]["items"] > 0
    capsys.readouterr()
    assert main(cli(site, "feeds")) == 0
    assert "FAILED" in capsys.readouterr().out


def test_user_errors_are_one_sentence_without_traceback(
    site: dict[str, Any], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(cli(site, "show", "424242")) == 1
    err = capsys.readouterr().err
    assert err == "newsreader-tui: there is no article with id 424242\n"

    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[settings]\ntimeout = 20\n\n[[feeds]]\nurl = "https://a.vn/rss"\nkind = "rdf"\n'
    )
    assert main(["--config", str(bad), "list"]) == 1
    err = capsys.readouterr().err
    assert "bad.toml, line 6" in err and "kind" in err and "Traceback" not in err


def test_missing_config_gives_an_empty_working_app(
    isolated_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["feeds"]) == 0
    assert "No config file at" in capsys.readouterr().err
    assert main(["list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_opml_import_then_export(isolated_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    opml = isolated_env / "feeds.opml"
    opml.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Nguồn tin</title></head><body>
  <outline text="HĐ Đảng - Đoàn thể">
    <outline type="rss" text="Tin tức" title="Tin tức" xmlUrl="https://portal.example.vn/rss/tin-tuc.rss"/>
  </outline>
  <outline type="rss" text="Báo Nhân Dân" xmlUrl="https://nhandan.example.vn/rss/home.rss"/>
</body></opml>""",
        encoding="utf-8",
    )
    config = isolated_env / "cfg" / "config.toml"
    assert main(["--config", str(config), "import-opml", str(opml)]) == 0
    assert "Added 2 of 2 feeds" in capsys.readouterr().out
    assert main(["--config", str(config), "import-opml", str(opml)]) == 0
    assert "Added 0 of 2 feeds" in capsys.readouterr().out
    assert main(["--config", str(config), "export-opml"]) == 0
    exported = capsys.readouterr().out
    assert 'text="HĐ Đảng - Đoàn thể"' in exported
    assert 'xmlUrl="https://portal.example.vn/rss/tin-tuc.rss"' in exported


@pytest.fixture
def portal(
    httpserver: HTTPServer, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, Any]:
    """A summary-only feed whose links lead to article pages with photos, one page missing."""
    import sys
    import types

    # A stand-in for the extractor, so this test is about the command, not about extraction.
    stub = types.ModuleType("newsreader_tui.core.content.extract")
    stub.extract_article = StandIn()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "newsreader_tui.core.content.extract", stub)

    base = httpserver.url_for("").rstrip("/")
    items = "".join(
        f"<item><guid>{slug}</guid><title>{title}</title><link>{base}/bai/{slug}.html</link>"
        f"<pubDate>Fri, 20 Nov 2026 0{n}:00:00 +0700</pubDate>"
        f"<description>Tóm tắt {title}</description></item>"
        for n, (slug, title) in enumerate([("hoi-nghi", "Hội nghị tỉnh"), ("mat", "Bài mất")])
    )
    httpserver.expect_request("/portal.rss").respond_with_data(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Cổng</title>'
        f"{items}</channel></rss>",
        content_type=RSS,
    )
    httpserver.expect_request("/bai/hoi-nghi.html").respond_with_data(
        "<html><body><nav>Menu</nav><article><p>Chỉ trang chi tiết mới có đoạn này.</p>"
        '<figure><img src="/anh/hoi-nghi.png"><figcaption>Toàn cảnh hội nghị. Ảnh: Bá Luân'
        '</figcaption></figure><img src="/anh/mat.png"></article></body></html>',
        content_type="text/html; charset=utf-8",
    )
    httpserver.expect_request("/bai/mat.html").respond_with_data("", status=404)
    httpserver.expect_request("/anh/hoi-nghi.png").respond_with_data(
        png(), content_type="image/png"
    )
    httpserver.expect_request("/anh/mat.png").respond_with_data("", status=404)
    config = isolated_env / "portal.toml"
    config.write_text(
        f'[settings]\ntimeout = 5\nretries = 0\n\n[[feeds]]\nurl = "{base}/portal.rss"\n'
        'title = "Cổng"\n',
        encoding="utf-8",
    )
    return {"config": config, "data": isolated_env / "data", "base": base}


def test_refresh_prefetches_full_text_and_images_for_offline_reading(
    portal: dict[str, Any], httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(cli(portal, "refresh")) == 0
    out = capsys.readouterr().out
    assert "full text" not in out  # no flags, no feed asking: refresh as before
    assert not [r for r, _ in httpserver.log if r.path.startswith(("/bai/", "/anh/"))]

    # Failed pages and images are reported but do not fail a nightly cron job.
    assert main(cli(portal, "refresh", "--full-text", "--images")) == 0
    out = capsys.readouterr().out
    assert "ok    Cổng:" in out
    assert "full text: 1 fetched, 1 failed; images: 1 downloaded, 1 failed" in out

    articles = run_json(capsys, cli(portal, "list", "--json"))
    article_id = next(a["id"] for a in articles if a["title"] == "Hội nghị tỉnh")
    [shown] = run_json(capsys, cli(portal, "show", str(article_id), "--json"))
    assert "Chỉ trang chi tiết mới có đoạn này." in shown["text"]
    assert "Menu" not in shown["text"]
    photo, missing = shown["images"]
    assert photo["url"] == f"{portal['base']}/anh/hoi-nghi.png"
    assert photo["caption"].startswith("Toàn cảnh hội nghị")
    assert "Bá Luân" in photo["caption"] + photo["credit"]
    assert Path(photo["path"]).is_absolute() and Path(photo["path"]).read_bytes() == png()
    assert Path(photo["path"]).is_relative_to(portal["data"].resolve())
    assert missing["path"] is None

    httpserver.clear()  # offline: the server answers nothing any more
    [again] = run_json(capsys, cli(portal, "show", str(article_id), "--json"))
    assert again == shown
    hits = run_json(capsys, cli(portal, "search", "chi trang chi tiet", "--json"))
    assert [h["id"] for h in hits] == [article_id]


def test_demo_over_a_real_socket_then_offline_from_a_kept_data_dir(
    isolated_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one test of `--demo` with its real DemoServer: every command starts one, refreshes the
    shipped feeds over HTTP and stops it. On a free port, never the usual 28730 (a running demo
    may hold it), and the same one for every run, as a kept --data-dir needs."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        monkeypatch.setenv("NEWSREADER_TUI_DEMO_PORT", str(probe.getsockname()[1]))
    articles = run_json(capsys, ["--demo", "list", "--json", "--limit", "500"])
    assert len(articles) >= 60
    assert len({a["category"] for a in articles}) >= 3
    titles = {a["title"] for a in articles}
    assert any(t.startswith("[b]Chú ý[/b]") for t in titles)  # markup-like text kept as written
    cp1258 = [a for a in articles if a["feed"] == "Báo Hòa Bình Xanh - Kinh tế"]
    assert len(cp1258) == 10
    assert all(unicodedata.is_normalized("NFC", a["title"]) for a in cp1258)
    hits = run_json(capsys, ["--demo", "search", "dan van kheo", "--json"])
    assert "Dân vận khéo" in hits[0]["title"]
    # A throwaway cache each run, and the same ids in it every time.
    again = run_json(capsys, ["--demo", "list", "--json", "--limit", "500"])
    assert [(a["id"], a["title"]) for a in again] == [(a["id"], a["title"]) for a in articles]

    data = str(isolated_env / "demo-data")
    assert main(["--demo", "--data-dir", data, "mark", "1", "--star"]) == 0
    # No refresh this time: what the first run cached must be there, under the same feed URLs.
    starred = run_json(
        capsys, ["--demo", "--offline", "--data-dir", data, "list", "--starred", "--json"]
    )
    assert [a["id"] for a in starred] == [1]
