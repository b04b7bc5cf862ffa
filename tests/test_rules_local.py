"""Diagnosis of the machine checks and of the account's own server (pure: constructed outcomes)."""

from __future__ import annotations

from typing import Any

import pytest

from netcheck.diagnose import diagnose, overall
from netcheck.messages import finding_texts, translator
from netcheck.model import Check, Kind, Outcome, Reason, Severity, Status
from netcheck.report_model import HomeServer
from tests.helpers import cross, dns, healthy, tcp

HOME = HomeServer(host="zdc1.ibllc.com", port=4001, region="europe", source="/j/jts.ini")


def machine(cid: str, status: Status = Status.PASS, reason: Reason = Reason.OK, **detail: Any) -> Outcome:
    params: dict[str, Any] = {"port": int(cid.rsplit(":", 1)[1])} if cid.startswith("machine:api-port:") else {}
    return Outcome(
        Check(id=cid, kind=Kind.MACHINE, target=cid, required=False, params=params), status, reason, 1.0, detail
    )


def ids(findings: list[Any]) -> list[str]:
    return [f.id for f in findings]


def test_home_server_unreachable_is_the_headline_and_its_region_fails() -> None:
    outs = healthy(**{"zdc1.ibllc.com:4000": Reason.TIMEOUT, "zdc1.ibllc.com:4001": Reason.TIMEOUT})
    found = diagnose(outs, ("europe",), HOME).findings
    assert ids(found)[:2] == ["home-server-unreachable", "region-unreachable"]
    head = found[0]
    assert head.severity is Severity.FAIL and head.params["server"] == "zdc1.ibllc.com"
    assert head.params["region"] == "Europe"
    assert found[1].severity is Severity.FAIL  # the user's own region
    title, remediation, admin = finding_texts(head, translator())
    assert "zdc1.ibllc.com (Europe)" in title and "/j/jts.ini" in admin and remediation
    assert overall(found, outs) is Status.FAIL


def test_home_server_reachable_or_unknown_gives_no_finding() -> None:
    assert "home-server-unreachable" not in ids(diagnose(healthy(), (), HOME).findings)
    assert "home-server-unreachable" not in ids(diagnose(healthy(), ()).findings)  # no jts.ini
    other = HomeServer(host="sdc1.ibllc.com", region="")
    assert "home-server-unreachable" not in ids(diagnose(healthy(), (), other).findings)  # not tested at all


def test_home_server_name_not_resolving_counts_as_unreachable() -> None:
    outs = [o for o in healthy() if o.check.host != "zdc1.ibllc.com"]
    outs += [
        dns("zdc1.ibllc.com", "system", reason=Reason.NXDOMAIN),
        dns("zdc1.ibllc.com", "resolver", reason=Reason.NXDOMAIN),
    ]
    skip = Check(id="tcp:zdc1.ibllc.com:4001", kind=Kind.TCP, target="zdc1", host="zdc1.ibllc.com", port=4001)
    outs.append(Outcome(skip, Status.SKIP, Reason.DEPENDENCY, 0.0, {}))
    found = diagnose(outs, (), HOME).findings
    assert ids(found)[0] == "home-server-unreachable" and "dns-nxdomain" in ids(found)


def test_machine_findings_each_with_text() -> None:
    outs = healthy() + [
        machine("machine:route-interface", vpn=True, interface="wg0"),
        machine("machine:memory", Status.WARN, Reason.INSUFFICIENT, available_mb=400, needed_mb=1024),
        machine(
            "machine:tws-memory",
            Status.WARN,
            Reason.MISCONFIGURED,
            total_mb=8000,
            problems=[{"vmoptions": "/j/tws.vmoptions", "xmx_mb": 16384, "limit_mb": 8000}],
        ),
        machine(
            "machine:sessions",
            Status.WARN,
            Reason.CONFLICT,
            duplicates=[{"kind": "tws", "installation": "/j/1030", "pids": [10, 11]}],
        ),
        machine(
            "machine:api-port:7497",
            Status.WARN,
            Reason.CONFLICT,
            holders=[{"pid": 42, "name": "NinjaTrader.exe", "kind": None}],
        ),
        machine("machine:disk:temp", Status.WARN, Reason.INSUFFICIENT, path="/tmp", free_mb=12, needed_mb=500),
    ]
    found = {f.id: f for f in diagnose(outs).findings}
    assert set(found) >= {
        "vpn-default-route",
        "low-memory",
        "tws-memory",
        "tws-session-running",
        "api-port-conflict",
        "low-disk",
    }
    assert found["vpn-default-route"].severity is Severity.INFO
    assert found["api-port-conflict"].params["held_by"] == "7497: NinjaTrader.exe (pid 42)"
    assert found["tws-session-running"].params["pids"] == "10, 11"
    assert "check-failed" not in found  # every machine failure is explained
    for f in found.values():
        title, remediation, admin = finding_texts(f, translator())
        assert "{" not in title + remediation + admin, f.id


