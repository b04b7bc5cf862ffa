"""`netcheck serve` under load on loopback: /metrics keeps answering, no extra probe runs, no growth in
descriptors or memory, only the configured address, and query strings never add targets.

NETCHECK_LOAD_SECONDS sets the load time (default 10 s: a few thousand requests, enough to show a leak
of one descriptor or task per request, while keeping the suite short; 30 s or more for a soak)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

psutil = pytest.importorskip("psutil")

SECONDS = float(os.environ.get("NETCHECK_LOAD_SECONDS", "10"))
WORKERS = 8
IDLE_CLIENTS = 20  # connect and never send: must not starve the others
PATHS = (
    "/metrics",
    "/metrics?target=198.51.100.7:4001&module=tcp",
    "/metrics?hosts=/etc/passwd&region=asia",
    "/metrics?" + "x=1&" * 500,
    "/healthz",
)


@pytest.fixture(scope="module")
def agent(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, psutil.Process]]:
    d = tmp_path_factory.mktemp("load")
    gateway = socket.create_server(("127.0.0.1", 0))
    (d / "hosts.toml").write_text(f'[[host]]\nname = "127.0.0.1"\nports = [{gateway.getsockname()[1]}]\n')
    cmd = [sys.executable, "-m", "netcheck", "serve", "--hosts", str(d / "hosts.toml"), "--no-local"]
    cmd += ["--listen", "127.0.0.1:0", "--interval", "3600", "--public-dns", "127.0.0.1", "--timeout", "0.5"]
    cmd += ["--deadline", "3", "--history-db", str(d / "history.sqlite3")]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        assert proc.stderr is not None
        m = re.search(r"http://127\.0\.0\.1:(\d+)", proc.stderr.readline())
        assert m, proc.stderr.read()
        port = int(m.group(1))
        end = time.monotonic() + 20
        while "netcheck_agent_runs_total 1" not in get(port, "/metrics")[1]:
            assert time.monotonic() < end, "the first run did not finish"
            time.sleep(0.1)
        yield port, psutil.Process(proc.pid)
    finally:
        proc.kill()
        proc.wait(10)
        gateway.close()


def get(port: int, path: str) -> tuple[int, str]:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body.decode()


def check_series(body: str) -> set[str]:
    return set(re.findall(r'netcheck_check_success\{check="([^"]+)"', body))


def test_metrics_under_load(agent: tuple[int, psutil.Process]) -> None:
    port, proc = agent
    baseline = get(port, "/metrics")[1]
    fds, rss = proc.num_fds(), proc.memory_info().rss
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(IDLE_CLIENTS)]
    counts = {"ok": 0, "bad": 0}
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + SECONDS

    def worker(n: int) -> None:
        i = n
        while time.monotonic() < stop:
            path = PATHS[i % len(PATHS)]
            i += 1
            try:
                status, body = get(port, path)
                good = status == 200 and (path == "/healthz" or check_series(body) == check_series(baseline))
            except OSError as exc:
                good = False
                errors.append(f"{path}: {exc}")
            with lock:
                counts["ok" if good else "bad"] += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in idle:
        s.close()
    after = get(port, "/metrics")[1]
    print(f"{SECONDS:.0f} s, {WORKERS} clients + {IDLE_CLIENTS} idle: {counts}, fds {fds}->{proc.num_fds()}")
    assert counts["bad"] == 0 and counts["ok"] > 100, (counts, errors[:5])
    assert "netcheck_agent_runs_total 1" in after, "requests must never trigger probe runs"
    assert check_series(after) == check_series(baseline) and len(check_series(baseline)) >= 1
    time.sleep(0.5)
    assert proc.num_fds() <= fds + 5, "descriptors leak per request"
    assert proc.memory_info().rss <= rss + 30 * 1024 * 1024
    listening = [c.laddr for c in proc.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]
    assert listening == [("127.0.0.1", port)]


def test_query_strings_never_reach_the_probes(agent: tuple[int, psutil.Process], tmp_path: Path) -> None:
    port, _ = agent
    status, body = get(port, "/metrics?target=203.0.113.9:4001&hosts=x.toml")
    assert status == 200 and "203.0.113.9" not in body
