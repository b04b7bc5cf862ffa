"""Engine: concurrency, deadline, dependency skips and interruption, with fake probes (no network)."""

from __future__ import annotations

import asyncio
import time

import pytest

from netcheck.engine import default_concurrency, execute
from netcheck.model import Check, HostEntry, HostList, Kind, Outcome, Reachability, Reason, Status
from netcheck.probes import ProbeContext

HOSTS = HostList(
    hosts=(HostEntry("gw.example.com", (4000, 4001), "gateway", "europe"), HostEntry("web.example.com", (443,), "web")),
    public_dns=("203.0.113.153",),
)


def fake(answers: dict[str, list[str]], tcp_delay: float = 0.0, tcp_reason: Reason = Reason.OK):  # type: ignore[no-untyped-def]
    async def dns(check: Check, ctx: ProbeContext) -> Outcome:
        addrs = answers.get(check.host, [])
        if addrs:
            return Outcome(check, Status.PASS, Reason.OK, 1.0, {"addresses": addrs})
        return Outcome(check, Status.FAIL, Reason.NXDOMAIN, 1.0, {})

    async def tcp(check: Check, ctx: ProbeContext) -> Outcome:
        await asyncio.sleep(tcp_delay)
        ok = tcp_reason is Reason.OK
        return Outcome(check, Status.PASS if ok else Status.FAIL, tcp_reason, tcp_delay * 1000, {})

    async def boom(check: Check, ctx: ProbeContext) -> Outcome:
        raise RuntimeError("probe bug")

    return {Kind.DNS: dns, Kind.DNS_CROSS: dns, Kind.TCP: tcp, Kind.HTTP: boom, Kind.LOCAL: boom}


def ctx(**kw) -> ProbeContext:  # type: ignore[no-untyped-def]
    return ProbeContext(timeout=0.5, probes=fake(**kw))


def by_id(outs: list[Outcome]) -> dict[str, Outcome]:
    return {o.check.id: o for o in outs}


async def test_connects_every_resolved_address_and_port() -> None:
    c = ctx(answers={"gw.example.com": ["198.51.100.1", "2001:db8::1"], "web.example.com": ["198.51.100.2"]})
    res = await execute(HOSTS, c, deadline=5, concurrency=4, local=False)
    tcp = [o for o in res.outcomes if o.check.kind is Kind.TCP]
    assert len(tcp) == 5 and all(o.status is Status.PASS for o in tcp)
    assert not res.interrupted


async def test_unresolved_name_skips_its_ports_with_the_reason() -> None:
    res = await execute(
        HOSTS, ctx(answers={"web.example.com": ["198.51.100.2"]}), deadline=5, concurrency=4, local=False
    )
    outs = by_id(res.outcomes)
    for port in (4000, 4001):
        o = outs[f"tcp:gw.example.com:{port}"]
        assert o.status is Status.SKIP and o.reason is Reason.DEPENDENCY
        assert o.detail["why"] == "the name did not resolve"


async def test_deadline_ends_the_run_and_marks_unfinished_checks() -> None:
    c = ctx(answers={"gw.example.com": ["198.51.100.1"], "web.example.com": ["198.51.100.2"]}, tcp_delay=5)
    started = time.monotonic()
    res = await execute(HOSTS, c, deadline=0.3, concurrency=4, local=False)
    assert time.monotonic() - started < 1.0
    assert res.interrupted and res.stop_reason == "deadline"
    tcp = [o for o in res.outcomes if o.check.kind is Kind.TCP]
    assert tcp and all(o.status is Status.SKIP and o.reason is Reason.DEADLINE for o in tcp)


async def test_stop_event_ends_the_run_early_with_its_reason() -> None:
    c = ctx(answers={"gw.example.com": ["198.51.100.1"], "web.example.com": ["198.51.100.2"]}, tcp_delay=5)
    stop = asyncio.Event()
    stop.reason = "SIGINT"  # type: ignore[attr-defined]
    asyncio.get_running_loop().call_later(0.1, stop.set)
    res = await execute(HOSTS, c, deadline=10, concurrency=4, stop=stop, local=False)
    assert res.interrupted and res.stop_reason == "SIGINT"
    assert any(o.check.kind is Kind.DNS and o.status is Status.PASS for o in res.outcomes)


async def test_a_crashing_probe_becomes_an_error_outcome_not_an_exception() -> None:
    hl = HostList(hosts=(), reachability=(Reachability("http://x.example.com/", 204),))
    res = await execute(hl, ctx(answers={}), deadline=5, concurrency=2, local=False)
    (o,) = res.outcomes
    assert o.reason is Reason.ERROR and "RuntimeError: probe bug" in o.detail["error"]


async def test_concurrency_limit_is_respected() -> None:
    running, peak = 0, 0

    async def tcp(check: Check, c: ProbeContext) -> Outcome:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1
        return Outcome(check, Status.PASS, Reason.OK, 10, {})

    hosts = tuple(HostEntry(f"198.51.100.{i}", (4000, 4001), "gw") for i in range(1, 30))
    probes = fake(answers={}) | {Kind.TCP: tcp}
    res = await execute(HostList(hosts=hosts), ProbeContext(timeout=0.5, probes=probes), 5, concurrency=3, local=False)
    assert len(res.outcomes) == 58 and peak <= 3


def test_default_concurrency_fits_the_descriptor_limit() -> None:
    resource = pytest.importorskip("resource")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))
        assert default_concurrency() <= 256 - 64
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


async def test_a_slow_system_lookup_does_not_hold_the_connects() -> None:
    """The planner's patience runs on the engine's clock: connects start with the resolver's answer."""
    connected_at: list[float] = []
    started = time.monotonic()

    async def dns(check: Check, c: ProbeContext) -> Outcome:
        if check.params.get("path") == "system":
            await asyncio.sleep(3)
        return Outcome(check, Status.PASS, Reason.OK, 1.0, {"addresses": ["198.51.100.1"]})

    async def tcp(check: Check, c: ProbeContext) -> Outcome:
        connected_at.append(time.monotonic() - started)
        return Outcome(check, Status.PASS, Reason.OK, 1.0, {})

    probes = {Kind.DNS: dns, Kind.DNS_CROSS: dns, Kind.TCP: tcp}
    hl = HostList(hosts=(HostEntry("gw.example.com", (4001,), "gateway"),))
    res = await execute(hl, ProbeContext(timeout=5, probes=probes), deadline=10, concurrency=4, local=False)
    assert len(connected_at) == 1 and 0.9 < connected_at[0] < 2.5
    assert by_id(res.outcomes)["tcp:gw.example.com:4001@198.51.100.1"].check.params["resolved_by"] == (
        "configured resolver"
    )
