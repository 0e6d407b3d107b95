"""The links view (`u`) and honest copying (`y`), under Pilot over the demo cache.

The demo's "Hội nghị đối thoại với doanh nghiệp năm 2026" links two PDF files, a portal and two
pages of the site. These tests run as over SSH (no browser can open, so "open" shows the link
in a panel) with the terminal described by the environment each test sets.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

import newsreader_tui.ui
from newsreader_tui.i18n import Labels
from newsreader_tui.ui import dialogs
from newsreader_tui.ui.app import NewsreaderApp
from newsreader_tui.ui.screens.details import DetailsScreen
from newsreader_tui.ui.screens.links import LinkRow, LinksScreen, file_type, short_url
from support.screen import screen_text

if TYPE_CHECKING:
    from conftest import AppEnv

APP_CSS = Path(newsreader_tui.ui.__file__).parent / "app.tcss"
NARROW = (80, 24)
WIDE = (160, 48)
TITLE = "Hội nghị đối thoại với doanh nghiệp năm 2026"
TERMINAL_VARIABLES = (
    "TMUX",
    "STY",
    "TERM_PROGRAM",
    "VTE_VERSION",
    "WT_SESSION",
    "KITTY_WINDOW_ID",
    "DISPLAY",
    "WAYLAND_DISPLAY",
)


@pytest.fixture
def over_ssh(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """An SSH session in a terminal that says nothing about itself (the usual case)."""
    for name in TERMINAL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    monkeypatch.setenv("TERM", "xterm-256color")
    return monkeypatch


def messages(app: NewsreaderApp) -> list[str]:
    return [n.message for n in app._notifications]


async def open_meeting_article(env: AppEnv, pilot: Pilot[Any]) -> str:
    """Open the article with the PDF links; returns its URL."""
    main = pilot.app.main_screen
    await env.settle(pilot)
    rows = pilot.app.views.rows(main.view, 0, main.articles.count)
    main.articles.move_cursor_to(next(i for i, row in enumerate(rows) if row.title == TITLE))
    await env.settle(pilot)
    await pilot.press("enter")
    await env.settle(pilot)
    assert main.reader.article is not None and main.reader.article.title == TITLE
    assert main.reader.article.url
    return main.reader.article.url


async def links_view(env: AppEnv, pilot: Pilot[Any]) -> LinksScreen:
    await pilot.press("u")
    await env.settle(pilot)
    assert isinstance(pilot.app.screen, LinksScreen)
    return pilot.app.screen


async def test_u_lists_every_link_numbered_as_the_reader_numbers_them(
    env: AppEnv, over_ssh: pytest.MonkeyPatch
) -> None:
    app = env.app()
    async with app.run_test(size=NARROW) as pilot:
        url = await open_meeting_article(env, pilot)
        base = url.split("/pages/")[0]
        reader_text = env.screen_text(app)
        view = await links_view(env, pilot)
        assert [(r.number, r.url, r.text) for r in view.rows] == [
            (0, url, "Trang bài viết"),
            (1, f"{base}/van-ban/bao-cao-pci-2026.pdf", "Báo cáo chỉ số PCI 2026"),
            (
                2,
                f"{base}/van-ban/danh-muc-du-an-keu-goi-dau-tu.pdf",
                "danh mục dự án kêu gọi đầu tư",
            ),
            (3, "https://dichvucong.hoabinhxanh.example/", "Cổng dịch vụ công của tỉnh"),
            (4, f"{base}/pages/tin-tuc/", "các tin liên quan"),
            (5, f"{base}/pages/kinh-te/", "chuyên mục Kinh tế"),
        ]
        assert "Báo cáo chỉ số PCI 2026[1]" in reader_text.replace("\n", "")
        text = env.screen_text(app)
        assert "Liên kết trong bài" in text
        assert "Báo cáo chỉ số PCI 2026  PDF" in text
        assert "van-ban/danh-muc-du-an-keu-goi-dau-tu.pdf" in text
        whole = view.query_one("#links-url", Static).content  # the highlighted one's
        assert isinstance(whole, Text) and whole.plain == url
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LinksScreen)


async def test_digits_jump_and_enter_opens_like_o(
    env: AppEnv, over_ssh: pytest.MonkeyPatch
) -> None:
    """Over SSH no browser opens on the user's screen: the link shows in a panel, as `o` does."""
    app = env.app()
    async with app.run_test(size=NARROW) as pilot:
        url = await open_meeting_article(env, pilot)
        view = await links_view(env, pilot)
        options = view.query_one(OptionList)
        await pilot.press("2")
        assert options.highlighted == 2
        await pilot.press("k", "j", "j")
        assert options.highlighted == 3
        await pilot.press("1")
        assert options.highlighted == 1
        await pilot.press("enter")
        await env.settle(pilot)
        assert isinstance(app.screen, DetailsScreen)
        pdf = url.split("/pages/")[0] + "/van-ban/bao-cao-pci-2026.pdf"
        assert app.screen.rows == [("", pdf)]


async def test_two_digits_reach_link_twelve(over_ssh: pytest.MonkeyPatch) -> None:
    rows = [LinkRow(n, f"https://a.vn/{n}.pdf", f"Văn bản {n}") for n in range(15)]

    class Host(App[None]):
        CSS_PATH = APP_CSS

        def compose(self) -> ComposeResult:
            return iter(())

        def on_mount(self) -> None:
            self.push_screen(dialogs.links_view(Labels("vi"), rows))

    app = Host()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        await pilot.press("1", "2")
        assert options.highlighted == 12
        await pilot.press("7")  # 127 is no link: 7 is
        assert options.highlighted == 7
        await pilot.press("j", "1")  # another key starts a new number
        assert options.highlighted == 1


