"""Proxy probe: does a configured proxy answer, and will it tunnel (HTTP CONNECT / SOCKS5) to a port.

The exchange runs on a blocking socket in a daemon thread, so its time limits are measured where the
bytes are: while the event loop is busy elsewhere (at start-up it builds the HTTP client), an asyncio
timeout would expire and blame a proxy that had answered in a millisecond.
"""

from __future__ import annotations

import socket
import struct
import time
from collections.abc import Callable
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
MAX_HEAD = 64 * 1024  # an HTTP proxy's answer head; more than this is not a proxy talking
Detail = dict[str, Any]


class ProxyAnswer(Exception):
    """The proxy answered but would not tunnel; `detail` says how (status, Server header)."""

    def __init__(self, detail: Detail) -> None:
        super().__init__(detail.get("error", "refused"))
        self.detail = detail


async def probe(check: Check, ctx: ProbeContext) -> Outcome:
    started = ctx.clock()
    host, port = str(check.params.get("proxy_host", check.host)), int(check.params.get("proxy_port", check.port))
    gai = ctx.getaddrinfo or socket.getaddrinfo
    reason, detail = await in_daemon_thread(lambda: _session(host, port, check, ctx.timeout, gai))
    where = {"proxy": _endpoint(host, port), **detail}
    if reason is Reason.OK:
        return outcome(check, Status.PASS, Reason.OK, started, ctx, **where)
    return failed(check, reason, started, ctx, **where)


def _session(host: str, port: int, check: Check, timeout: float, gai: Callable[..., Any]) -> tuple[Reason, Detail]:
    """Blocking: connect to the proxy and, for a tunnel check, ask it for one. Never raises."""
    started = time.monotonic()
    try:
        address = str(gai(host, port, type=socket.SOCK_STREAM)[0][4][0])
        sock = socket.create_connection((address, port), timeout=timeout)
    except Exception as exc:  # the proxy itself does not answer: an outcome, not an error
        reason = classify_connect(exc, time.monotonic() - started) if isinstance(exc, OSError) else Reason.ERROR
        return reason, {"error": _text(exc)}
    with sock:
        if check.params.get("mode") != "connect":
            return Reason.OK, {"proxy_address": address}
        reason, detail = _tunnel(_Wire(sock, timeout), check)
        return reason, {"proxy_address": address, **detail}


def _tunnel(wire: _Wire, check: Check) -> tuple[Reason, Detail]:
    ask = _socks5 if str(check.params.get("scheme", "http")).startswith("socks") else _http_connect
    try:
        return Reason.OK, ask(wire, check)
    except ProxyAnswer as answer:
        return Reason.PROXY_ERROR, answer.detail
    except TimeoutError:
        return Reason.TIMEOUT, {"error": "no answer (timed out)"}
    except EOFError:
        return Reason.PROXY_ERROR, {"error": "the proxy closed the connection"}
    except OSError as exc:
        return Reason.PROXY_ERROR, {"error": _text(exc)}


class _Wire:
    """A connected socket with one time budget for the whole exchange (the kernel keeps the time)."""

    def __init__(self, sock: socket.socket, timeout: float) -> None:
        self.sock, self.end, self.buf = sock, time.monotonic() + timeout, b""

    def send(self, data: bytes) -> None:
        self.sock.settimeout(self._left())
        self.sock.sendall(data)

    def exactly(self, n: int) -> bytes:
        while len(self.buf) < n:
            self._fill()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def until(self, sep: bytes) -> bytes:
        while sep not in self.buf:
            if len(self.buf) > MAX_HEAD:
                raise ProxyAnswer({"error": f"an answer without an end of header in {MAX_HEAD // 1024} KiB"})
            self._fill()
        out, _, self.buf = self.buf.partition(sep)
        return out + sep

    def _fill(self) -> None:
        self.sock.settimeout(self._left())
        chunk = self.sock.recv(4096)
        if not chunk:
            raise EOFError
        self.buf += chunk

    def _left(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return left


def _http_connect(wire: _Wire, check: Check) -> Detail:
    target = _endpoint(check.host, check.port)
    wire.send(f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n".encode())
    head = wire.until(b"\r\n\r\n")[:8192].decode("latin-1")
    status = _status(head)
    detail: Detail = {"http_status": status, "proxy_server": _header(head, "server")}
    if status == 200:
        return detail
    if status == 407:
        detail.update(auth_required=True, auth_schemes=auth_schemes(_headers(head, "proxy-authenticate")))
    detail["error"] = head.split("\r\n", 1)[0][:120]
    raise ProxyAnswer(detail)


def _socks5(wire: _Wire, check: Check) -> Detail:
    name = check.host.encode("idna")
    wire.send(b"\x05\x01\x00")  # version 5, one method: no authentication
    _, method = wire.exactly(2)
    if method != 0:
        raise ProxyAnswer({"auth_required": True, "error": "the SOCKS proxy wants a user name and password"})
    wire.send(b"\x05\x01\x00\x03" + bytes([len(name)]) + name + struct.pack(">H", check.port))
    _, rep = wire.exactly(2)
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
