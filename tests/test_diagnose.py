"""Diagnosis: outcomes in, root-cause findings out. One root cause gives one finding."""

from __future__ import annotations

from netcheck.diagnose import diagnose, overall
from netcheck.model import Reason, Severity, Status
from tests.helpers import GATEWAYS, HTTP_URL, cross, dns, healthy, http, local, tcp


def ids(outcomes: list) -> list[str]:  # type: ignore[type-arg]
    return [f.id for f in diagnose(outcomes).findings]


def _gateways(reason: Reason) -> dict[str, Reason]:
    return {f"{h}:{p}": reason for h in GATEWAYS for p in (4000, 4001)}


def test_healthy_run_has_no_findings_and_passes() -> None:
    outs = healthy()
    assert diagnose(outs).findings == ()
    assert overall([], outs) is Status.PASS


def test_dropped_gateway_ports_with_working_web_is_one_ports_blocked() -> None:
    outs = healthy(**_gateways(Reason.TIMEOUT))
    findings = diagnose(outs).findings
    assert [f.id for f in findings] == ["ports-blocked"]
    f = findings[0]
    assert f.severity is Severity.FAIL and f.params["ports"] == "4000/4001"
    assert len(f.checks) == 6 and all(c.startswith("tcp:") for c in f.checks)


def test_rejected_ports_give_ports_rejected() -> None:
    for reason in (Reason.REFUSED, Reason.PROHIBITED):
        assert ids(healthy(**_gateways(reason))) == ["ports-rejected"]


def test_only_port_4001_blocked_names_that_port() -> None:
    outs = healthy(**{f"{h}:4001": Reason.TIMEOUT for h in GATEWAYS})
    (f,) = diagnose(outs).findings
    assert f.id == "ports-blocked" and f.params["ports"] == "4001"


def test_one_region_down_is_region_unreachable_naming_it() -> None:
    outs = healthy(**{"zdc1.ibllc.com:4000": Reason.TIMEOUT, "zdc1.ibllc.com:4001": Reason.TIMEOUT})
    (f,) = diagnose(outs).findings
    assert f.id == "region-unreachable" and f.params["regions"] == "europe"
    assert f.severity is Severity.WARN  # the user's region is unknown
    (f,) = diagnose(outs, user_regions=("europe",)).findings
    assert f.severity is Severity.FAIL


def test_nothing_answers_is_only_no_internet() -> None:
    outs = [local("local:interfaces"), local("local:route:ipv4"), http(HTTP_URL, Reason.DNS_TIMEOUT)]
    for host in GATEWAYS:
        outs += [
            dns(host, "system", reason=Reason.DNS_TIMEOUT),
            dns(host, "resolver", reason=Reason.DNS_TIMEOUT),
            cross(host, "203.0.113.153", reason=Reason.DNS_TIMEOUT),
        ]
    assert ids(outs) == ["no-internet"]


def test_no_interface_is_no_network_and_nothing_else() -> None:
    outs = [
        local("local:interfaces", Reason.UNREACHABLE),
        local("local:route:ipv4", Reason.UNREACHABLE),
        http(HTTP_URL, Reason.UNREACHABLE),
    ]
    assert ids(outs) == ["no-network"]


def test_captive_portal_explains_everything() -> None:
    outs = healthy(**_gateways(Reason.TIMEOUT))
    outs = [o for o in outs if o.check.kind.value != "http"]
    outs.append(http(HTTP_URL, Reason.REDIRECT, 302, "http://portal.example/login"))
    findings = diagnose(outs).findings
    assert [f.id for f in findings] == ["captive-portal"]
    assert findings[0].params["location"] == "http://portal.example/login"


def test_resolver_down_but_servers_reachable_is_dns_unreachable() -> None:
    outs = healthy()
    host = "ndc1.ibllc.com"
    outs = [o for o in outs if not (o.check.host == host and o.check.kind.value == "dns")]
    outs += [
        dns(host, "system", reason=Reason.DNS_TIMEOUT),
        dns(host, "resolver", reason=Reason.DNS_TIMEOUT, servers=["203.0.113.53"]),
    ]
    (f,) = diagnose(outs).findings
    assert f.id == "dns-unreachable" and f.params["servers"] == "203.0.113.53"
    assert f.params["servers_reachable"] is True


def test_nxdomain_locally_but_resolves_elsewhere() -> None:
    outs = healthy()
    host = "zdc1.ibllc.com"
    outs = [o for o in outs if not (o.check.host == host and o.check.kind.value == "dns")]
    outs += [
        dns(host, "system", reason=Reason.NXDOMAIN),
        dns(host, "resolver", reason=Reason.NXDOMAIN),
        cross(host, "203.0.113.153", ["198.51.100.20"]),
    ]
    (f,) = diagnose(outs).findings
    assert f.id == "dns-nxdomain" and f.params["resolves_elsewhere"] is True and f.severity is Severity.FAIL


