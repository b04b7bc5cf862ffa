"""The pure planner: which checks follow which outcomes, and which are skipped why (constructed outcomes)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from netcheck.model import Check, HostEntry, HostList, Kind, Outcome, Reachability, Reason, Status
from netcheck.planner import Planner, local_checks, machine_checks
from netcheck.platform.proxy import Proxy

GW = HostEntry("gw.example.com", (4000, 4001), "gateway", "europe")
WEB = HostEntry("web.example.com", (443,), "web")
LITERAL = HostEntry("198.51.100.9", (4001,), "gateway by address")
HL = HostList(
    hosts=(GW, WEB),
    reachability=(Reachability("http://check.example.com/", 204),),
    public_dns=("203.0.113.53", "203.0.113.54"),
)
PROXY = Proxy("http", "proxy.example.com", 3128, "HTTPS_PROXY")


def ok(check: Check, **detail: object) -> Outcome:
    return Outcome(check, Status.PASS, Reason.OK, 1.0, detail)


def bad(check: Check, reason: Reason = Reason.TIMEOUT) -> Outcome:
    return Outcome(check, Status.FAIL, reason, 1.0, {})


def ids(checks: list[Check]) -> set[str]:
    return {c.id for c in checks}


def feed(p: Planner, outs: list[Outcome]) -> tuple[list[Check], list[Outcome]]:
    checks, skips = [], []
    for o in outs:
        more, skipped = p.advance(o)
        checks += more
        skips += skipped
    return checks, skips


def answer_dns(
    p: Planner, checks: list[Check], answer: Callable[[Check], Outcome]
) -> tuple[list[Check], list[Outcome]]:
    return feed(p, [answer(c) for c in checks if c.kind in (Kind.DNS, Kind.DNS_CROSS)])


def test_without_local_checks_the_network_starts_at_once() -> None:
    first = Planner(HostList(hosts=(GW, WEB, LITERAL), reachability=HL.reachability, public_dns=HL.public_dns)).start()
    assert ids(first) == {
        "http:http://check.example.com/",
        *(f"dns:{p}:{h}" for p in ("system", "resolver") for h in ("gw.example.com", "web.example.com")),
        *(f"dns-cross:{h}@{s}" for h in ("gw.example.com", "web.example.com") for s in HL.public_dns),
        "tcp:198.51.100.9:4001@198.51.100.9",
        *(f"canary:4001@{s}" for s in HL.public_dns),
    }
    (literal,) = [c for c in first if c.kind is Kind.TCP]
    assert literal.params["resolved_by"] == "literal"


def test_local_checks_come_first_and_the_network_waits_for_all_of_them() -> None:
    machine = machine_checks(())
    p = Planner.for_run(HL, local=True, machine=machine)
    first = p.start()
    assert ids(first) == ids(local_checks()) | ids(machine)
    *most, last = [ok(c) for c in first]
    assert feed(p, most) == ([], [])
    checks, skips = p.advance(last)
    assert not skips and any(c.kind is Kind.DNS for c in checks)


@pytest.mark.parametrize(("ipv6", "tested"), [(Status.PASS, 4), (Status.WARN, 2)])
def test_ipv6_addresses_are_tested_only_with_an_ipv6_route(ipv6: Status, tested: int) -> None:
    p = Planner(HostList(hosts=(GW,)), local_checks())
    net = feed(p, [Outcome(c, ipv6 if c.id == "local:route:ipv6" else Status.PASS, Reason.OK) for c in p.start()])[0]
    tcp, skips = answer_dns(p, net, lambda c: ok(c, addresses=["198.51.100.1", "2001:db8::1"]))
    assert len(tcp) == tested and len(skips) == 4 - tested
    assert all(s.reason is Reason.NOT_APPLICABLE and s.check.address == "2001:db8::1" for s in skips)
    assert all(s.detail["why"] == "this machine has no IPv6 route" for s in skips)


def test_connects_wait_for_every_lookup_of_their_host() -> None:
    p = Planner(HostList(hosts=(GW,), public_dns=HL.public_dns))
    *most, last = [ok(c, addresses=["198.51.100.1"]) for c in p.start()]
    assert feed(p, most) == ([], [])
    checks, _ = p.advance(last)
    assert ids(checks) == {"tcp:gw.example.com:4000@198.51.100.1", "tcp:gw.example.com:4001@198.51.100.1"}


def _resolve(answers: dict[str, str]) -> Check:
    """One connect check of GW, after look-ups where `answers` maps check-id prefix -> address."""
    p = Planner(HostList(hosts=(GW,), public_dns=HL.public_dns))

    def answer(c: Check) -> Outcome:
        hit = next((a for prefix, a in answers.items() if c.id.startswith(prefix)), None)
        return ok(c, addresses=[hit]) if hit else bad(c, Reason.NXDOMAIN)

    checks = p.start()
    tcp, _ = feed(p, [answer(c) for c in reversed(checks)])  # the order of arrival does not matter
    return tcp[0]


@pytest.mark.parametrize(
    ("answers", "address", "resolved_by"),
    [
        ({"dns:system": "198.51.100.1", "dns:resolver": "198.51.100.2"}, "198.51.100.1", "system"),
        ({"dns:resolver": "198.51.100.2", "dns-cross": "198.51.100.3"}, "198.51.100.2", "configured resolver"),
        ({"dns-cross:gw.example.com@203.0.113.5": "198.51.100.3"}, "198.51.100.3", "independent resolver 203.0.113.53"),
        (
            {"dns-cross:gw.example.com@203.0.113.54": "198.51.100.4"},
            "198.51.100.4",
            "independent resolver 203.0.113.54",
        ),
    ],
)
def test_the_system_answer_wins_then_the_resolver_then_the_first_independent_one(
    answers: dict[str, str], address: str, resolved_by: str
) -> None:
    check = _resolve(answers)
    assert check.address == address and check.params["resolved_by"] == resolved_by


def test_an_unresolved_name_skips_each_port_as_a_dependency() -> None:
    p = Planner(HostList(hosts=(GW,)))
    checks, skips = feed(p, [bad(c, Reason.NXDOMAIN) for c in p.start()])
    assert checks == []
    assert {s.check.id for s in skips} == {"tcp:gw.example.com:4000", "tcp:gw.example.com:4001"}
    assert all(s.status is Status.SKIP and s.reason is Reason.DEPENDENCY for s in skips)
    assert all(s.detail == {"why": "the name did not resolve"} for s in skips)
    assert p.leftovers() == []


@pytest.mark.parametrize(("tcp_status", "tls"), [(Status.PASS, 1), (Status.FAIL, 0)])
def test_tls_follows_a_passed_connect_to_443_at_the_same_address(tcp_status: Status, tls: int) -> None:
    p = Planner(HostList(hosts=(WEB,)))
    (tcp,), _ = answer_dns(p, p.start(), lambda c: ok(c, addresses=["198.51.100.2"]))
    checks, _ = p.advance(Outcome(tcp, tcp_status, Reason.OK))
    assert len(checks) == tls
    if checks:
        assert checks[0].kind is Kind.TLS and checks[0].id == "tls:web.example.com:443@198.51.100.2"
        assert p.advance(ok(checks[0])) == ([], [])


def test_a_gateway_on_443_gets_no_tls_check() -> None:
    gw443 = HostEntry("gw.example.com", (443, 4001), "gateway")
    p = Planner(HostList(hosts=(gw443,)))
    tcp, _ = answer_dns(p, p.start(), lambda c: ok(c, addresses=["198.51.100.1"]))
    assert feed(p, [ok(c) for c in tcp]) == ([], [])


@pytest.mark.parametrize("reach", [Status.PASS, Status.WARN])
def test_proxy_tunnels_follow_a_proxy_that_answers(reach: Status) -> None:
    p = Planner(HL, proxies=(PROXY,))
    (check,) = [c for c in p.start() if c.kind is Kind.PROXY]
    tunnels, skips = p.advance(Outcome(check, reach, Reason.OK))
    expected = {
        "proxy-connect:proxy.example.com:3128>" + t
        for t in ("web.example.com:443", "gw.example.com:4000", "gw.example.com:4001")
    }
    assert ids(tunnels) | {s.check.id for s in skips} == expected
    assert bool(tunnels) is (reach is Status.PASS)
    assert all(s.reason is Reason.DEPENDENCY and s.detail["why"] == "the proxy does not answer" for s in skips)


def test_leftovers_name_unfinished_and_unstarted_checks() -> None:
    p = Planner(HostList(hosts=(GW, WEB)), local_checks())
    first = p.start()
    left = {o.check.id: o for o in p.leftovers()}
    assert set(left) == ids(first) | {"tcp:gw.example.com:4000", "tcp:gw.example.com:4001", "tcp:web.example.com:443"}
    assert all(o.status is Status.SKIP and o.reason is Reason.DEADLINE for o in left.values())
    assert left["local:interfaces"].detail["why"] == "the run ended before this check finished"
    assert left["tcp:web.example.com:443"].detail["why"] == "the run ended before this check started"


def test_leftovers_leave_out_ports_whose_connects_started() -> None:
    p = Planner(HostList(hosts=(GW,)))
    tcp, _ = answer_dns(p, p.start(), lambda c: ok(c, addresses=["198.51.100.1"]))
    p.advance(ok(tcp[0]))
    assert [o.check.id for o in p.leftovers()] == [tcp[1].id]


def test_a_whole_healthy_run_ends_with_nothing_pending() -> None:
    p = Planner.for_run(HL, local=True, proxies=(PROXY,))
    queue, seen = list(p.start()), 0
    while queue:
        c = queue.pop()
        seen += 1
        more, skips = p.advance(ok(c, addresses=["198.51.100.1", "2001:db8::1"]))
        queue += more
        assert not skips
    assert p.pending == 0 and p.leftovers() == [] and seen == 3 + 1 + 8 + 6 + 2 + 1 + 3 + 2  # + 2 canaries


def test_an_outcome_it_did_not_plan_changes_nothing() -> None:
    p = Planner(HostList(hosts=(GW,)))
    p.start()
    stray = Check(id="tcp:elsewhere:1@198.51.100.7", kind=Kind.TCP, target="x")
    assert p.advance(ok(stray)) == ([], []) and p.pending == 2


def _lookups(p: Planner) -> dict[str, Check]:
    return {c.params.get("path") or c.kind.value: c for c in p.start()}


def test_only_the_system_lookup_has_a_patience() -> None:
    p = Planner(HostList(hosts=(GW, LITERAL), public_dns=HL.public_dns))
    timed = {c.id for c in p.start() if p.patience(c) is not None}
    assert timed == {"dns:system:gw.example.com"}


@pytest.mark.parametrize(("system", "more"), [("198.51.100.1", []), ("198.51.100.5", ["198.51.100.5"])])
def test_an_overdue_system_lookup_lets_the_connects_start_with_the_resolver_answer(
    system: str, more: list[str]
) -> None:
    p = Planner(HostList(hosts=(GW,)))
    dns = _lookups(p)
    assert p.advance(ok(dns["resolver"], addresses=["198.51.100.1"])) == ([], [])
    early, _ = p.overdue(dns["system"])
    assert {(c.address, c.params["resolved_by"]) for c in early} == {("198.51.100.1", "configured resolver")}
    later, _ = p.advance(ok(dns["system"], addresses=[system]))
    assert sorted({c.address for c in later}) == more  # the system's own answer is tested too when it differs
    assert all(c.params["resolved_by"] == "system" for c in later)


def test_an_overdue_lookup_waits_for_the_resolver_answer() -> None:
    p = Planner(HostList(hosts=(GW,)))
    dns = _lookups(p)
    assert p.overdue(dns["system"]) == ([], [])
    early, _ = p.advance(ok(dns["resolver"], addresses=["198.51.100.1"]))
    assert len(early) == 2
    assert p.advance(bad(dns["system"], Reason.DNS_TIMEOUT)) == ([], [])  # no skips: the connects ran


def test_overdue_after_the_answer_changes_nothing() -> None:
    p = Planner(HostList(hosts=(GW,)))
    dns = _lookups(p)
    p.advance(ok(dns["system"], addresses=["198.51.100.1"]))
    assert p.overdue(dns["system"]) == ([], [])
    tcp, _ = p.advance(ok(dns["resolver"], addresses=["198.51.100.1"]))
    assert {c.params["resolved_by"] for c in tcp} == {"system"}
