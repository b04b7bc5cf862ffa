"""The async monitor with an injected connect function: failures become outages, never exceptions."""

from __future__ import annotations

import asyncio
import socket
import time

from netcheck.watch.monitor import Clock, Watched, monitor, probe_once, tcp_connect
from netcheck.watch.stats import TargetStats
from netcheck.watch.targets import Target

TARGET = Target("gw.example.com", 4001, "target")
INTERVAL = 0.02


class FakeLink:
    """Connects fail while `down` is set; held connections are reset when `reset` is called."""

    def __init__(self) -> None:
        self.down = False
        self.calls = 0
        self.held: list[FakeConn] = []

    async def connect(self, host: str, port: int, interval: float) -> FakeConn:
        self.calls += 1
        if self.down:
            raise ConnectionRefusedError(111, "Connection refused")
        conn = FakeConn()
        self.held.append(conn)
        return conn

    def reset(self) -> None:
        for c in self.held:
            if not c.lost.done():  # probe connections are closed already
                c.lost.set_result(ConnectionResetError(104, "Connection reset by peer"))
        self.held.clear()


class FakeConn:
    def __init__(self) -> None:
        self.lost: asyncio.Future[BaseException | None] = asyncio.get_running_loop().create_future()

    async def read(self) -> bytes:
        exc = await asyncio.shield(self.lost)
        if exc:
            raise exc
        return b""

    def close(self) -> None:
        if not self.lost.done():
            self.lost.set_result(None)


async def _scenario(link: FakeLink, stop: asyncio.Event) -> None:
    await asyncio.sleep(0.1)
    link.down = True
    await asyncio.sleep(0.1)
    link.down = False
    await asyncio.sleep(0.1)
    link.reset()
    await asyncio.sleep(0.1)
    stop.set()


async def test_refused_connects_and_a_reset_of_the_held_connection_are_outages() -> None:
    link, stop = FakeLink(), asyncio.Event()
    w = Watched(TARGET, TargetStats(TARGET.name))
    events: list[str] = []
    await asyncio.gather(
        monitor([w], INTERVAL, stop, link.connect, Clock(), lambda kind, t, s: events.append(kind)),
        _scenario(link, stop),
    )
    outages = list(w.stats.outages)
    assert [o.cause for o in outages] == ["refused", "reset"]
    assert abs(outages[0].duration(0) - 0.1) <= 2 * INTERVAL + 0.06  # to the interval, with scheduling slack
    assert outages[1].duration(0) <= 2 * INTERVAL
    assert w.stats.held_events.get("reset") == 1 and events.count("down") == 2


async def test_a_probe_that_hangs_is_a_timeout_and_the_real_connect_reports_refused() -> None:
    async def never(host: str, port: int, interval: float) -> FakeConn:
        await asyncio.sleep(10)
        raise AssertionError("unreachable")

    ok, rtt, cause = await probe_once(TARGET, never, 0.05, Clock())
    assert (ok, rtt, cause) == (False, None, "timeout")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, not listening: refused
        ok, rtt, cause = await probe_once(Target("127.0.0.1", port, "target"), tcp_connect, 1.0, Clock())
    assert (ok, cause) == (False, "refused")


async def test_the_clock_is_injected() -> None:
    ticks = iter(range(100, 10_000))
    clock = Clock(wall=lambda: 1_000_000.0, mono=lambda: float(next(ticks)))
    link = FakeLink()
    ok, rtt, _ = await probe_once(TARGET, link.connect, 1.0, clock)
    assert ok and rtt == 1000.0  # one fake second between the two readings
    started = time.monotonic()
    stop = asyncio.Event()
    stop.set()
    await monitor([Watched(TARGET, TargetStats("x"))], 5.0, stop, link.connect, clock)
    assert time.monotonic() - started < 1.0  # a set stop ends every loop at once
