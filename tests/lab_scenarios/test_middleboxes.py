"""End-to-end: middleboxes a clean lab never shows. A proxy that wants a login, a DPI box resetting
ClientHellos that name IBKR, a path-MTU black hole. Each must name its one root cause and exit 1,
never check-failed or captive-portal."""

from __future__ import annotations

from typing import Any

import pytest

from tests.lab import middleboxes as mb
from tests.lab.extras import proxy_env, run_netcheck_env
from tests.lab.lab import Lab

pytestmark = pytest.mark.lab

TIMEOUT, DEADLINE = 1.0, 8.0


def run(lab: Lab, env: dict[str, str] | None = None) -> tuple[int, dict[str, Any], str]:
    code, report, stdout, stderr, elapsed = run_netcheck_env(
        lab, env or {}, "--timeout", str(TIMEOUT), "--deadline", str(DEADLINE), timeout=DEADLINE + 30
    )
    context = f"exit {code}, {elapsed:.2f}s\nstdout: {stdout[:6000]}\nstderr: {stderr[-3000:]}"
    assert report is not None, context
    assert elapsed < DEADLINE + 2 and "Traceback" not in stderr, context
    for f in report["findings"]:
        if f["severity"] in ("fail", "warn"):
            assert f["remediation"].strip() and f["admin"].strip(), f"{f['id']} lacks text\n{context}"
    return code, report, context


def verdict(report: dict[str, Any]) -> tuple[set[str], dict[str, dict[str, Any]]]:
    found = {f["id"]: f for f in report["findings"]}
    return {i for i, f in found.items() if f["severity"] == "fail"}, found


def test_a_proxy_demanding_a_login_is_proxy_auth_required(healthy_lab: Lab) -> None:
    """Only the proxy reaches the web, and it answers 407 (tinyproxy BasicAuth) to GET and CONNECT."""
    healthy_lab.block_ports([80, 443, 4000, 4001], "drop")
    with mb.auth_proxy(healthy_lab) as url:
        code, report, context = run(healthy_lab, proxy_env(url))
    fails, found = verdict(report)
    assert fails == {"proxy-auth-required"} and code == 1, context
    assert "captive-portal" not in found and "check-failed" not in found, context
    f = found["proxy-auth-required"]
    assert "Basic" in f["admin"] and f"{mb.ROUTER_LAN_V4}:{mb.AUTH_PROXY_PORT}" in f["title"], context


def test_a_dpi_box_resetting_ibkr_names_is_tls_blocked(healthy_lab: Lab) -> None:
    with mb.dpi(healthy_lab, mb.BLOCKED_NAME):
        code, report, context = run(healthy_lab)
    fails, found = verdict(report)
    assert fails == {"tls-blocked"} and code == 1, context
    evidence = " ".join(found["tls-blocked"]["evidence"])
    assert "www.interactivebrokers.com: reset" in evidence and "www.example.com: ok" in evidence, context


def test_a_path_mtu_black_hole_is_mtu_blackhole(healthy_lab: Lab) -> None:
    with mb.mtu_blackhole(healthy_lab):
        code, report, context = run(healthy_lab)
    fails, found = verdict(report)
    assert fails == {"mtu-blackhole"} and code == 1, context
    admin = found["mtu-blackhole"]["admin"]
    # MSS as the socket reports it (1460 less 12 bytes of TCP timestamps), IPv4 headers on top.
    assert "MSS 1448 (packets of 1488 bytes and more" in admin and "at most 576 bytes" in admin, context
