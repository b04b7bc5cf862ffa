"""A deliberately small HTTP/1.1 server on asyncio streams: GET/HEAD of three fixed paths, bounded input.

Targets come only from the configured host lists; the request's path picks a view of the cached result
and its query string is ignored (blackbox_exporter's open /probe?target= is the counter-example).
"""

from __future__ import annotations

import asyncio
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


_REASONS = {
    200: "OK",
    400: "Bad Request",
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
        "",
        "",
    ]
    return "\r\n".join(lines).encode() + (b"" if head_only else body)


async def read_request(reader: asyncio.StreamReader) -> tuple[str, str] | Response:
    """(method, target), or the error Response to send. Headers are read and dropped, within bounds."""
    try:
        async with asyncio.timeout(REQUEST_TIMEOUT_S):
            head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.LimitOverrunError:
        return Response(431, "request too large\n")
    except (TimeoutError, asyncio.IncompleteReadError):
        return Response(408, "request incomplete\n")
    parts = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        return Response(400, "bad request line\n")
    return parts[0], parts[1]


def handler(
    current: Callable[[], Snapshot], interval: float, deadline: float
) -> Callable[[asyncio.StreamReader, asyncio.StreamWriter], object]:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            req = await read_request(reader)
            if isinstance(req, Response):
                writer.write(encode(req))
            else:
                snap = current()
                fresh = is_fresh(snap, time.monotonic(), interval, deadline)
                writer.write(encode(route(req[0], req[1], snap, fresh), head_only=req[0] == "HEAD"))
            await asyncio.wait_for(writer.drain(), REQUEST_TIMEOUT_S)
        except (OSError, TimeoutError):
            pass  # the client went away or does not read: nothing to answer
        finally:
            writer.close()

    return handle


async def start(host: str, port: int, handle: Callable[..., object]) -> asyncio.Server:
    return await asyncio.start_server(handle, host, port, limit=MAX_REQUEST_BYTES)  # type: ignore[arg-type]