def test_no_tws_is_information_not_failure() -> None:
    na = {"why": "none", "searched": ["/home/ann/Jts"]}
    outs = healthy() + [
        machine(c, Status.SKIP, Reason.NOT_APPLICABLE, **na)
        for c in ("machine:tws-install", "machine:tws-memory", "machine:jts-ini", "machine:disk:tws")
    ]
    found = diagnose(outs).findings
    assert ids(found) == ["tws-not-found"] and found[0].severity is Severity.INFO
    assert overall(found, outs) is Status.PASS


def _ipv6_broken(prefer: bool) -> list[Outcome]:
    outs = healthy() + [tcp("ndc1.ibllc.com", 4001, "2001:db8::10", Reason.TIMEOUT, "america-east")]
    inst = {"vmoptions": "/j/1030/tws.vmoptions", "prefer_ipv4": prefer, "keep_marker_line": 14}
    return outs + [machine("machine:tws-install", installations=[inst])]


def test_ipv6_broken_names_the_vmoptions_file_and_line() -> None:
    found = {f.id: f for f in diagnose(_ipv6_broken(prefer=False)).findings}
    assert found["ipv6-tws-vmoptions"].params["files"] == "/j/1030/tws.vmoptions (after line 14)"
    assert "ipv6-tws-prefers-ipv4" in ids(diagnose(_ipv6_broken(prefer=True)).findings)
    no_tws = healthy() + [machine("machine:tws-install", installations=[])]
    assert "ipv6-tws-vmoptions" not in ids(diagnose(no_tws).findings)


def _peer(host: str, required: bool, resolves: bool, **home: Any) -> tuple[list[Outcome], HomeServer]:
    """jts.ini names `host` (not in the run's healthy gateways); its connects fail or it exists nowhere."""
    outs = healthy()
    if resolves:
        outs += [tcp(host, p, "198.51.100.77", Reason.TIMEOUT, required=required) for p in (4000, 4001)]
    else:
        outs += [dns(host, p, reason=Reason.NXDOMAIN, required=required) for p in ("system", "resolver")]
        outs.append(cross(host, "203.0.113.153", reason=Reason.NXDOMAIN))
        c = Check(id=f"tcp:{host}:4001", kind=Kind.TCP, target=host, host=host, port=4001, required=required)
        outs.append(Outcome(c, Status.SKIP, Reason.DEPENDENCY, 0.0, {}))
    return outs, HomeServer(host=host, port=4001, source="/j/jts.ini", **home)


@pytest.mark.parametrize(
    ("required", "resolves", "fid", "severity"),
    [
        (True, True, "home-server-unreachable", Severity.FAIL),  # a gateway the host list requires
        (False, True, "home-server-unreachable", Severity.WARN),  # last used, maybe a template default
        (False, False, "home-server-retired", Severity.WARN),  # gdc1: exists nowhere, jts.ini is stale
        (True, False, "home-server-retired", Severity.WARN),
    ],
)
def test_peer_is_the_last_used_server_not_a_requirement(
    required: bool, resolves: bool, fid: str, severity: Severity
) -> None:
    outs, home = _peer("gdc1.ibllc.com", required, resolves)
    head = diagnose(outs, (), home).findings[0]
    assert (head.id, head.severity, head.params["server"]) == (fid, severity, "gdc1.ibllc.com")
    assert all(f.severity is not Severity.FAIL for f in diagnose(outs, (), home).findings) or required


def test_order_routing_server_cut_off_is_named() -> None:
    outs, _ = _peer("ndc2.ibllc.com", True, True)
    home = HomeServer(
        host="zdc1.ibllc.com", port=4001, region="europe", source="/j/jts.ini", order_host="ndc2.ibllc.com"
    )
    head = diagnose(outs, (), home).findings[0]
    assert (head.id, head.params["server"]) == ("home-server-unreachable", "ndc2.ibllc.com")


@pytest.mark.parametrize(("use_ssl", "warned"), [(False, True), (True, False), (None, False)])
def test_use_ssl_false_warns(use_ssl: bool | None, warned: bool) -> None:
    home = HomeServer(host="zdc1.ibllc.com", port=4001, region="europe", source="/j/jts.ini", use_ssl=use_ssl)
    outs = healthy() + [machine("machine:jts-ini", path="/j/jts.ini")]
    found = {f.id: f for f in diagnose(outs, (), home).findings}
    assert ("tws-ssl-off" in found) is warned
    if warned:
        assert (
            found["tws-ssl-off"].severity is Severity.WARN
            and "/j/jts.ini" in finding_texts(found["tws-ssl-off"], translator())[1]
        )


@pytest.mark.parametrize(
    ("ibc", "prefer", "expected"),
    [
        (True, False, "ipv6-tws-ibc"),  # IBC on Linux/macOS drops -D lines: no vmoptions advice
        (True, True, "ipv6-tws-ibc"),  # ... and no false reassurance
        (False, False, "ipv6-tws-vmoptions"),
        (False, True, "ipv6-tws-prefers-ipv4"),
    ],
)
def test_vmoptions_advice_is_not_given_under_ibc(ibc: bool, prefer: bool, expected: str) -> None:
    outs = _ipv6_broken(prefer) + [machine("machine:sessions", started_by_ibc=ibc)]
    tws = {i for i in ids(diagnose(outs).findings) if i.startswith("ipv6-tws")}
    assert tws == {expected}
