"""Benchmark 4: 10 to 10,000 endpoints (a third open, a third refused, a third dropped) on
loopback addresses inside a namespace of our own (ncb-scale), with wall time, CPU and RSS."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.measure import measure, median

NS = "ncb-scale"
REPO = Path(__file__).resolve().parents[1]
OPEN, REFUSED, DROPPED = 20000, 30000, 40000  # first port of each kind
PORTS_PER_ADDRESS = 100


@dataclass(frozen=True)
class Row:
    endpoints: int
    wall: float
    cpu: float  # user + system seconds per run (median)
    cpu_ms_per_endpoint: float
    rss_mb: float
    wrong: int  # endpoints whose verdict is not the expected open / refused / dropped
    errors: int  # local errors (EMFILE ...)
    ulimit: int | None = None


def ip(*args: str, ns: str | None = NS) -> None:
    pre = ["ip", "netns", "exec", ns] if ns else []
    subprocess.run([*pre, *args], check=True, capture_output=True)


def up(max_endpoints: int) -> subprocess.Popen[bytes]:
    down()
    ip("ip", "netns", "add", NS, ns=None)
    ip("ip", "link", "set", "lo", "up")
    # answers go to the client's ephemeral port: keep those away from the dropped range
    ip("sysctl", "-qw", "net.ipv4.ip_local_port_range=50000 65000")
    n_addr = max(1, max_endpoints // PORTS_PER_ADDRESS)
    batch = "".join(f"addr add 198.51.100.{i}/32 dev lo\n" for i in range(1, n_addr + 1))
    subprocess.run(["ip", "-n", NS, "-batch", "-"], input=batch.encode(), check=True)
    rules = (
        f"table inet ncb {{\n chain input {{\n type filter hook input priority 0;\n"
        f" tcp dport {DROPPED}-{DROPPED + 999} drop\n }}\n}}\n"
    )
    subprocess.run(["ip", "netns", "exec", NS, "nft", "-f", "-"], input=rules.encode(), check=True)
    ready = Path(tempfile.gettempdir()) / "ncb-listener.ready"
    ready.unlink(missing_ok=True)
    per_kind = PORTS_PER_ADDRESS // 3 + 1
    lst = subprocess.Popen(
        [
            "ip",
            "netns",
            "exec",
            NS,
            sys.executable,
            str(REPO / "bench" / "listener.py"),
            str(OPEN),
            str(per_kind),
            str(ready),
        ]
    )
    for _ in range(100):
        if ready.exists():
            break
        time.sleep(0.05)
    return lst


def down(listener: subprocess.Popen[bytes] | None = None) -> None:
    if listener:
        listener.terminate()
        listener.wait(5)
    subprocess.run(["ip", "netns", "del", NS], capture_output=True)


def host_list(n: int, path: Path) -> dict[str, str]:
    """n endpoints; returns the expected reason per check id."""
    per = min(n, PORTS_PER_ADDRESS)
    kinds = [(OPEN, "ok"), (REFUSED, "refused"), (DROPPED, "timeout")]
    ports = [(first + i // 3, reason) for i, (first, reason) in ((i, kinds[i % 3]) for i in range(per))]
    lines, expect = ['[list]\nname = "bench"\n'], {}
    for a in range(1, n // per + 1):
        addr = f"198.51.100.{a}"
        lines.append(f'[[host]]\nname = "{addr}"\nports = {[p for p, _ in ports]}\npurpose = "bench"\n')
        expect.update({f"tcp:{addr}:{p}@{addr}": r for p, r in ports})
    path.write_text("\n".join(lines))
    return expect


def run_size(n: int, runs: int, ulimit: int | None = None) -> Row:
    with tempfile.TemporaryDirectory() as d:
        hl = Path(d) / "hosts.toml"
        expect = host_list(n, hl)
        limit = f"ulimit -n {ulimit}; " if ulimit else ""
        cmd = (
            f"{limit}exec {sys.executable} -m netcheck run --format json "
            f"--no-local --hosts {hl} --public-dns 127.0.0.1 --deadline 120"
        )
        env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
        samples = [measure(["ip", "netns", "exec", NS, "sh", "-c", cmd], env=env) for _ in range(runs)]
    wrong, errors = _check(samples[-1].stdout, expect)
    cpu = median([s.cpu for s in samples])
    return Row(
        n, median([s.wall for s in samples]), cpu, 1000 * cpu / n, max(s.rss_mb for s in samples), wrong, errors, ulimit
    )


def _check(stdout: str, expect: dict[str, str]) -> tuple[int, int]:
    try:
        checks = {c["id"]: c["reason"] for c in json.loads(stdout)["checks"]}
    except (ValueError, KeyError):
        return len(expect), 0
    wrong = sum(1 for cid, reason in expect.items() if checks.get(cid) != reason)
    return wrong, sum(1 for r in checks.values() if r == "error")


def run_all(sizes: list[int], runs: int) -> list[Row]:
    listener = up(max(sizes))
    try:
        rows = [run_size(n, runs) for n in sizes]
        rows.append(run_size(1000, runs, ulimit=256))
        return rows
    finally:
        down(listener)
