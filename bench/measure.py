"""Timing helpers: wall time, CPU time and peak RSS of one child process; medians."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # user + system seconds of the child
    rss_mb: float  # its peak resident set size
    code: int
    stdout: str


def measure(argv: list[str], env: dict[str, str] | None = None, cwd: str | None = None) -> Sample:
    """Output goes to a file, not a pipe, so we can reap the child ourselves with wait4 (exact
    rusage of that one process: `ip netns exec` and `exec` in sh replace themselves)."""
    with tempfile.TemporaryFile("w+") as out:
        start = time.monotonic()
        p = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL, text=True, env=env, cwd=cwd)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - start
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    return Sample(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, p.returncode, text)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
