"""End-to-end: the real ``netcheck run --format json`` inside the lab's client namespace.

Each scenario breaks the lab one way and checks that netcheck names that root cause (and
only that one among its failures), exits with the matching code, gives every warn/fail
finding a remediation, and finishes within its own --deadline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from tests.lab.lab import Lab

pytestmark = pytest.mark.lab

TIMEOUT, DEADLINE = 1.0, 8.0
TOP_LEVEL = {"schema", "status", "started_at", "duration_ms", "findings", "checks"}


@dataclass(frozen=True)
class Scenario:
    break_lab: Callable[[Lab], None]
    fails: frozenset[str]  # exactly the fail-severity findings expected
    exit_code: int
    present: frozenset[str] = frozenset()  # further findings that must be there (any severity)
    timeout: float = TIMEOUT
    mentions: str = ""  # text the first expected finding's title or evidence must contain
    status: str | None = None
    extra: tuple[str, ...] = field(default=())


def _scenario(break_lab: Callable[[Lab], None], fails: set[str], exit_code: int, **kw: object) -> Scenario:
    return Scenario(break_lab, frozenset(fails), exit_code, **kw)  # type: ignore[arg-type]


def _icmp_admin_with_latency(lab: Lab) -> None:
    lab.impair(delay_ms=2)
    lab.block_ports([4000, 4001], "icmp-admin")


SCENARIOS = {
    "healthy": _scenario(lambda lab: None, set(), 0, status="pass"),
    "ports_blocked": _scenario(lambda lab: lab.block_ports([4000, 4001], "drop"), {"ports-blocked"}, 1),
    "ports_reset": _scenario(lambda lab: lab.block_ports([4000, 4001], "reset"), {"ports-rejected"}, 1),
    # A little latency, as on any real path: with none, Linux holds an ICMPv6 error that arrives
    # during connect() as a soft error until the SYN retransmission (see tests/lab/README.md).
    "ports_icmp_admin": _scenario(_icmp_admin_with_latency, {"ports-rejected"}, 1),
    "no_internet": _scenario(Lab.drop_all_beyond_router, {"no-internet"}, 1),
    "dns_unreachable": _scenario(lambda lab: lab.dns("down"), {"dns-unreachable"}, 1),
    "dns_nxdomain": _scenario(lambda lab: lab.dns("nxdomain"), {"dns-nxdomain"}, 1),
    "dns_hijack": _scenario(lambda lab: lab.dns("hijack"), {"dns-mismatch"}, 1),
    "captive_portal": _scenario(lambda lab: lab.captive_portal(True), {"captive-portal"}, 1),
    "region_unreachable": _scenario(
        lambda lab: lab.block_host("zdc1.ibllc.com", "zdc1_hb1.ibllc.com"),
        set(),
        0,
        present=frozenset({"region-unreachable"}),
        mentions="europe",
    ),
    "ipv6_broken": _scenario(Lab.blackhole_ipv6, set(), 0, present=frozenset({"ipv6-broken"})),
}
MARKS: dict[str, list[pytest.MarkDecorator]] = {}


@pytest.mark.parametrize("name", [pytest.param(n, id=n, marks=MARKS.get(n, [])) for n in SCENARIOS])
def test_scenario(healthy_lab: Lab, name: str) -> None:
    sc = SCENARIOS[name]
    sc.break_lab(healthy_lab)
    args = ("--timeout", str(sc.timeout), "--deadline", str(DEADLINE), *sc.extra)
    code, report, stdout, stderr, elapsed = healthy_lab.run_netcheck(*args, timeout=DEADLINE + 30)
    context = f"scenario {name}: exit {code}, {elapsed:.2f}s\nstdout: {stdout[:3000]}\nstderr: {stderr[-3000:]}"
    assert report is not None, context
    assert TOP_LEVEL <= report.keys(), context
    findings = {f["id"]: f for f in report["findings"]}
    fails = {i for i, f in findings.items() if f["severity"] == "fail"}
    assert fails == sc.fails, context
    assert sc.present <= findings.keys(), context
    assert code == sc.exit_code, context
    assert code == (1 if report["status"] == "fail" else 0), context
    if sc.status:
        assert report["status"] == sc.status, context
    for f in report["findings"]:
        if f["severity"] in ("fail", "warn"):
            assert f["remediation"].strip(), f"{f['id']} has no remediation\n{context}"
    if sc.mentions:
        first = findings[sorted(sc.fails | sc.present)[0]]
        assert sc.mentions in (first["title"] + " ".join(first["evidence"])).lower(), context
    assert elapsed < DEADLINE, context
    assert "Traceback" not in stderr, context
