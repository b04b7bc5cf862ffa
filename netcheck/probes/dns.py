"""DNS probes: the system path (getaddrinfo: hosts file, NSS, VPN split DNS), the configured
nameservers through dnspython, and independent resolvers for the cross-check."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

from netcheck.classify import classify_dns, classify_oserror
from netcheck.model import Check, Kind, Outcome, Reason, Status
from netcheck.probes.base import ProbeContext, failed, in_daemon_thread, outcome

# A hostile or broken server may answer with hundreds of addresses; each one becomes TCP connects,
# so only the first few are kept (TWS itself tries only the first ones too).
MAX_ADDRESSES = 16

# When A and AAAA disagree, the more telling reason is reported.
_PRECEDENCE = (
    Reason.NXDOMAIN,
    Reason.SERVFAIL,
    Reason.NO_NAMESERVERS,
    Reason.DNS_TIMEOUT,
    Reason.TIMEOUT,
    Reason.NO_ANSWER,
    Reason.ERROR,
)


async def probe(check: Check, ctx: ProbeContext) -> Outcome:
    if check.kind is Kind.DNS and check.params.get("path") == "system":
        return await _system(check, ctx)
    return await _resolver(check, ctx)


async def _system(check: Check, ctx: ProbeContext) -> Outcome:
    started = ctx.clock()
    gai = ctx.getaddrinfo or socket.getaddrinfo
    try:
        async with asyncio.timeout(ctx.timeout):
            infos = await in_daemon_thread(lambda: gai(check.host, None, 0, socket.SOCK_STREAM))
    except (OSError, TimeoutError) as exc:
        reason = Reason.DNS_TIMEOUT if isinstance(exc, TimeoutError) else classify_oserror(exc)
        return failed(check, reason, started, ctx, error=_text(exc))
    addresses = _unique(str(info[4][0]) for info in infos)
    return outcome(check, Status.PASS, Reason.OK, started, ctx, **_capped(addresses))


async def _resolver(check: Check, ctx: ProbeContext) -> Outcome:
    started = ctx.clock()
    try:
        resolver = _make_resolver(check, ctx)
    except Exception as exc:  # a missing or unreadable resolv.conf is a finding, not a crash
        return failed(check, classify_dns(exc), started, ctx, error=_text(exc))
    results = await asyncio.gather(*(_query(resolver, check.host, rdtype, ctx) for rdtype in ("A", "AAAA")))
    addresses = _unique(a for found, _ in results for a in found)
    servers = [str(s) for s in resolver.nameservers]
    if addresses:
        return outcome(check, Status.PASS, Reason.OK, started, ctx, servers=servers, **_capped(addresses))
    reason = min((r for _, r in results), key=_rank)
    if check.kind is Kind.DNS_CROSS and reason in (Reason.DNS_TIMEOUT, Reason.TIMEOUT, Reason.ERROR):
        # Corporate networks often block outbound DNS: no cross-check possible, not a failure.
        return outcome(check, Status.SKIP, reason, started, ctx, servers=servers)
    return failed(check, reason, started, ctx, servers=servers)


def _make_resolver(check: Check, ctx: ProbeContext) -> Any:
    import dns.asyncresolver

    if check.kind is Kind.DNS_CROSS:
        resolver = dns.asyncresolver.Resolver(configure=False)
        resolver.nameservers = [check.server]
    else:
        resolver = dns.asyncresolver.Resolver()
    resolver.lifetime = ctx.timeout
    resolver.timeout = max(ctx.timeout / 2, 0.2)  # one retry per server within the lifetime
    return resolver


async def _query(resolver: Any, host: str, rdtype: str, ctx: ProbeContext) -> tuple[list[str], Reason]:
    try:
        answer = await resolver.resolve(host, rdtype, search=False)
    except Exception as exc:  # every dnspython failure is an outcome; the table classifies it
        return [], classify_dns(exc)
    return [r.address for r in answer], Reason.OK


def _capped(addresses: list[str]) -> dict[str, Any]:
    if len(addresses) <= MAX_ADDRESSES:
        return {"addresses": addresses}
    return {"addresses": addresses[:MAX_ADDRESSES], "addresses_total": len(addresses)}


def _rank(reason: Reason) -> int:
    return _PRECEDENCE.index(reason) if reason in _PRECEDENCE else len(_PRECEDENCE)


def _unique(addresses: Any) -> list[str]:
    return sorted(dict.fromkeys(addresses), key=lambda a: (":" in a, a))


def _text(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
