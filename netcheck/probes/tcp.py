"""TCP connect probe: open / refused / timeout (dropped) / unreachable / prohibited, with hedged attempts."""

from __future__ import annotations

import asyncio
import os
import socket
from dataclasses import replace

from netcheck.classify import classify_connect
from netcheck.facts import GATEWAY_PORTS
from netcheck.model import Check, Outcome, Reason, Status
from netcheck.probes import tcp_hold
from netcheck.probes.base import ProbeContext, Slots, failed, outcome
from netcheck.probes.tcp_tries import Tries
from netcheck.rtt import Policy, RttEstimator, next_step


async def probe(check: Check, ctx: ProbeContext) -> Outcome:
    """Hedged connects: a new attempt every RTO while older ones stay open; the first definitive
    answer (connected, refused, ICMP) wins. The engine's slot carries the first attempt; each
    retry needs a free slot of its own (slots count sockets) and is skipped, never waited for."""
    rtt = ctx.rtt or RttEstimator(Policy(ceiling=ctx.timeout))
    keys = _rtt_keys(check)
    started, sent, tries = ctx.clock(), 0, Tries()
    kept: list[socket.socket] = []  # gateway ports: connected sockets, for the hold after the verdict
    try:
        while True:
            elapsed = ctx.clock() - started
            step = next_step(elapsed, sent, rtt.rto(keys), rtt.policy, rtt.known(keys))
            if step.give_up:
                return tries.verdict(check, ctx.clock() - started)
            if step.send:
                await _send(tries, check, ctx, rtt.policy.ceiling - elapsed, sent == 0, kept)
                sent += 1
                continue
            won = await tries.wait(step.wait)
            if won:
                if won.reason in (Reason.OK, Reason.REFUSED):  # an RST is an answer too: a valid RTT
                    rtt.observe(keys, won.duration_ms / 1000)
                budget = rtt.policy.ceiling - (ctx.clock() - started)
                return await _held(tries.winner(won, ctx.clock() - started), kept, ctx, budget)
    finally:
        await tries.cancel()
        for sock in kept:
            sock.close()


async def _held(out: Outcome, kept: list[socket.socket], ctx: ProbeContext, budget: float) -> Outcome:
    """A gateway connect that worked: does the peer keep it open like IBKR (see tcp_hold)? Timed
    after the verdict, so the hold counts in no RTT and no lost attempt."""
    seconds = min(tcp_hold.HOLD_S, budget)
    if out.reason is not Reason.OK or not kept or seconds < 0.05:
        return out
    started = ctx.clock()
    after = await tcp_hold.watch(kept[0], seconds)
    held = {"after_connect": after, "held_ms": round((ctx.clock() - started) * 1000, 1)}
    return replace(out, detail={**out.detail, **held})


async def _send(
    tries: Tries, check: Check, ctx: ProbeContext, budget: float, first: bool, kept: list[socket.socket]
) -> None:
    """Start one attempt: the first on the engine's slot (or outside a run, unlimited); a retry
    only on a slot of its own that is free now, which it gives back when it ends."""
    if first or ctx.slots is None:
        tries.start(_attempt(check, ctx, budget, None, kept), ctx.clock())
    elif await ctx.slots.take_if_free():
        tries.start(_attempt(check, ctx, budget, ctx.slots, kept), ctx.clock())


async def _attempt(
    check: Check, ctx: ProbeContext, budget: float, slot: Slots | None, kept: list[socket.socket]
) -> Outcome:
    try:
        if ctx.connect is not None:  # a fake (unit tests): no socket to hold
            return await ctx.connect(check, ctx, max(budget, 0.05))
        keep = kept if check.port in GATEWAY_PORTS else None
        return await connect_once(check, ctx, max(budget, 0.05), keep)
    finally:
        if slot is not None:
            slot.give_back()


def _rtt_keys(check: Check) -> tuple[str, ...]:
    return (f"addr:{check.address}",) + ((f"region:{check.region}",) if check.region else ())


async def connect_once(
    check: Check, ctx: ProbeContext, timeout: float, keep: list[socket.socket] | None = None
) -> Outcome:
    """One connect attempt on a new socket, bounded by `timeout` (what is left of the check's).
    `keep`: a connected socket is left open and appended there (the caller closes it)."""
    started = ctx.clock()
    family = socket.AF_INET6 if check.family == 6 else socket.AF_INET
    try:
        sock = socket.socket(family, socket.SOCK_STREAM)
    except OSError as exc:  # EMFILE / ENFILE / ENOBUFS: this computer's limit, not the network's
        error = f"could not open a socket here: {_errno_text(exc)}; try a smaller --concurrency"
        return failed(
            check, Reason.ERROR, started, ctx, address=check.address, port=check.port, error=error, local_error=True
        )
    connected = False
    try:
        sock.setblocking(False)
        ctx.platform.prepare_connect_socket(sock)
        err = await _connect(sock, check, timeout)
        connected = err is None
    finally:
        if connected and keep is not None:
            keep.append(sock)
        else:
            sock.close()
    reason = classify_connect(err, ctx.clock() - started)
    if reason is Reason.OK:
        return outcome(check, Status.PASS, Reason.OK, started, ctx, address=check.address, port=check.port)
    return failed(check, reason, started, ctx, address=check.address, port=check.port, error=_errno_text(err))


async def _connect(sock: socket.socket, check: Check, timeout: float) -> OSError | None:
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(timeout):
            await loop.sock_connect(sock, (check.address, check.port))
    except (OSError, TimeoutError) as exc:
        return exc
    return None


def _errno_text(err: OSError | None) -> str | None:
    if err is None:
        return None
    if isinstance(err, TimeoutError) and not err.errno:
        return "no answer (timed out)"
    if err.errno:  # asyncio's message repeats the address; the errno text says what happened
        return os.strerror(err.errno)
    return str(err) or type(err).__name__
