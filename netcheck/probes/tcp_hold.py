"""After a gateway connect: hold the connection open a moment and see whether the peer closes it.

IBKR's gateways keep a silent connection open until the client speaks. A router that answers
4000/4001 itself (a port forward to nothing, a transparent proxy whose upstream fails) accepts and
then closes or resets: the connect alone would pass, the hold tells the two apart."""

from __future__ import annotations

import asyncio
import socket

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
