"""The failure checklist on a real pseudo-terminal: colours on, the progress line erased before the report,
NO_COLOR honoured, and the terminal's width (80 and 120 columns) respected. Loopback only: a closed port."""

from __future__ import annotations

import fcntl
import os
import re
import select
import socket
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

pty = pytest.importorskip("pty", reason="pseudo-terminals are POSIX only")

ROOT = str(Path(__file__).resolve().parent.parent)
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
COLOUR = re.compile(r"\x1b\[[0-9;]*m")
VERDICT = "Not ready: TWS will likely not connect from here."


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_on_pty(tmp_path: Path, cols: int, extra_env: dict[str, str]) -> str:
    """Everything the terminal received from `netcheck run` (stdout and stderr share it, as for a person)."""
    hosts = tmp_path / "lo.toml"
    hosts.write_text(f'[[host]]\nname = "127.0.0.1"\nports = [{_closed_port()}]\n')
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env |= {"PYTHONPATH": ROOT, "LANG": "C.UTF-8", "TERM": "xterm-256color", **extra_env}
    argv = [sys.executable, "-m", "netcheck", "run", "--hosts", str(hosts), "--no-local", "--public-dns",
            "127.0.0.1", "--timeout", "1", "--deadline", "10", "--history-db", str(tmp_path / "h.db")]  # fmt: skip
    pid, fd = pty.fork()
    if pid == 0:  # child: the terminal is `cols` wide before netcheck asks
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, cols, 0, 0))
        os.execve(sys.executable, argv, env)
    return _read_all(fd, pid)


def _read_all(fd: int, pid: int, timeout: float = 60.0) -> str:
    seen, end = bytearray(), time.monotonic() + timeout
    while time.monotonic() < end and select.select([fd], [], [], end - time.monotonic())[0]:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(fd)
    os.waitpid(pid, 0)
    return seen.decode("utf-8", "replace")


def _report_lines(screen: str) -> list[str]:
    """The report after the last progress erase, as the lines a person sees."""
    return ANSI.sub("", screen[screen.rfind("\r\x1b[K") :]).replace("\r\n", "\n").strip("\r\n").split("\n")


def test_colours_on_and_the_progress_line_erased_before_the_report(tmp_path: Path) -> None:
    screen = _run_on_pty(tmp_path, 100, {})
    erased = screen.rfind("\r\x1b[K")
    assert "checking…" in screen[:erased], screen  # the live progress was there …
    assert erased < screen.find(VERDICT), screen  # … and gone before the report
    assert f"\x1b[31;1m{VERDICT}\x1b[0m" in screen
    assert _report_lines(screen)[0] == VERDICT


def test_no_color_is_honoured(tmp_path: Path) -> None:
    screen = _run_on_pty(tmp_path, 100, {"NO_COLOR": "1"})
    assert VERDICT in screen and not COLOUR.search(screen), screen


@pytest.mark.parametrize("cols", [80, 120])
def test_the_terminal_width_is_respected(tmp_path: Path, cols: int) -> None:
    lines = _report_lines(_run_on_pty(tmp_path, cols, {"NO_COLOR": "1"}))
    assert lines[0] == VERDICT and len(lines) <= 30, lines
    assert max(len(ln) for ln in lines) <= cols, [ln for ln in lines if len(ln) > cols]
    assert max(len(ln) for ln in lines) > cols - 25  # the text fills the width it is given
