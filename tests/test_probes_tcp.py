"""The TCP probe's hedged connects: retries, adaptive timeouts, loss counting and socket limits, run through
the engine with a fake single attempt (`ProbeContext.connect`)."""

from __future__ import annotations

import asyncio
import errno
import socket
import time

import pytest

from netcheck.engine import execute
from netcheck.model import Check, HostEntry, HostList, Kind, Outcome, Reason, Status
from netcheck.probes import ProbeContext, tcp
from netcheck.probes.tcp_tries import Tries


def hosts(*names: str, ports: tuple[int, ...] = (4001,)) -> HostList:
    return HostList(hosts=tuple(HostEntry(n, ports, "gw", "europe") for n in names))


async def run(hl: HostList, tcp_probe, timeout: float = 2.0, concurrency: int = 64) -> dict[str, Outcome]:  # type: ignore[no-untyped-def]
    ctx = ProbeContext(timeout=timeout, connect=tcp_probe)
    res = await execute(hl, ctx, deadline=10, concurrency=concurrency, local=False)
    return {o.check.address: o for o in res.outcomes}


def answer_on(attempt_no: int, rtt: float = 0.01):  # type: ignore[no-untyped-def]
    """A path that loses the first attempts: attempt number `attempt_no` (1-based) is answered."""
    seen: dict[str, int] = {}

    async def probe(check: Check, ctx: ProbeContext, timeout: float) -> Outcome:
        seen[check.id] = n = seen.get(check.id, 0) + 1
        if n < attempt_no:
            await asyncio.sleep(timeout)
            return Outcome(check, Status.FAIL, Reason.TIMEOUT, timeout * 1000, {})
        await asyncio.sleep(rtt)
        return Outcome(check, Status.PASS, Reason.OK, rtt * 1000, {})

    return probe, seen


async def test_a_lost_first_attempt_is_retried_and_counted_as_loss() -> None:
    probe, seen = answer_on(2)
    outs = await run(hosts("198.51.100.7"), probe)
    o = outs["198.51.100.7"]
    assert o.status is Status.PASS and o.detail["attempts"] == 2 and o.detail["lost"] == 1
    assert o.detail["rtt_ms"] == 10.0 and o.duration_ms >= 1000  # the initial 1 s RTO, nothing measured yet


async def test_a_measured_rtt_shortens_the_retry_for_other_hosts() -> None:
    probe, _ = answer_on(1)
    slow_first, _ = answer_on(3)

    async def mixed(check: Check, ctx: ProbeContext, timeout: float) -> Outcome:
        return await (slow_first if check.address.endswith(".9") else probe)(check, ctx, timeout)

    started = time.monotonic()
    outs = await run(hosts("198.51.100.8", "198.51.100.9"), mixed)
    o = outs["198.51.100.9"]
    assert o.status is Status.PASS and o.detail["attempts"] == 3
    assert time.monotonic() - started < 1.0  # floor-sized retries (0.2 s), not the initial 1 s


async def test_silence_is_dropped_after_the_attempts_and_within_the_timeout() -> None:
    async def silent(check: Check, ctx: ProbeContext, timeout: float) -> Outcome:
        await asyncio.sleep(60)
        raise AssertionError("unreachable")

    started = time.monotonic()
    outs = await run(hosts("198.51.100.7"), silent, timeout=1.0)
    o = outs["198.51.100.7"]
    assert o.status is Status.FAIL and o.reason is Reason.TIMEOUT and o.detail["attempts"] >= 2
    assert time.monotonic() - started < 1.3


async def test_a_refusal_is_final_without_retries() -> None:
    calls = 0

    async def refused(check: Check, ctx: ProbeContext, timeout: float) -> Outcome:
        nonlocal calls
        calls += 1
        return Outcome(check, Status.FAIL, Reason.REFUSED, 1.0, {})

    outs = await run(hosts("198.51.100.7"), refused)
    assert outs["198.51.100.7"].reason is Reason.REFUSED and calls == 1


async def test_hedged_attempts_never_exceed_the_socket_limit() -> None:
    running, peak = 0, 0

    async def slow(check: Check, ctx: ProbeContext, timeout: float) -> Outcome:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        try:
            await asyncio.sleep(60)
        finally:
            running -= 1
        raise AssertionError("unreachable")

    names = [f"198.51.100.{i}" for i in range(10, 20)]
    outs = await run(hosts(*names), slow, timeout=0.5, concurrency=5)
    assert peak <= 5 and all(o.reason is Reason.TIMEOUT for o in outs.values())


async def test_socket_exhaustion_is_an_outcome_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fds(*a: object, **k: object) -> socket.socket:
        raise OSError(errno.EMFILE, "Too many open files")

    monkeypatch.setattr(tcp.socket, "socket", no_fds)
    ctx = ProbeContext(timeout=0.5)
    res = await execute(hosts("127.0.0.1"), ctx, deadline=5, concurrency=4, local=False)
    (o,) = res.outcomes
    assert o.reason is Reason.ERROR and "Too many open files" in o.detail["error"]
    assert "--concurrency" in o.detail["error"]


async def test_outside_a_run_the_probe_needs_no_engine() -> None:
    """No slots, no shared estimator: the probe still hedges, on its own initial timing."""
    probe, seen = answer_on(2)
    check = Check(id="tcp:x:4001@198.51.100.7", kind=Kind.TCP, target="x", address="198.51.100.7", port=4001)
    o = await tcp.probe(check, ProbeContext(timeout=2.0, connect=probe))
    assert o.status is Status.PASS and o.detail["attempts"] == 2 and seen[check.id] == 2


async def test_answers_feed_the_run_estimator_in_the_context() -> None:
    probe, _ = answer_on(1, rtt=0.05)
    ctx = ProbeContext(timeout=2.0, connect=probe).for_run(8)
    check = Check(
        id="tcp:x:4001@198.51.100.7", kind=Kind.TCP, target="x", address="198.51.100.7", port=4001, region="europe"
    )
    await tcp.probe(check, ctx)
    assert ctx.rtt is not None and ctx.rtt.known(["region:europe"]) and ctx.rtt.known(["addr:198.51.100.7"])
    assert ctx.rtt.rto(["region:europe"]) == pytest.approx(0.2)  # 50 ms measured: the 0.2 s floor


async def test_a_retry_still_in_flight_after_local_failures_is_no_drop() -> None:
    """The first attempt found no socket; a late retry got one just before the verdict: the
    verdict is the local shortage, never a dropped port."""
    check = Check(id="tcp:x:4001@127.0.0.1", kind=Kind.TCP, target="x", address="127.0.0.1", port=4001)
    no_socket = Outcome(check, Status.FAIL, Reason.ERROR, 0.1, {"error": "Too many open files", "local_error": True})
    tries = Tries(ended=[(0.0, no_socket)])
    tries.start(asyncio.sleep(60), 1.0)  # type: ignore[arg-type]
    try:
        o = tries.verdict(check, 1.1)
    finally:
        await tries.cancel()
    assert o.reason is Reason.ERROR and o.detail["error"] == "Too many open files"
