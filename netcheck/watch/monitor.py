"""Async shell around the pure stats: probe each target every interval, hold one connection open per target.

Clock, sleep and connect are injected (tests drive them); network failures become samples, never exceptions.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

from netcheck.classify import classify_connect
from netcheck.watch.stats import TargetStats
from netcheck.watch.targets import Target
from netcheck.watch.thresholds import Breach, judge, worst

MAX_CONNECT_S = 3.0  # a connect slower than this is counted lost, whatever the interval


class Connection(Protocol):
    async def read(self) -> bytes: ...  # b"" when the peer closed; raises OSError on reset / keepalive timeout

    def close(self) -> None: ...


ConnectFn = Callable[[str, int, float], Awaitable[Connection]]
EventFn = Callable[[str, Target, TargetStats], None]


@dataclass
class Clock:
    wall: Callable[[], float] = time.time  # timestamps of outages (epoch seconds)
    mono: Callable[[], float] = time.monotonic  # connect times and scheduling


@dataclass
class Watched:
    target: Target
    stats: TargetStats
    breaches: dict[str, Breach] = field(default_factory=dict)


async def monitor(watched: list[Watched], interval: float, stop: asyncio.Event, connect: ConnectFn,
                  clock: Clock | None = None, on_event: EventFn | None = None) -> None:  # fmt: skip
    """Run until `stop` is set; every loop ends on its own when it sees it."""
    clk, emit = clock or Clock(), on_event or (lambda *_: None)
    loops = [_probe_loop(w, interval, stop, connect, clk, emit) for w in watched]
    loops += [_hold_loop(w, interval, stop, connect, clk, emit) for w in watched]
    await asyncio.gather(*loops)


async def _probe_loop(w: Watched, interval: float, stop: asyncio.Event, connect: ConnectFn, clk: Clock,
                      emit: EventFn) -> None:  # fmt: skip
    tick = clk.mono()
    while not stop.is_set():
        was_down, sent = w.stats.down, clk.wall()  # an outage starts when the failed attempt was sent
        ok, rtt, cause = await probe_once(w.target, connect, min(interval, MAX_CONNECT_S), clk)
        w.stats.probe(sent, ok, rtt, cause)
        w.breaches = worst(w.breaches, judge(w.stats.recent))
        emit("down" if w.stats.down and not was_down else "up" if was_down and not w.stats.down else "probe",
             w.target, w.stats)  # fmt: skip
        tick += interval
        await _sleep_until(stop, tick, clk)


async def probe_once(target: Target, connect: ConnectFn, timeout: float, clk: Clock) -> tuple[bool, float | None, str]:
    started = clk.mono()
    try:
        async with asyncio.timeout(timeout):
            conn = await connect(target.host, target.port, timeout)
    except (OSError, TimeoutError) as exc:
        return False, None, classify_connect(exc, clk.mono() - started).value
    rtt = (clk.mono() - started) * 1000
    conn.close()
    return True, rtt, ""


async def _hold_loop(w: Watched, interval: float, stop: asyncio.Event, connect: ConnectFn, clk: Clock,
                     emit: EventFn) -> None:  # fmt: skip
    """One connection kept open, as TWS keeps its session: a reset or keepalive timeout is a drop."""
    while not stop.is_set():
        try:
            async with asyncio.timeout(min(interval, MAX_CONNECT_S)):
                conn = await connect(w.target.host, w.target.port, interval)
        except (OSError, TimeoutError):
            await _sleep_until(stop, clk.mono() + interval, clk)  # the probe loop records the failure
            continue
        how = await _until_lost(conn, stop)
        if how:
            was_down = w.stats.down
            w.stats.held_lost(clk.wall(), how)
            emit("down" if w.stats.down and not was_down else "held", w.target, w.stats)
            await _sleep_until(stop, clk.mono() + min(interval, 1.0), clk)


async def _until_lost(conn: Connection, stop: asyncio.Event) -> str:
    """How the held connection ended: closed, reset or timeout; "" when the watch stopped first."""
    reader = asyncio.ensure_future(_drain(conn))
    stopper = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait((reader, stopper), return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopper.cancel()
        reader.cancel()
        conn.close()
    return reader.result() if reader.done() and not reader.cancelled() else ""


async def _drain(conn: Connection) -> str:
    try:
        while await conn.read():
            pass  # the server may talk (TWS's API does not before a handshake); only the end matters
    except (TimeoutError, OSError) as exc:
        return "timeout" if isinstance(exc, TimeoutError) or getattr(exc, "errno", 0) == 110 else "reset"
    return "closed"


async def _sleep_until(stop: asyncio.Event, deadline: float, clk: Clock) -> None:
    delay = deadline - clk.mono()
    if delay > 0:
        try:
            async with asyncio.timeout(delay):
                await stop.wait()
        except TimeoutError:
            pass


class _StreamConnection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    async def read(self) -> bytes:
        return await self.reader.read(4096)

    def close(self) -> None:
        self.writer.close()


async def tcp_connect(host: str, port: int, interval: float) -> Connection:
    """The real connect: TCP keepalive set so a held, idle connection notices a reset or a dead path in seconds."""
    reader, writer = await asyncio.open_connection(host, port)
    sock = writer.get_extra_info("socket")
    if sock is not None:
        _keepalive(sock, max(1, int(interval)))
    return _StreamConnection(reader, writer)


def _keepalive(sock: socket.socket, idle_s: int) -> None:
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    for name, value in (("TCP_KEEPIDLE", idle_s), ("TCP_KEEPINTVL", 1), ("TCP_KEEPCNT", 3)):
        if hasattr(socket, name):  # Linux names; macOS has TCP_KEEPALIVE, Windows SIO_KEEPALIVE_VALS
            sock.setsockopt(socket.IPPROTO_TCP, getattr(socket, name), value)
