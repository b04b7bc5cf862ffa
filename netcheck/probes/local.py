"""Local basics: an interface that is up with an address, and a route to the internet."""

from __future__ import annotations

import ipaddress
import socket

from netcheck.model import Check, Outcome, Reason, Status
from netcheck.probes.base import ProbeContext, failed, outcome

# Route look-ups only (UDP connect sends nothing). Documentation addresses: reachable only
# through a default route, never a real host.
ROUTE_PROBE = {4: "203.0.113.1", 6: "2001:db8::1"}


async def probe(check: Check, ctx: ProbeContext) -> Outcome:
    what = check.params.get("what")
    if what == "interfaces":
        return _interfaces(check, ctx)
    return _route(check, ctx, int(check.params.get("family", 4)))


def _interfaces(check: Check, ctx: ProbeContext) -> Outcome:
    import psutil

    started = ctx.clock()
    stats = psutil.net_if_stats()
    addrs = psutil.net_if_addrs()
    usable = sorted(
        name
        for name, st in stats.items()
        if st.isup
        and not _is_loopback(name, addrs.get(name, []))
        and any(a.family in (socket.AF_INET, socket.AF_INET6) for a in addrs.get(name, []))
    )
    if usable:
        return outcome(check, Status.PASS, Reason.OK, started, ctx, interfaces=usable)
    return failed(check, Reason.UNREACHABLE, started, ctx, interfaces=[])


def _is_loopback(name: str, addrs: list) -> bool:  # type: ignore[type-arg]
    if name.lower().startswith(("lo", "loopback")):
        return True
    ips = [a.address for a in addrs if a.family in (socket.AF_INET, socket.AF_INET6)]
    return bool(ips) and all(ip.startswith("127.") or ip == "::1" for ip in ips)


def _route(check: Check, ctx: ProbeContext, family: int) -> Outcome:
    started = ctx.clock()
    fam = socket.AF_INET6 if family == 6 else socket.AF_INET
    source = ctx.platform.route_exists(fam, ROUTE_PROBE[family])
    if source and (family == 4 or is_global_v6(source)):
        return outcome(check, Status.PASS, Reason.OK, started, ctx, source=source)
    if family == 6:  # many networks have no IPv6 at all; TWS then simply uses IPv4
        return outcome(check, Status.SKIP, Reason.NOT_APPLICABLE, started, ctx)
    return failed(check, Reason.UNREACHABLE, started, ctx)


# Sources that cannot reach the IPv6 internet: link-local, unique-local (RFC 4193; behind NAT66 at
# best, and glibc's RFC 6724 table then prefers IPv4 anyway), deprecated site-local, loopback.
_NOT_GLOBAL_V6 = tuple(ipaddress.IPv6Network(n) for n in ("fe80::/10", "fc00::/7", "fec0::/10", "::1/128", "::/128"))


def is_global_v6(source: str) -> bool:
    """A source address the internet can answer (documentation 2001:db8::/32 counts: the lab's internet)."""
    try:
        ip = ipaddress.IPv6Address(source.split("%")[0])
    except ValueError:
        return False
    return not any(ip in net for net in _NOT_GLOBAL_V6)
