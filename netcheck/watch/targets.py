"""What to watch: --target HOST:PORT, else the account's server (jts.ini) or the nearest gateway on 4001,
plus TWS's local API port when TWS or IB Gateway is running."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from netcheck.model import HostList

GATEWAY_PORT = 4001  # the primary session's port (TWS logs in over 4001 and keeps it open)
API_PORTS = (7496, 7497, 4001, 4002)  # TWS live/paper, IB Gateway live/paper, on this computer
PROBE_TIMEOUT_S = 2.0
_HOST_PORT = re.compile(r"\[([0-9A-Fa-f:.]+)\]:(\d{1,5})|([^:\[\]\s]+):(\d{1,5})")


@dataclass(frozen=True)
class Target:
    host: str
    port: int
    why: str  # target, home-server, nearest-gateway, tws-api
    region: str = ""  # the host list's region of the host: which IBKR windows apply to it

    @property
    def name(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def parse(text: str) -> Target:
    """HOST:PORT or [IPv6]:PORT; ValueError says what is expected."""
    m = _HOST_PORT.fullmatch(text.strip())
    port = int(m.group(2) or m.group(4)) if m else 0
    if not m or not 1 <= port <= 65535:
        raise ValueError(f"{text!r} is not HOST:PORT (e.g. zdc1.ibllc.com:4001 or [2001:db8::1]:4001)")
    return Target((m.group(1) or m.group(3)).lower(), port, "target")


def with_regions(targets: list[Target], hl: HostList) -> list[Target]:
    """Pure: give each target the region the host list assigns its host (none for TWS's local API)."""
    regions = {h.name.lower(): h.region for h in hl.hosts}
    return [replace(t, region=t.region or regions.get(t.host, "")) for t in targets]


def gateways(hl: HostList) -> list[str]:
    """Required gateway hosts that serve 4001, in list order."""
    return [h.name for h in hl.hosts if h.required and GATEWAY_PORT in h.ports and h.region]


ConnectTime = Callable[[str, int], Awaitable[float | None]]


async def connect_ms(host: str, port: int) -> float | None:
    """Connect time in ms, None when it fails (the failure itself does not matter here)."""
    started = time.monotonic()
    try:
        async with asyncio.timeout(PROBE_TIMEOUT_S):
            _, writer = await asyncio.open_connection(host, port)
    except (OSError, TimeoutError):
        return None
    writer.close()
    return (time.monotonic() - started) * 1000


async def nearest(hosts: list[str], measure: ConnectTime = connect_ms) -> Target | None:
    times = await asyncio.gather(*(measure(h, GATEWAY_PORT) for h in hosts))
    ranked = sorted((t, h) for h, t in zip(hosts, times, strict=True) if t is not None)
    return Target(ranked[0][1], GATEWAY_PORT, "nearest-gateway") if ranked else None


async def api_ports(measure: ConnectTime = connect_ms) -> list[Target]:
    times = await asyncio.gather(*(measure("127.0.0.1", p) for p in API_PORTS))
    return [Target("127.0.0.1", p, "tws-api") for p, t in zip(API_PORTS, times, strict=True) if t is not None]


async def defaults(home: str | None, hl: HostList, measure: ConnectTime = connect_ms) -> list[Target]:
    """The account's server if jts.ini names one, else the nearest reachable gateway; plus running APIs."""
    main = Target(home, GATEWAY_PORT, "home-server") if home else await nearest(gateways(hl), measure)
    local = await api_ports(measure)
    return ([main] if main else []) + [t for t in local if not main or t.name != main.name]
