"""SOCKS5 end to end: the real `netcheck run` in the lab client with ALL_PROXY pointing at a real
SOCKS server on the router (Dante refusing 4000/4001, microsocks allowing everything)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.lab import socks
from tests.lab.addressing import ROUTER_LAN_V4, ROUTER_LAN_V6
from tests.lab.extras import run_netcheck_env
from tests.lab.lab import Lab

pytestmark = pytest.mark.lab

TIMEOUT, DEADLINE = 1.0, 8.0
DIRECT_PATH = [80, 443, 4000, 4001]  # what a proxy-only office lets no client reach directly


def _server(lab: Lab, kind: str) -> Iterator[str]:
    problem = socks.missing_tool(kind)
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"SOCKS lab tests must run in CI but cannot: {problem}")
        pytest.skip(problem)
    url = socks.start(lab, kind)
    try:
        yield url
    finally:
        socks.stop(lab, kind)


@pytest.fixture
def dante(healthy_lab: Lab) -> Iterator[str]:
    yield from _server(healthy_lab, socks.DANTE)


@pytest.fixture
def microsocks(healthy_lab: Lab) -> Iterator[str]:
    yield from _server(healthy_lab, socks.MICROSOCKS)


def run(lab: Lab, all_proxy: str) -> tuple[int, dict[str, Any], str]:
    env = {"ALL_PROXY": all_proxy}
    code, report, stdout, stderr, elapsed = run_netcheck_env(
        lab, env, "--timeout", str(TIMEOUT), "--deadline", str(DEADLINE), timeout=DEADLINE + 30
    )
    context = f"exit {code}, {elapsed:.2f}s\nstdout: {stdout[:5000]}\nstderr: {stderr[-3000:]}"
    assert report is not None, context
    assert elapsed < DEADLINE + 2, context  # the deadline plus interpreter start-up
    assert "Traceback" not in stderr, context
    for f in report["findings"]:
        if f["severity"] in ("fail", "warn"):
            assert f["remediation"].strip() and f["admin"].strip(), f"{f['id']} lacks text\n{context}"
    return code, report, context


def severities(report: dict[str, Any]) -> dict[str, str]:
    return {f["id"]: f["severity"] for f in report["findings"]}


def tunnels(report: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """The proxy-connect checks by target port."""
    return {int(c["id"].rsplit(":", 1)[1]): c for c in report["checks"] if c["id"].startswith("proxy-connect:")}


def test_socks_proxy_only_network_refusing_the_gateway_ports(healthy_lab: Lab, dante: str) -> None:
    """Direct web and gateway ports dropped; Dante tunnels 443 and refuses 4000/4001 (reply 2)."""
    healthy_lab.block_ports(DIRECT_PATH, "drop")
    code, report, context = run(healthy_lab, dante)
    assert {i for i, s in severities(report).items() if s == "fail"} == {"proxy-only", "proxy-blocks-ports"}, context
    assert code == 1, context
    through = tunnels(report)
    assert through[443]["status"] == "pass" and through[443]["detail"]["socks_reply"] == 0, context
    for port in (4000, 4001):
        assert through[port]["reason"] == "proxy-error" and through[port]["detail"]["socks_reply"] == 2, context
        assert "not allowed" in through[port]["detail"]["error"], context
    assert "4000/4001" in next(f for f in report["findings"] if f["id"] == "proxy-blocks-ports")["title"], context
    log = (healthy_lab.workdir / f"{socks.DANTE}.log").read_text(errors="replace")
    assert "block(" in log and ".4001" in log, log[-2000:]  # Dante itself refused, by its rule


@pytest.mark.parametrize("address", [ROUTER_LAN_V4, ROUTER_LAN_V6])
def test_socks_refusing_gateway_ports_on_an_open_network_is_a_warning(
    healthy_lab: Lab, dante: str, address: str
) -> None:
    """TWS goes direct, and the direct path is open: the proxy's refusal only matters if it becomes the only way."""
    host = f"[{address}]" if ":" in address else address
    code, report, context = run(healthy_lab, f"socks5://{host}:{socks.PORTS[socks.DANTE]}")
    assert {i: s for i, s in severities(report).items() if s != "info"} == {"proxy-blocks-ports": "warn"}, context
    assert code == 0, context
    reach = next(c for c in report["checks"] if c["id"].startswith("proxy:"))
    assert reach["status"] == "pass" and reach["detail"]["proxy_address"] == address, context


def test_socks_proxy_only_network_that_tunnels_everything(healthy_lab: Lab, microsocks: str) -> None:
    """microsocks tunnels 4000/4001 too: the one finding is that only a proxy gets out (TWS needs a proxifier)."""
    healthy_lab.block_ports(DIRECT_PATH, "drop")
    code, report, context = run(healthy_lab, microsocks)
    assert {i for i, s in severities(report).items() if s == "fail"} == {"proxy-only"}, context
    assert "proxy-blocks-ports" not in severities(report), context
    assert code == 1, context
    assert {p: c["detail"].get("socks_reply") for p, c in tunnels(report).items()} == {443: 0, 4000: 0, 4001: 0}, (
        context
    )


def test_socks_proxy_that_tunnels_everything_on_an_open_network(healthy_lab: Lab, microsocks: str) -> None:
    code, report, context = run(healthy_lab, microsocks)
    assert {i: s for i, s in severities(report).items() if s != "info"} == {}, context
    assert code == 0 and report["status"] in ("pass", "info"), context
    assert all(c["status"] == "pass" for c in tunnels(report).values()), context


def test_dead_socks_proxy(healthy_lab: Lab) -> None:
    """Nothing listens on the router's port: the kernel resets, and netcheck says so (not a timeout)."""
    code, report, context = run(healthy_lab, f"socks5://{ROUTER_LAN_V4}:1082")
    assert {i: s for i, s in severities(report).items() if s != "info"} == {"proxy-unreachable": "warn"}, context
    assert code == 0, context
    reach = next(c for c in report["checks"] if c["id"].startswith("proxy:"))
    assert reach["reason"] == "refused", context
    assert all(c["reason"] == "dependency" for c in tunnels(report).values()), context
