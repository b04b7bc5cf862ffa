"""Which API ports matter: the standard ones, those a running TWS / IB Gateway listens on, and --api."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from netcheck.ipaddr import is_ip
from netcheck.model import Check, Kind

STANDARD = ((7496, "tws", "live"), (7497, "tws", "paper"), (4001, "gateway", "live"), (4002, "gateway", "paper"))
LOOPBACKS = ("127.0.0.1", "::1")
PRODUCT = {"tws": "TWS", "gateway": "IB Gateway"}


@dataclass(frozen=True)
class Running:
    """A TWS / IB Gateway process and the TCP ports it listens on (address, port)."""

    kind: str
    pid: int
    listens: tuple[tuple[str, int], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "pid": self.pid, "ports": sorted({p for _, p in self.listens})}


def parse_target(text: str) -> tuple[str, int]:
    """HOST:PORT, [IPv6]:PORT; ValueError with the reason otherwise."""
    host, sep, port = text.strip().rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"{text!r} is not HOST:PORT (port 1-65535)")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    elif ":" in host:
        raise ValueError(f"{text!r}: write an IPv6 address in brackets, e.g. [::1]:7497")
    return host, int(port)


def label(port: int) -> tuple[str, str]:
    """(product, mode) a standard port stands for; empty when the number says nothing."""
    return next(((app, mode) for p, app, mode in STANDARD if p == port), ("", ""))


def checks(
    running: Iterable[Running] = (),
    user: Iterable[tuple[str, int]] = (),
    client_id: int | None = None,
    required: bool = False,
) -> list[Check]:
    """Pure: one check per distinct HOST:PORT; a user's target is required, the others as asked."""
    apps = tuple(running)
    seen: dict[tuple[str, int], Check] = {}
    common: dict[str, Any] = {"running": tuple(a.as_dict() for a in apps), "client_id": client_id}
    for host, port in user:
        seen.setdefault((host, port), _check(host, port, "user", True, common))
    for a in apps:
        for addr, port in a.listens:
            host = _reachable(addr)
            seen.setdefault((host, port), _check(host, port, "process", required, common, a.kind, addr))
    for port, _, _ in STANDARD:
        for host in LOOPBACKS:
            seen.setdefault((host, port), _check(host, port, "standard", required, common))
    return list(seen.values())


def _reachable(addr: str) -> str:
    """Where to connect to reach a socket bound to `addr`: its loopback for an any-address bind."""
    return {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(addr, addr)


def _check(
    host: str, port: int, source: str, required: bool, common: dict[str, Any], kind: str = "", bound: str = ""
) -> Check:
    product, mode = label(port)
    product = kind or product
    shown = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    name = " ".join(x for x in (PRODUCT.get(product, ""), mode) if x) or "TWS / IB Gateway"
    return Check(
        id=f"api:{shown}",
        kind=Kind.API,
        target=f"{name} API {shown}",
        host=host,
        port=port,
        address=host if is_ip(host) else "",
        required=required,
        params={**common, "source": source, "product": product, "mode": mode, "bound": bound},
    )


def discover() -> tuple[Running, ...]:
    """I/O: running TWS / IB Gateway sessions (psutil) and the TCP ports each listens on."""
    import psutil

    from netcheck.probes.machine_net import socket_table
    from netcheck.probes.machine_sessions import processes

    sessions = processes()
    pids = _descendants({int(s["pid"]) for s in sessions})
    socks, _complete = socket_table()
    out = []
    for s in sessions:
        mine = pids.get(int(s["pid"]), {int(s["pid"])})
        ports = {(c.laddr.ip, c.laddr.port) for pid, c in socks if pid in mine and c.status == psutil.CONN_LISTEN}
        out.append(Running(str(s["kind"]), int(s["pid"]), tuple(sorted(ports))))
    return tuple(out)


def _descendants(roots: set[int]) -> dict[int, set[int]]:
    """A launcher's JVM child holds the socket: count it as the session's."""
    import psutil

    out: dict[int, set[int]] = {}
    for pid in roots:
        try:
            out[pid] = {pid} | {c.pid for c in psutil.Process(pid).children(recursive=True)}
        except psutil.Error:
            out[pid] = {pid}
    return out
