"""This computer's side of connections: the interface carrying the route, VPNs, TWS sessions, API ports."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

from netcheck.model import Check, Outcome, Reason, Status
from netcheck.platform.machine import FORWARDERS, classify_process, is_vpn_interface
from netcheck.probes.base import ProbeContext, failed, outcome
from netcheck.probes.local import ROUTE_PROBE

LOOPBACK_OR_ANY = {"127.0.0.1", "::1", "0.0.0.0", "::", "::ffff:127.0.0.1"}


def _route_interface(check: Check, ctx: ProbeContext) -> Outcome:
    import psutil

    started = ctx.clock()
    source = ctx.platform.route_exists(socket.AF_INET, ROUTE_PROBE[4]) or ctx.platform.route_exists(
        socket.AF_INET6, ROUTE_PROBE[6]
    )
    addrs, stats = psutil.net_if_addrs(), psutil.net_if_stats()
    vpns = sorted(n for n, st in stats.items() if st.isup and is_vpn_interface(ctx.platform.name, n))
    name = interface_of(source, {n: [a.address for a in al] for n, al in addrs.items()}) if source else None
    if not name:
        return outcome(check, Status.SKIP, Reason.NOT_APPLICABLE, started, ctx, why="no default route",
                       vpn_interfaces=vpns)
    st = stats.get(name)
    ips = [a.address for a in addrs.get(name, []) if a.family in (socket.AF_INET, socket.AF_INET6)]
    return outcome(check, Status.PASS, Reason.OK, started, ctx, interface=name, source=source, addresses=ips,
                   link_up=bool(st and st.isup), speed_mbps=(st.speed if st else None) or None,
                   mtu=st.mtu if st else None, vpn=is_vpn_interface(ctx.platform.name, name), vpn_interfaces=vpns)


def interface_of(source: str, addresses: dict[str, list[str]]) -> str | None:
    """Pure: the interface holding `source` (IPv6 scope suffixes like %eth0 ignored)."""
    for name, ips in addresses.items():
        if any(ip.split("%")[0] == source.split("%")[0] for ip in ips):
            return name
    return None


def _processes() -> list[dict[str, Any]]:
    import psutil

    out = []
    for p in psutil.process_iter(["pid", "ppid", "name", "exe", "cmdline"]):
        info = p.info
        hit = classify_process(info.get("name") or "", info.get("exe") or "", info.get("cmdline") or [])
        if hit:
            out.append({"pid": info["pid"], "ppid": info.get("ppid"), "kind": hit[0], "installation": hit[1]})
    return session_roots(out)


def session_roots(running: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pure: a launcher (tws script, tws.exe) and the JVM it starts are one session: keep the
    outermost TWS process of each tree, named by its innermost one's installation."""
    by_pid = {r["pid"]: r for r in running}
    roots: dict[int, dict[str, Any]] = {}
    for r in running:
        top = r
        while top.get("ppid") in by_pid and top["ppid"] != top["pid"]:
            top = by_pid[top["ppid"]]
        root = roots.setdefault(top["pid"], {k: v for k, v in top.items() if k != "ppid"})
        if r is not top:  # the JVM knows its program folder better than a launcher script does
            root["installation"] = r["installation"]
    return list(roots.values())


def _sessions(check: Check, ctx: ProbeContext) -> Outcome:
    started = ctx.clock()
    running = _processes()
    dups = duplicate_sessions(running)
    if dups:
        return failed(check, Reason.CONFLICT, started, ctx, sessions=running, duplicates=dups)
    return outcome(check, Status.PASS, Reason.OK, started, ctx, sessions=running)


