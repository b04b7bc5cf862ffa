"""Agent mode: a real `netcheck serve` process on 127.0.0.1 with a loopback-only host list."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from netcheck.serve.agent import parse_listen
from netcheck.serve.cache import Snapshot, is_fresh
from netcheck.serve.http import route


@pytest.fixture(scope="module")
def listener() -> Iterator[int]:
    """A TCP port on loopback that accepts, standing in for a TWS gateway."""
    with socket.create_server(("127.0.0.1", 0)) as s:
        yield s.getsockname()[1]


@contextlib.contextmanager
def _running_agent(d: Path, listener: int) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """A `netcheck serve` process of its own (directory, history), answering /healthz when yielded."""
    hosts = d / "hosts.toml"
    hosts.write_text(f'[[host]]\nname = "127.0.0.1"\nports = [{listener}]\npurpose = "loopback gateway"\n')
    cmd = [sys.executable, "-m", "netcheck", "serve", "--hosts", str(hosts), "--no-local", "--listen", "127.0.0.1:0"]
    cmd += ["--interval", "300", "--public-dns", "127.0.0.1", "--timeout", "0.5", "--deadline", "3"]
    cmd += ["--history-db", str(d / "history.sqlite3")]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        base = _wait_listening(proc)
        _wait_until(lambda: _get(base + "/healthz")[0] == 200)
        yield base, proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)


@pytest.fixture(scope="module")
def agent(tmp_path_factory: pytest.TempPathFactory, listener: int) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """One agent shared by the read-only tests; a test that stops or reconfigures one starts its own."""
    with _running_agent(tmp_path_factory.mktemp("serve"), listener) as running:
        yield running


def _wait_listening(proc: subprocess.Popen[str]) -> str:
    assert proc.stderr is not None
    line = proc.stderr.readline()  # the first line names the bound address
    m = re.search(r"http://(127\.0\.0\.1:\d+)", line)
    assert m, line + (proc.stderr.read() if proc.poll() is not None else "")
    return "http://" + m.group(1)


def _wait_until(cond: object, timeout: float = 15.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def _get(url: str, method: str = "GET") -> tuple[int, str, str]:
    req = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(req, timeout=5) as r:  # noqa: S310 (loopback only)
            return r.status, r.headers.get("Content-Type", ""), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode()


def _metrics(base: str) -> dict[str, list[tuple[dict[str, str], float]]]:
    status, ctype, body = _get(base + "/metrics")
    assert status == 200 and ctype.startswith("text/plain; version=0.0.4")
    out: dict[str, list[tuple[dict[str, str], float]]] = {}
    for fam in text_string_to_metric_families(body):
        for s in fam.samples:
            out.setdefault(s.name, []).append((s.labels, s.value))
    return out


def test_metrics_healthz_and_report(agent: tuple[str, subprocess.Popen[str]], listener: int) -> None:
    base, _ = agent
    m = _metrics(base)
    assert m["netcheck_run_success"] == [({}, 1.0)]
    assert (
        {
            "check": f"tcp:127.0.0.1:{listener}@127.0.0.1",
            "kind": "tcp",
            "target": f"127.0.0.1:{listener} (127.0.0.1)",
            "region": "",
        },
        1.0,
    ) in m["netcheck_check_success"]
    assert m["netcheck_agent_result_fresh"] == [({}, 1.0)]
    assert _get(base + "/healthz")[:1] == (200,)
    status, ctype, body = _get(base + "/report")
    assert status == 200 and ctype == "application/json"
    assert json.loads(body)["schema"] == "netcheck/report/v1"


def test_targets_never_come_from_the_request(agent: tuple[str, subprocess.Popen[str]]) -> None:
    base, _ = agent
    before = _metrics(base)
    status, _, body = _get(base + "/metrics?target=198.51.100.1:4001&module=tcp")
    assert status == 200 and "198.51.100.1" not in body
    assert _get(base + "/probe?target=198.51.100.1")[0] == 404
    assert _get(base + "/metrics", method="POST")[0] == 405
    for _ in range(30):  # a burst of requests reads the cache; it never starts runs
        _get(base + "/metrics")
    after = _metrics(base)
    assert after["netcheck_agent_runs_total"] == before["netcheck_agent_runs_total"] == [({}, 1.0)]


def test_bounded_request_size(agent: tuple[str, subprocess.Popen[str]]) -> None:
    host, port = parse_listen(agent[0].removeprefix("http://"))
    with socket.create_connection((host, port), timeout=5) as s:
        s.sendall(b"GET /metrics HTTP/1.1\r\nX-Junk: " + b"a" * 20000 + b"\r\n\r\n")
        assert s.recv(64).startswith(b"HTTP/1.1 431")
    with socket.create_connection((host, port), timeout=5) as s:
        s.sendall(b"NONSENSE\r\n\r\n")
        assert s.recv(64).startswith(b"HTTP/1.1 400")


def test_head_has_no_body(agent: tuple[str, subprocess.Popen[str]]) -> None:
    status, _, body = _get(agent[0] + "/healthz", method="HEAD")
    assert status == 200 and body == ""


def test_history_records_each_run(tmp_path: Path, listener: int) -> None:
    from netcheck.history import open_store

    with _running_agent(tmp_path, listener):
        _wait_until(lambda: len(open_store(tmp_path / "history.sqlite3").recent(5)) >= 1)


def test_sigterm_ends_cleanly(tmp_path: Path, listener: int) -> None:
    """Its own agent: stopping the shared one would break whichever tests run after this one."""
    with _running_agent(tmp_path, listener) as (_, proc):
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(10) == 0


def test_port_in_use_is_a_config_error(listener: int, tmp_path: Path) -> None:
    hosts = tmp_path / "h.toml"
    hosts.write_text('[[host]]\nname = "127.0.0.1"\nports = [1]\n')
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "netcheck",
            "serve",
            "--hosts",
            str(hosts),
            "--no-local",
            "--listen",
            f"127.0.0.1:{listener}",
            "--no-history",
        ],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert r.returncode == 3 and "cannot listen" in r.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [("127.0.0.1:9466", ("127.0.0.1", 9466)), ("[::1]:80", ("::1", 80)), ("0.0.0.0:0", ("0.0.0.0", 0))],
)
def test_parse_listen(value: str, expected: tuple[str, int]) -> None:
    assert parse_listen(value) == expected


@pytest.mark.parametrize("value", ["9466", ":9466", "host:port", "127.0.0.1:70000"])
def test_parse_listen_rejects(value: str) -> None:
    with pytest.raises(ValueError):
        parse_listen(value)


def test_route_before_the_first_run_and_when_stale() -> None:
    empty = Snapshot()
    assert route("GET", "/healthz", empty, fresh=False).status == 503
    assert route("GET", "/metrics", empty, fresh=False).status == 503
    assert route("GET", "/report", empty, fresh=False).status == 503
    done = Snapshot(report_json="{}", metrics="", finished_at=100.0, runs=1)
    assert is_fresh(done, now=100.0 + 2 * 300 + 20, interval=300, deadline=20)
    assert not is_fresh(done, now=100.0 + 2 * 300 + 21, interval=300, deadline=20)
    stale = route("GET", "/healthz", done, fresh=False)
    assert stale.status == 503 and "stale" in stale.body
