"""Every finding's parameters, exactly: they fill the remediation texts, so a lost or renamed one is a bug."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from netcheck.model import Finding, Outcome, Reason, Severity, Status
from netcheck.report_model import HomeServer
from netcheck.rules.web import human
from tests.helpers import GATEWAYS, WEB, cross, dns, healthy, tcp
from tests.helpers import findings as diagnose
from tests.test_rules_local import HOME, machine
from tests.test_rules_web import dated, proxy_out, tls_out, tunnels

WARN, CONFLICT = Status.WARN, Reason.CONFLICT


def only(outs: list[Outcome], fid: str, *args: Any) -> Finding:
    return next(f for f in diagnose(outs, *args) if f.id == fid)


@pytest.mark.parametrize(
    ("outcome", "fid", "params"),
    [
        (machine("machine:route-interface", vpn=True, interface="wg0"), "vpn-default-route", {"interface": "wg0"}),
        (machine("machine:route-interface", vpn=True), "vpn-default-route", {"interface": ""}),
        (
            machine("machine:memory", WARN, Reason.INSUFFICIENT, available_mb=400, needed_mb=1024),
            "low-memory",
            {"available_mb": 400, "needed_mb": 1024},
        ),
        (
            machine(
                "machine:tws-memory",
                WARN,
                Reason.MISCONFIGURED,
                total_mb=8000,
                problems=[{"vmoptions": "/j/tws.vmoptions", "xmx_mb": 768, "limit_mb": 1024}, {"vmoptions": "/2"}],
            ),
            "tws-memory",
            {"vmoptions": "/j/tws.vmoptions", "xmx_mb": 768, "limit_mb": 1024, "total_mb": 8000},
        ),
        (
            machine("machine:tws-memory", WARN, Reason.MISCONFIGURED),
            "tws-memory",
            {"vmoptions": "", "xmx_mb": None, "limit_mb": None, "total_mb": None},
        ),
        (
            machine("machine:tws-install", Status.SKIP, Reason.NOT_APPLICABLE, searched=["/opt/Jts", "~/Jts"]),
            "tws-not-found",
            {"searched": "/opt/Jts, ~/Jts"},
        ),
        (machine("machine:tws-install", Status.SKIP, Reason.NOT_APPLICABLE), "tws-not-found", {"searched": ""}),
        (
            machine("machine:sessions", WARN, CONFLICT, duplicates=[{"installation": "/j", "pids": [11, 12]}]),
            "tws-session-running",
            {"installation": "/j", "pids": "11, 12"},
        ),
        (
            machine("machine:sessions", WARN, CONFLICT, duplicates=[{}]),
            "tws-session-running",
            {"installation": "", "pids": ""},
        ),
        (
            machine(
                "machine:api-port:7497",
                WARN,
                CONFLICT,
                holders=[{"name": "java", "pid": 7}, {"pid": 8}],
            ),
            "api-port-conflict",
            {"ports": "7497", "held_by": "7497: java (pid 7), ? (pid 8)"},
        ),
        (
            machine("machine:api-port:7497", WARN, CONFLICT),
            "api-port-conflict",
            {"ports": "7497", "held_by": "7497: "},
        ),
    ],
)
def test_machine_finding_params(outcome: Outcome, fid: str, params: dict[str, Any]) -> None:
    f = only(healthy() + [outcome], fid)
    assert dict(f.params) == params and f.checks == (outcome.check.id,)


@pytest.mark.parametrize(
    ("home", "params"),
    [
        (HOME, {"server": "zdc1.ibllc.com", "region": "Europe", "jts_ini": "/j/jts.ini"}),
        (HomeServer("zdc1.ibllc.com", region="america-east"), {"region": "America East", "jts_ini": ""}),
        (HomeServer("zdc1.ibllc.com"), {"region": "?", "jts_ini": ""}),
    ],
)
def test_home_server_params(home: HomeServer, params: dict[str, Any]) -> None:
    outs = [o for o in healthy(**{f"zdc1.ibllc.com:{p}": Reason.TIMEOUT for p in (4000, 4001)})]
    outs = [o for o in outs if not (o.check.host == "zdc1.ibllc.com" and o.check.kind.value == "dns")]
    outs += [dns("zdc1.ibllc.com", "system", ["198.51.100.20"]), dns("ndc1.ibllc.com", "resolver", reason=Reason.ERROR)]
    f = only(outs, "home-server-unreachable", (), home)
    assert {k: f.params[k] for k in params} == params
    assert f.checks == ("tcp:zdc1.ibllc.com:4000@198.51.100.20", "tcp:zdc1.ibllc.com:4001@198.51.100.20")


def test_home_server_with_its_name_failing_lists_the_lookup_first() -> None:
    outs = healthy(**{f"zdc1.ibllc.com:{p}": Reason.TIMEOUT for p in (4000, 4001)})
    outs += [dns("zdc1.ibllc.com", "system", reason=Reason.NXDOMAIN)]
    f = only(outs, "home-server-unreachable", (), HOME)
    assert f.checks[0] == "dns:system:zdc1.ibllc.com" and len(f.checks) == 3


def test_no_home_server_host_means_no_finding() -> None:
    outs = healthy(**{f"zdc1.ibllc.com:{p}": Reason.TIMEOUT for p in (4000, 4001)})
    assert "home-server-unreachable" not in [f.id for f in diagnose(outs, (), HomeServer("", region="x"))]


def test_vmoptions_without_a_marker_line_names_the_file_alone() -> None:
    outs = healthy() + [tcp("ndc1.ibllc.com", 4001, "2001:db8::10", Reason.TIMEOUT, "america-east")]
    inst = [{"vmoptions": "/a.vmoptions", "prefer_ipv4": False}, {"vmoptions": "/b", "keep_marker_line": 3}]
    f = only(outs + [machine("machine:tws-install", installations=inst)], "ipv6-tws-vmoptions")
    assert f.params["files"] == "/a.vmoptions, /b (after line 3)"


def test_proxy_blocks_ports_params() -> None:
    outs = healthy() + tunnels()
    outs.append(proxy_out("connect", Reason.PROXY_ERROR, "zdc1.ibllc.com", 4001, "gateway"))
    outs.append(proxy_out("connect", Reason.TIMEOUT, "hdc1.ibllc.com", 4000, "gateway"))  # not a refusal
    outs.append(proxy_out("connect", Reason.PROXY_ERROR, "s3.amazonaws.com", 443, "web"))  # not a gateway
    f = only(outs, "proxy-blocks-ports")
    assert f.severity is Severity.WARN  # the direct path works
    assert dict(f.params) == {
        "proxy": "198.51.100.1:8888",
        "ports": "4000/4001",
        "pairs": "ndc1.ibllc.com:4000, ndc1.ibllc.com:4001, zdc1.ibllc.com:4001",
        "answer": "HTTP/1.0 403 Access violation; proxy-error",
    }


def test_proxy_unreachable_params() -> None:
    outs = healthy() + [proxy_out("reach", Reason.REFUSED), proxy_out("reach", Reason.TIMEOUT)]
    f = only(outs, "proxy-unreachable")
    assert f.severity is Severity.WARN
    assert dict(f.params) == {"proxy": "198.51.100.1:8888", "source": "HTTPS_PROXY", "reason": "refused, timeout"}
    dead = [o for o in healthy() if o.check.kind.value != "tcp"] + [proxy_out("reach", Reason.REFUSED)]
    assert only(dead, "proxy-unreachable").severity is Severity.FAIL


def test_tls_intercepted_params() -> None:
    outs = healthy()
    outs += [
        tls_out("www.interactivebrokers.com", Reason.TLS_UNTRUSTED, issuer="Corp CA", verify_error="self-signed"),
        tls_out("s3.amazonaws.com", Reason.TLS_UNTRUSTED, verify_error="unable to get issuer"),
    ]
    f = only(outs, "tls-intercepted")
    assert dict(f.params) == {
        "issuer": "Corp CA, unknown issuer",
        "hosts": "s3.amazonaws.com, www.interactivebrokers.com",
        "error": "self-signed; unable to get issuer",
    }
    plain = healthy() + [tls_out("s3.amazonaws.com", Reason.TLS_UNTRUSTED)]
    assert only(plain, "tls-intercepted").params["error"] == ""


@pytest.mark.parametrize(
    ("skew", "severity"),
    [(59.6, None), (60.0, None), (61.0, Severity.WARN), (300.0, Severity.WARN), (301.0, Severity.FAIL)],
)
def test_clock_skew_edges(skew: float, severity: Severity | None) -> None:
    outs = healthy() + [tls_out(h, **dated(skew)) for h in WEB]
    found = [f for f in diagnose(outs) if f.id == "clock-skew"]
    assert [f.severity for f in found] == ([severity] if severity else [])
    if found:
        assert {k: found[0].params[k] for k in ("samples", "warn_s", "fail_s")} == {
            "samples": 2,
            "warn_s": 60,
            "fail_s": 300,
        }


def test_clock_skew_claims_only_failed_tls_checks_with_a_clock_verify_code() -> None:
    expired = tls_out("s3.amazonaws.com", Reason.TLS_UNTRUSTED, verify_code=10)
    passed = replace(tls_out("www.interactivebrokers.com", verify_code=10), check=replace(expired.check, id="tls:x"))
    other = replace(
        tls_out("s3.amazonaws.com", Reason.TLS_UNTRUSTED, verify_code=20), check=replace(expired.check, id="tls:y")
    )
    outs = healthy() + [tls_out(h, **dated(-4000)) for h in WEB] + [expired, passed, other]
    f = only(outs, "clock-skew")
    assert f.checks[0] == expired.check.id and "tls:x" not in f.checks and "tls:y" not in f.checks[:1]


def test_offset_needs_both_the_date_and_our_time() -> None:
    outs = healthy() + [tls_out(h, server_date=dated(600)["server_date"]) for h in WEB]
    assert "clock-skew" not in [f.id for f in diagnose(outs)]


@pytest.mark.parametrize(
    ("seconds", "text"), [(0.0, "+0:00:00"), (0.4, "+0:00:00"), (-0.4, "-0:00:00"), (0.6, "+0:00:01")]
)
def test_human_sign(seconds: float, text: str) -> None:
    assert human(seconds) == text


def test_dns_nxdomain_params_over_two_hosts() -> None:
    hosts = ["zdc1.ibllc.com", "hdc1.ibllc.com"]
    outs = [o for o in healthy() if not (o.check.host in hosts and o.check.kind.value in ("dns", "dns-cross"))]
    for h in hosts:
        outs += [dns(h, "system", reason=Reason.NXDOMAIN, required=False), dns(h, "resolver", reason=Reason.NXDOMAIN)]
    outs += [cross("zdc1.ibllc.com", "203.0.113.153", reason=Reason.NXDOMAIN)]
    outs += [cross("hdc1.ibllc.com", "203.0.113.153", ["198.51.100.30"])]
    f = only(outs, "dns-nxdomain")  # zdc1 exists nowhere (issue 14): the host list's problem, not the DNS's
    assert f.severity is Severity.FAIL
    assert dict(f.params) == {"hosts": "hdc1.ibllc.com", "resolves_elsewhere": True}
    assert len(f.checks) == 2  # both lookups of the host the independent resolver knows
    assert "zdc1.ibllc.com" in only(outs, "host-nonexistent").params["hosts"]


def test_dns_nxdomain_on_one_path_only_is_not_nxdomain() -> None:
    host = "zdc1.ibllc.com"
    outs = [o for o in healthy() if not (o.check.host == host and o.check.kind.value == "dns")]
    outs += [dns(host, "system", reason=Reason.NXDOMAIN), dns(host, "resolver", ["198.51.100.20"])]
    assert "dns-nxdomain" not in [f.id for f in diagnose(outs)]


def test_dns_nxdomain_for_optional_names_only_is_a_warning() -> None:
    host = "s3.amazonaws.com"
    outs = [o for o in healthy() if not (o.check.host == host and o.check.kind.value == "dns")]
    outs += [dns(host, p, reason=Reason.NXDOMAIN, required=False) for p in ("system", "resolver")]
    f = only(outs, "dns-nxdomain")
    assert f.severity is Severity.WARN and f.params["resolves_elsewhere"] is False


def test_dns_mismatch_params_over_two_hosts_and_only_their_failed_connects() -> None:
    outs = [o for o in healthy() if o.check.kind.value != "dns-cross"]
    outs = [
        o for o in outs if not (o.check.host in ("ndc1.ibllc.com", "zdc1.ibllc.com") and o.check.kind.value == "dns")
    ]
    outs += [dns(h, p, ["10.1.1.1"]) for h in ("ndc1.ibllc.com", "zdc1.ibllc.com") for p in ("system", "resolver")]
    outs += [cross("ndc1.ibllc.com", "203.0.113.153")]  # answered, with no addresses
    outs += [tcp("hdc1.ibllc.com", 4001, "198.51.100.31", Reason.ERROR, "asia")]
    f = only(outs, "dns-mismatch")
    assert f.severity is Severity.WARN and f.params["hosts"] == "ndc1.ibllc.com, zdc1.ibllc.com"
    # both answers are evidence (issue 14): the local lookups and the independent one that disagreed
    assert len(f.checks) == 5 and all(c.startswith(("dns:", "dns-cross:")) for c in f.checks)


def test_dns_unreachable_names_every_server() -> None:
    outs = [o for o in healthy() if o.check.kind.value != "dns"]
    for h in GATEWAYS:
        outs += [dns(h, "system", reason=Reason.DNS_TIMEOUT, servers=["203.0.113.53", "203.0.113.54"])]
    f = only(outs, "dns-unreachable")
    assert f.params["servers"] == "203.0.113.53, 203.0.113.54"


@pytest.mark.parametrize(("required", "severity"), [((True, False), Severity.FAIL), ((False, False), Severity.WARN)])
def test_host_unreachable_and_leftovers_severity(required: tuple[bool, bool], severity: Severity) -> None:
    outs = [o for o in healthy() if o.check.port != 443]
    outs += [tcp(h, 443, a, Reason.TIMEOUT, required=r) for (h, a), r in zip(WEB.items(), required, strict=True)]
    outs += [dns("www.interactivebrokers.com", "system", reason=Reason.ERROR, required=required[0])]
    found = {f.id: f for f in diagnose(outs)}
    assert found["host-unreachable"].severity is severity
    assert found["host-unreachable"].params["hosts"] == "s3.amazonaws.com:443, www.interactivebrokers.com:443"
    assert found["check-failed"].severity is (Severity.FAIL if required[0] else Severity.WARN)
    assert found["check-failed"].checks == ("dns:system:www.interactivebrokers.com",)


def test_region_unreachable_names_every_dead_region() -> None:
    dead = {f"{h}:{p}": Reason.TIMEOUT for h in ("zdc1.ibllc.com", "hdc1.ibllc.com") for p in (4000, 4001)}
    assert only(healthy(**dead), "region-unreachable").params["regions"] == "asia, europe"


@pytest.mark.parametrize(("count", "lines"), [(12, 12), (13, 13), (14, 13)])
def test_evidence_is_capped_with_a_count_of_the_rest(count: int, lines: int) -> None:
    outs = healthy() + [tcp(f"h{i}.example.test", 443, "203.0.113.99", Reason.ERROR) for i in range(count)]
    f = only(outs, "host-unreachable")
    assert len(f.checks) == count and len(f.evidence) == lines
    assert (f.evidence[-1] == f"... and {count - 12} more") is (count > 12)
    assert all(isinstance(line, str) for line in f.evidence)


def _direct_dropped() -> list[Outcome]:
    outs = healthy(**{f"{h}:{p}": Reason.TIMEOUT for h in GATEWAYS for p in (4000, 4001)})
    outs = [o for o in outs if o.check.kind.value != "http"]
    return [replace(o, status=Status.FAIL, reason=Reason.TIMEOUT) if o.check.port == 443 else o for o in outs]


def test_proxy_only_through_a_web_tunnel_names_the_proxy() -> None:
    web = proxy_out("connect", host="www.interactivebrokers.com", port=443, role="web")
    f = only(_direct_dropped() + [web], "proxy-only")
    assert f.params["proxy"] == "198.51.100.1:8888" and "ndc1.ibllc.com:4000" in f.params["pairs"]


def test_a_gateway_tunnel_alone_is_not_proxy_only() -> None:
    gw = proxy_out("connect", host="ndc1.ibllc.com", port=4001, role="gateway")
    web = proxy_out("connect", Reason.PROXY_ERROR, "www.interactivebrokers.com", 443, "web")
    assert "proxy-only" not in [f.id for f in diagnose(_direct_dropped() + [gw, web])]


def test_a_web_tunnel_with_some_direct_connects_working_is_not_proxy_only() -> None:
    web = proxy_out("connect", host="www.interactivebrokers.com", port=443, role="web")
    outs = healthy(**{"ndc1.ibllc.com:4000": Reason.TIMEOUT}) + [web]
    assert "proxy-only" not in [f.id for f in diagnose(outs)]


def test_answers_without_an_address_list_are_no_mismatch() -> None:
    host = "s3.amazonaws.com"
    outs = [o for o in healthy() if not (o.check.host == host and o.check.kind.value == "dns")]
    bare = [replace(dns(host, p, ["203.0.113.41"]), detail={}) for p in ("system", "resolver")]
    outs += bare + [replace(cross(host, "203.0.113.153", ["203.0.113.41"]), detail={})]
    assert diagnose(outs) == []


def test_home_server_answering_on_one_port_is_reachable() -> None:
    outs = healthy(**{"zdc1.ibllc.com:4000": Reason.TIMEOUT})
    assert "home-server-unreachable" not in [f.id for f in diagnose(outs, (), HOME)]


def test_api_port_conflicts_on_two_ports_and_other_failures_left_out() -> None:
    outs = healthy() + [
        machine("machine:api-port:7496", WARN, CONFLICT, holders=[{"name": "a", "pid": 1}]),
        machine("machine:api-port:7497", WARN, CONFLICT, holders=[{"name": "b", "pid": 2}]),
        machine("machine:api-port:4001", WARN, Reason.ERROR),  # could not read the socket table
    ]
    f = only(outs, "api-port-conflict")
    assert dict(f.params) == {"ports": "7496/7497", "held_by": "7496: a (pid 1); 7497: b (pid 2)"}


def test_low_disk_params_over_two_folders() -> None:
    disk = "machine:disk:"
    outs = healthy() + [
        machine(disk + "tws", WARN, Reason.INSUFFICIENT, path="/j", free_mb=12, needed_mb=500),
        machine(disk + "temp", WARN, Reason.INSUFFICIENT, path="/tmp", free_mb=5, needed_mb=400),
    ]
    f = only(outs + [machine(disk + "other", WARN, Reason.ERROR, path="/x")], "low-disk")
    assert dict(f.params) == {"where": "/j (12 MB free), /tmp (5 MB free)", "needed_mb": 500}
    assert len(f.checks) == 2


def _ipv6_broken() -> list[Outcome]:
    return healthy() + [tcp("ndc1.ibllc.com", 4001, "2001:db8::10", Reason.TIMEOUT, "america-east")]


def test_tws_already_preferring_ipv4_names_every_file() -> None:
    inst = [{"vmoptions": "/a", "prefer_ipv4": True}, {"vmoptions": "/b", "prefer_ipv4": True}]
    f = only(_ipv6_broken() + [machine("machine:tws-install", installations=inst)], "ipv6-tws-prefers-ipv4")
    assert dict(f.params) == {"files": "/a, /b"}


def test_an_install_check_without_installations_adds_nothing() -> None:
    found = [f.id for f in diagnose(_ipv6_broken() + [machine("machine:tws-install")])]
    assert found == ["ipv6-broken"]


def test_proxy_names_join_and_a_missing_source_is_empty() -> None:
    a = proxy_out("reach", Reason.REFUSED)
    b = replace(a, check=replace(a.check, id="proxy:b", params={"mode": "reach", "proxy": "198.51.100.2:3128"}))
    f = only(healthy() + [a, b], "proxy-unreachable")
    assert (f.params["proxy"], f.params["source"]) == ("198.51.100.1:8888, 198.51.100.2:3128", ", HTTPS_PROXY")


def test_tls_error_list_leaves_out_checks_without_one() -> None:
    outs = healthy() + [
        tls_out("www.interactivebrokers.com", Reason.TLS_UNTRUSTED, verify_error="self-signed"),
        tls_out("s3.amazonaws.com", Reason.TLS_UNTRUSTED),
    ]
    assert only(outs, "tls-intercepted").params["error"] == "self-signed"
