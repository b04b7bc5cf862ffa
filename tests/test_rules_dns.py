"""DNS rules with constructed outcomes: CDN answers cleared, bogons caught, names that exist nowhere,
and the dead resolver of a proxy-only network as proxy-only's evidence."""

from __future__ import annotations

from typing import Any

import pytest

from netcheck.diagnose import diagnose
from netcheck.model import Check, Kind, Outcome, Reason, Severity, Status
from tests.helpers import GATEWAYS, HTTP_URL, WEB, cross, dns, healthy, http, local, tcp
from tests.test_rules_web import tunnels

PUBLIC = "203.0.113.153"
CDN_LOCAL, CDN_ELSEWHERE = "203.0.113.60", "198.51.100.60"


def ids(outs: list[Outcome]) -> list[str]:
    return [f.id for f in diagnose(outs).findings]


def tls(host: str, address: str, reason: Reason = Reason.OK, required: bool = True) -> Outcome:
    check = Check(
        id=f"tls:{host}:443@{address}",
        kind=Kind.TLS,
        target=host,
        host=host,
        port=443,
        address=address,
        required=required,
    )
    status = Status.PASS if reason is Reason.OK else (Status.FAIL if required else Status.WARN)
    return Outcome(check, status, reason, 40.0, {})


def web_host(
    host: str, local_addr: str, public_addr: str, tls_reason: Reason | None, tcp_reason: Reason
) -> list[Outcome]:
    """A web host whose local answer is `local_addr`, the independent one `public_addr`."""
    outs = [o for o in healthy() if o.check.host != host]
    outs += [dns(host, "system", [local_addr]), dns(host, "resolver", [local_addr]), cross(host, PUBLIC, [public_addr])]
    outs.append(tcp(host, 443, local_addr, tcp_reason))
    return outs + ([tls(host, local_addr, tls_reason)] if tls_reason else [])


HOST = "www.interactivebrokers.com"


@pytest.mark.parametrize(
    ("local_addr", "public_addr", "tls_reason", "tcp_reason", "expected", "severity"),
    [
        # CDN: answers differ, the local one verifies for the name -> information only
        (CDN_LOCAL, CDN_ELSEWHERE, Reason.OK, Reason.OK, "dns-differs", Severity.INFO),
        # the same answer: nothing to say
        (CDN_LOCAL, CDN_LOCAL, Reason.OK, Reason.OK, None, None),
        # differs and the certificate does not verify: a hijack (interception is tls-intercepted's too)
        (CDN_LOCAL, CDN_ELSEWHERE, Reason.TLS_UNTRUSTED, Reason.OK, "dns-mismatch", Severity.WARN),
        # differs and nothing listens there
        (CDN_LOCAL, CDN_ELSEWHERE, None, Reason.TIMEOUT, "dns-mismatch", Severity.FAIL),
        # differs, TCP connects but no TLS check ran (deadline): not proven, so not cleared
        (CDN_LOCAL, CDN_ELSEWHERE, None, Reason.OK, "dns-mismatch", Severity.WARN),
        # a bogon answer is a mismatch even when it verifies (a split-horizon leak or a filter)
        ("10.1.2.3", CDN_ELSEWHERE, Reason.OK, Reason.OK, "dns-mismatch", Severity.WARN),
        ("100.64.0.1", "100.64.0.1", Reason.OK, Reason.OK, "dns-mismatch", Severity.WARN),
        # documentation ranges are not bogons (the lab's internet)
        ("192.0.2.7", "192.0.2.7", Reason.OK, Reason.OK, None, None),
    ],
)
def test_web_host_disagreement_table(
    local_addr: str,
    public_addr: str,
    tls_reason: Reason | None,
    tcp_reason: Reason,
    expected: str | None,
    severity: Severity | None,
) -> None:
    found = {f.id: f for f in diagnose(web_host(HOST, local_addr, public_addr, tls_reason, tcp_reason)).findings}
    dns_ids = {i for i in found if i.startswith("dns-")}
    assert dns_ids == ({expected} if expected else set())
    if expected:
        f = found[expected]
        assert f.severity is severity and f.params["hosts"] == HOST
        if local_addr != public_addr:  # the evidence shows both answers
            assert any(local_addr in line for line in f.evidence) and any(public_addr in line for line in f.evidence)


def test_cdn_answer_alone_keeps_the_run_passing() -> None:
    d = diagnose(web_host(HOST, CDN_LOCAL, CDN_ELSEWHERE, Reason.OK, Reason.OK))
    assert d.status is Status.PASS and [f.severity for f in d.findings] == [Severity.INFO]


def gateway_host(local_addr: str, reasons: tuple[Reason, Reason]) -> list[Outcome]:
    host, (region, addr) = "zdc1.ibllc.com", GATEWAYS["zdc1.ibllc.com"]
    outs = [o for o in healthy() if o.check.host != host]
    outs += [dns(host, "system", [local_addr]), dns(host, "resolver", [local_addr]), cross(host, PUBLIC, [addr])]
    return outs + [tcp(host, p, local_addr, r, region) for p, r in zip((4000, 4001), reasons, strict=True)]


