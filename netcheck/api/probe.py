"""Async probe of one TWS API HOST:PORT: connect, handshake, optionally START_API, close. Never raises
for network failure; every read is bounded by the context's timeout."""

from __future__ import annotations

import asyncio
import errno
import os
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from netcheck.api import protocol as p
from netcheck.api.classify import COARSE, ApiReason, Observation, Verdict, classify
from netcheck.api.targets import LOOPBACKS
from netcheck.classify import classify_connect
from netcheck.model import Check, Outcome, Status

if TYPE_CHECKING:
    from netcheck.probes.base import ProbeContext

RECV = 4096
KEEP_BYTES = 64  # foreign bytes kept as evidence


async def probe(check: Check, ctx: ProbeContext) -> Outcome:
    started = ctx.clock()
    cid = check.params.get("client_id")
    obs = await observe(check.host, check.port, ctx.timeout, None if cid is None else int(cid))
    verdict = classify(obs)
    if verdict.reason is not ApiReason.REFUSED and check.host in LOOPBACKS:
        verdict = replace(verdict, evidence={**verdict.evidence, **_local_listener(check.port)})
    return _outcome(check, ctx, started, verdict)


def _local_listener(port: int) -> dict[str, Any]:
    """Who listens on the port and on which addresses (psutil), so findings can name the program and
    say whether other computers can reach it; nothing when the OS does not tell."""
    import psutil

    from netcheck.probes.machine_net import listeners, socket_table

    try:
        socks, _ = socket_table()
        holders = [h for h in listeners(port, (socks, True))[0] if h.get("pid") is not None]
    except Exception:  # psutil trouble must not cost the verdict
        return {}
    bound = sorted({c.laddr.ip for _, c in socks if c.status == psutil.CONN_LISTEN and c.laddr.port == port})
    return {"holders": holders, "bound": bound}


def _outcome(check: Check, ctx: ProbeContext, started: float, v: Verdict) -> Outcome:
    from netcheck.probes.base import failed, outcome  # not at import: netcheck.probes registers this module

    reason, healthy = COARSE[v.reason]
    detail: dict[str, Any] = {"api": v.reason.value, "why": v.why, **v.evidence}
    if healthy:
        return outcome(check, Status.PASS, reason, started, ctx, **detail)
    if v.reason is ApiReason.REFUSED and check.params.get("source") != "user":
        return outcome(check, Status.SKIP, reason, started, ctx, **detail)  # nothing listens: information
    return failed(check, reason, started, ctx, **detail)


async def observe(host: str, port: int, timeout: float, client_id: int | None = None) -> Observation:
    t0 = time.monotonic()
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection(host, port)
    except (OSError, TimeoutError) as exc:
        err = exc if isinstance(exc, OSError) else TimeoutError()
        reason = classify_connect(err, time.monotonic() - t0)
        return Observation(connect=reason, connect_ms=_ms(t0), error=_text(exc))
    try:
        return await _talk(reader, writer, t0, timeout, client_id)
    finally:
        await _close(writer)


async def _talk(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, t0: float, timeout: float, client_id: int | None
) -> Observation:
    obs = Observation(connect_ms=_ms(t0), source=str(writer.get_extra_info("sockname", ("",))[0]))
    writer.write(p.handshake())
    obs, frames = await _read_hello(reader, obs, t0, timeout)
    if obs.hello is None or obs.hello.version < p.MIN_CLIENT_VERSION or client_id is None:
        return obs
    writer.write(p.start_api(client_id, obs.hello.version))
    return await _read_start(reader, replace(obs, client_id=client_id), frames, t0, timeout)


async def _read_hello(
    reader: asyncio.StreamReader, obs: Observation, t0: float, timeout: float
) -> tuple[Observation, bytes]:
    """Until a complete first frame, EOF, foreign bytes or the timeout."""
    buf = b""
    deadline = time.monotonic() + timeout
    while True:
        chunk, closed = await _recv(reader, deadline)
        if chunk and not buf:
            obs = replace(obs, first_byte_ms=_ms(t0))
        buf += chunk or b""
        try:
            frames, rest = p.split_frames(buf)
            if frames:
                hello = p.server_hello(frames[0])
                return replace(obs, hello=hello), b"".join(p.frame(f) for f in frames[1:]) + rest
        except (ValueError, UnicodeDecodeError):
            return replace(obs, received=buf[:KEEP_BYTES]), b""
        if closed or chunk is None:
            return _ended(obs, buf, closed, t0, timeout), b""


def _ended(obs: Observation, buf: bytes, closed: bool, t0: float, timeout: float) -> Observation:
    if buf:  # an incomplete frame is no TWS answer
        return replace(obs, received=buf[:KEEP_BYTES])
    if closed:
        return replace(obs, closed_ms=_ms(t0))
    return replace(obs, waited_ms=round(timeout * 1000.0))


async def _read_start(
    reader: asyncio.StreamReader, obs: Observation, buf: bytes, t0: float, timeout: float
) -> Observation:
    """After START_API: read until next id and accounts, error 326, EOF or the timeout; then stop."""
    assert obs.hello is not None
    deadline = time.monotonic() + timeout
    while True:
        try:
            frames, buf = p.split_frames(buf)
        except ValueError:
            return replace(obs, start_closed=True)
        for f in frames:
            obs = _absorb(obs, f)
        if _settled(obs):
            return obs
        chunk, closed = await _recv(reader, deadline)
        if closed or chunk is None:
            return replace(obs, start_closed=closed, waited_ms=round(timeout * 1000.0))
        buf += chunk or b""


def _absorb(obs: Observation, payload: bytes) -> Observation:
    assert obs.hello is not None
    try:
        m = p.message(payload, obs.hello.version)
    except (ValueError, UnicodeDecodeError):
        return obs
    nid, accts, err = p.next_valid_id(m), p.managed_accounts(m), p.api_error(m, obs.hello.version)
    if nid is not None:
        obs = replace(obs, next_id=nid)
    if accts is not None:
        obs = replace(obs, accounts=accts)
    return replace(obs, errors=obs.errors + (err,)) if err else obs


def _settled(obs: Observation) -> bool:
    in_use = any(e.code == p.CLIENT_ID_IN_USE for e in obs.errors)
    return in_use or (obs.next_id is not None and obs.accounts is not None)


async def _recv(reader: asyncio.StreamReader, deadline: float) -> tuple[bytes | None, bool]:
    """(bytes, peer closed?); (None, False) when the deadline passed first."""
    try:
        async with asyncio.timeout(max(0.0, deadline - time.monotonic())):
            chunk = await reader.read(RECV)
    except TimeoutError:
        return None, False
    except OSError:  # a reset is a close too
        return b"", True
    return chunk, not chunk


async def _close(writer: asyncio.StreamWriter) -> None:
    """Close at once; a peer that never reads must not hold the probe."""
    writer.close()
    try:
        async with asyncio.timeout(0.5):
            await writer.wait_closed()
    except (OSError, TimeoutError):
        writer.transport.abort()


def _ms(t0: float) -> float:
    return round((time.monotonic() - t0) * 1000.0, 1)


def _text(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno:
        return f"{errno.errorcode.get(exc.errno, exc.errno)} {os.strerror(exc.errno)}"
    return "no answer (timed out)" if isinstance(exc, TimeoutError) else str(exc) or type(exc).__name__
