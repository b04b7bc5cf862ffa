"""After a gateway connect: hold a connection open a moment and see whether the peer closes it.

IBKR's gateways keep a silent connection open until the client speaks. A router that answers
4000/4001 itself (a port forward to nothing, a transparent proxy whose upstream fails) accepts and
then closes or resets: the connect alone would pass, the hold tells the two apart."""

from __future__ import annotations

import asyncio
import socket

from netcheck.model import Check
from netcheck.probes.base import ProbeContext

HOLD_S = 0.5  # an intercepting box closes within its own round trip; IBKR never closes first


async def watch(sock: socket.socket, seconds: float) -> str:
    """What the peer did within `seconds` of the connect: open (nothing), closed, reset or data."""
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(seconds):
            data = await loop.sock_recv(sock, 1)
    except TimeoutError:
        return "open"
    except OSError:  # ECONNRESET, EPIPE: the peer reset the connection
        return "reset"
    return "data" if data else "closed"


async def hold(check: Check, ctx: ProbeContext, budget: float) -> dict[str, object]:
    """A second connection to the address that answered, held up to HOLD_S within `budget`; its
    fate as detail keys. Separate from the hedged connects so the hold delays no RTT or loss count."""
    seconds = min(HOLD_S, budget)
    if seconds <= 0.05:
        return {}
    started = ctx.clock()
    family = socket.AF_INET6 if check.family == 6 else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.setblocking(False)
            async with asyncio.timeout(seconds):
                await asyncio.get_running_loop().sock_connect(sock, (check.address, check.port))
            left = seconds - (ctx.clock() - started)
            after = await watch(sock, max(left, 0.05))
    except (OSError, TimeoutError):  # the second connect got no answer: nothing to judge
        return {}
    return {"after_connect": after, "held_ms": round((ctx.clock() - started) * 1000, 1)}