async def test_y_in_the_links_view_copies_and_says_it_may_not_have_worked(
    env: AppEnv, over_ssh: pytest.MonkeyPatch
) -> None:
    app = env.app()
    async with app.run_test(size=NARROW) as pilot:
        url = await open_meeting_article(env, pilot)
        await links_view(env, pilot)
        await pilot.press("2", "y")
        await env.settle(pilot)
        pdf = url.split("/pages/")[0] + "/van-ban/danh-muc-du-an-keu-goi-dau-tu.pdf"
        assert app.clipboard == pdf
        assert messages(app)[-1] == (
            f"Đã gửi liên kết tới bộ nhớ tạm của terminal (nếu terminal hỗ trợ OSC 52): {pdf}"
        )
        assert not isinstance(app.screen, LinksScreen)


async def test_y_in_a_terminal_known_to_copy_says_it_copied(
    env: AppEnv, over_ssh: pytest.MonkeyPatch
) -> None:
    over_ssh.delenv("SSH_CONNECTION")
    over_ssh.setenv("TERM", "xterm-kitty")
    app = env.app(env.settings(language="en"))
    async with app.run_test(size=NARROW) as pilot:
        url = await open_meeting_article(env, pilot)
        await pilot.press("y")
        await env.settle(pilot)
        assert app.clipboard == url
        assert messages(app)[-1] == f"Link copied: {url}"


async def test_y_in_tmux_without_set_clipboard_shows_the_link_to_copy_by_hand(
    env: AppEnv, over_ssh: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    """No tmux server answers at this socket, so its set-clipboard cannot be read: tmux's
    default ("external") swallows an application's copy, and the notice says so."""
    over_ssh.setenv("TMUX", f"{tmp_path}/no-such-tmux-socket,1,0")
    app = env.app()
    async with app.run_test(size=WIDE) as pilot:
        url = await open_meeting_article(env, pilot)
        await pilot.press("y")
        await env.settle(pilot)
        assert app.clipboard == url  # sent all the same: it costs nothing
        assert isinstance(app.screen, DetailsScreen)
        note = "tmux chưa bật set-clipboard: có lẽ liên kết chưa được chép. Hãy chép tay."
        assert app.screen.rows == [("", url), ("", note)]
        assert "tmux chưa bật set-clipboard: có lẽ liên kết chưa được" in env.screen_text(app)


async def test_link_words_and_addresses_are_shown_as_written_never_as_markup(
    over_ssh: pytest.MonkeyPatch,
) -> None:
    rows = [
        LinkRow(0, "https://a.vn/[b]x[/b]", "Trang bài viết"),
        LinkRow(1, "https://a.vn/%1b%5b31mdo.pdf", "[video] Toàn cảnh [/b]"),
    ]

    class Host(App[None]):
        CSS_PATH = APP_CSS

        def on_mount(self) -> None:
            self.push_screen(dialogs.links_view(Labels("vi"), rows))

    app = Host()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        text = screen_text(app)
        assert "[video] Toàn cảnh [/b]  PDF" in text
        assert "a.vn/do.pdf" in text  # the decoded escape is gone, the rest stays
        assert "https://a.vn/%1b%5b31mdo.pdf" in text  # the whole address, as it is
        assert "\x1b" not in text


@pytest.mark.parametrize(
    ("url", "width", "short"),
    [
        ("https://www.a.vn/", 40, "a.vn"),
        ("https://a.vn/tin/bai-1.html?id=3", 40, "a.vn/tin/bai-1.html?id=3"),
        # Too long: the host and the file name, which tell one attachment from another.
        (
            "https://portal.gov.vn/Uploads/2026/11/20/van-ban/qd-123.pdf",
            30,
            "portal.gov.vn/…/qd-123.pdf",
        ),
        # Decoded, so a Vietnamese file name reads as one.
        ("https://a.vn/Quy%E1%BA%BFt-%C4%91%E1%BB%8Bnh.pdf", 40, "a.vn/Quyết-định.pdf"),
        # Still too long: the end of it.
        ("https://a.vn/x/a-very-long-file-name-of-a-decision.pdf", 20, "…e-of-a-decision.pdf"),
    ],
)
def test_short_addresses_keep_the_host_and_the_file_name(url: str, width: int, short: str) -> None:
    assert short_url(url, width) == short
    assert len(short) <= width


def test_attachments_are_named_by_their_type() -> None:
    assert file_type("https://a.vn/van-ban/QD-123.PDF?download=1") == "PDF"
    assert file_type("https://a.vn/bieu-mau.docx") == "DOCX"
    assert file_type("https://a.vn/tin/bai-1.html") is None
    assert file_type("https://a.vn/") is None


async def test_a_link_without_words_keeps_its_file_type_in_view_at_60_columns() -> None:
    long = "https://portal.gov.vn/Uploads/van-ban/2026/11/quyet-dinh-so-{}-nam-2026.pdf"
    rows = [LinkRow(n, long.format(n), "") for n in (1, 2)]

    class Host(App[None]):
        CSS_PATH = APP_CSS

        def on_mount(self) -> None:
            self.push_screen(dialogs.links_view(Labels("vi"), rows))

    app = Host()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        rows_shown = [line for line in screen_text(app).splitlines() if line.startswith("│")]
        marked = [line for line in rows_shown if line.rstrip(" │").endswith("nam-2026.pdf  PDF")]
        assert [line[1] for line in marked] == ["1", "2"]