def test_wrong_answers_are_dns_mismatch_and_explain_the_failed_connects() -> None:
    outs = healthy()
    host, bogus = "ndc1.ibllc.com", "203.0.113.250"
    outs = [o for o in outs if o.check.host != host]
    outs += [
        dns(host, "system", [bogus]),
        dns(host, "resolver", [bogus]),
        cross(host, "203.0.113.153", ["198.51.100.10"]),
    ]
    outs += [tcp(host, p, bogus, Reason.TIMEOUT, "america-east") for p in (4000, 4001)]
    (f,) = diagnose(outs).findings
    assert f.id == "dns-mismatch" and f.severity is Severity.FAIL
    assert sum(c.startswith("tcp:") for c in f.checks) == 2


def test_loopback_answer_is_a_hijack_even_without_cross_check() -> None:
    outs = [o for o in healthy() if o.check.kind.value != "dns-cross"]
    host = "s3.amazonaws.com"
    outs = [o for o in outs if o.check.host != host] + [
        dns(host, "system", ["127.0.0.1"]),
        dns(host, "resolver", ["127.0.0.1"]),
    ]
    assert ids(outs) == ["dns-mismatch"]


def test_ipv6_fails_where_ipv4_works() -> None:
    outs = healthy() + [tcp("ndc1.ibllc.com", p, "2001:db8::10", Reason.TIMEOUT, "america-east") for p in (4000, 4001)]
    (f,) = diagnose(outs).findings
    assert f.id == "ipv6-broken" and f.severity is Severity.WARN
    assert overall([f], outs) is Status.WARN


def test_unreachable_independent_resolver_is_not_a_failure() -> None:
    outs = [o for o in healthy() if o.check.kind.value != "dns-cross"]
    outs.append(cross("ndc1.ibllc.com", "203.0.113.153", reason=Reason.DNS_TIMEOUT))
    assert diagnose(outs).findings == ()


def test_single_web_host_blocked_is_host_unreachable() -> None:
    (f,) = diagnose(healthy(**{"s3.amazonaws.com:443": Reason.TIMEOUT})).findings
    assert f.id == "host-unreachable" and f.params["hosts"] == "s3.amazonaws.com:443"


def test_every_failed_check_is_explained_by_some_finding() -> None:
    outs = healthy(**{"s3.amazonaws.com:443": Reason.ERROR, "ndc1.ibllc.com:4000": Reason.TIMEOUT})
    findings = diagnose(outs).findings
    explained = {c for f in findings for c in f.checks}
    assert {o.check.id for o in outs if o.status in (Status.FAIL, Status.WARN)} <= explained


def test_ipv6_timeout_beside_an_ipv4_reject_is_still_a_reject() -> None:
    outs = healthy(**_gateways(Reason.PROHIBITED))
    outs += [
        tcp(h, p, "2001:db8::" + str(i), Reason.TIMEOUT, r)
        for i, (h, (r, _)) in enumerate(GATEWAYS.items())
        for p in (4000, 4001)
    ]
    assert ids(outs) == ["ports-rejected"]


def test_http_works_but_https_does_not_is_partial_connectivity() -> None:
    outs = healthy() + [http("https://connectivitycheck.gstatic.com/generate_204", Reason.REFUSED)]
    (f,) = diagnose(outs).findings
    assert f.id == "partial-connectivity"
    assert f.params["hosts"] == "https://connectivitycheck.gstatic.com/generate_204"


def test_https_timeout_while_tcp_443_connects_is_not_partial_connectivity() -> None:
    outs = healthy() + [http("https://connectivitycheck.gstatic.com/generate_204", Reason.TIMEOUT)]
    assert "partial-connectivity" not in ids(outs)


def test_resolver_down_also_explains_web_checks_that_starved_in_their_lookup() -> None:
    outs = [o for o in healthy() if o.check.kind.value not in ("dns", "http")]
    for host in list(GATEWAYS) + ["www.interactivebrokers.com", "s3.amazonaws.com"]:
        outs += [dns(host, "system", reason=Reason.DNS_TIMEOUT), dns(host, "resolver", reason=Reason.DNS_TIMEOUT)]
    outs += [
        http(HTTP_URL, Reason.DNS_TIMEOUT),
        http("https://connectivitycheck.gstatic.com/generate_204", Reason.TIMEOUT),
    ]
    assert ids(outs) == ["dns-unreachable"]
