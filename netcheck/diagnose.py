"""Pure diagnosis: outcomes in, root-cause findings out. No network, clock or environment here.

Rules run in order. A rule that explains the whole picture (no network, captive portal, no
internet) ends the diagnosis; narrower rules claim the checks they explain, and whatever failed
but is unexplained ends up in one catch-all finding, so no failure is ever silent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from netcheck.facts import (DNS_DOWN, DROPPED, REJECTED, Facts, evidence_line, failed,
                            suspicious_address)
from netcheck.model import Finding, Kind, Outcome, Reason, Severity, Status

MAX_EVIDENCE = 12


@dataclass
class _State:
    facts: Facts
    user_regions: tuple[str, ...]
    findings: list[Finding] = field(default_factory=list)
    explained: set[str] = field(default_factory=set)
    final: bool = False

    def add(self, fid: str, severity: Severity, outs: list[Outcome], **params: object) -> None:
        outs = list({o.check.id: o for o in outs}.values())  # one line per check, first seen first
        ids = tuple(o.check.id for o in outs)
        self.explained.update(ids)
        lines = [evidence_line(o) for o in outs[:MAX_EVIDENCE]]
        if len(outs) > MAX_EVIDENCE:
            lines.append(f"... and {len(outs) - MAX_EVIDENCE} more")
        self.findings.append(Finding(fid, severity, ids, tuple(lines), params))

    def unexplained(self, outs: list[Outcome]) -> list[Outcome]:
        return [o for o in outs if failed(o) and o.check.id not in self.explained]

    def all_failed(self) -> list[Outcome]:
        return [o for o in self.facts.outcomes if failed(o)]


Rule = Callable[[_State], None]


def diagnose(outcomes: list[Outcome] | tuple[Outcome, ...], user_regions: tuple[str, ...] = ()) -> list[Finding]:
    state = _State(Facts(tuple(outcomes)), user_regions)
    for rule in RULES:
        rule(state)
        if state.final:
            break
    return sorted(state.findings, key=lambda f: -f.severity.rank)


def overall(findings: list[Finding], outcomes: list[Outcome] | tuple[Outcome, ...]) -> Status:
    """The one place the run's status is computed; the exit code follows from it."""
    worst = max((f.severity.rank for f in findings), default=-1)
    if worst >= Severity.FAIL.rank:
        return Status.FAIL
    if worst >= Severity.WARN.rank or any(o.status is Status.WARN for o in outcomes):
        return Status.WARN
    return Status.PASS


# --- whole-picture rules -------------------------------------------------------------------

def no_network(s: _State) -> None:
    ifs, r4, r6 = (s.facts.local.get(k) for k in ("local:interfaces", "local:route:ipv4", "local:route:ipv6"))
    down = [o for o in (ifs, r4) if o and failed(o)]
    if down and not (r6 and r6.status is Status.PASS):
        s.add("no-network", Severity.FAIL, down + s.unexplained(s.all_failed()))
        s.final = True


def captive_portal(s: _State) -> None:
    hits = [o for o in s.facts.http if o.reason in (Reason.REDIRECT, Reason.HTTP_STATUS)
            and o.check.url.startswith("http://")]
    if hits:
        location = next((str(o.detail["location"]) for o in hits if o.detail.get("location")), "")
        s.add("captive-portal", Severity.FAIL, hits + s.unexplained(s.all_failed()), location=location)
        s.final = True


def no_internet(s: _State) -> None:
    f = s.facts
    external = f.http + f.tcp + f.kind(Kind.DNS_CROSS)
    if not external or f.any_pass(f.http) or f.any_pass(f.tcp) or f.any_pass(f.kind(Kind.DNS_CROSS)):
        return
    if not any(failed(o) for o in f.http + f.tcp) and f.any_pass(f.kind(Kind.DNS)):
        return
    s.add("no-internet", Severity.FAIL, s.all_failed())
    s.final = True


