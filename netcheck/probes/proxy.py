"""Proxy probe: does a configured proxy answer, and will it tunnel (HTTP CONNECT / SOCKS5) to a port."""

from __future__ import annotations

import asyncio
import socket
import struct
from typing import Any

from netcheck.classify import classify_connect
from netcheck.model import Check, Outcome, Reason, Status
from netcheck.probes.base import ProbeContext, failed, in_daemon_thread, outcome

SOCKS_REPLIES = {
    1: "general failure",
    2: "not allowed by the proxy's rules",
    3: "network unreachable",
    4: "host unreachable",
    5: "connection refused by the destination",
    6: "TTL expired",
    7: "command not supported",
    8: "address type not supported",
}


class ProxyAnswer(Exception):
    """The proxy answered but would not tunnel; `detail` says how (status, Server header)."""

    def __init__(self, detail: dict[str, Any]) -> None:
        super().__init__(detail.get("error", "refused"))
        self.detail = detail


async def probe(check: Check, ctx: ProbeContext) -> Outcome:
    started = ctx.clock()
    p = check.params
    host, port = str(p.get("proxy_host", check.host)), int(p.get("proxy_port", check.port))
    where = {"proxy": _endpoint(host, port)}
    try:
        reader, writer, address = await _open(host, port, ctx)
    except Exception as exc:  # the proxy itself does not answer: an outcome, not an error
        reason = classify_connect(exc, ctx.clock() - started) if isinstance(exc, OSError | TimeoutError) else None
        return failed(check, reason or Reason.ERROR, started, ctx, **where, error=_text(exc))
    where["proxy_address"] = address
    try:
        if p.get("mode") != "connect":
            return outcome(check, Status.PASS, Reason.OK, started, ctx, **where)
        tunnel = _socks5 if str(p.get("scheme", "http")).startswith("socks") else _http_connect
        detail = await tunnel(reader, writer, check, ctx)
    except ProxyAnswer as answer:
        return failed(check, Reason.PROXY_ERROR, started, ctx, **where, **answer.detail)
    except (OSError, TimeoutError, asyncio.IncompleteReadError) as exc:
        why = "the proxy closed the connection" if isinstance(exc, asyncio.IncompleteReadError) else _text(exc)
        reason = Reason.TIMEOUT if isinstance(exc, TimeoutError) else Reason.PROXY_ERROR
        return failed(check, reason, started, ctx, **where, error=why)
    finally:
        writer.transport.abort()
    return outcome(check, Status.PASS, Reason.OK, started, ctx, **where, **detail)


async def _open(host: str, port: int, ctx: ProbeContext) -> tuple[asyncio.StreamReader, asyncio.StreamWriter, str]:
    gai = ctx.getaddrinfo or socket.getaddrinfo
    async with asyncio.timeout(ctx.timeout):
        infos = await in_daemon_thread(lambda: gai(host, port, type=socket.SOCK_STREAM))
        address = str(infos[0][4][0])
        reader, writer = await asyncio.open_connection(address, port)
    return reader, writer, address


async def _http_connect(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, check: Check, ctx: ProbeContext
) -> dict[str, Any]:
    target = _endpoint(check.host, check.port)
    writer.write(f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n".encode())
    async with asyncio.timeout(ctx.timeout):
        head = (await reader.readuntil(b"\r\n\r\n"))[:8192].decode("latin-1")
    status = _status(head)
    detail: dict[str, Any] = {"http_status": status, "proxy_server": _header(head, "server")}
    if status == 200:
        return detail
    if status == 407:
        detail.update(auth_required=True, auth_schemes=auth_schemes(_headers(head, "proxy-authenticate")))
    detail["error"] = head.split("\r\n", 1)[0][:120]
    raise ProxyAnswer(detail)


async def _socks5(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, check: Check, ctx: ProbeContext
) -> dict[str, Any]:
    name = check.host.encode("idna")
    async with asyncio.timeout(ctx.timeout):
        writer.write(b"\x05\x01\x00")  # version 5, one method: no authentication
        ver, method = await reader.readexactly(2)
        if method != 0:
            raise ProxyAnswer({"auth_required": True, "error": "the SOCKS proxy wants a user name and password"})
        writer.write(b"\x05\x01\x00\x03" + bytes([len(name)]) + name + struct.pack(">H", check.port))
        _, rep = await reader.readexactly(2)
    if rep != 0:
        raise ProxyAnswer({"socks_reply": rep, "error": SOCKS_REPLIES.get(rep, f"SOCKS reply {rep}")})
    return {"socks_reply": 0}


def _status(head: str) -> int:
    parts = head.split(" ", 2)
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0


def _header(head: str, name: str) -> str | None:
    values = _headers(head, name)
    return values[0][:80] if values else None


def _headers(head: str, name: str) -> list[str]:
    out = []
    for line in head.split("\r\n")[1:]:
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() == name:
            out.append(value.strip())
    return out


def auth_schemes(challenges: list[str]) -> list[str]:
    """The schemes a proxy offers, from its Proxy-Authenticate values ('Basic realm="x", NTLM' ->
    Basic, NTLM): a segment's first word is a scheme unless it is a parameter (has '=')."""
    found: list[str] = []
    for value in challenges:
        for segment in value.split(","):
            word = segment.strip().split(" ", 1)[0]
            if word and "=" not in word and '"' not in word and word not in found:
                found.append(word[:20])
    return found[:8]


def _endpoint(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _text(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError) and not getattr(exc, "errno", None):
        return "no answer (timed out)"
    return (str(exc) or type(exc).__name__)[:200]
