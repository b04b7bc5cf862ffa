"""`netcheck watch` through the real CLI on loopback only (no root needed): exit codes, JSON, history, bad input."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def listener() -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(512)  # connects complete in the kernel's backlog; nobody needs to accept
        yield s.getsockname()[1]


def watch(*args: str, db: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "netcheck", "watch", "--history-db", str(db), *args]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def test_healthy_target_exits_0_and_a_refusing_one_1(listener: int, tmp_path: Path) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))  # bound, never listening: refused
        args = ["--target", f"127.0.0.1:{listener}", "--duration", "1.5", "--interval", "0.2", "--format", "json"]
        ok = watch(*args, db=tmp_path / "h.sqlite3")
        bad = watch(*args[:1], f"127.0.0.1:{closed.getsockname()[1]}", *args[2:], db=tmp_path / "h.sqlite3")
        out, err = ok.communicate(timeout=30)
        assert ok.returncode == 0 and json.loads(out)["outages"] == 0, err
        out, err = bad.communicate(timeout=30)
    doc = json.loads(out)
    assert bad.returncode == 1 and doc["schema"] == "netcheck/watch/v1" and doc["outages"] == 1
    assert doc["targets"][0]["outages"][0]["end"] is None and "down (refused)" in err


def test_sigterm_prints_and_records_the_summary(listener: int, tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    proc = watch("--target", f"127.0.0.1:{listener}", "--interval", "0.2", db=db)
    time.sleep(2.0)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 143, err
    assert f"127.0.0.1:{listener} (--target):" in out and "0 outages" in out
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM watches").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--target", "nohost"], 2, "is not HOST:PORT"),
        (["--target", "127.0.0.1:1", "--duration", "soon"], 2, "is not a time span"),
        (["--target", "127.0.0.1:1", "--interval", "0"], 2, "0.1<=x<=3600"),
    ],
)
def test_bad_options_are_usage_errors(args: list[str], code: int, message: str, tmp_path: Path) -> None:
    proc = watch(*args, db=tmp_path / "h.sqlite3")
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == code and message in err


def test_an_outage_is_on_record_as_soon_as_it_ends_even_if_the_watch_is_killed(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))  # bound but not listening: refused until listen()
        proc = watch("--target", f"127.0.0.1:{server.getsockname()[1]}", "--interval", "0.2", db=db)
        time.sleep(1.5)
        server.listen(512)
        time.sleep(1.5)
        proc.kill()  # no summary, no final write
        proc.communicate(timeout=30)
    with sqlite3.connect(db) as conn:
        (cause, end) = conn.execute("SELECT cause, end FROM outages").fetchone()
        (summary,) = conn.execute("SELECT summary FROM watches").fetchone()
    assert cause == "refused" and end is not None and json.loads(summary)["stop_reason"] == "running"
