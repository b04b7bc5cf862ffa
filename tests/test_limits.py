"""Resource limits: 1,000 loopback targets under `ulimit -n 64` (no EMFILE crash); exit never waits on a stuck call."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

resource = pytest.importorskip("resource")  # POSIX only

ADDRESSES = [f"127.0.1.{i}" for i in range(1, 251)]  # 250 hosts x 4 ports = 1,000 TCP targets
CLOSED = (9, 10, 11)
FD_LIMIT = 64


@pytest.fixture(scope="module")
def targets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One listener per loopback address (its port is open), three closed ports each."""
    listeners: list[socket.socket] = []
    try:
        for address in ADDRESSES:
            s = socket.socket()
            listeners.append(s)
            s.bind((address, 0))
            s.listen(256)
    except OSError as exc:  # macOS has only 127.0.0.1 unless aliases are added
        for s in listeners:
            s.close()
        pytest.skip(f"needs the whole 127.0.0.0/8 on loopback: {exc}")
    hosts = "".join(
        f'[[host]]\nname = "{a}"\nports = [{s.getsockname()[1]}, {", ".join(map(str, CLOSED))}]\n'
        for a, s in zip(ADDRESSES, listeners, strict=True)
    )
    path = tmp_path_factory.mktemp("limits") / "thousand.toml"
    path.write_text(hosts)
    yield path
    for s in listeners:
        s.close()


def run_limited(hosts: Path, *extra: str) -> tuple[int, dict[str, Any], str, float]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (FD_LIMIT, FD_LIMIT))

    argv = [sys.executable, "-m", "netcheck", "run", "--format", "json", "--no-local", "--hosts", str(hosts)]
    argv += ["--public-dns", "127.0.0.1", "--deadline", "120", *extra]  # loopback only
    start = time.monotonic()
    cp = subprocess.run(argv, capture_output=True, text=True, timeout=180, preexec_fn=limit)
    took = time.monotonic() - start
    assert "Traceback" not in cp.stderr and "Too many open files" not in cp.stderr, cp.stderr
    return cp.returncode, json.loads(cp.stdout), cp.stderr, took


def test_thousand_targets_with_64_descriptors(targets: Path) -> None:
    code, report, _, took = run_limited(targets)
    reasons = Counter(c["reason"] for c in report["checks"] if c["kind"] == "tcp")
    print(f"1000 targets, ulimit -n {FD_LIMIT}: {took:.2f} s, {dict(reasons)}")
    assert code == 1 and not report["interrupted"]
    assert reasons == {"ok": len(ADDRESSES), "refused": len(ADDRESSES) * len(CLOSED)}


def test_oversized_concurrency_degrades_without_crashing(targets: Path) -> None:
    """--concurrency 1000 with 64 descriptors: some sockets cannot open; that is data, not a crash."""
    code, report, _, took = run_limited(targets, "--concurrency", "1000")
    tcp = [c for c in report["checks"] if c["kind"] == "tcp"]
    print(f"--concurrency 1000, ulimit -n {FD_LIMIT}: {took:.2f} s, {dict(Counter(c['reason'] for c in tcp))}")
    assert code == 1 and len(tcp) == 1000
    explained = {cid for f in report["findings"] for cid in f["checks"]}
    for c in tcp:
        assert c["reason"] in ("ok", "refused", "error"), c
        if c["reason"] == "error":  # only the local descriptor shortage, and a finding says so
            assert "Too many open files" in c["detail"]["error"] and c["id"] in explained, c


def test_a_blocked_lookup_does_not_hold_the_exit() -> None:
    """asyncio.run() joins its default executor; netcheck's must not wait for a call stuck in C code."""
    code = (
        "import asyncio, time\n"
        "from netcheck.probes.base import DaemonExecutor\n"
        "async def main():\n"
        "    loop = asyncio.get_running_loop()\n"
        "    loop.set_default_executor(DaemonExecutor())\n"
        "    try:\n"
        "        await asyncio.wait_for(loop.run_in_executor(None, time.sleep, 30), 0.2)\n"
        "    except TimeoutError:\n"
        "        print('timed out')\n"
        "asyncio.run(main())\n"
    )
    start = time.monotonic()
    cp = subprocess.run([sys.executable, "-X", "dev", "-c", code], capture_output=True, text=True, timeout=60)
    assert (cp.returncode, cp.stdout, cp.stderr) == (0, "timed out\n", "")
    assert time.monotonic() - start < 5
