"""End-to-end web-path scenarios: proxy only, dead proxy, TLS interception, clock skew."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.lab.addressing import ROUTER_LAN_V4
from tests.lab.extras import INSPECTION_CA, proxy_env, run_netcheck_env, tls_inspection
from tests.lab.lab import Lab

pytestmark = pytest.mark.lab

TIMEOUT, DEADLINE = 1.0, 8.0
DEAD_PROXY = f"http://trader:hunter2@{ROUTER_LAN_V4}:3129"  # nothing listens there: the router resets


def run(lab: Lab, env: dict[str, str] | None = None) -> tuple[int, dict[str, Any], str]:
    code, report, stdout, stderr, elapsed = run_netcheck_env(
        lab, env or {}, "--timeout", str(TIMEOUT), "--deadline", str(DEADLINE), timeout=DEADLINE + 30
    )
    context = f"exit {code}, {elapsed:.2f}s\nstdout: {stdout[:4000]}\nstderr: {stderr[-3000:]}"
    assert report is not None, context
    assert elapsed < DEADLINE + 2, context  # the deadline plus interpreter start-up
    assert "Traceback" not in stderr, context
    for f in report["findings"]:
        if f["severity"] in ("fail", "warn"):
            assert f["remediation"].strip() and f["admin"].strip(), f"{f['id']} lacks text\n{context}"
    return code, report, context


def fails(report: dict[str, Any]) -> set[str]:
    return {f["id"] for f in report["findings"] if f["severity"] == "fail"}


def finding(report: dict[str, Any], fid: str) -> dict[str, Any]:
    return next(f for f in report["findings"] if f["id"] == fid)


def test_proxy_only_network(healthy_lab: Lab) -> None:
    """Direct web and gateway ports dropped; tinyproxy on the router (CONNECT 443 only) works."""
    healthy_lab.block_ports([80, 443, 4000, 4001], "drop")
    code, report, context = run(healthy_lab, proxy_env(healthy_lab.proxy_url))
    assert fails(report) == {"proxy-only", "proxy-blocks-ports"}, context
    assert code == 1, context
    only = finding(report, "proxy-only")
    assert "4000" in only["remediation"] and "Proxifier" in only["remediation"], context
    assert "ndc1.ibllc.com:4001" in only["admin"], context
    assert "4000/4001" in finding(report, "proxy-blocks-ports")["title"], context


def test_proxy_configured_but_dead(healthy_lab: Lab) -> None:
    code, report, context = run(healthy_lab, proxy_env(DEAD_PROXY))
    assert "proxy-unreachable" in {f["id"] for f in report["findings"]}, context
    assert fails(report) == set() and code == 0, context
    assert f"{ROUTER_LAN_V4}:3129" in finding(report, "proxy-unreachable")["title"], context
    assert "hunter2" not in context and "trader" not in context  # credentials never shown


@pytest.fixture
def inspected(healthy_lab: Lab) -> Iterator[Lab]:
    tls_inspection(healthy_lab, True)
    yield healthy_lab
    tls_inspection(healthy_lab, False)


def test_tls_interception_names_the_inspection_ca(inspected: Lab) -> None:
    code, report, context = run(inspected)
    assert fails(report) == {"tls-intercepted"}, context
    assert code == 1, context
    f = finding(report, "tls-intercepted")
    assert INSPECTION_CA in f["title"] and "www.interactivebrokers.com" in f["admin"], context


def test_clock_skew(healthy_lab: Lab) -> None:
    healthy_lab.set_clock_skew(-3600)  # servers an hour behind: this computer is an hour ahead
    code, report, context = run(healthy_lab)
    assert fails(report) == {"clock-skew"}, context
    assert code == 1, context
    assert "+1:00:0" in finding(report, "clock-skew")["title"], context
