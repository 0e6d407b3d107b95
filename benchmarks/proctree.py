"""Run a command and measure its wall time, CPU time and the peak memory of its whole process tree.

Peak memory comes from /proc, sampled every few milliseconds while the command runs: each
process's own high-water mark (VmHWM, which the kernel keeps exactly) and the sum of the tree's
resident sets at each sample. Not `ru_maxrss` of RUSAGE_SELF in the child: a child started by
vfork/posix_spawn reports its parent's peak until it exec()s and outgrows it.

- `tree_hwm_mb`: the sum of every process's VmHWM (an upper bound: the peaks may not coincide);
- `tree_rss_mb`: the largest sum of VmRSS seen at one sample (a lower bound);
- `tree_pss_mb`: the largest sum of Pss (/proc/<pid>/smaps_rollup, every 10th sample) seen: shared
  pages (the interpreter, libraries) counted once across the tree rather than once a process;
- `main_hwm_mb`: the started process's own VmHWM;
- `cpu`: user + system seconds of the process and the children it waited for (wait4).

Linux only (it reads /proc); elsewhere the memory columns stay 0.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.005
PSS_EVERY = 10
"""smaps_rollup walks every mapping of a process under its memory lock, which stalls the
process's own page faults while it runs: read every 5 ms, it slowed our three-process refresh
(allocating as it parses) more than single-process newsboat. PSS is read every 50 ms; VmHWM,
which the kernel keeps exactly, every 5 ms."""


@dataclass(frozen=True)
class Measured:
    seconds: float
    cpu: float
    returncode: int
    tree_hwm_mb: float
    tree_rss_mb: float
    tree_pss_mb: float
    main_hwm_mb: float
    processes: int
    stdout: bytes


def _status(pid: int) -> tuple[int, int]:
    """(VmHWM, VmRSS) of `pid` in KiB; (0, 0) once it is gone or a zombie."""
    hwm = rss = 0
    try:
        with open(f"/proc/{pid}/status", "rb") as file:
            for line in file:
                if line.startswith(b"VmHWM:"):
                    hwm = int(line.split()[1])
                elif line.startswith(b"VmRSS:"):
                    rss = int(line.split()[1])
                    break
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return hwm, rss


def _pss(pid: int) -> int:
    """Proportional set size of `pid` in KiB (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as file:
            for line in file:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    """`pid` and every process below it, through /proc/<pid>/task/<tid>/children."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except (FileNotFoundError, ProcessLookupError):
            continue
        for task in tasks:
            try:
                text = Path(f"/proc/{current}/task/{task}/children").read_text()
            except (FileNotFoundError, ProcessLookupError):
                continue
            todo.extend(int(child) for child in text.split())
    return found


def run(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
    stdin: int | None = subprocess.DEVNULL,
) -> Measured:
    """Run `argv` to its end, sampling its process tree; stdout is kept, stderr discarded."""
    started = time.perf_counter()
    process = subprocess.Popen(
        list(argv),
        env=dict(env) if env is not None else None,
        cwd=cwd,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    chunks: list[bytes] = []
    assert process.stdout is not None
    os.set_blocking(process.stdout.fileno(), False)
    peaks: dict[int, int] = {}
    tree_rss = tree_pss = samples = 0
    status = 0
    usage = None
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        total = pss = 0
        samples += 1
        with_pss = samples % PSS_EVERY == 1
        for member in _descendants(process.pid):
            hwm, rss = _status(member)
            if hwm > peaks.get(member, 0):
                peaks[member] = hwm
            total += rss
            if with_pss:
                pss += _pss(member)
        tree_rss = max(tree_rss, total)
        if with_pss:
            tree_pss = max(tree_pss, pss)
        try:
            chunk = process.stdout.read()
        except BlockingIOError:
            chunk = None
        if chunk:
            chunks.append(chunk)
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    os.set_blocking(process.stdout.fileno(), True)
    chunks.append(process.stdout.read())
    process.stdout.close()
    return Measured(
        seconds=seconds,
        cpu=usage.ru_utime + usage.ru_stime,
        returncode=process.returncode,
        tree_hwm_mb=sum(peaks.values()) / 1024,
        tree_rss_mb=tree_rss / 1024,
        tree_pss_mb=tree_pss / 1024,
        main_hwm_mb=peaks.get(process.pid, 0) / 1024,
        processes=len(peaks),
        stdout=b"".join(chunks),
    )
