"""TCP connect probe: open / refused / timeout (dropped) / unreachable / prohibited."""

from __future__ import annotations

import asyncio
import os
import socket

from netcheck.classify import classify_connect
from netcheck.model import Check, Outcome, Reason, Status
from netcheck.probes.base import ProbeContext, failed, outcome


async def probe(check: Check, ctx: ProbeContext) -> Outcome:
    started = ctx.clock()
    family = socket.AF_INET6 if check.family == 6 else socket.AF_INET
    try:
        sock = socket.socket(family, socket.SOCK_STREAM)
    except OSError as exc:  # EMFILE / ENFILE / ENOBUFS: this computer's limit, not the network's
        error = f"could not open a socket here: {_errno_text(exc)}; try a smaller --concurrency"
        return failed(check, Reason.ERROR, started, ctx, address=check.address, port=check.port, error=error,
                      local_error=True)
    try:
        sock.setblocking(False)
        ctx.platform.prepare_connect_socket(sock)
        err = await _connect(sock, check, ctx.timeout)
    finally:
        sock.close()
    elapsed = ctx.clock() - started
    reason = classify_connect(err, elapsed)
    if reason is Reason.OK:
        return outcome(check, Status.PASS, Reason.OK, started, ctx, address=check.address, port=check.port)
    errno_text = _errno_text(err)
    return failed(check, reason, started, ctx, address=check.address, port=check.port, error=errno_text)


async def _connect(sock: socket.socket, check: Check, timeout: float) -> BaseException | None:
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(timeout):
            await loop.sock_connect(sock, (check.address, check.port))
    except (OSError, TimeoutError) as exc:
        return exc
    return None


def _errno_text(err: BaseException | None) -> str | None:
    if err is None:
        return None
    if isinstance(err, TimeoutError) and not err.errno:
        return "no answer (timed out)"
    if err.errno:  # asyncio's message repeats the address; the errno text says what happened
        return os.strerror(err.errno)
    return str(err) or type(err).__name__
