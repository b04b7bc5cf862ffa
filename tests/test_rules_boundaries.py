"""Boundary tables for the five conditions deliberate mutations slipped past (issue 12, item 4).

Each table walks one condition at, just inside and just outside its edge, through `diagnose`
(the public way in), so a rule that silently loses the condition changes a row's outcome.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from netcheck.bogons import is_bogon as suspicious_address
from netcheck.model import Outcome, Reason, Status
from tests.helpers import GATEWAYS, HTTP_URL, WEB, cross, dns, healthy, http, local, tcp
from tests.helpers import findings as diagnose

OK, TIMEOUT = Reason.OK, Reason.TIMEOUT


def ids(outs: list[Outcome]) -> list[str]:
    return [f.id for f in diagnose(outs)]


def gateways_on(port: int, reason: Reason) -> dict[str, Reason]:
    return {f"{h}:{port}": reason for h in GATEWAYS}


def v6(host: str, port: int, reason: Reason) -> Outcome:
    region, _ = GATEWAYS[host]
    return tcp(host, port, f"2001:db8::{list(GATEWAYS).index(host) + 10}", reason, region)


# 1. ports-blocked only "while the web works": a dead gateway port on a network where nothing on
#    the web answers either is not a port filter. The web works if TCP 443 or an HTTP check passes.
@pytest.mark.parametrize(
    ("web_443", "web_http", "blocked"),
    [
        (OK, OK, True),
        (OK, TIMEOUT, True),  # one web path is enough
        (TIMEOUT, OK, True),  # the other one is enough too
        (TIMEOUT, TIMEOUT, False),  # nothing on the web answers: not a port filter
        (Reason.REFUSED, Reason.REFUSED, False),
        (None, OK, True),  # no TCP 443 checks at all: HTTP decides
        (None, TIMEOUT, False),
        (OK, None, True),  # no HTTP check at all: TCP 443 decides
        (TIMEOUT, None, False),
        (None, None, False),  # no web evidence at all
    ],
)
def test_ports_blocked_needs_the_web_to_work(web_443: Reason | None, web_http: Reason | None, blocked: bool) -> None:
    outs = [o for o in healthy(**gateways_on(4000, TIMEOUT)) if o.check.port != 443 and o.check.kind.value != "http"]
    outs += [tcp(h, 443, a, web_443) for h, a in WEB.items()] if web_443 else []
    outs += [http(HTTP_URL, web_http)] if web_http else []
    found = ids(outs)
    assert ("ports-blocked" in found) is blocked
    assert "ports-rejected" not in found


def test_skipped_web_connects_are_no_evidence_that_the_web_works() -> None:
    outs = [o for o in healthy(**gateways_on(4000, TIMEOUT)) if o.check.port != 443 and o.check.kind.value != "http"]
    outs += [replace(tcp(h, 443, a), status=Status.SKIP, reason=Reason.DEPENDENCY) for h, a in WEB.items()]
    assert "ports-blocked" not in ids(outs)


# 2. A gateway port is dead when no gateway answers on it over IPv4. IPv6 answering (or not) on
#    that port changes nothing: IPv6 alone failing is ipv6-broken's case, IPv6 alone working does
#    not help TWS, which connects over IPv4 when the IPv4 path is what the user has.
@pytest.mark.parametrize(
    ("v4_passing", "v6_reason", "expected"),
    [
        (0, None, {"ports-blocked"}),
        (0, TIMEOUT, {"ports-blocked"}),
        (0, OK, {"ports-blocked"}),  # an IPv6 success does not revive a port dead over IPv4
        (1, None, {"host-unreachable"}),  # one gateway answers over IPv4: the port is alive
        (1, OK, {"host-unreachable"}),
        (2, TIMEOUT, {"host-unreachable", "ipv6-broken"}),
        (3, TIMEOUT, {"ipv6-broken"}),  # every gateway answers over IPv4, IPv6 alone fails
        (3, None, set()),
    ],
)
def test_a_port_is_dead_by_its_ipv4_answers_only(v4_passing: int, v6_reason: Reason | None, expected: set[str]) -> None:
    hosts = list(GATEWAYS)
    reasons = {f"{h}:4001": OK if i < v4_passing else TIMEOUT for i, h in enumerate(hosts)}
    outs = healthy(**reasons)
    outs += [v6(h, 4001, v6_reason) for h in hosts] if v6_reason else []
    assert set(ids(outs)) == expected


def test_ipv6_successes_on_every_gateway_do_not_hide_a_dead_ipv4_port() -> None:
    outs = healthy(**gateways_on(4000, TIMEOUT)) + [v6(h, 4000, OK) for h in GATEWAYS]
    (f,) = diagnose(outs)
    assert f.id == "ports-blocked" and f.params["ports"] == "4000"
    assert sorted(f.checks) == sorted(f"tcp:{h}:4000@{GATEWAYS[h][1]}" for h in GATEWAYS)


# 3. How a dead port failed decides between a silent drop and an active reject. Unreachable (a
#    firewall's ICMP reject that the OS reports as a missing route) is a reject, like refused and
#    prohibited; only a timeout is a drop; anything else is neither.
@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        (Reason.TIMEOUT, ["ports-blocked"]),
        (Reason.REFUSED, ["ports-rejected"]),
        (Reason.PROHIBITED, ["ports-rejected"]),
        (Reason.UNREACHABLE, ["ports-rejected"]),
        (Reason.ERROR, ["host-unreachable"]),
        (Reason.DNS_TIMEOUT, ["host-unreachable"]),
    ],
)
def test_drop_or_reject_by_how_the_connects_failed(reason: Reason, expected: list[str]) -> None:
    assert ids(healthy(**gateways_on(4000, reason), **gateways_on(4001, reason))) == expected


@pytest.mark.parametrize(
    ("v4", "v6_reason", "expected"),
    [
        # Per host:port one active reject settles it, whichever family saw it.
        (Reason.UNREACHABLE, TIMEOUT, ["ports-rejected"]),
        (Reason.REFUSED, TIMEOUT, ["ports-rejected"]),
        (TIMEOUT, Reason.UNREACHABLE, ["ports-rejected"]),
        (TIMEOUT, Reason.PROHIBITED, ["ports-rejected"]),
        (TIMEOUT, TIMEOUT, ["ports-blocked"]),
        (TIMEOUT, Reason.ERROR, ["ports-blocked", "host-unreachable"]),
    ],
)
def test_one_reject_per_host_and_port_settles_it(v4: Reason, v6_reason: Reason, expected: list[str]) -> None:
    outs = healthy(**gateways_on(4000, v4)) + [v6(h, 4000, v6_reason) for h in GATEWAYS]
    found = diagnose(outs)
    assert [f.id for f in found] == expected
    assert len(found[0].checks) == (3 if expected == ["ports-blocked", "host-unreachable"] else 6)


def test_drops_and_rejects_on_different_ports_give_both_findings_naming_their_port() -> None:
    outs = healthy(**gateways_on(4000, TIMEOUT), **gateways_on(4001, Reason.UNREACHABLE))
    found = {f.id: f.params["ports"] for f in diagnose(outs)}
    assert found == {"ports-blocked": "4000", "ports-rejected": "4001"}


# 4. Local DNS answers no public name should get are a hijack, even when every independent resolver
#    agrees (a split-horizon or a DNS-rewriting router): private, loopback, link-local,
#    unspecified. The documentation ranges the lab uses stand for public addresses.
ADDRESSES = [
    ("10.0.0.5", True),
    ("9.255.255.255", False),
    ("11.0.0.1", False),
    ("172.16.0.1", True),
    ("172.31.255.254", True),
    ("172.15.255.254", False),
    ("172.32.0.1", False),
    ("192.168.1.10", True),
    ("192.169.0.1", False),
    ("127.0.0.1", True),
    ("169.254.10.1", True),
    ("0.0.0.0", True),
    ("fd00::1", True),
    ("fe80::1", True),
    ("::1", True),
    ("::", True),
    ("192.0.2.1", False),
    ("198.51.100.10", False),
    ("203.0.113.40", False),
    ("2001:db8::10", False),
    ("not-an-address", True),
]


@pytest.mark.parametrize(("address", "hijack"), ADDRESSES)
def test_suspicious_answers(address: str, hijack: bool) -> None:
    assert suspicious_address(address) is hijack


@pytest.mark.parametrize(("address", "hijack"), ADDRESSES)
def test_a_suspicious_local_answer_is_a_mismatch_even_when_resolvers_agree(address: str, hijack: bool) -> None:
    host = "s3.amazonaws.com"
    outs = [o for o in healthy() if not (o.check.host == host and o.check.kind.value == "dns")]
    outs += [dns(host, "system", [address]), dns(host, "resolver", [address]), cross(host, "203.0.113.153", [address])]
    assert ids(outs) == (["dns-mismatch"] if hijack else [])


# 5. No usable interface (or no IPv4 route) is no-network, unless IPv6 carries a route: then TWS has
#    a way out. A pass of both local checks never is.
@pytest.mark.parametrize(
    ("interfaces", "route4", "route6", "no_network"),
    [
        (Reason.UNREACHABLE, Reason.UNREACHABLE, Reason.NOT_APPLICABLE, True),
        (Reason.UNREACHABLE, OK, Reason.NOT_APPLICABLE, True),
        (OK, Reason.UNREACHABLE, Reason.NOT_APPLICABLE, True),
        (OK, Reason.UNREACHABLE, Reason.UNREACHABLE, True),  # a failed IPv6 route rescues nothing
        (OK, OK, Reason.NOT_APPLICABLE, False),
        (Reason.UNREACHABLE, Reason.UNREACHABLE, OK, False),  # IPv6 carries the traffic
        (OK, Reason.UNREACHABLE, OK, False),
        (Reason.UNREACHABLE, None, None, True),  # only the interface check ran
        (None, Reason.UNREACHABLE, None, True),
        (None, None, None, False),
    ],
)
def test_no_network_table(
    interfaces: Reason | None, route4: Reason | None, route6: Reason | None, no_network: bool
) -> None:
    checks = (("local:interfaces", interfaces), ("local:route:ipv4", route4), ("local:route:ipv6", route6))
    outs = [local(cid, r, required=cid != "local:route:ipv6") for cid, r in checks if r]
    outs.append(http(HTTP_URL, Reason.UNREACHABLE if no_network else OK))
    found = diagnose(outs)
    assert ("no-network" in [f.id for f in found]) is no_network
    if no_network:
        assert [f.id for f in found] == ["no-network"]  # it ends the diagnosis and explains the rest
        assert f"http:{HTTP_URL}" in found[0].checks
