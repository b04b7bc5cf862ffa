"""Web-path planner: TLS on IBKR web hosts, each proxy's reach check and its CONNECT tunnels."""

from __future__ import annotations

import pytest

from netcheck.model import Check, HostEntry, HostList, Kind
from netcheck.planner.web import proxy_reach_check, proxy_tunnel_checks, tls_check, wants_tls
from netcheck.platform.proxy import Proxy

GW_OPT = HostEntry("zdc1.ibllc.com", (4000, 4001), "TWS gateway", "europe", required=False)
GW = HostEntry("ndc1.ibllc.com", (4000, 4001), "TWS gateway", "america-east")
WEB_OPT = HostEntry("s3.amazonaws.com", (443,), "downloads", required=False)
WEB = HostEntry("www.interactivebrokers.com", (443, 80), "IBKR website")
PLAIN = HostEntry("plain.example.test", (80,), "web on 80 only")
PROXY = Proxy("http", "198.51.100.8", 3128, "HTTPS_PROXY", ("https", "http"))
PARAMS = {
    "proxy_host": "198.51.100.8",
    "proxy_port": 3128,
    "proxy": "198.51.100.8:3128",
    "scheme": "http",
    "source": "HTTPS_PROXY",
    "applies_to": ["https", "http"],
}


def test_tls_check_goes_to_the_address_tcp_used() -> None:
    assert tls_check(WEB, "2001:db8::40") == Check(
        "tls:www.interactivebrokers.com:443@2001:db8::40",
        Kind.TLS,
        "www.interactivebrokers.com:443 TLS ([2001:db8::40])",
        host=WEB.name,
        port=443,
        address="2001:db8::40",
        required=True,
        region="",
        params={"purpose": "IBKR website"},
    )


@pytest.mark.parametrize(("host", "wanted"), [(WEB, True), (WEB_OPT, True), (PLAIN, False), (GW, False)])
def test_tls_only_for_web_hosts_on_443(host: HostEntry, wanted: bool) -> None:
    assert wants_tls(host) is wanted


def test_reach_check_is_optional_and_names_where_the_setting_came_from() -> None:
    assert proxy_reach_check(PROXY) == Check(
        "proxy:198.51.100.8:3128",
        Kind.PROXY,
        "proxy 198.51.100.8:3128 (from HTTPS_PROXY)",
        host="198.51.100.8",
        port=3128,
        required=False,
        params={"mode": "reach", **PARAMS},
    )


def test_tunnels_go_to_the_first_required_web_host_and_gateway_on_each_port() -> None:
    hl = HostList(hosts=(WEB_OPT, GW_OPT, WEB, GW, PLAIN))
    checks = proxy_tunnel_checks(PROXY, hl)
    assert [c.id for c in checks] == [
        "proxy-connect:198.51.100.8:3128>www.interactivebrokers.com:443",
        "proxy-connect:198.51.100.8:3128>ndc1.ibllc.com:4000",
        "proxy-connect:198.51.100.8:3128>ndc1.ibllc.com:4001",
    ]
    assert checks[1] == Check(
        "proxy-connect:198.51.100.8:3128>ndc1.ibllc.com:4000",
        Kind.PROXY,
        "ndc1.ibllc.com:4000 through proxy 198.51.100.8:3128",
        host="ndc1.ibllc.com",
        port=4000,
        required=False,
        region="america-east",
        params={"mode": "connect", **PARAMS, "role": "gateway"},
    )
    assert checks[0].params["role"] == "web"


@pytest.mark.parametrize(
    ("hosts", "targets"),
    [
        ((WEB_OPT, GW_OPT), ["s3.amazonaws.com:443", "zdc1.ibllc.com:4000", "zdc1.ibllc.com:4001"]),  # none required
        ((GW,), ["ndc1.ibllc.com:4000", "ndc1.ibllc.com:4001"]),
        ((PLAIN, WEB_OPT), ["s3.amazonaws.com:443"]),  # web on port 80 only cannot test a 443 tunnel
        ((PLAIN,), []),
        ((), []),
    ],
)
def test_tunnel_targets(hosts: tuple[HostEntry, ...], targets: list[str]) -> None:
    checks = proxy_tunnel_checks(PROXY, HostList(hosts=hosts))
    assert [f"{c.host}:{c.port}" for c in checks] == targets
