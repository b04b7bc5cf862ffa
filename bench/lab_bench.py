"""Benchmarks 1-3 in the namespace lab: netcheck against nmap -sT -Pn and a sequential loop."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.measure import measure, median
from tests.lab.addressing import CLIENT_NS, REPO_ROOT
from tests.lab.lab import Lab

SCENARIOS = {  # name -> (how to break the lab, finding netcheck must give, finding it must not give)
    "healthy": (lambda lab: None, None, "ports-blocked"),
    "blocked (dropped 4000/4001)": (lambda lab: lab.block_ports([4000, 4001], "drop"), "ports-blocked", None),
    "slow lossy (300 ms, 5 %)": (lambda lab: lab.impair(delay_ms=300, loss_pct=5), "slow-link", "ports-blocked"),
}


@dataclass(frozen=True)
class Row:
    scenario: str
    netcheck: float
    nmap: float
    netcheck_cpu: float  # user + system seconds per run (median)
    nmap_cpu: float
    seqloop: float | None
    verdict_ok: str  # e.g. "5/5"


def targets(lab: Lab) -> tuple[list[str], list[str], list[str]]:
    """The host:port set netcheck tests: every address of every host, its listed ports."""
    import tomllib

    data = tomllib.loads(Path(lab.host_list_path).read_text())
    v4, v6, pairs = [], [], []
    for h in data["host"]:
        ep = lab.address_of(h["name"])
        v4.append(ep.v4)
        v6.append(ep.v6)
        pairs += [f"{ep.v4}:{p}" for p in h["ports"]] + [f"[{ep.v6}]:{p}" for p in h["ports"]]
    return sorted(set(v4)), sorted(set(v6)), pairs


def in_client(argv: list[str]) -> list[str]:
    return ["ip", "netns", "exec", CLIENT_NS, *argv]


def nmap_argv(lab: Lab) -> list[str]:
    """nmap over the same addresses and the union of the ports, v4 and v6 at once (two scans in
    parallel, one wall time), default timing."""
    v4, v6, _ = targets(lab)
    scan = "nmap -sT -Pn -n -p 443,4000,4001 -oG -"
    return in_client(["sh", "-c", f"{scan} {' '.join(v4)} >/dev/null & {scan} -6 {' '.join(v6)} >/dev/null; wait"])


def run_scenario(lab: Lab, name: str, runs: int, with_loop: bool) -> Row:
    breaker, must, must_not = SCENARIOS[name]
    lab.reset()
    breaker(lab)
    nc, nm, nc_cpu, nm_cpu, loop, ok = [], [], [], [], [], 0
    for _ in range(runs):
        s = measure(in_client(lab.netcheck_argv("--deadline", "30")), env=lab.client_env(), cwd=str(REPO_ROOT))
        nc.append(s.wall)
        nc_cpu.append(s.cpu)
        ok += _verdict(s.stdout, must, must_not)
        n = measure(nmap_argv(lab))  # its CPU includes both scans: sh reaps them
        nm.append(n.wall)
        nm_cpu.append(n.cpu)
        if with_loop:
            pairs = targets(lab)[2]
            loop.append(
                measure(
                    in_client([sys.executable, str(REPO_ROOT / "bench" / "seqloop.py"), "2", *pairs]),
                    cwd=str(REPO_ROOT),
                ).wall
            )
    lab.reset()
    return Row(
        name, median(nc), median(nm), median(nc_cpu), median(nm_cpu), median(loop) if loop else None, f"{ok}/{runs}"
    )


def _verdict(stdout: str, must: str | None, must_not: str | None) -> bool:
    try:
        ids = {f["id"] for f in json.loads(stdout)["findings"]}
    except (ValueError, KeyError):
        return False
    return (must is None or must in ids) and (must_not is None or must_not not in ids)


def run_all(runs: int, only: list[str] | None = None) -> list[Row]:
    """`only`: scenario names by their start (e.g. ["healthy"]); empty runs all."""
    names = [n for n in SCENARIOS if not only or any(n.startswith(o) for o in only)]
    lab = Lab()
    lab.up()
    try:
        return [run_scenario(lab, name, runs, with_loop=name == "healthy") for name in names]
    finally:
        lab.down()
