"""Config loading, validation messages (file, line, key), paths and appending feeds."""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path

import pytest

from newsreader_tui.core import paths
from newsreader_tui.core.config import (
    Settings,
    add_feeds,
    default_config_text,
    load_config,
    toml_string,
)
from newsreader_tui.core.dates import resolve_tz
from newsreader_tui.core.errors import ConfigError
from newsreader_tui.core.models import FeedConfig

EXAMPLE = """\
[settings]
timeout = 20          # seconds per feed
concurrency = 16
per_host = 2
[[feeds]]
url = "https://example.gov.vn/rss/tin-tuc.rss"
title = "Tin tức"     # optional: taken from the feed if absent
category = "Hoạt động" # sidebar group; feeds without one go under a default group
kind = "auto"         # rss | atom | jsonfeed | wordpress | json | auto
[[feeds]]
url = "https://example.gov.vn/api/news"
kind = "json"
[feeds.json]          # only for kind = "json": dotted paths
items = "data.items"
title = "title"
url = "link"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert str(path) in message
    return message


def test_example_parses(tmp_path: Path) -> None:
    path = write(tmp_path, EXAMPLE)
    settings = load_config(path)
    assert settings.source == path
    assert settings.network.timeout == 20.0
    assert settings.network.concurrency == 16
    assert settings.network.per_host == 2
    first, second = settings.feeds
    assert first == FeedConfig(
        url="https://example.gov.vn/rss/tin-tuc.rss", title="Tin tức", category="Hoạt động"
    )
    assert second.kind == "json"
    assert second.json_paths == {"items": "data.items", "title": "title", "url": "link"}
    assert second.group == "Chung"


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    settings = load_config(tmp_path / "nope" / "config.toml")
    assert settings == Settings()
    assert settings.source is None
    assert settings.feeds == ()


def test_default_config_text_is_valid(tmp_path: Path) -> None:
    settings = load_config(write(tmp_path, default_config_text()))
    assert settings.feeds
    assert any(feed.category == "Thời sự" for feed in settings.feeds)
    assert settings.network.max_bytes == Settings().network.max_bytes
    assert settings.language is None


def test_all_settings(tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("x")
    text = """\
[settings]
connect_timeout = 5.5
max_mb = 1.5
max_items = 50
retries = 0
proxy = "socks5://127.0.0.1:1080"
verify = "ca.pem"
retention_days = 30
retention_per_feed = 200
timezone = "Asia/Ho_Chi_Minh"
refresh_on_start = false
language = "vi"
mark_read_delay = 1.5
theme = "nord"
user_agent = "Mozilla/5.0"
[keys]
quit = "q"
next = ["j", "down"]
"""
    settings = load_config(write(tmp_path, text))
    assert settings.network.connect_timeout == 5.5
    assert settings.network.max_bytes == int(1.5 * 1024 * 1024)
    assert settings.network.verify == str(bundle)
    assert settings.timezone == "Asia/Ho_Chi_Minh"
    assert settings.refresh_on_start is False
    assert settings.language == "vi"
    assert settings.keys == {"quit": "q", "next": "j,down"}


def test_feed_optional_keys(tmp_path: Path) -> None:
    text = """\
[[feeds]]
url = "https://a.vn/feed"
timezone = "GMT+7"
max_items = 10
timeout = 5
full_text = true
"""
    (feed,) = load_config(write(tmp_path, text)).feeds
    assert feed.timezone == "GMT+7"
    assert feed.max_items == 10
    assert feed.timeout == 5.0
    assert feed.full_text is True


def test_images_and_full_text_settings(tmp_path: Path) -> None:
    assert (Settings().images, Settings().max_image_mb, Settings().full_text) == ("auto", 5, False)
    text = """\
[settings]
images = "Kitty"
max_image_mb = 2.5
full_text = true

[[feeds]]
url = "https://a.vn/feed"
content_selector = " div.noi-dung "

