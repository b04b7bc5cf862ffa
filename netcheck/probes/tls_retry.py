"""When a TLS handshake on a connected socket is reset, closed or stalls: two more handshakes to the
same address tell the causes apart. One with a neutral server name: if that completes, something
reads the name and cuts IBKR's (a DPI filter). One with the same name on a socket whose MSS is small
(TCP_MAXSEG): if that completes, full-size packets are lost on the path (a path-MTU black hole).
The rules (netcheck/rules/tls_path.py) draw the conclusion; this module only records what happened."""

from __future__ import annotations

import asyncio
import socket
import ssl
from dataclasses import dataclass
from typing import Any

from netcheck.classify import classify_handshake
from netcheck.model import Check
from netcheck.probes.base import ProbeContext

NEUTRAL_SNI = "www.example.com"  # RFC 2606: a name no filter has a reason to block
SMALL_MSS = 536  # RFC 879's default MSS: 576-byte IPv4 packets pass every path


@dataclass(frozen=True)
class Attempt:
    result: str  # ok, alert, reset, closed, stalled, no-connect, unsupported, error
    mss: int | None = None  # the MSS the connected socket uses (ours and the server's, the smaller)


async def explain(check: Check, ctx: ProbeContext, exc: BaseException, elapsed_s: float) -> dict[str, Any]:
    """Detail keys for a failed handshake; nothing when it failed otherwise (a certificate, an alert)."""
    happened = classify_handshake(exc)
    if happened is None:
        return {}
    neutral, small = await asyncio.gather(
        handshake(check, ctx, NEUTRAL_SNI), handshake(check, ctx, check.host, SMALL_MSS)
    )
    return {
        "handshake": happened,
        "after_ms": round(elapsed_s * 1000),
        "neutral_sni": NEUTRAL_SNI,
        "neutral_result": neutral.result,
        "mss": neutral.mss,
        "small_mss": SMALL_MSS,
        "small_mss_result": small.result,
    }


def summary(detail: dict[str, Any], address: str, sni: str) -> str:
    """One evidence line: address, server name, what happened and when, and what the retries did."""
    text = f"TLS to {address} with server name {sni}: {detail['handshake']} after {detail['after_ms']} ms"
    text += f"; with server name {detail['neutral_sni']}: {detail['neutral_result']}"
    return text + f"; with MSS {detail['small_mss']}: {detail['small_mss_result']}"


async def handshake(check: Check, ctx: ProbeContext, sni: str, mss: int | None = None) -> Attempt:
    """One handshake without certificate checks (only whether it completes matters)."""
    insecure = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    insecure.check_hostname = False
    insecure.verify_mode = ssl.CERT_NONE
    try:
        sock = await _connect(check, ctx, mss)
    except NotImplementedError:
        return Attempt("unsupported")
    except Exception:  # the address stopped answering: nothing to learn from this attempt
        return Attempt("no-connect")
    seg = _mss(sock)
    try:
        async with asyncio.timeout(ctx.timeout):
            _, writer = await asyncio.open_connection(sock=sock, ssl=insecure, server_hostname=sni)
        writer.transport.abort()
        return Attempt("ok", seg)
    except Exception as exc:  # every way it ends is the answer
        sock.close()
        return Attempt(classify_handshake(exc) or ("alert" if isinstance(exc, ssl.SSLError) else "error"), seg)


async def _connect(check: Check, ctx: ProbeContext, mss: int | None) -> socket.socket:
    family = socket.AF_INET6 if ":" in check.address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setblocking(False)
    try:
        if mss is not None:
            _set_mss(sock, mss)
        async with asyncio.timeout(ctx.timeout):
            await asyncio.get_running_loop().sock_connect(sock, (check.address, check.port))
    except BaseException:
        sock.close()
        raise
    return sock


def _set_mss(sock: socket.socket, mss: int) -> None:
    """Before connect, TCP_MAXSEG is the MSS our SYN announces, so the server's segments stay small."""
    option = getattr(socket, "TCP_MAXSEG", None)
    try:
        if option is None:
            raise OSError("no TCP_MAXSEG")
        sock.setsockopt(socket.IPPROTO_TCP, option, mss)
    except OSError as exc:  # Windows has no settable MSS
        raise NotImplementedError from exc


def _mss(sock: socket.socket) -> int | None:
    option = getattr(socket, "TCP_MAXSEG", None)
    try:
        return int(sock.getsockopt(socket.IPPROTO_TCP, option)) if option is not None else None
    except OSError:
        return None