def duplicate_sessions(running: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pure: installations with more than one session running."""
    groups: dict[tuple[str, str], list[int]] = {}
    for r in running:
        groups.setdefault((r["kind"], r["installation"]), []).append(r["pid"])
    return [{"kind": k, "installation": inst, "pids": sorted(p)} for (k, inst), p in groups.items() if len(p) > 1]


def _api_port(check: Check, ctx: ProbeContext) -> Outcome:
    started = ctx.clock()
    port = int(check.params["port"])
    holders, complete = listeners(port, _socket_table(ctx))
    if not holders and not complete and _connects(port, ctx.timeout):
        holders = [{"pid": None, "name": "", "kind": None}]
    if not holders:
        return outcome(check, Status.PASS, Reason.OK, started, ctx, listening=False)
    strangers = [h for h in holders if h["pid"] is not None and h["kind"] is None]
    detail = {"listening": True, "holders": holders, "expected": check.params.get("expected")}
    if strangers:
        return failed(check, Reason.CONFLICT, started, ctx, **detail)
    return outcome(check, Status.PASS, Reason.OK, started, ctx, **detail)


def listeners(port: int, table: SocketTable | None = None) -> tuple[list[dict[str, Any]], bool]:
    """Processes listening on `port` on loopback or all addresses; False when the OS hid some
    sockets from us (macOS without root), so an empty list proves nothing."""
    import psutil

    socks, complete = table or socket_table()
    pids = {pid for pid, c in socks if _listens_locally(c, port, psutil.CONN_LISTEN)}
    return [_holder(pid) for pid in sorted(pids, key=lambda p: p or 0)], complete


SocketTable = tuple[list[tuple[int | None, Any]], bool]  # (pid, connection) pairs; complete?


def socket_table() -> SocketTable:
    import psutil

    try:
        return [(c.pid, c) for c in psutil.net_connections(kind="tcp")], True
    except psutil.AccessDenied:
        return _own_sockets(), False


def _socket_table(ctx: ProbeContext) -> SocketTable:
    """One scan per run for all API-port checks: a scan reads every process's descriptors
    (~12 ms with 70 processes, far more on a busy desktop)."""
    if ctx.shared is None:
        return socket_table()
    if "tcp_sockets" not in ctx.shared:
        ctx.shared["tcp_sockets"] = socket_table()
    return ctx.shared["tcp_sockets"]  # type: ignore[no-any-return]


def _listens_locally(c: Any, port: int, listen: str) -> bool:
    return bool(c.status == listen and c.laddr and c.laddr.port == port and c.laddr.ip in LOOPBACK_OR_ANY)


def _own_sockets() -> list[tuple[int | None, Any]]:
    import psutil

    out: list[tuple[int | None, Any]] = []
    for p in psutil.process_iter():
        conns = getattr(p, "net_connections", None) or p.connections  # psutil < 6 names it connections
        try:
            out += [(p.pid, c) for c in conns(kind="tcp")]
        except psutil.Error:
            continue  # other users' processes: invisible without root
    return out


def _holder(pid: int | None) -> dict[str, Any]:
    import psutil

    if pid is None:
        return {"pid": None, "name": "", "kind": None}
    try:
        p = psutil.Process(pid)
        name, exe, cmd = p.name(), _safe(p.exe), _safe(p.cmdline, [])
    except psutil.Error:
        return {"pid": pid, "name": "", "kind": None}
    hit = classify_process(name, exe, cmd)
    kind = hit[0] if hit else ("forwarder" if name.lower() in FORWARDERS else None)
    return {"pid": pid, "name": name, "kind": kind}


def _safe(fn: Callable[[], Any], default: Any = "") -> Any:
    import psutil

    try:
        return fn()
    except psutil.Error:
        return default


def _connects(port: int, timeout: float) -> bool:
    for host in ("127.0.0.1", "::1"):
        try:
            with socket.create_connection((host, port), timeout=min(timeout, 1.0)):
                return True
        except OSError:
            continue
    return False


HANDLERS: dict[str, Callable[[Check, ProbeContext], Outcome]] = {
    "route-interface": _route_interface,
    "sessions": _sessions,
    "api-port": _api_port,
}
