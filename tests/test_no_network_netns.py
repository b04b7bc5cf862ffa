"""`no-network` from a real run: `netcheck run` inside a namespace with only `lo` and no route (root only)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.netns import need_root, sh

pytestmark = pytest.mark.root

REPO = Path(__file__).resolve().parents[1]
DEADLINE = 8.0


@pytest.fixture(params=["lo-down", "lo-up"])
def offline_ns(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh namespace: no interface but `lo`, no route. The pid in the name keeps parallel runs apart."""
    need_root()
    ns = f"ncn-{os.getpid()}"
    etc = Path("/etc/netns") / ns
    sh("ip", "netns", "del", ns, check=False)
    sh("ip", "netns", "add", ns)
    try:
        etc.mkdir(parents=True, exist_ok=True)
        # A documentation address: even if something were routed, no real resolver is ever asked.
        (etc / "resolv.conf").write_text("nameserver 203.0.113.53\noptions timeout:1 attempts:1\n")
        (etc / "hosts").write_text("127.0.0.1 localhost\n")
        if request.param == "lo-up":
            sh("ip", "link", "set", "lo", "up", ns=ns)
        yield ns
    finally:
        sh("ip", "netns", "del", ns, check=False)
        shutil.rmtree(etc, ignore_errors=True)


def _run(ns: str, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(NO_COLOR="1", NETCHECK_TWS_DIR=str(tmp_path / "no-tws"), PYTHONPATH=str(REPO))
    argv = [sys.executable, "-m", "netcheck", "run", "--format", "json", "--hosts", str(REPO / "hosts" / "tws.toml")]
    argv += ["--public-dns", "203.0.113.153", "--timeout", "1", "--deadline", str(DEADLINE)]
    argv += ["--history-db", str(tmp_path / "history.sqlite3")]
    start = time.monotonic()
    cp = subprocess.run(
        ["ip", "netns", "exec", ns, *argv], capture_output=True, text=True, env=env, cwd=REPO, timeout=60
    )
    return cp, time.monotonic() - start


def test_no_interface_and_no_route_is_no_network(offline_ns: str, tmp_path: Path) -> None:
    cp, elapsed = _run(offline_ns, tmp_path)
    context = f"exit {cp.returncode}, {elapsed:.2f}s\nstdout: {cp.stdout[:3000]}\nstderr: {cp.stderr[-2000:]}"
    report = json.loads(cp.stdout)
    fails = {f["id"]: f for f in report["findings"] if f["severity"] == "fail"}
    assert set(fails) == {"no-network"}, context
    assert cp.returncode == 1 and report["status"] == "fail", context
    assert fails["no-network"]["remediation"].strip(), context
    checks = {c["id"]: c for c in report["checks"]}
    assert checks["local:interfaces"]["status"] == "fail", context
    assert checks["local:route:ipv4"]["status"] == "fail", context
    assert not any(c["status"] == "pass" for c in report["checks"] if c["kind"] in ("tcp", "http", "tls")), context
    assert elapsed < DEADLINE + 5, context  # the deadline plus interpreter start-up
