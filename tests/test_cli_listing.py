"""The command line's listings agree with the reader and with scripts: whole titles when the
output is not a terminal, the reader's marks (▪ unread, * starred) and list bullet (-), and an
unknown --category is an error, as an unknown --feed is."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsreader_tui.cli import main
from support.feeds import rss, rss_item

RSS = "application/rss+xml; charset=utf-8"
LONG = (
    "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ mười hai bàn về phát triển kinh tế - xã hội "
    "những tháng cuối năm"
)
BODY = "<p>Mở đầu.</p><ul><li>Điểm một</li><li>Điểm hai</li></ul>"


class Terminal(io.StringIO):
    """Standard output as a terminal sees it (`isatty`), kept for the test to read."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def args(httpserver: HTTPServer, isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A config with one feed in "Kinh tế - Xã hội", refreshed; English messages."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("COLUMNS", "80")
    document = rss(
        rss_item("1", LONG, published="Thu, 19 Nov 2026 09:26:00 +0700", description=BODY),
        rss_item("2", "Tin ngắn", published="Thu, 19 Nov 2026 08:00:00 +0700"),
    )
    httpserver.expect_request("/kt.rss").respond_with_data(document, content_type=RSS)
    config = isolated_env / "config.toml"
    config.write_text(
        f'[settings]\nretries = 0\n\n[[feeds]]\nurl = "{httpserver.url_for("/kt.rss")}"\n'
        'title = "Báo Kinh tế"\ncategory = "Kinh tế - Xã hội"\n',
        encoding="utf-8",
    )
    argv = ["--config", str(config), "--data-dir", str(isolated_env / "data")]
    assert main([*argv, "refresh"]) == 0
    return argv


def test_list_gives_whole_titles_unless_it_writes_to_a_terminal(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    capsys.readouterr()
    assert main([*args, "list"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.endswith(f"{LONG} · Báo Kinh tế") and len(first) > 80

    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main([*args, "list"]) == 0
    first = terminal.getvalue().splitlines()[0]
    assert len(first) <= 80 and "…" in first and LONG not in first


def test_marks_are_the_readers(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main([*args, "mark", "1", "--star"]) == 0
    assert main([*args, "mark", "2", "--read"]) == 0
    assert main([*args, "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    marks = {line.split()[0]: line[7:9] for line in lines}
    assert marks == {"1": "▪*", "2": "  "}


def test_an_unknown_category_is_an_error_that_offers_the_close_names(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main([*args, "list", "--category", "kinh te"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "newsreader-tui: “kinh te” is not a category; did you mean “Kinh tế - Xã hội”?\n"
    )
    assert main([*args, "list", "--category", "Thể thao"]) == 2
    assert capsys.readouterr().err == (
        "newsreader-tui: “Thể thao” is not a category (see `newsreader-tui feeds`)\n"
    )
    assert main([*args, "list", "--category", "Kinh tế - Xã hội"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_show_uses_the_readers_list_bullet(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main([*args, "show", "1"]) == 0
    text = capsys.readouterr().out
    assert "\n- Điểm một\n- Điểm hai" in text and "•" not in text


def test_a_legacy_code_page_gets_ascii_marks_and_no_traceback(
    args: list[str], isolated_env: Path
) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    done = subprocess.run(
        [sys.executable, "-m", "newsreader_tui", *args, "list"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("cp1252", "replace")
    lines = done.stdout.decode("cp1252").splitlines()
    assert [line[7:9] for line in lines] == ["N ", "N "]
    assert "Traceback" not in done.stderr.decode("cp1252", "replace")
