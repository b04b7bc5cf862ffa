"""netcheck bundle records what IBKR's desks ask for: the problem's time frame and pattern (options, or asked on a
terminal), beside the OS; never a password."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from netcheck import bundle

ROOT = str(Path(__file__).resolve().parent.parent)
pty = pytest.importorskip("pty", reason="pseudo-terminals are POSIX only")


@pytest.fixture
def hosts(tmp_path: Path) -> Iterator[list[str]]:
    with socket.create_server(("127.0.0.1", 0)) as s:
        f = tmp_path / "hosts.toml"
        f.write_text(f'[[host]]\nname = "127.0.0.1"\nports = [{s.getsockname()[1]}]\npurpose = "loopback"\n')
        yield ["--hosts", str(f), "--no-local", "--public-dns", "127.0.0.1", "--no-history"]


def _problem(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return dict(json.loads(z.read("problem.json")))


def test_problem_is_pure_and_keeps_the_users_words() -> None:
    got = bundle.problem(" since Monday 09:00 ", "after an update", {"os": "Linux-6.1"})
    assert got == {"time_frame": "since Monday 09:00", "pattern": "after an update", "os": "Linux-6.1"}


def test_options_land_in_problem_json(tmp_path: Path, hosts: list[str]) -> None:
    out = tmp_path / "b.zip"
    args = ["bundle", "-o", str(out), *hosts, "--since", "Monday 9:00 CET", "--pattern", "only when markets are closed"]
    r = subprocess.run(
        [sys.executable, "-m", "netcheck", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": ROOT},
    )
    assert r.returncode == 0, r.stderr
    got = _problem(out)
    assert got["time_frame"] == "Monday 9:00 CET" and got["pattern"] == "only when markets are closed" and got["os"]


def test_without_a_terminal_nothing_is_asked(tmp_path: Path, hosts: list[str]) -> None:
    out = tmp_path / "b.zip"
    r = subprocess.run(
        [sys.executable, "-m", "netcheck", "bundle", "-o", str(out), *hosts],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": ROOT},
    )
    assert r.returncode == 0 and "Since when" not in r.stdout
    assert _problem(out)["time_frame"] == ""


def _read_until(fd: int, needle: bytes, seen: bytearray, timeout: float = 60.0) -> None:
    import select

    end = time.monotonic() + timeout
    while needle not in seen:
        left = end - time.monotonic()
        assert left > 0 and select.select([fd], [], [], left)[0], f"waiting for {needle!r}; got {bytes(seen)!r}"
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            chunk = b""
        assert chunk, f"terminal closed before {needle!r}; got {bytes(seen)!r}"
        seen += chunk


def test_on_a_terminal_it_asks_for_time_frame_and_pattern(tmp_path: Path, hosts: list[str]) -> None:
    out = tmp_path / "b.zip"
    env = {**os.environ, "PYTHONPATH": ROOT, "LANG": "C.UTF-8", "HOME": str(tmp_path)}
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(sys.executable, [sys.executable, "-m", "netcheck", "bundle", "-o", str(out), *hosts], env)
    seen = bytearray()
    try:
        _read_until(fd, b"Since when", seen)
        os.write(fd, b"yesterday 14:00\r")
        _read_until(fd, b"pattern", seen)
        os.write(fd, b"after an update\r")
        _read_until(fd, b"wrote", seen)
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0, bytes(seen)
    assert _problem(out) | {"os": ""} == {"time_frame": "yesterday 14:00", "pattern": "after an update", "os": ""}
