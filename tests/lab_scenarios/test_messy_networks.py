"""End-to-end, issue 14 part A: networks that are merely messy pass quietly, and a proxy-only network
without DNS is called proxy-only, not a DNS fault. The real `netcheck run` in the lab's client."""

from __future__ import annotations

from typing import Any

import pytest

from tests.lab.extras import proxy_env, run_netcheck_env
from tests.lab.lab import Lab
from tests.lab.messy import cdn_answers, names_nowhere, no_dns_proxy_only

pytestmark = pytest.mark.lab

TIMEOUT, DEADLINE = 1.0, 8.0
CDN_NAMES = ("www.interactivebrokers.com", "s3.amazonaws.com", "download.interactivebrokers.com", "ndc1.ibllc.com")
RETIRED = ("gdc1.ibllc.com", "ndc1-hb2.ibllc.com", "cdc1_hb1.ibllc.com", "mcgw1-hb2.ibllc.com.cn")


def run(lab: Lab, env: dict[str, str] | None = None) -> tuple[int, dict[str, Any], str]:
    code, report, stdout, stderr, elapsed = run_netcheck_env(
        lab, env or {}, "--timeout", str(TIMEOUT), "--deadline", str(DEADLINE), timeout=DEADLINE + 30
    )
    context = f"exit {code}, {elapsed:.2f}s\nstdout: {stdout[:4000]}\nstderr: {stderr[-3000:]}"
    assert report is not None, context
    assert elapsed < DEADLINE + 2, context  # the deadline plus interpreter start-up
    assert "Traceback" not in stderr, context
    return code, report, context


def by_severity(report: dict[str, Any]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {"info": set(), "warn": set(), "fail": set()}
    for f in report["findings"]:
        out[f["severity"]].add(f["id"])
    return out


def test_cdn_answers_that_verify_are_healthy(healthy_lab: Lab) -> None:
    with cdn_answers(healthy_lab, CDN_NAMES) as edges:
        code, report, context = run(healthy_lab)
    sev = by_severity(report)
    assert code == 0 and report["status"] == "pass", context
    assert sev["warn"] == sev["fail"] == set(), context
    assert "dns-differs" in sev["info"], context
    differs = next(f for f in report["findings"] if f["id"] == "dns-differs")
    evidence = " ".join(differs["evidence"])
    for name, edge in edges.items():  # judged per host, with both answers shown
        assert name in differs["admin"] and edge.v4 in evidence, context
        assert healthy_lab.address_of(name).v4 in evidence, context


def test_names_that_exist_nowhere_are_the_host_lists_problem(healthy_lab: Lab) -> None:
    with names_nowhere(healthy_lab, RETIRED):
        code, report, context = run(healthy_lab)
    sev = by_severity(report)
    assert code == 0 and report["status"] == "pass", context
    assert sev["warn"] == sev["fail"] == set(), context
    nowhere = next(f for f in report["findings"] if f["id"] == "host-nonexistent")
    assert all(name in nowhere["title"] for name in RETIRED), context
    assert "dns-nxdomain" not in sev["info"], context


def test_no_dns_proxy_only_network_is_proxy_only(healthy_lab: Lab) -> None:
    no_dns_proxy_only(healthy_lab)
    code, report, context = run(healthy_lab, proxy_env(healthy_lab.proxy_url))
    ids = {f["id"] for f in report["findings"]}
    assert code == 1 and "proxy-only" in by_severity(report)["fail"], context
    assert not ids & {"dns-unreachable", "check-failed", "captive-portal", "no-internet"}, context
    assert report["findings"][0]["id"] == "proxy-only", context
    only = report["findings"][0]
    assert "dns-timeout" in " ".join(only["evidence"]), context  # the dead resolver is its evidence
    assert "ndc1.ibllc.com:4001" in only["admin"], context
