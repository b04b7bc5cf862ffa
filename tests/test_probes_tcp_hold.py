"""The held gateway connect (probes/tcp_hold.py) against real loopback servers: silent, closing, resetting, talking."""

from __future__ import annotations

import asyncio
import socket
import struct
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import pytest

from netcheck.model import Check, Kind
from netcheck.probes import ProbeContext, tcp_hold

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
async def test_the_hold_tells_a_silent_gateway_from_one_that_closes(handler: Handler, after: str) -> None:
    async with server(handler) as port:
        got = await tcp_hold.hold(check(port), ProbeContext(timeout=2.0), budget=0.3)
    assert got["after_connect"] == after
    assert isinstance(got["held_ms"], float)
    assert got["held_ms"] < 1000 and (after != "open" or got["held_ms"] >= 250)


async def test_no_hold_without_time_left_or_without_an_answer() -> None:
    assert await tcp_hold.hold(check(1), ProbeContext(timeout=2.0), budget=0.01) == {}
    with socket.socket() as s:  # a port nobody listens on: the second connect is refused
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    assert await tcp_hold.hold(check(free), ProbeContext(timeout=2.0), budget=0.3) == {}


async def test_a_gateway_connect_that_passes_records_the_hold_and_keeps_its_rtt(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from netcheck.probes import tcp

    async with server(closing) as port:
        monkeypatch.setattr(tcp, "GATEWAY_PORTS", (port,))  # a loopback stand-in for 4000/4001
        out = await tcp.probe(check(port), ProbeContext(timeout=2.0))
    assert out.detail["after_connect"] == "closed" and out.detail["rtt_ms"] < 500
