"""The command line speaks the interface's language, chosen as the app chooses it (the config's
`language`, else LANG and friends, else Vietnamese); --json stays as it is, a contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsreader_tui.cli import main
from support.feeds import rss, rss_item

RSS = "application/rss+xml; charset=utf-8"


def use_lang(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", value)


@pytest.fixture
def config(httpserver: HTTPServer, isolated_env: Path) -> Path:
    """A working feed and one that answers 404."""
    httpserver.expect_request("/tin.rss").respond_with_data(
        rss(rss_item("1", "Tin một")), content_type=RSS
    )
    httpserver.expect_request("/mat.rss").respond_with_data("không có", status=404)
    path = isolated_env / "config.toml"
    path.write_text(
        "[settings]\nretries = 0\n\n"
        f'[[feeds]]\nurl = "{httpserver.url_for("/tin.rss")}"\ntitle = "Tin tức"\n\n'
        f'[[feeds]]\nurl = "{httpserver.url_for("/mat.rss")}"\ntitle = "Nguồn hỏng"\n',
        encoding="utf-8",
    )
    return path


def test_refresh_and_feeds_speak_vietnamese_json_stays_english(
    config: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    use_lang(monkeypatch, "vi_VN.UTF-8")
    args = ["--config", str(config)]
    assert main([*args, "refresh"]) == 1
    out = capsys.readouterr().out
    assert "LỖI   Nguồn hỏng: máy chủ 127.0.0.1 trả lỗi HTTP 404 (Not Found)" in out
    assert "ok    Tin tức: 1 mới, 0 cập nhật, 1 bài" in out
    assert "Đã cập nhật 1/2 nguồn" in out
    assert main([*args, "feeds"]) == 0
    assert "máy chủ 127.0.0.1 trả lỗi HTTP 404" in capsys.readouterr().out
    assert main([*args, "feeds", "--json"]) == 0
    broken = json.loads(capsys.readouterr().out)[1]
    assert broken["error"] == "HTTP 404 Not Found from 127.0.0.1"
    assert main([*args, "show", "424242"]) == 1
    assert capsys.readouterr().err == "newsreader-tui: không có bài nào mang số 424242\n"


def test_the_configs_language_wins_over_lang(
    config: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    use_lang(monkeypatch, "vi_VN.UTF-8")
    config.write_text(
        config.read_text(encoding="utf-8").replace("[settings]\n", '[settings]\nlanguage = "en"\n'),
        encoding="utf-8",
    )
    assert main(["--config", str(config), "refresh"]) == 1
    out = capsys.readouterr().out
    assert "FAIL  Nguồn hỏng: HTTP 404 Not Found from 127.0.0.1" in out
    assert "1 of 2 feeds refreshed" in out


def test_no_config_and_usage_errors_follow_lang(
    isolated_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    use_lang(monkeypatch, "C.UTF-8")  # not English: Vietnamese, as the app
    assert main(["feeds"]) == 0
    assert capsys.readouterr().err.startswith("Chưa có tệp cấu hình ở ")
    assert main(["list", "--limit", "0"]) == 2
    assert capsys.readouterr().err == "newsreader-tui: --limit phải từ 1 trở lên\n"
    use_lang(monkeypatch, "en_GB.UTF-8")
    assert main(["list", "--feed", "https://khong.vn/rss"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("newsreader-tui: https://khong.vn/rss is not a configured feed")


@pytest.mark.parametrize(
    ("lang", "config_help", "data_help", "no_command"),
    [
        ("en_US.UTF-8", "config file (default: ", "(default: ", "Without a command, the reader"),
        ("vi_VN.UTF-8", "tệp cấu hình (mặc định: ", "(mặc định: ", "Không có lệnh thì mở trình"),
    ],
)
def test_help_names_the_real_default_paths(
    isolated_env: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    config_help: str,
    data_help: str,
    no_command: str,
) -> None:
    use_lang(monkeypatch, lang)
    monkeypatch.setenv("COLUMNS", "200")  # one line per option, whatever the terminal
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "None" not in out and no_command in out
    config_line = next(line for line in out.splitlines() if "--config" in line and "(" in line)
    assert config_help + str(isolated_env / "no-config.toml") + ")" in config_line
    data_line = next(line for line in out.splitlines() if "--data-dir" in line and "(" in line)
    assert data_help + str(isolated_env / "data") + ")" in data_line


def test_config_errors_name_file_line_and_key_in_vietnamese(
    isolated_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    use_lang(monkeypatch, "vi_VN.UTF-8")
    bad = isolated_env / "bad.toml"
    bad.write_text(
        '[settings]\ntimeout = 20\n\n[[feeds]]\nurl = "https://a.vn/rss"\nkind = "rdf"\n'
    )
    assert main(["--config", str(bad), "list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"newsreader-tui: {bad}, dòng 6: feeds[1].kind phải là một trong ")
    assert err.endswith('(đang là "rdf")\n')
    bad.write_text("[settings]\ntimout = 20\n")
    assert main(["--config", str(bad), "list"]) == 1
    assert capsys.readouterr().err == (
        f"newsreader-tui: {bad}, dòng 2: settings.timout không phải thiết lập hợp lệ; "
        'có phải ý bạn là "timeout"?\n'
    )
    bad.write_text("[settings\n")
    assert main(["--config", str(bad), "list"]) == 1
    assert "dòng 1, cột" in capsys.readouterr().err
