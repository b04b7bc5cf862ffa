"""DNS rules: resolver down, names hidden (NXDOMAIN), answers that disagree with independent resolvers."""

from __future__ import annotations

from netcheck import details
from netcheck.facts import DNS_DOWN, failed, suspicious_address
from netcheck.model import Outcome, Reason, Severity, Status
from netcheck.rules import State


def _local_dns(s: State, host: str) -> list[Outcome]:
    return [o for o in (s.facts.dns(host, "system"), s.facts.dns(host, "resolver")) if o]


def dns_unreachable(s: State) -> None:
    hits: list[Outcome] = []
    for host in s.facts.dns_hosts:
        outs = _local_dns(s, host)
        if outs and all(failed(o) and o.reason in DNS_DOWN for o in outs):
            hits += outs
    if hits:
        servers = sorted({x for o in hits for x in details.dns(o).servers})
        reachable = s.facts.any_pass(s.facts.tcp)
        s.add("dns-unreachable", Severity.FAIL, hits + _lookups_that_starved(s), servers=", ".join(servers),
              servers_reachable=reachable)


def _lookups_that_starved(s: State) -> list[Outcome]:
    """Web checks resolve their own names; with the resolver down they fail in that lookup, as a
    DNS error or as a timeout that the lookup used up. They are this finding's, not a new one."""
    return [o for o in s.unexplained(s.facts.http) if o.reason in DNS_DOWN | {Reason.TIMEOUT, Reason.NXDOMAIN}]


def dns_nxdomain(s: State) -> None:
    hits: list[Outcome] = []
    hosts: list[str] = []
    severity = Severity.WARN
    for host in s.facts.dns_hosts:
        outs = [o for o in _local_dns(s, host) if failed(o) and o.reason in (Reason.NXDOMAIN, Reason.NO_ANSWER)]
        if outs and len(outs) == len(_local_dns(s, host)):
            hits += outs + [o for o in s.facts.cross(host) if failed(o)]
            hosts.append(host)
            if any(o.check.required for o in outs):
                severity = Severity.FAIL
    if hits:
        elsewhere = [h for h in hosts if s.facts.any_pass(s.facts.cross(h))]
        s.add("dns-nxdomain", severity, hits, hosts=", ".join(hosts), resolves_elsewhere=bool(elsewhere))


def dns_mismatch(s: State) -> None:
    hits: list[Outcome] = []
    hosts: list[str] = []
    for host in s.facts.dns_hosts:
        local = [o for o in _local_dns(s, host) if o.status is Status.PASS]
        mine = {a for o in local for a in details.dns(o).addresses}
        theirs = {a for o in s.facts.cross(host) if o.status is Status.PASS for a in details.dns(o).addresses}
        bogus = any(suspicious_address(a) for a in mine)
        if mine and (bogus or (theirs and not mine & theirs)):
            hosts.append(host)
            hits += local + [o for o in s.facts.tcp if o.check.host == host and failed(o)]
    if hits:
        broken = any(failed(o) for o in hits)
        s.add("dns-mismatch", Severity.FAIL if broken else Severity.WARN, hits, hosts=", ".join(hosts))


RULES = (dns_unreachable, dns_nxdomain, dns_mismatch)