# --- DNS ------------------------------------------------------------------------------------

def _local_dns(s: _State, host: str) -> list[Outcome]:
    return [o for o in (s.facts.dns(host, "system"), s.facts.dns(host, "resolver")) if o]


def dns_unreachable(s: _State) -> None:
    hits: list[Outcome] = []
    for host in s.facts.dns_hosts:
        outs = _local_dns(s, host)
        if outs and all(failed(o) and o.reason in DNS_DOWN for o in outs):
            hits += outs
    if hits:
        servers = sorted({str(x) for o in hits for x in o.detail.get("servers", [])})
        reachable = s.facts.any_pass(s.facts.tcp)
        s.add("dns-unreachable", Severity.FAIL, hits, servers=", ".join(servers), servers_reachable=reachable)


def dns_nxdomain(s: _State) -> None:
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


def dns_mismatch(s: _State) -> None:
    hits: list[Outcome] = []
    hosts: list[str] = []
    for host in s.facts.dns_hosts:
        local = [o for o in _local_dns(s, host) if o.status is Status.PASS]
        mine = {a for o in local for a in o.detail.get("addresses", [])}
        theirs = {a for o in s.facts.cross(host) if o.status is Status.PASS for a in o.detail.get("addresses", [])}
        bogus = any(suspicious_address(a) for a in mine)
        if mine and (bogus or (theirs and not mine & theirs)):
            hosts.append(host)
            hits += local + [o for o in s.facts.tcp if o.check.host == host and failed(o)]
    if hits:
        broken = any(failed(o) for o in hits)
        s.add("dns-mismatch", Severity.FAIL if broken else Severity.WARN, hits, hosts=", ".join(hosts))


# --- TCP ------------------------------------------------------------------------------------

def ipv6_broken(s: _State) -> None:
    v4_ok = {(o.check.host, o.check.port) for o in s.facts.tcp if o.check.family == 4 and o.status is Status.PASS}
    hits = [o for o in s.unexplained(s.facts.tcp) if o.check.family == 6 and (o.check.host, o.check.port) in v4_ok]
    if hits:
        s.add("ipv6-broken", Severity.WARN, hits)


def gateway_ports(s: _State) -> None:
    """4000/4001 failing on every gateway while the web works: a port filter on this network."""
    if not s.facts.web_works:
        return
    gw = s.facts.gateway_tcp
    if not gw or s.facts.any_pass([o for o in gw if o.check.family == 4]):
        return
    bad = s.unexplained(gw)
    dropped = [o for o in bad if o.reason in DROPPED]
    rejected = [o for o in bad if o.reason in REJECTED or o.reason is Reason.UNREACHABLE]
    for fid, outs in (("ports-blocked", dropped), ("ports-rejected", rejected)):
        if outs:
            ports = sorted({o.check.port for o in outs})
            s.add(fid, Severity.FAIL, outs, ports="/".join(map(str, ports)))


def region_unreachable(s: _State) -> None:
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


def hosts_unreachable(s: _State) -> None:
    bad = s.unexplained(s.facts.tcp)
    if bad:
        severity = Severity.FAIL if any(o.status is Status.FAIL for o in bad) else Severity.WARN
        hosts = sorted({f"{o.check.host}:{o.check.port}" for o in bad})
        s.add("host-unreachable", severity, bad, hosts=", ".join(hosts))


def leftovers(s: _State) -> None:
    bad = s.unexplained(s.all_failed())
    if bad:
        severity = Severity.FAIL if any(o.status is Status.FAIL for o in bad) else Severity.WARN
        s.add("check-failed", severity, bad)


RULES: tuple[Rule, ...] = (
    no_network, captive_portal, no_internet,
    dns_unreachable, dns_nxdomain, dns_mismatch,
    ipv6_broken, gateway_ports, region_unreachable, hosts_unreachable,
    leftovers,
)
