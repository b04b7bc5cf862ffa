"""The guide's offline format check never stores, logs or sends the user name or code it is given."""

from __future__ import annotations

import builtins
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import netcheck.guide.shell  # noqa: F401  (imported before open/socket are forbidden below)
from netcheck.cli import main
from netcheck.guide.topics import TOPICS

SECRET = "Zq7secretUSER"  # upper case on purpose: the check must complain without echoing it
CHOICE = [t.id for t in TOPICS].index("wrong-password") + 1
INPUT = f"{CHOICE}\ny\n{SECRET}\n"


def _forbidden(*_a: object, **_k: object) -> None:
    raise AssertionError("the guide tried to open a file or a socket")


def test_no_file_or_socket_is_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    for target, name in ((socket, "socket"), (socket, "create_connection"), (builtins, "open"), (os, "open")):
        monkeypatch.setattr(target, name, _forbidden)
    r = runner.invoke(main, ["guide", "--lang", "en"], input=INPUT)
    monkeypatch.undo()
    assert r.exit_code == 0, r.output
    assert "capital letters" in r.output
    assert SECRET not in r.output


def _env(tmp: Path) -> dict[str, str]:
    home = tmp / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "XDG_"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
        LANG="C.UTF-8",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONPATH=str(Path(__file__).resolve().parent.parent),
    )
    return env


def _run(cmd: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    # A new session has no controlling terminal, so getpass reads the hidden input from stdin.
    return subprocess.run(
        cmd, input=INPUT, capture_output=True, text=True, cwd=tmp, env=_env(tmp), timeout=60, start_new_session=True
    )


def _files_containing(root: Path, needle: bytes) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_secret_reaches_no_file_in_home_or_cwd(tmp_path: Path) -> None:
    cp = _run([sys.executable, "-m", "netcheck", "guide"], tmp_path)
    assert cp.returncode == 0, cp.stderr
    assert "capital letters" in cp.stdout
    assert SECRET not in cp.stdout + cp.stderr
    assert _files_containing(tmp_path, SECRET.encode()) == []


def _strace_works() -> bool:
    if not shutil.which("strace"):
        return False
    return subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "true"], capture_output=True).returncode == 0


_WRITE_OPEN = re.compile(r'openat\(.*?"([^"]*)", [^)]*O_(?:WRONLY|RDWR|CREAT)')
_NET = re.compile(r"^\d+\s+(socket|connect|sendto|sendmsg|bind)\(", re.M)


@pytest.mark.skipif(not _strace_works(), reason="strace missing or ptrace not permitted here (apt install strace)")
def test_strace_sees_no_network_and_no_written_secret(tmp_path: Path) -> None:
    trace = tmp_path / "trace.txt"
    cmd = ["strace", "-f", "-qq", "-s", "4096", "-e", "trace=network,openat,write", "-o", str(trace)]
    cp = _run(cmd + [sys.executable, "-m", "netcheck", "guide"], tmp_path)
    assert cp.returncode == 0, cp.stderr
    text = trace.read_text(errors="replace")
    trace.unlink()  # the trace is ours, not the guide's: keep it out of the file scan below
    assert _NET.findall(text) == [], "the guide made network system calls"
    written = {m for m in _WRITE_OPEN.findall(text)}
    assert written <= {"/dev/tty", "/dev/null"}, written
    assert SECRET not in text, "the secret was written somewhere"
    assert _files_containing(tmp_path, SECRET.encode()) == []
