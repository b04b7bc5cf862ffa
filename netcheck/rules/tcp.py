"""Connection rules: IPv6 broken, gateway ports blocked or rejected, a region down, single hosts."""

from __future__ import annotations

from netcheck.facts import DROPPED, GATEWAY_PORTS, REJECTED
from netcheck.model import Outcome, Reason, Severity, Status
from netcheck.rules import State


def ipv6_broken(s: State) -> None:
    v4_ok = {(o.check.host, o.check.port) for o in s.facts.tcp if o.check.family == 4 and o.status is Status.PASS}
    hits = [
        o
        for o in s.unexplained(s.facts.tcp)
        if o.check.family == 6 and (o.check.host, o.check.port) in v4_ok and not s.facts.address_answered(o)
    ]  # an IPv6 address that answered on its other port has working IPv6: that miss is the link's
    if hits:
        s.add("ipv6-broken", Severity.WARN, hits)


def gateway_ports(s: State) -> None:
    """A gateway port failing on every gateway while the web works: a port filter on this network."""
    if not s.facts.web_works:
        return
    gw = s.facts.gateway_tcp
    dead_ports = [p for p in GATEWAY_PORTS if _port_dead(gw, p)]
    bad = [o for o in s.unexplained(gw) if o.check.port in dead_ports]
    rejected_pairs = {
        (o.check.host, o.check.port) for o in bad if o.reason in REJECTED or o.reason is Reason.UNREACHABLE
    }
    # Per host:port, one active reject settles it: Linux acts on an ICMPv6 reject only at the
    # SYN retransmit, so that address's attempt may have timed out first.
    rejected = [o for o in bad if (o.check.host, o.check.port) in rejected_pairs]
    dropped = [o for o in bad if (o.check.host, o.check.port) not in rejected_pairs and o.reason in DROPPED]
    for fid, outs in (("ports-blocked", dropped), ("ports-rejected", rejected)):
        if outs:
            ports = sorted({o.check.port for o in outs})
            s.add(fid, Severity.FAIL, outs, ports="/".join(map(str, ports)))


def _port_dead(gw: list[Outcome], port: int) -> bool:
    """No gateway answers on `port` over IPv4 (IPv6 alone failing is ipv6-broken's case)."""
    on_port = [o for o in gw if o.check.port == port]
    return bool(on_port) and not any(o.status is Status.PASS for o in on_port if o.check.family == 4)


def region_unreachable(s: State) -> None:
    gw = [o for o in s.facts.gateway_tcp if o.check.region]
    regions = sorted({o.check.region for o in gw})
    dead = [r for r in regions if not s.facts.any_pass([o for o in gw if o.check.region == r])]
    if not dead or len(dead) == len(regions):
        return
    outs = s.unexplained([o for o in gw if o.check.region in dead])
    if outs:
        mine = [r for r in dead if r in s.user_regions]
        severity = Severity.FAIL if mine else Severity.WARN
        s.add("region-unreachable", severity, outs, regions=", ".join(dead))


def hosts_unreachable(s: State) -> None:
    bad = s.unexplained(s.facts.tcp)
    if bad:
        severity = Severity.FAIL if any(o.status is Status.FAIL for o in bad) else Severity.WARN
        hosts = sorted({f"{o.check.host}:{o.check.port}" for o in bad})
        s.add("host-unreachable", severity, bad, hosts=", ".join(hosts))


RULES = (ipv6_broken, gateway_ports, region_unreachable, hosts_unreachable)
