"""The agent keeps answering Prometheus: during a run, under 500 idle connections and a slowloris
client, with a corrupt or locked history database. Loopback only."""

from __future__ import annotations

import http.server
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ANSWER_WITHIN_S = 1.0  # generous for a loaded CI machine; bench/ measures the real latency


class _Stall(http.server.BaseHTTPRequestHandler):
    """A reachability endpoint that answers only after a while: keeps every run in progress."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        time.sleep(3)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture(scope="module")
def stall() -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Stall)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()


def _start(tmp: Path, stall: int, history_db: Path) -> tuple[str, subprocess.Popen[str]]:
    hosts = tmp / "hosts.toml"
    hosts.write_text(
        f'[[host]]\nname = "127.0.0.1"\nports = [{stall}]\npurpose = "loopback"\n\n'
        f'[[reachability]]\nurl = "http://127.0.0.1:{stall}/generate_204"\nexpect_status = 204\n'
    )
    cmd = [sys.executable, "-m", "netcheck", "serve", "--hosts", str(hosts), "--no-local", "--listen", "127.0.0.1:0"]
    cmd += ["--interval", "1", "--timeout", "5", "--deadline", "8", "--public-dns", "127.0.0.1"]
    cmd += ["--history-db", str(history_db)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    m = re.search(r"http://(127\.0\.0\.1:\d+)", proc.stderr.readline())
    assert m
    return m.group(1), proc


def _timed_get(addr: str, path: str = "/metrics") -> tuple[int, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(f"http://{addr}{path}", timeout=5) as resp:
            return int(resp.status), time.monotonic() - started
    except urllib.error.HTTPError as err:
        return int(err.code), time.monotonic() - started


def _until_first_result(addr: str) -> None:
    end = time.monotonic() + 30
    while _timed_get(addr)[0] != 200:
        assert time.monotonic() < end, "no run finished"
        time.sleep(0.2)


@pytest.fixture
def corrupt_db(tmp_path: Path) -> Path:
    db = tmp_path / "history.sqlite3"
    db.write_bytes(b"this is not a database" * 100)
    return db


def test_answers_during_a_run_and_with_a_corrupt_history(tmp_path: Path, stall: int, corrupt_db: Path) -> None:
    addr, proc = _start(tmp_path, stall, corrupt_db)
    try:
        _until_first_result(addr)  # a run takes ~3 s (the stalled endpoint); the next starts 1 s later
        latencies = []
        for _ in range(20):
            status, took = _timed_get(addr)
            assert status == 200
            latencies.append(took)
            time.sleep(0.2)
        assert max(latencies) < ANSWER_WITHIN_S, latencies
        assert proc.poll() is None
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=15)
    assert "history" in err.lower()  # the corrupt database is reported on stderr, serving went on


def test_answers_with_a_locked_history(tmp_path: Path, stall: int) -> None:
    db = tmp_path / "history.sqlite3"
    lock = sqlite3.connect(db, isolation_level=None)
    lock.execute("CREATE TABLE IF NOT EXISTS hold (x)")
    lock.execute("BEGIN EXCLUSIVE")  # another process holds the database for the whole test
    addr, proc = _start(tmp_path, stall, db)
    try:
        _until_first_result(addr)
        time.sleep(2)
        assert _timed_get(addr)[0] == 200 and proc.poll() is None
    finally:
        proc.terminate()
        proc.communicate(timeout=15)
        lock.close()


def test_idle_connections_and_slowloris_do_not_block_scrapes(tmp_path: Path, stall: int) -> None:
    addr, proc = _start(tmp_path, stall, tmp_path / "h.sqlite3")
    host, port = addr.split(":")
    idle: list[socket.socket] = []
    try:
        _until_first_result(addr)
        for _ in range(500):
            idle.append(socket.create_connection((host, int(port)), timeout=5))
        loris = socket.create_connection((host, int(port)), timeout=5)
        idle.append(loris)
        loris.sendall(b"GET /metrics HTTP/1.1\r\n")
        for i in range(5):
            loris.sendall(f"X-Slow-{i}: a\r\n".encode())  # a header now and then, never the blank line
            status, took = _timed_get(addr)
            assert status == 200 and took < ANSWER_WITHIN_S, took
            time.sleep(0.3)
        assert proc.poll() is None
    finally:
        for s in idle:
            s.close()
        proc.terminate()
        proc.communicate(timeout=15)
