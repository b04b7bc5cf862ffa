"""Running commands in namespaces and keeping track of the lab's background processes."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path


def in_ns(ns: str | None, argv: Sequence[str]) -> list[str]:
    return ["ip", "netns", "exec", ns, *argv] if ns else list(argv)


def run(
    argv: Sequence[str], ns: str | None = None, *, check: bool = True, input: str | None = None, timeout: float = 30
) -> subprocess.CompletedProcess[str]:
    """Run a command (inside ``ns`` if given); raise with its stderr when ``check`` fails."""
    cp = subprocess.run(in_ns(ns, argv), input=input, capture_output=True, text=True, timeout=timeout)
    if check and cp.returncode != 0:
        raise RuntimeError(f"{' '.join(in_ns(ns, argv))} -> {cp.returncode}: {cp.stderr.strip()}")
    return cp


def wait_for(predicate, timeout: float, what: str, interval: float = 0.02) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError(f"lab: timed out waiting for {what}")
        time.sleep(interval)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def kill_pid(pid: int, grace: float = 2.0) -> None:
    """SIGTERM one process, then SIGKILL it if it lingers."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        end = time.monotonic() + grace
        while _alive(pid) and time.monotonic() < end:
            time.sleep(0.01)
        if not _alive(pid):
            return


class Processes:
    """Background processes by name, each with a pid file in the lab directory.

    The pid file lets a later ``python -m tests.lab`` invocation stop what an earlier one
    started; a pid is only trusted when its command line still names the lab directory.
    """

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self._children: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, name: str, ns: str, argv: Sequence[str]) -> int:
        self.stop(name)
        log = open(self.workdir / f"{name}.log", "ab")
        child = subprocess.Popen(
            in_ns(ns, argv), stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True
        )
        log.close()
        self._children[name] = child
        (self.workdir / f"{name}.pid").write_text(f"{child.pid}\n")
        return child.pid

    def running(self, name: str) -> bool:
        child = self._children.get(name)
        if child is not None:  # before exec, /proc/PID/cmdline is still ours: trust poll()
            return child.poll() is None
        pid = self._pid(name)
        return pid is not None and _alive(pid)

    def check_alive(self, name: str) -> None:
        if not self.running(name):
            log = (self.workdir / f"{name}.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"lab: {name} is not running; its log ends with:\n{log}")

    def stop(self, name: str) -> None:
        child = self._children.get(name)
        pid = child.pid if child is not None and child.poll() is None else self._pid(name)
        if pid is not None:
            kill_pid(pid)
        child = self._children.pop(name, None)
        if child is not None:
            child.wait(timeout=5)
        (self.workdir / f"{name}.pid").unlink(missing_ok=True)

    def _pid(self, name: str) -> int | None:
        try:
            pid = int((self.workdir / f"{name}.pid").read_text())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except (OSError, ValueError):
            return None
        return pid if str(self.workdir).encode() in cmdline else None
