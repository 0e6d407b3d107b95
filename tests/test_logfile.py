"""A bug in one feed's path is logged to a private file in the data dir, never to the terminal.

The command runs in a subprocess: pytest's own logging handlers would otherwise hide what
Python's last-resort handler prints on stderr.
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsreader_tui import logfile
from newsreader_tui.core.paths import LOG_NAME
from support.feeds import rss, rss_item

Refresh = tuple[subprocess.CompletedProcess[str], Path]

BUGGY_REFRESH = textwrap.dedent(
    """
    import sys
    import newsreader_tui.core.service as service

    async def read_articles(*args, **kwargs):
        raise RuntimeError("một lỗi trong mã")

    service.read_articles = read_articles  # a bug, injected where a feed's items are read
    from newsreader_tui.entry import main
    sys.exit(main(["--config", sys.argv[1], "--data-dir", sys.argv[2], "refresh"]))
    """
)


@pytest.fixture
def buggy_refresh(
    httpserver: HTTPServer, tmp_path: Path
) -> tuple[subprocess.CompletedProcess[str], Path]:
    httpserver.expect_request("/tin.rss").respond_with_data(
        rss(rss_item("1", "Hội nghị")), content_type="application/rss+xml"
    )
    config = tmp_path / "config.toml"
    config.write_text(f'[[feeds]]\nurl = "{httpserver.url_for("/tin.rss")}"\ntitle = "Tin"\n')
    data = tmp_path / "data"
    run = subprocess.run(
        [sys.executable, "-c", BUGGY_REFRESH, str(config), str(data)],
        capture_output=True,
        text=True,
        env={**os.environ, "LANG": "C.UTF-8", "LANGUAGE": "en"},
        timeout=60,
    )
    return run, data


def test_a_bug_in_a_feed_is_one_line_on_the_terminal(
    buggy_refresh: Refresh,
) -> None:
    run, _ = buggy_refresh
    assert run.returncode == 1
    assert "Traceback" not in run.stderr + run.stdout
    assert "RuntimeError" in run.stdout  # the feed's own line says what went wrong
    assert run.stderr == ""


def test_the_traceback_is_kept_in_a_private_log(
    buggy_refresh: Refresh,
) -> None:
    _, data = buggy_refresh
    log = data / LOG_NAME
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: một lỗi trong mã" in text
    if os.name != "nt":
        assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_a_data_dir_that_cannot_be_written_gets_no_log(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "dir"
    assert logfile.attach(missing) is None
    assert not missing.exists()


def test_attaching_again_moves_the_log_to_the_new_data_dir(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    assert logfile.attach(first) == first / LOG_NAME
    assert logfile.attach(second) == second / LOG_NAME
    logger = logging.getLogger(logfile.LOGGER)
    ours = [h for h in logger.handlers if isinstance(h, logging.FileHandler)]
    try:
        assert [Path(h.baseFilename) for h in ours] == [(second / LOG_NAME).absolute()]
    finally:
        for handler in ours:
            logger.removeHandler(handler)
            handler.close()


def test_a_command_with_nothing_to_log_leaves_no_log_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    try:
        assert logfile.attach(data) == data / LOG_NAME
        assert not (data / LOG_NAME).exists()
    finally:
        logger = logging.getLogger(logfile.LOGGER)
        for handler in [h for h in logger.handlers if isinstance(h, logging.FileHandler)]:
            logger.removeHandler(handler)
            handler.close()
