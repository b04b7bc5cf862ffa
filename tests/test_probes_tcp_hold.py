"""The held gateway connect (probes/tcp_hold.py) against real loopback servers: silent, closing, resetting, talking."""

from __future__ import annotations

import asyncio
import socket
import struct
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import pytest

from netcheck.model import Check, Kind, Status
from netcheck.probes import ProbeContext, tcp, tcp_hold

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.read()  # like IBKR's gateway: wait for the client to speak
    writer.close()


async def closing(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.close()


async def resetting(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close = RST
    writer.close()


async def talking(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.write(b"HTTP/1.0 400 Bad Request\r\n\r\n")
    await writer.drain()
    await reader.read()
    writer.close()


@asynccontextmanager
async def server(handler: Handler) -> AsyncIterator[int]:
    srv = await asyncio.start_server(handler, "127.0.0.1", 0)
    try:
        yield srv.sockets[0].getsockname()[1]
    finally:
        srv.close()


def check(port: int) -> Check:
    return Check(id=f"tcp:gw:{port}@127.0.0.1", kind=Kind.TCP, target="gw", host="gw", port=port, address="127.0.0.1")


@pytest.mark.parametrize(
    ("handler", "after"), [(silent, "open"), (closing, "closed"), (resetting, "reset"), (talking, "data")]
)
async def test_a_gateway_connect_is_held_to_tell_a_silent_gateway_from_one_that_closes(
    monkeypatch: pytest.MonkeyPatch, handler: Handler, after: str
) -> None:
    async with server(handler) as port:
        monkeypatch.setattr(tcp, "GATEWAY_PORTS", (port,))  # a loopback stand-in for 4000/4001
        out = await tcp.probe(check(port), ProbeContext(timeout=2.0))
    assert out.status is Status.PASS and out.detail["after_connect"] == after
    held = out.detail["held_ms"]
    assert held < 1000 and (after != "open" or held >= tcp_hold.HOLD_S * 1000 - 50)
    assert out.detail["rtt_ms"] < 200  # the hold is timed after the connect, never in its RTT


async def test_other_ports_and_a_spent_budget_are_not_held(monkeypatch: pytest.MonkeyPatch) -> None:
    async with server(silent) as port:
        out = await tcp.probe(check(port), ProbeContext(timeout=2.0))  # not a gateway port
        assert "after_connect" not in out.detail
        monkeypatch.setattr(tcp, "GATEWAY_PORTS", (port,))
        out = await tcp.probe(check(port), ProbeContext(timeout=0.04))  # no time left to hold
        assert out.status is Status.PASS and "after_connect" not in out.detail


async def test_watch_reports_what_the_peer_did_within_the_time_given() -> None:
    async with server(closing) as port:
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.setblocking(False)
            assert await tcp_hold.watch(sock, 0.5) == "closed"
