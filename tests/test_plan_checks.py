"""Planner: host entries in, Checks out. Ids, targets and params are stable: history and metrics key on them."""

from __future__ import annotations

import pytest

from netcheck.model import Check, HostEntry, HostList, Kind, Reachability
from netcheck.planner import checks as plan

GW = HostEntry("ndc1.ibllc.com", (4000, 4001), "TWS gateway", "america-east")
WEB = HostEntry("www.interactivebrokers.com", (443,), "IBKR website", required=False)


def test_local_checks_are_the_interfaces_and_both_default_routes() -> None:
    assert plan.local_checks() == [
        Check("local:interfaces", Kind.LOCAL, "network interfaces", params={"what": "interfaces"}),
        Check("local:route:ipv4", Kind.LOCAL, "IPv4 default route", params={"what": "route", "family": 4}),
        Check(
            "local:route:ipv6",
            Kind.LOCAL,
            "IPv6 default route",
            required=False,  # many networks have no IPv6; TWS then uses IPv4
            params={"what": "route", "family": 6},
        ),
    ]


def test_machine_checks_are_optional_and_carry_the_tws_folders() -> None:
    checks = plan.machine_checks(("/opt/Jts",))
    assert [c.id for c in checks] == [
        "machine:route-interface",
        "machine:memory",
        "machine:tws-install",
        "machine:tws-memory",
        "machine:jts-ini",
        "machine:sessions",
        "machine:tws-writable",
        "machine:tws-version",
        "machine:tws-quarantine",
        "machine:api-port:7496",
        "machine:api-port:7497",
        "machine:api-port:4001",
        "machine:api-port:4002",
        "machine:disk:tws",
        "machine:disk:temp",
    ]
    assert all(c.kind is Kind.MACHINE and c.required is False and c.params["tws_dirs"] == ("/opt/Jts",) for c in checks)
    assert [c.params["what"] for c in checks[:6]] == [
        "route-interface",
        "memory",
        "tws-install",
        "tws-memory",
        "jts-ini",
        "sessions",
    ]
    assert checks[0].target == "interface carrying the default route"
    assert [c.target for c in checks[3:9]] == [
        "TWS memory setting (-Xmx)",
        "TWS settings (jts.ini)",
        "TWS / IB Gateway sessions running",
        "TWS folders writable by this user",
        "TWS build (offline or auto-updating) and version",
        "macOS download quarantine on TWS",
    ]


@pytest.mark.parametrize(
    ("index", "port", "app", "mode"),
    [
        (9, 7496, "tws", "live"),
        (10, 7497, "tws", "paper"),
        (11, 4001, "gateway", "live"),
        (12, 4002, "gateway", "paper"),
    ],
)
def test_api_port_checks_name_the_application_and_mode(index: int, port: int, app: str, mode: str) -> None:
    c = plan.machine_checks(())[index]
    assert c.target == f"local API port {port} ({app} {mode})"
    assert dict(c.params) == {"what": "api-port", "tws_dirs": (), "port": port, "expected": app, "mode": mode}


def test_disk_checks_say_where() -> None:
    tws, temp = plan.machine_checks(())[-2:]
    assert (tws.target, dict(tws.params)) == (
        "free disk space in the TWS folder",
        {"what": "disk", "tws_dirs": (), "where": "tws"},
    )
    assert (temp.target, dict(temp.params)) == (
        "free disk space in the temp folder",
        {"what": "disk", "tws_dirs": (), "where": "temp"},
    )
    assert plan.machine_checks(())[1].target == "free memory"
    assert plan.machine_checks(())[2].target == "TWS / IB Gateway installation"


def test_reachability_checks_carry_what_to_expect() -> None:
    hl = HostList(hosts=(), reachability=(Reachability("http://example.test/204", 204, "ok"),))
    assert plan.reachability_checks(hl) == [
        Check(
            "http:http://example.test/204",
            Kind.HTTP,
            "http://example.test/204",
            url="http://example.test/204",
            params={"expect_status": 204, "expect_body": "ok"},
        )
    ]


def test_dns_checks_ask_both_local_paths_then_each_independent_resolver() -> None:
    common = {"host": GW.name, "required": True, "region": "america-east"}
    assert plan.dns_checks(GW, ("203.0.113.153",)) == [
        Check(
            "dns:system:ndc1.ibllc.com",
            Kind.DNS,
            "ndc1.ibllc.com (system resolver)",
            params={"path": "system"},
            **common,  # type: ignore[arg-type]
        ),
        Check(
            "dns:resolver:ndc1.ibllc.com",
            Kind.DNS,
            "ndc1.ibllc.com (configured DNS servers)",
            params={"path": "resolver"},
            **common,  # type: ignore[arg-type]
        ),
        Check(
            "dns-cross:ndc1.ibllc.com@203.0.113.153",
            Kind.DNS_CROSS,
            "ndc1.ibllc.com @203.0.113.153",
            host=GW.name,
            server="203.0.113.153",
            required=False,  # an independent resolver out of reach is no fault of this network
            region="america-east",
        ),
    ]
    assert not plan.dns_checks(WEB, ())[0].required


@pytest.mark.parametrize(("address", "shown"), [("198.51.100.10", "198.51.100.10"), ("2001:db8::10", "[2001:db8::10]")])
def test_tcp_check_names_host_port_and_address(address: str, shown: str) -> None:
    assert plan.tcp_check(GW, 4001, address) == Check(
        f"tcp:ndc1.ibllc.com:4001@{address}",
        Kind.TCP,
        f"ndc1.ibllc.com:4001 ({shown})",
        host=GW.name,
        port=4001,
        address=address,
        required=True,
        region="america-east",
        params={"purpose": "TWS gateway", "resolved_by": "system"},
    )
    assert plan.tcp_check(WEB, 443, address, "resolver").params["resolved_by"] == "resolver"
    assert not plan.tcp_check(WEB, 443, address).required


def test_address_check_adds_a_label_and_extra_params() -> None:
    c = plan.address_check(WEB, Kind.TLS, 443, "203.0.113.40", " TLS", sni="x")
    assert (c.id, c.target) == (
        "tls:www.interactivebrokers.com:443@203.0.113.40",
        "www.interactivebrokers.com:443 TLS (203.0.113.40)",
    )
    assert dict(c.params) == {"purpose": "IBKR website", "sni": "x"}


def test_placeholder_stands_for_a_port_with_no_address() -> None:
    assert plan.tcp_placeholder(GW, 4000) == Check(
        "tcp:ndc1.ibllc.com:4000",
        Kind.TCP,
        "ndc1.ibllc.com:4000",
        host=GW.name,
        port=4000,
        required=True,
        region="america-east",
        params={"purpose": "TWS gateway"},
    )
    assert not plan.tcp_placeholder(WEB, 443).required