[[feeds]]
url = "https://b.vn/feed"
full_text = false
"""
    settings = load_config(write(tmp_path, text))
    assert (settings.images, settings.max_image_mb, settings.full_text) == ("kitty", 2.5, True)
    first, second = settings.feeds
    assert first.full_text is True  # the global default, for feeds that do not say
    assert first.content_selector == "div.noi-dung"
    assert second.full_text is False and second.content_selector is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[settings]\ntimeout = 3\nimages = "iterm"\n',
            'line 3: settings.images must be one of "auto", "off", "kitty", "sixel", '
            '"halfblocks" (got "iterm")',
        ),
        ("[settings]\nmax_image_mb = 0\n", "line 2: settings.max_image_mb must be greater than 0"),
        ('[settings]\nfull_text = "yes"\n', "line 2: settings.full_text must be true or false"),
        (
            '[[feeds]]\nurl = "https://a.vn/rss"\ncontent_selector = " "\n',
            "line 3: feeds[1].content_selector must not be empty",
        ),
        (
            '[[feeds]]\nurl = "https://a.vn/rss"\ncontent_selector = 3\n',
            "line 3: feeds[1].content_selector must be a string in quotes (got 3)",
        ),
    ],
)
def test_images_and_full_text_errors(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in error_for(tmp_path, text)


def test_add_feeds_keeps_content_selector(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    feed = FeedConfig(url="https://a.vn/rss", full_text=True, content_selector='div[id="bai"]')
    assert add_feeds(path, [feed]) == [feed]
    assert load_config(path).feeds == (feed,)


def test_toml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    message = error_for(tmp_path, "[settings]\ntimeout = 20\nconcurrency = = 3\n")
    assert "line 3" in message
    assert "not valid TOML" in message


def test_bad_kind(tmp_path: Path) -> None:
    text = EXAMPLE.replace('kind = "auto"', 'kind = "rdf"')
    message = error_for(tmp_path, text)
    assert (
        "line 9: feeds[1].kind must be one of auto, rss, atom, jsonfeed, wordpress, json" in message
    )
    assert '(got "rdf")' in message


def test_kind_in_second_feed(tmp_path: Path) -> None:
    text = EXAMPLE.replace('kind = "json"', 'kind = "xml"')
    assert "line 12: feeds[2].kind must be one of" in error_for(tmp_path, text)


def test_unknown_setting_suggests(tmp_path: Path) -> None:
    message = error_for(tmp_path, "[settings]\ntimeout = 20\nconcurency = 4\n")
    assert "line 3: settings.concurency is not a known setting" in message
    assert 'did you mean "concurrency"' in message


def test_unknown_feed_key_suggests(tmp_path: Path) -> None:
    text = '[[feeds]]\nurl = "https://a.vn/rss"\ncategori = "Thể thao"\n'
    message = error_for(tmp_path, text)
    assert "line 3: feeds[1].categori is not a known feed key" in message
    assert 'did you mean "category"' in message


def test_unknown_table(tmp_path: Path) -> None:
    message = error_for(tmp_path, "[setting]\ntimeout = 3\n")
    assert "line 1: setting" in message
    assert 'did you mean "settings"' in message


def test_wrong_type(tmp_path: Path) -> None:
    message = error_for(tmp_path, '[settings]\nconcurrency = 4\ntimeout = "20"\n')
    assert 'line 3: settings.timeout must be a number (got "20")' in message


def test_bool_is_not_a_number(tmp_path: Path) -> None:
    message = error_for(tmp_path, "[settings]\nconcurrency = true\n")
    assert "line 2: settings.concurrency must be a whole number" in message


@pytest.mark.parametrize(
    ("line", "key"),
    [("concurrency = 0", "concurrency"), ("per_host = 0", "per_host"), ("timeout = 0", "timeout")],
)
def test_ranges(tmp_path: Path, line: str, key: str) -> None:
    message = error_for(tmp_path, f"# settings\n[settings]\n{line}\n")
    assert f"line 3: settings.{key} must be" in message


def test_url_required(tmp_path: Path) -> None:
    text = '[[feeds]]\nurl = "https://a.vn/rss"\n\n[[feeds]]\ntitle = "Không có url"\n'
    message = error_for(tmp_path, text)
    assert "line 4: feeds[2] has no url" in message


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://a.vn/rss", "a.vn/rss", ""])
def test_url_must_be_http(tmp_path: Path, url: str) -> None:
    message = error_for(tmp_path, f'[[feeds]]\ntitle = "x"\nurl = "{url}"\n')
    assert "line 3: feeds[1].url must be an http:// or https:// URL" in message


def test_json_table_requires_items_and_title(tmp_path: Path) -> None:
    text = EXAMPLE.replace('title = "title"\n', "")
    message = error_for(tmp_path, text)
    assert "line 13: feeds[2].json.title is required" in message


def test_json_kind_without_table(tmp_path: Path) -> None:
    text = '[[feeds]]\nurl = "https://a.vn/api"\nkind = "json"\n'
    message = error_for(tmp_path, text)
    assert 'line 3: feeds[1] has kind = "json" but no [feeds.json] table' in message


def test_json_table_with_other_kind(tmp_path: Path) -> None:
    text = EXAMPLE.replace('kind = "json"', 'kind = "rss"')
    message = error_for(tmp_path, text)
    assert 'line 13: feeds[2].json is only used with kind = "json"' in message


def test_unknown_json_path(tmp_path: Path) -> None:
    text = EXAMPLE.replace('url = "link"', 'link = "link"')
    message = error_for(tmp_path, text)
    assert "line 16: feeds[2].json.link is not a known path" in message


def test_inline_json_table(tmp_path: Path) -> None:
    text = '[[feeds]]\nurl = "https://a.vn/api"\nkind = "json"\njson = { items = "data" }\n'
    message = error_for(tmp_path, text)
    assert "line 4: feeds[1].json.title is required" in message


def test_duplicate_urls_name_both_lines(tmp_path: Path) -> None:
    text = (
        '[[feeds]]\nurl = "https://a.vn/rss"\n\n'
        '[[feeds]]\nurl = "https://b.vn/rss"\n\n'
        '[[feeds]]\ntitle = "lặp"\nurl = "https://A.VN/rss"\n'
    )
    message = error_for(tmp_path, text)
    assert "line 9: feeds[3].url repeats the URL of feeds[1] on line 2" in message


@pytest.mark.parametrize(
    "zone", ["+07:00", "+0700", "GMT+7", "UTC", "UTC-03:30", "Asia/Ho_Chi_Minh"]
)
def test_timezones_accepted(tmp_path: Path, zone: str) -> None:
    settings = load_config(write(tmp_path, f'[settings]\ntimezone = "{zone}"\n'))
    assert settings.timezone == zone


def test_timezone_offsets(tmp_path: Path) -> None:
    """What the file accepts is read at refresh time by the one zone parser, dates.resolve_tz."""
    text = (
        '[settings]\ntimezone = "GMT+7"\n[[feeds]]\nurl = "https://a.vn/rss"\ntimezone = "-0330"\n'
    )
    settings = load_config(write(tmp_path, text))
    assert resolve_tz(settings.timezone).utcoffset(None) == timedelta(hours=7)
    assert resolve_tz(settings.feeds[0].timezone).utcoffset(None) == -timedelta(hours=3, minutes=30)


@pytest.mark.parametrize("zone", ["Hanoi", "+25:00", "+24:00", "GMT+", "Asia", ""])
def test_bad_timezone(tmp_path: Path, zone: str) -> None:
    text = f'[[feeds]]\nurl = "https://a.vn/rss"\ntimezone = "{zone}"\n'
    message = error_for(tmp_path, text)
    assert "line 3: feeds[1].timezone must be a UTC offset" in message


@pytest.mark.parametrize("zone", ["ICT", "UTC−7", "+15:00", "est", "UTC - 7"])
def test_zones_the_refresh_understands_are_accepted(tmp_path: Path, zone: str) -> None:
    """config.parse_timezone used to refuse these, which dates.resolve_tz reads at refresh."""
    settings = load_config(write(tmp_path, f'[settings]\ntimezone = "{zone}"\n'))
    assert settings.timezone == zone
    resolve_tz(settings.timezone)


@pytest.mark.parametrize(
    "zone",
    ["+07:00", "ICT", "UTC−7", "+15:00", "+23:59", "+24:00", "GMT+", "Mars/Olympus", " Z ", "+7"],
)
def test_config_and_refresh_agree_on_zones(tmp_path: Path, zone: str) -> None:
    try:
        resolve_tz(zone)
    except ValueError:
        works = False
    else:
        works = True
    path = write(tmp_path, f'[settings]\ntimezone = "{zone}"\n')
    if works:
        assert load_config(path).timezone == zone.strip()
    else:
        with pytest.raises(ConfigError, match=r"line 2: settings\.timezone must be a UTC offset"):
            load_config(path)


def test_missing_ca_bundle(tmp_path: Path) -> None:
    message = error_for(tmp_path, '[settings]\nverify = "missing.pem"\n')
    assert "line 2: settings.verify names a CA bundle that does not exist" in message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes('[[feeds]]\ntitle = "Café"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match=r"config\.toml, line 2: the file is not UTF-8"):
        load_config(path)


def test_bom_accepted(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.encode())
    assert len(load_config(path).feeds) == 2


def test_toml_string_round_trips() -> None:
    for value in ['Tin "nóng" \\ mới', "Đảng\tĐoàn\n", "\x01\x7f", "HĐ Đảng - Đoàn thể"]:
        assert tomllib.loads(f"v = {toml_string(value)}")["v"] == value
    assert toml_string("Thời sự") == '"Thời sự"'


def test_add_feeds_appends_and_keeps_text(tmp_path: Path) -> None:
    path = write(tmp_path, EXAMPLE + '\n[keys]\nquit = "q"  # thoát\n')
    before = path.read_text(encoding="utf-8")
    new = [
        FeedConfig(url="https://example.gov.vn/rss/tin-tuc.rss", title="trùng"),
        FeedConfig(url="https://b.vn/rss", title='Báo "B" \\ số 1', category="HĐ Đảng - Đoàn thể"),
        FeedConfig(url="https://c.vn/atom", kind="atom", timeout=7.5, max_items=3, full_text=True),
        FeedConfig(url="https://b.vn/rss"),
        FeedConfig(
            url="https://d.vn/api",
            kind="json",
            json_paths={"items": "data", "title": "tieu_de"},
            timezone="Asia/Ho_Chi_Minh",
        ),
    ]
    added = add_feeds(path, new)
    assert [feed.url for feed in added] == [
        "https://b.vn/rss",
        "https://c.vn/atom",
        "https://d.vn/api",
    ]
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert "# thoát" in after
    assert "HĐ Đảng - Đoàn thể" in after
    settings = load_config(path)
    assert settings.keys == {"quit": "q"}
    assert settings.network.timeout == 20.0
    assert list(settings.feeds[2:]) == added
    assert add_feeds(path, new) == []
    assert path.read_text(encoding="utf-8") == after


def test_add_feeds_creates_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "dir" / "config.toml"
    feed = FeedConfig(url="https://a.vn/rss", title="Tuổi Trẻ", category="Thời sự")
    assert add_feeds(path, [feed]) == [feed]
    assert load_config(path).feeds == (feed,)
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]


def test_add_feeds_refuses_broken_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[settings]\ntimeout = \n")
    with pytest.raises(ConfigError):
        add_feeds(path, [FeedConfig(url="https://a.vn/rss")])
    assert path.read_text() == "[settings]\ntimeout = \n"


def test_paths_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSREADER_TUI_DATA_DIR", raising=False)
    monkeypatch.delenv("NEWSREADER_TUI_CONFIG", raising=False)
    assert paths.data_dir().name == paths.APP_NAME
    assert paths.config_path().name == "config.toml"
    monkeypatch.setenv("NEWSREADER_TUI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NEWSREADER_TUI_CONFIG", str(tmp_path / "c.toml"))
    assert paths.data_dir() == tmp_path / "data"
    assert paths.config_path() == tmp_path / "c.toml"
    assert paths.data_dir(tmp_path / "x") == tmp_path / "x"
    assert paths.config_path(str(tmp_path / "y.toml")) == tmp_path / "y.toml"
    assert paths.database_path(tmp_path) == tmp_path / "cache.sqlite3"
    assert not (tmp_path / "data").exists()


def test_max_mb_and_max_bytes(tmp_path: Path) -> None:
    settings = load_config(write(tmp_path, "[settings]\nmax_bytes = 4096\n"))
    assert settings.network.max_bytes == 4096
    message = error_for(tmp_path, "[settings]\nmax_mb = 2\nmax_bytes = 4096\n")
    assert "line 3: settings.max_bytes cannot be set together with settings.max_mb" in message


def test_network_settings_are_nested(tmp_path: Path) -> None:
    """The file stays flat; the model puts the fetcher's share in one part it takes as it is."""
    text = '[settings]\nuser_agent = "reader-test/1.0"\nretries = 0\nmax_items = 7\n'
    settings = load_config(write(tmp_path, text))
    assert settings.network.user_agent == "reader-test/1.0"
    assert settings.network.retries == 0
    assert settings.max_items == 7
    flat = Settings.flat(
        user_agent="reader-test/1.0", retries=0, max_items=7, source=settings.source
    )
    assert flat == settings


def test_first_mistake_in_the_file_is_reported(tmp_path: Path) -> None:
    message = error_for(tmp_path, '[settings]\nretries = -1\ntimeout = "x"\n')
    assert "line 2: settings.retries must be at least 0 (got -1)" in message
