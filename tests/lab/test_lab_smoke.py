"""The lab itself: addresses resolve, gateways answer, and every knob has its intended effect."""

from __future__ import annotations

import email.utils
import time

import pytest

from tests.lab.addressing import HIJACK_V4
from tests.lab.lab import Lab

pytestmark = pytest.mark.lab

GATEWAY, BACKUP = "ndc1.ibllc.com", "ndc1_hb1.ibllc.com"


def connect(lab: Lab, host: str, port: int, family: str = "4", timeout: float = 1) -> dict:
    return lab.probe("--timeout", str(timeout), "connect", host, str(port), "--family", family)


def test_names_resolve_through_the_lab_resolver(healthy_lab: Lab) -> None:
    ep = healthy_lab.address_of(BACKUP)
    assert healthy_lab.probe("gai", BACKUP)["addrs"] == sorted([ep.v6, ep.v4])


@pytest.mark.parametrize("family", ["4", "6"])
def test_gateway_accepts_tcp_4001(healthy_lab: Lab, family: str) -> None:
    result = connect(healthy_lab, GATEWAY, 4001, family)
    ep = healthy_lab.address_of(GATEWAY)
    assert result["ok"], result
    assert result["addr"] == (ep.v4 if family == "4" else ep.v6)


# With zero latency the ICMPv6 error reaches the client while connect() still holds the socket,
# so Linux keeps it as a soft error and aborts only at the first SYN retransmission (~1 s).
# Real paths have latency: a 2 ms emulated delay makes the reject arrive as it would there.
@pytest.mark.parametrize(
    ("how", "family", "expected"),
    [
        ("drop", "4", "timeout"),
        ("drop", "6", "timeout"),
        ("reset", "4", "ECONNREFUSED"),
        ("reset", "6", "ECONNREFUSED"),
        ("icmp-admin", "4", "EHOSTUNREACH"),
        ("icmp-admin", "6", "EACCES"),
    ],
)
def test_block_ports_gives_the_intended_error(healthy_lab: Lab, how: str, family: str, expected: str) -> None:
    healthy_lab.impair(delay_ms=2)
    healthy_lab.block_ports([4000, 4001], how)
    result = connect(healthy_lab, GATEWAY, 4001, family)
    assert result["errname"] == expected, result
    assert expected == "timeout" or result["connect_ms"] < 100, result
    assert connect(healthy_lab, "www.interactivebrokers.com", 443, family)["ok"]


@pytest.mark.parametrize(
    ("mode", "rcode", "answers"),
    [
        ("normal", "NOERROR", []),  # filled in below from the address plan
        ("nxdomain", "NXDOMAIN", []),
        ("hijack", "NOERROR", [HIJACK_V4]),
    ],
)
def test_dns_modes_change_only_the_configured_resolver(
    healthy_lab: Lab, mode: str, rcode: str, answers: list[str]
) -> None:
    healthy_lab.dns(mode)
    answers = [healthy_lab.address_of(GATEWAY).v4] if mode == "normal" else answers
    local = healthy_lab.probe("resolve", GATEWAY)
    assert (local["rcode"], local["answers"]) == (rcode, answers)
    public = healthy_lab.probe("resolve", GATEWAY, "--server", healthy_lab.public_dns)
    assert public["answers"] == [healthy_lab.address_of(GATEWAY).v4]
    url_host = healthy_lab.probe("resolve", "connectivitycheck.gstatic.com")
    assert url_host["rcode"] == "NOERROR"


@pytest.mark.parametrize("mode", ["down", "down-drop"])
def test_dns_down_leaves_addresses_reachable(healthy_lab: Lab, mode: str) -> None:
    healthy_lab.dns(mode)
    assert not healthy_lab.probe("--timeout", "1", "resolve", GATEWAY)["ok"]
    assert connect(healthy_lab, healthy_lab.address_of(GATEWAY).v4, 4001)["ok"]


