"""End-to-end (issue 14 items 3 and 8): a client with no IPv6 is healthy, and a router that answers
4000/4001 itself is `ports-intercepted`, never a pass or check-failed."""

from __future__ import annotations

import pytest

from tests.lab import intercept
from tests.lab.lab import Lab
from tests.lab_scenarios.test_middleboxes import run, verdict

pytestmark = pytest.mark.lab


@pytest.mark.parametrize("how", ["disabled", "no-route"])
def test_a_client_without_ipv6_is_healthy(healthy_lab: Lab, how: str) -> None:
    with intercept.no_ipv6(healthy_lab, how):
        code, report, context = run(healthy_lab)
    fails, found = verdict(report)
    assert code == 0 and not fails, context
    assert not [i for i, f in found.items() if f["severity"] == "warn"], context
    assert "ipv6-broken" not in found, context
    kinds = ("tcp", "tls", "canary")
    v6_connects = [c for c in report["checks"] if c["kind"] in kinds and ":" in c["id"].rsplit("@", 1)[-1]]
    assert v6_connects, context  # the AAAA answers were there: not connected to
    assert all(c["status"] == "skip" for c in v6_connects), context


def test_a_router_answering_4000_4001_itself_is_ports_intercepted(healthy_lab: Lab) -> None:
    with intercept.intercept_ports(healthy_lab):
        code, report, context = run(healthy_lab)
    fails, found = verdict(report)
    assert fails == {"ports-intercepted"} and code == 1, context
    assert "check-failed" not in found, context
    f = found["ports-intercepted"]
    assert "4000/4001" in f["title"], context
    assert any(line.startswith("203.0.113.153:4001") for line in f["evidence"]), context


def test_the_healthy_lab_canary_is_refused(healthy_lab: Lab) -> None:
    code, report, context = run(healthy_lab)
    canaries = [c for c in report["checks"] if c["kind"] == "canary"]
    assert canaries and all(c["status"] == "pass" for c in canaries), context
    assert code == 0 and "ports-intercepted" not in verdict(report)[1], context
