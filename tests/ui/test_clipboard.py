"""What the environment says about OSC 52 copies, and how the notice after `y` words it."""

from __future__ import annotations

import pytest

from newsreader_tui.i18n import Labels
from newsreader_tui.ui.clipboard import Support, copied_notice, osc52_support

URL = "https://a.vn/van-ban/qd-123.pdf"


@pytest.mark.parametrize(
    ("environ", "platform", "tmux", "expected"),
    [
        # Nothing known about the terminal: the usual SSH session.
        ({"TERM": "xterm-256color", "SSH_TTY": "/dev/pts/1"}, "linux", None, Support("unknown")),
        # tmux swallows the copy unless set-clipboard is on.
        (
            {"TMUX": "/tmp/t,1,0", "TERM": "tmux-256color"},
            "linux",
            "external",
            Support("unlikely", "clipboard.tmux"),
        ),
        (
            {"TMUX": "/tmp/t,1,0", "TERM": "screen"},
            "linux",
            None,
            Support("unlikely", "clipboard.tmux"),
        ),
        ({"TMUX": "/tmp/t,1,0", "TERM": "tmux-256color"}, "linux", "on", Support("unknown")),
        (
            {"STY": "123.pts-0", "TERM": "screen.xterm-256color"},
            "linux",
            None,
            Support("unlikely", "clipboard.screen"),
        ),
        ({"TERM": "linux"}, "linux", None, Support("unlikely", "clipboard.console")),
        ({}, "win32", None, Support("unlikely", "clipboard.conhost")),
        ({"WT_SESSION": "abc"}, "win32", None, Support("likely")),
        (
            {"TERM_PROGRAM": "Apple_Terminal"},
            "darwin",
            None,
            Support("unlikely", "clipboard.terminal"),
        ),
        (
            {"VTE_VERSION": "7600", "TERM": "xterm-256color"},
            "linux",
            None,
            Support("unlikely", "clipboard.terminal"),
        ),
        ({"TERM": "xterm-kitty"}, "linux", None, Support("likely")),
        ({"TERM_PROGRAM": "WezTerm"}, "linux", None, Support("likely")),
        ({"TERM_PROGRAM": "iTerm.app"}, "darwin", None, Support("unknown")),  # off unless allowed
    ],
)
def test_what_the_environment_says(
    environ: dict[str, str], platform: str, tmux: str | None, expected: Support
) -> None:
    assert osc52_support(environ, platform, tmux) == expected


def test_the_notice_is_as_sure_as_the_environment_allows_and_shows_the_link() -> None:
    vi = Labels("vi")
    assert copied_notice(Support("likely"), vi, URL) == f"Đã chép liên kết: {URL}"
    assert copied_notice(Support("unknown"), vi, URL) == (
        f"Đã gửi liên kết tới bộ nhớ tạm của terminal (nếu terminal hỗ trợ OSC 52): {URL}"
    )
    assert copied_notice(Support("unlikely", "clipboard.screen"), Labels("en"), URL) == (
        "GNU screen does not pass on copies (OSC 52). Copy the link by hand."
    )
