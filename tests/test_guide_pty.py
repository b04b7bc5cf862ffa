"""netcheck guide on a real pseudo-terminal: prompts work and the hidden input is not echoed."""

from __future__ import annotations

import os
import select
import sys
import time
from pathlib import Path

import pytest

from netcheck.guide.topics import TOPICS

pty = pytest.importorskip("pty", reason="pseudo-terminals are POSIX only")

SECRET = "Zq7ptySECRET"
ROOT = str(Path(__file__).resolve().parent.parent)


def _read_until(fd: int, needle: bytes, seen: bytearray, timeout: float = 20.0, start: int = 0) -> None:
    """Read until `needle` shows up at or after `start` (a prompt asked a second time counts anew)."""
    end = time.monotonic() + timeout
    while needle not in seen[start:]:
        left = end - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise AssertionError(f"timed out waiting for {needle!r}; got {bytes(seen)!r}")
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the child closed the terminal
            chunk = b""
        if not chunk:
            raise AssertionError(f"terminal closed before {needle!r}; got {bytes(seen)!r}")
        seen += chunk


def _drain(fd: int, seen: bytearray) -> None:
    while select.select([fd], [], [], 5)[0]:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return
        if not chunk:
            return
        seen += chunk


def test_guide_on_a_pty_hides_the_secret(tmp_path: Path) -> None:
    choice = [t.id for t in TOPICS].index("wrong-password") + 1
    env = {**os.environ, "HOME": str(tmp_path), "LANG": "C.UTF-8", "PYTHONPATH": ROOT, "PYTHONDONTWRITEBYTECODE": "1"}
    pid, fd = pty.fork()
    if pid == 0:  # child: the guide, with this pseudo-terminal as its controlling terminal
        os.chdir(tmp_path)
        os.execve(sys.executable, [sys.executable, "-m", "netcheck", "guide"], env)
    seen = bytearray()
    try:
        _read_until(fd, b"Your choice", seen)
        os.write(fd, f"{choice}\r".encode())
        _read_until(fd, b"[y/N]", seen)
        os.write(fd, b"y\r")
        _read_until(fd, b"User name (hidden)", seen)
        time.sleep(0.2)  # getpass switches echo off right after the prompt
        os.write(fd, SECRET.encode() + b"\r")
        _read_until(fd, b"netcheck run", seen)
        _drain(fd, seen)
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    out = bytes(seen).decode(errors="replace")
    assert os.waitstatus_to_exitcode(status) == 0, out
    assert "capital letters" in out and "Next step:" in out
    assert f"Your choice: {choice}" in out  # the terminal echoes ordinary answers ...
    assert SECRET not in out  # ... but not the hidden one, and the guide never prints it
    assert not any(SECRET.encode() in p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())


GROUP_PICKS = [
    ("startup", "tws-freezes"),
    ("install", "dde-ddedll"),
    ("thirdparty", "historical-pacing"),
    ("help", "which-desk"),
]


@pytest.mark.parametrize(("group", "topic_id"), GROUP_PICKS)
def test_one_topic_per_group_on_a_pty(tmp_path: Path, group: str, topic_id: str) -> None:
    from netcheck.guide.render import by_group
    from netcheck.guide.shell import start_question
    from netcheck.guide.topics import BY_ID
    from netcheck.messages import translator

    start = start_question(translator("en"))
    groups = [g for g, _ in by_group()]
    logins = len(next(ts for g, ts in by_group() if g == "login"))
    first = logins + groups.index(group)  # login topics are numbered first, then one entry per other group
    second = [t.id for t in dict(by_group())[group]].index(topic_id) + 1
    assert "Something else" in start.branches[first - 1].label
    env = {**os.environ, "HOME": str(tmp_path), "LANG": "C.UTF-8", "PYTHONPATH": ROOT, "PYTHONDONTWRITEBYTECODE": "1"}
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(tmp_path)
        os.execve(sys.executable, [sys.executable, "-m", "netcheck", "guide"], env)
    seen = bytearray()
    try:
        _read_until(fd, b"Your choice", seen)
        os.write(fd, f"{first}\r".encode())
        _read_until(fd, b"Which of these is your situation?", seen)
        _read_until(fd, b"Your choice", seen, start=seen.rindex(b"Which of these"))
        os.write(fd, f"{second}\r".encode())
        _read_until(fd, b"Run netcheck run.", seen)  # the closing hint: the dialogue ended normally
        _drain(fd, seen)
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    out = bytes(seen).decode(errors="replace")
    assert os.waitstatus_to_exitcode(status) == 0, out
    words = " ".join(BY_ID[topic_id].node.next_step.split()[:4])  # type: ignore[union-attr]
    assert "Next step:" in out and words in " ".join(out.split()), out
