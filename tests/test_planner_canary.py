"""The planner's canary connects (ports-intercepted) and its IPv6 choice for them (constructed outcomes)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from netcheck.model import HostEntry, HostList, Kind, Outcome, Reason, Status
from netcheck.planner import Planner, canary_checks, local_checks

GW = HostEntry("gw.example.com", (4000, 4001), "gateway", "europe")
WEB = HostEntry("web.example.com", (443,), "web")
PUBLIC = ("203.0.113.53", "2001:db8::53")


@pytest.mark.parametrize(
    ("hosts", "canary", "expected"),
    [
        ((GW, WEB), None, ["203.0.113.53", "2001:db8::53"]),  # default: the independent resolvers
        ((GW,), ("198.51.100.7",), ["198.51.100.7"]),  # [intercept] canary replaces the default
        ((GW,), (), []),  # an empty list switches the canary off
        ((WEB,), None, []),  # no gateway ports: nothing an intercepting router could fake
    ],
)
def test_canaries_go_to_the_configured_addresses_on_4001(
    hosts: tuple[HostEntry, ...], canary: tuple[str, ...] | None, expected: list[str]
) -> None:
    checks = canary_checks(HostList(hosts=hosts, public_dns=PUBLIC, canary=canary))
    assert [c.address for c in checks] == expected
    assert all(c.kind is Kind.CANARY and c.port == 4001 and not c.required for c in checks)


@pytest.mark.parametrize(("v6_route", "issued", "skipped"), [(True, 2, 0), (False, 1, 1)])
def test_ipv6_canaries_wait_for_an_ipv6_route(v6_route: bool, issued: int, skipped: int) -> None:
    p = Planner.for_run(HostList(hosts=(GW,), public_dns=PUBLIC), local=True)
    outs = []
    for c in p.start():
        status = Status.PASS if c.id != "local:route:ipv6" or v6_route else Status.SKIP
        outs.append(Outcome(c, status, Reason.OK if status is Status.PASS else Reason.NOT_APPLICABLE, 1.0, {}))
    checks, skips = [], []
    for o in outs:
        more, skipped_now = p.advance(o)
        checks += more
        skips += skipped_now
    assert len([c for c in checks if c.kind is Kind.CANARY]) == issued
    canary_skips = [o for o in skips if o.check.kind is Kind.CANARY]
    assert len(canary_skips) == skipped
    assert all(o.reason is Reason.NOT_APPLICABLE and ":" in o.check.address for o in canary_skips)
    assert replace(HostList(hosts=()), public_dns=PUBLIC).canaries == PUBLIC
    assert not [c for c in checks if c.kind is Kind.TCP and ":" in c.address] or v6_route
    assert local_checks()[2].id == "local:route:ipv6"
