"""Time a full-screen program in a real pseudo-terminal, from process start to a text on screen.

`first_screen(argv, needles, ...)` starts `argv` on a new pty of the given size and reads what
it draws until every one of `needles` has appeared in the output (escape sequences removed), then
waits for the end of that frame: the end of a synchronized update (Textual wraps each frame in
CSI ?2026h ... CSI ?2026l once the terminal says it can) or 30 ms of quiet. Then it sends
`quit_keys`, and kills the program if it is still there a few seconds later.

The harness answers the questions a terminal is asked at start the way tmux does: primary device
attributes (no Sixel), the cell size in pixels, and synchronized output (supported); it leaves
the Kitty graphics query unanswered, as tmux does, so the program waits for its own timeout.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

_ESCAPES = re.compile(
    rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|_[^\x1b]*\x1b\\|[@-Z\\-_]|\(.)"
)
_ANSWERS = (
    (b"\x1b[c", b"\x1b[?62;22c"),
    (b"\x1b[0c", b"\x1b[?62;22c"),
    (b"\x1b[16t", b"\x1b[6;20;10t"),
    (b"\x1b[?2026$p", b"\x1b[?2026;2$y"),
)
SYNC_START = b"\x1b[?2026h"
SYNC_END = b"\x1b[?2026l"


@dataclass(frozen=True)
class Screen:
    seconds: float
    """Process start to the end of the frame that showed every needle (nan if it never did)."""
    hwm_mb: float
    """The program's peak resident memory (VmHWM) when that frame ended."""
    output: bytes


def _winsize(fd: int, columns: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, columns * 10, rows * 20))


def _hwm(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", "rb") as file:
            for line in file:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def visible(data: bytes) -> str:
    """What `data` writes, without its escape sequences (cursor moves join neighbouring text)."""
    return _ESCAPES.sub(b"", data).decode("utf-8", "replace")


def first_screen(
    argv: Sequence[str],
    needles: Sequence[str],
    *,
    env: Mapping[str, str],
    size: tuple[int, int] = (160, 48),
    timeout: float = 120.0,
    quit_keys: bytes = b"q",
) -> Screen:
    master, slave = os.openpty()
    _winsize(slave, *size)
    environment = {**env, "TERM": "xterm-256color", "COLUMNS": str(size[0]), "LINES": str(size[1])}
    started = time.perf_counter()
    process = subprocess.Popen(
        list(argv),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=environment,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    output = bytearray()
    seen = False
    done = float("nan")
    hwm = 0.0
    last = started
    answered: set[bytes] = set()
    deadline = started + timeout
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.03)
            if not ready:
                if seen:  # quiet after the needles: the frame ended with the last bytes
                    done, hwm = last - started, _hwm(process.pid)
                    break
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # the program closed the terminal
                break
            last = time.perf_counter()
            output += chunk
            for question, answer in _ANSWERS:
                if question not in answered and question in output:
                    answered.add(question)
                    os.write(master, answer)
            if not seen:
                text = visible(bytes(output))
                seen = all(needle in text for needle in needles)
            if seen and output.rfind(SYNC_END) > output.rfind(SYNC_START):
                done, hwm = last - started, _hwm(process.pid)
                break
    finally:
        _stop(process, master, quit_keys)
    return Screen(done, hwm, bytes(output))


def _stop(process: subprocess.Popen[bytes], master: int, quit_keys: bytes) -> None:
    with contextlib.suppress(OSError):
        os.write(master, quit_keys)
    end = time.perf_counter() + 5
    while process.poll() is None and time.perf_counter() < end:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                os.read(master, 1 << 16)
            except OSError:
                break
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    os.close(master)