@pytest.mark.parametrize(
    ("reasons", "expected"),
    [
        ((Reason.OK, Reason.OK), ["dns-differs"]),
        ((Reason.OK, Reason.TIMEOUT), ["dns-differs"]),  # one port filtered: not a DNS matter
        ((Reason.TIMEOUT, Reason.TIMEOUT), ["dns-mismatch"]),
        ((Reason.REFUSED, Reason.REFUSED), ["dns-mismatch"]),
    ],
)
def test_gateway_only_host_is_cleared_by_its_connects(reasons: tuple[Reason, Reason], expected: list[str]) -> None:
    found = [f.id for f in diagnose(gateway_host("198.51.100.99", reasons)).findings if f.id.startswith("dns-")]
    assert found == expected


def nowhere(
    host: str,
    required: bool,
    cross_reason: Reason = Reason.NXDOMAIN,
    local_reason: Reason = Reason.NXDOMAIN,
) -> list[Outcome]:
    outs = [o for o in healthy() if o.check.host != host]
    outs += [dns(host, p, reason=local_reason, required=required) for p in ("system", "resolver")]
    return outs + [cross(host, PUBLIC, reason=cross_reason), cross(host, "203.0.113.154", reason=Reason.DNS_TIMEOUT)]


@pytest.mark.parametrize(
    ("required", "cross_reason", "local_reason", "fid", "severity", "status"),
    [
        # every resolver that answered agrees the name does not exist: the host list's problem
        (False, Reason.NXDOMAIN, Reason.NXDOMAIN, "host-nonexistent", Severity.INFO, Status.PASS),
        (False, Reason.NO_ANSWER, Reason.NXDOMAIN, "host-nonexistent", Severity.INFO, Status.PASS),
        (True, Reason.NXDOMAIN, Reason.NXDOMAIN, "host-nonexistent", Severity.WARN, Status.WARN),
        # the name exists elsewhere: the local DNS hides it
        (False, Reason.OK, Reason.NXDOMAIN, "dns-nxdomain", Severity.WARN, Status.WARN),
        (True, Reason.OK, Reason.NXDOMAIN, "dns-nxdomain", Severity.FAIL, Status.FAIL),
        # no independent resolver answered: the local verdict cannot be checked, so it stands
        (True, Reason.DNS_TIMEOUT, Reason.NXDOMAIN, "dns-nxdomain", Severity.FAIL, Status.FAIL),
    ],
)
def test_names_that_exist_nowhere_table(
    required: bool, cross_reason: Reason, local_reason: Reason, fid: str, severity: Severity, status: Status
) -> None:
    d = diagnose(nowhere("gdc1.ibllc.com", required, cross_reason, local_reason))
    (f,) = d.findings
    assert (f.id, f.severity, d.status) == (fid, severity, status)
    assert f.params["hosts"] == "gdc1.ibllc.com"


def test_nonexistent_and_hidden_names_are_told_apart_in_one_run() -> None:
    outs = nowhere("gdc1.ibllc.com", False)
    outs = [o for o in outs if o.check.host != "hdc1.ibllc.com"]
    outs += [dns("hdc1.ibllc.com", p, reason=Reason.NXDOMAIN) for p in ("system", "resolver")]
    outs.append(cross("hdc1.ibllc.com", PUBLIC, ["198.51.100.30"]))
    found = {f.id: f for f in diagnose(outs).findings}
    assert found["host-nonexistent"].params["hosts"] == "gdc1.ibllc.com"
    assert found["dns-nxdomain"].params["hosts"] == "hdc1.ibllc.com"


def _no_dns_behind_a_proxy(**extra: Any) -> list[Outcome]:
    outs = [local("local:interfaces"), local("local:route:ipv4"), http(HTTP_URL)]
    for host in [*GATEWAYS, *WEB]:
        outs += [dns(host, p, reason=Reason.DNS_TIMEOUT, servers=["203.0.113.53"]) for p in ("system", "resolver")]
        outs.append(cross(host, PUBLIC, reason=Reason.DNS_TIMEOUT))
        for port in (4000, 4001) if host in GATEWAYS else (443,):
            c = Check(id=f"tcp:{host}:{port}", kind=Kind.TCP, target=f"{host}:{port}", host=host, port=port)
            outs.append(Outcome(c, Status.SKIP, Reason.DEPENDENCY, 0.0, {"why": "the name did not resolve"}))
    return outs


@pytest.mark.parametrize(
    ("proxy", "expected"),
    [
        (True, ["proxy-only", "proxy-blocks-ports"]),  # the proxy tunnels the web: proxy-only heads
        (False, ["dns-unreachable"]),  # no proxy: the dead resolver is the root cause
    ],
)
def test_no_dns_proxy_only_network(proxy: bool, expected: list[str]) -> None:
    outs = _no_dns_behind_a_proxy() + (tunnels() if proxy else [])
    found = diagnose(outs).findings
    assert [f.id for f in found] == expected
    if proxy:
        only = found[0]
        assert any("dns-timeout" in line for line in only.evidence)
        assert "ndc1.ibllc.com:4001" in str(only.params["pairs"])


def test_dns_down_with_working_direct_connects_is_still_dns_unreachable_behind_a_proxy() -> None:
    outs = [o for o in healthy() if o.check.host != "ndc1.ibllc.com" or o.check.kind is not Kind.DNS]
    outs += [dns("ndc1.ibllc.com", p, reason=Reason.DNS_TIMEOUT) for p in ("system", "resolver")]
    assert ids(outs + tunnels(Reason.OK)) == ["dns-unreachable"]
