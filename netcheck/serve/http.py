"""A deliberately small HTTP/1.1 server on asyncio streams: GET/HEAD of three fixed paths, bounded input.

Targets come only from the configured host lists; the request's path picks a view of the cached result
and its query string is ignored (blackbox_exporter's open /probe?target= is the counter-example).
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass

from netcheck.serve.cache import Snapshot, is_fresh

MAX_REQUEST_BYTES = 8192  # request line + headers; we never read a body
REQUEST_TIMEOUT_S = 5.0
PROM_TYPE = "text/plain; version=0.0.4; charset=utf-8"


@dataclass(frozen=True)
class Response:
    status: int
    body: str
    content_type: str = "text/plain; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


UNAUTHORIZED = Response(401, "Unauthorized\n", headers=(("WWW-Authenticate", 'Basic realm="netcheck"'),))


_REASONS = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    405: "Method Not Allowed",
    408: "Request Timeout",
    431: "Request Header Fields Too Large",
    503: "Service Unavailable",
}


def route(method: str, target: str, snap: Snapshot, fresh: bool) -> Response:
    """Pure: which answer a request gets. Only the path counts; a query string changes nothing."""
    if method not in ("GET", "HEAD"):
        return Response(405, "only GET and HEAD\n")
    path = target.split("?", 1)[0].split("#", 1)[0]
    if path == "/metrics":
        return (
            Response(200, snap.metrics + _agent_metrics(snap, fresh), PROM_TYPE)
            if snap.ready
            else Response(503, "no run finished yet\n")
        )
    if path == "/healthz":
        return Response(200, "ready\n") if fresh else Response(503, "not ready: " + _why(snap) + "\n")
    if path == "/report":
        return (
            Response(200, snap.report_json, "application/json")
            if snap.ready
            else Response(503, "no run finished yet\n")
        )
    if path == "/":
        return Response(200, "netcheck agent: /metrics /healthz /report\n")
    return Response(404, "not found\n")


def _why(snap: Snapshot) -> str:
    return "the last result is stale" if snap.ready else "no run finished yet"


def _agent_metrics(snap: Snapshot, fresh: bool) -> str:
    return (
        "# HELP netcheck_agent_runs_total Runs finished since the agent started.\n"
        "# TYPE netcheck_agent_runs_total counter\n"
        f"netcheck_agent_runs_total {snap.runs}\n"
        "# HELP netcheck_agent_result_fresh 1 if the cached result is recent enough to trust.\n"
        "# TYPE netcheck_agent_result_fresh gauge\n"
        f"netcheck_agent_result_fresh {int(fresh)}\n"
    )


def encode(resp: Response, head_only: bool = False) -> bytes:
    body = resp.body.encode()
    lines = [
        f"HTTP/1.1 {resp.status} {_REASONS.get(resp.status, 'Error')}",
        f"Content-Type: {resp.content_type}",
        f"Content-Length: {len(body)}",
        "Cache-Control: no-store",
        "X-Content-Type-Options: nosniff",
        "Connection: close",
        *(f"{name}: {value}" for name, value in resp.headers),
        "",
        "",
    ]
    return "\r\n".join(lines).encode() + (b"" if head_only else body)


@dataclass(frozen=True)
class Request:
    method: str
    target: str
    authorization: str | None = None  # the only header we use


async def read_request(reader: asyncio.StreamReader) -> Request | Response:
    """The request, or the error Response to send. Headers are read within bounds; all but
    Authorization are dropped."""
    try:
        async with asyncio.timeout(REQUEST_TIMEOUT_S):
            head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.LimitOverrunError:
        return Response(431, "request too large\n")
    except (TimeoutError, asyncio.IncompleteReadError):
        return Response(408, "request incomplete\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        return Response(400, "bad request line\n")
    return Request(parts[0], parts[1], _header(lines[1:], "authorization"))


def _header(lines: list[str], name: str) -> str | None:
    for line in lines:
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() == name:
            return value.strip()
    return None


def handler(
    current: Callable[[], Snapshot],
    interval: float,
    deadline: float,
    allows: Callable[[str | None], bool] = lambda _header: True,
) -> Callable[[asyncio.StreamReader, asyncio.StreamWriter], object]:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            req = await read_request(reader)
            if isinstance(req, Response):
                writer.write(encode(req))
            elif not allows(req.authorization):
                writer.write(encode(UNAUTHORIZED, head_only=req.method == "HEAD"))
            else:
                snap = current()
                fresh = is_fresh(snap, time.monotonic(), interval, deadline)
                writer.write(encode(route(req.method, req.target, snap, fresh), head_only=req.method == "HEAD"))
            await asyncio.wait_for(writer.drain(), REQUEST_TIMEOUT_S)
        except (OSError, TimeoutError):
            pass  # the client went away or does not read: nothing to answer
        finally:
            writer.close()

    return handle


async def start(
    host: str, port: int, handle: Callable[..., object], tls: ssl.SSLContext | None = None
) -> asyncio.Server:
    extra = {"ssl": tls, "ssl_handshake_timeout": REQUEST_TIMEOUT_S} if tls else {}
    return await asyncio.start_server(handle, host, port, limit=MAX_REQUEST_BYTES, **extra)  # type: ignore[arg-type]