def test_captive_portal_redirects_http_and_keeps_dns(healthy_lab: Lab) -> None:
    healthy_lab.captive_portal(True)
    reply = healthy_lab.probe("--timeout", "2", "http", "http://connectivitycheck.gstatic.com/generate_204")
    assert reply["status"] == 302 and reply["headers"]["Location"].endswith("/login")
    assert healthy_lab.probe("resolve", GATEWAY)["rcode"] == "NOERROR"
    assert connect(healthy_lab, GATEWAY, 4001)["errname"] == "timeout"
    healthy_lab.captive_portal(False)
    assert healthy_lab.probe("http", "http://connectivitycheck.gstatic.com/generate_204")["status"] == 204


def test_https_endpoints_are_trusted_with_the_lab_ca(healthy_lab: Lab) -> None:
    ca = str(healthy_lab.ca_pem_path)
    assert healthy_lab.probe("http", "https://connectivitycheck.gstatic.com/generate_204", "--ca", ca)["status"] == 204
    page = healthy_lab.probe("http", "https://www.interactivebrokers.com/", "--ca", ca)
    assert page["status"] == 200 and "Date" in page["headers"]
    apple = healthy_lab.probe("http", "http://captive.apple.com/hotspot-detect.html")
    assert apple["body"] == "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>"


def test_clock_skew_moves_the_date_header(healthy_lab: Lab) -> None:
    healthy_lab.set_clock_skew(3600)
    page = healthy_lab.probe("http", "http://www.interactivebrokers.com/")
    served = email.utils.parsedate_to_datetime(page["headers"]["Date"]).timestamp()
    assert 3500 < served - time.time() < 3700


@pytest.mark.parametrize(("target", "status"), [("www.interactivebrokers.com:443", 200), ("ndc1.ibllc.com:4001", 403)])
def test_proxy_allows_connect_to_443_only(healthy_lab: Lab, target: str, status: int) -> None:
    host, port = healthy_lab.proxy_url.removeprefix("http://").rsplit(":", 1)
    assert healthy_lab.probe("proxy-connect", host, port, target)["status"] == status


def test_impairment_adds_round_trip_delay_and_is_removable(healthy_lab: Lab) -> None:
    healthy_lab.impair(delay_ms=300)
    slow = connect(healthy_lab, healthy_lab.address_of(GATEWAY).v4, 4001, timeout=3)
    assert slow["ok"] and slow["connect_ms"] >= 250, slow
    healthy_lab.impair(None)
    fast = connect(healthy_lab, healthy_lab.address_of(GATEWAY).v4, 4001)
    assert fast["ok"] and fast["connect_ms"] < 100, fast


def test_impairment_loss_drops_packets(healthy_lab: Lab) -> None:
    healthy_lab.impair(delay_ms=0, loss_pct=100)
    assert connect(healthy_lab, healthy_lab.address_of(GATEWAY).v4, 4001)["errname"] == "timeout"


def test_block_host_blackhole_ipv6_and_drop_all(healthy_lab: Lab) -> None:
    healthy_lab.block_host("zdc1.ibllc.com")
    assert connect(healthy_lab, "zdc1.ibllc.com", 4001)["errname"] == "timeout"
    assert connect(healthy_lab, GATEWAY, 4001)["ok"]
    healthy_lab.blackhole_ipv6()
    assert connect(healthy_lab, GATEWAY, 4001, "6")["errname"] == "timeout"
    assert connect(healthy_lab, GATEWAY, 4001, "4")["ok"]
    healthy_lab.drop_all_beyond_router()
    assert connect(healthy_lab, healthy_lab.address_of(GATEWAY).v4, 4001)["errname"] == "timeout"


def test_exec_client_runs_inside_the_client_namespace(healthy_lab: Lab) -> None:
    out = healthy_lab.exec_client("ip -4 -o addr show dev eth0").stdout
    assert "198.51.100.2/24" in out
