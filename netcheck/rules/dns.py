"""DNS rules: resolver down, names hidden (NXDOMAIN) or nonexistent, answers that disagree with independent resolvers.

CDN and geo-DNS names (IBKR's web hosts, s3.amazonaws.com) get different addresses from different
resolvers on healthy networks, so a disagreement alone proves nothing: a local answer that completes a
verified TLS handshake for the name (or, for gateway-only hosts, whose connects succeed) is cleared.
"""

from __future__ import annotations

from netcheck import details
from netcheck.bogons import is_bogon
from netcheck.facts import DNS_DOWN, GATEWAY_PORTS, failed
from netcheck.model import Kind, Outcome, Reason, Severity, Status
from netcheck.rules import State

NOT_FOUND = frozenset({Reason.NXDOMAIN, Reason.NO_ANSWER})


def dns_unreachable(s: State) -> None:
    # proxy-only runs first and claims these lookups where the proxy carries the web
    hits = s.unexplained([o for host in s.facts.dns_hosts for o in s.facts.dns_down(host)])
    if hits:
        servers = sorted({x for o in hits for x in details.dns(o).servers})
        reachable = s.facts.any_pass(s.facts.tcp)
        s.add(
            "dns-unreachable",
            Severity.FAIL,
            hits + _lookups_that_starved(s),
            servers=", ".join(servers),
            servers_reachable=reachable,
        )


def _lookups_that_starved(s: State) -> list[Outcome]:
    """Web checks resolve their own names; with the resolver down they fail in that lookup, as a
    DNS error or as a timeout that the lookup used up. They are this finding's, not a new one."""
    return [o for o in s.unexplained(s.facts.http) if o.reason in DNS_DOWN | {Reason.TIMEOUT, Reason.NXDOMAIN}]


def _not_found_locally(s: State, host: str) -> list[Outcome]:
    outs = s.facts.local_dns(host)
    return outs if outs and all(failed(o) and o.reason in NOT_FOUND for o in outs) else []


def exists_nowhere(s: State, host: str) -> bool:
    """Every independent resolver that answered (at least one) calls the name nonexistent too."""
    answered = [o for o in s.facts.cross(host) if o.status is not Status.SKIP]
    return bool(answered) and all(failed(o) and o.reason in NOT_FOUND for o in answered)


def host_nonexistent(s: State) -> None:
    """Names no resolver knows are the host list's problem (retired or misspelled), not this network's."""
    hosts = [h for h in s.facts.dns_hosts if _not_found_locally(s, h) and exists_nowhere(s, h)]
    outs = [o for h in hosts for o in _not_found_locally(s, h) + s.facts.cross(h)]
    if outs:
        severity = Severity.WARN if any(o.check.required for o in outs) else Severity.INFO
        s.add("host-nonexistent", severity, outs, hosts=", ".join(hosts))


def dns_nxdomain(s: State) -> None:
    hits: list[Outcome] = []
    hosts: list[str] = []
    for host in s.facts.dns_hosts:
        outs = s.unexplained(_not_found_locally(s, host))
        if outs:
            hits += outs + [o for o in s.facts.cross(host) if failed(o)]
            hosts.append(host)
    if hits:
        severity = Severity.FAIL if any(o.check.required for o in hits if o.check.kind is Kind.DNS) else Severity.WARN
        elsewhere = [h for h in hosts if s.facts.any_pass(s.facts.cross(h))]
        s.add("dns-nxdomain", severity, hits, hosts=", ".join(hosts), resolves_elsewhere=bool(elsewhere))


def dns_mismatch(s: State) -> None:
    """Per host: a bogon answer, or a disagreement the host's own connections do not clear."""
    cleared: list[str] = []
    suspect: list[str] = []
    for host in s.facts.dns_hosts:
        verdict = _judge(s, host)
        if verdict:
            (cleared if verdict == "cleared" else suspect).append(host)
    if suspect:
        hits = [o for h in suspect for o in _evidence(s, h)]
        severity = Severity.FAIL if any(failed(o) for o in hits) else Severity.WARN
        s.add("dns-mismatch", severity, hits, hosts=", ".join(suspect))
    if cleared:
        s.add(
            "dns-differs", Severity.INFO, [o for h in cleared for o in _evidence(s, h, False)], hosts=", ".join(cleared)
        )


def _judge(s: State, host: str) -> str:
    """Empty when the answers agree (or there is nothing to compare), else "cleared" or "suspect"."""
    mine, theirs = _answers(s.facts.local_dns(host)), _answers(s.facts.cross(host))
    if any(is_bogon(a) for a in mine):
        return "suspect"  # no public name lives there, whatever the independent resolvers say
    if not mine or not theirs or mine & theirs:
        return ""
    return "cleared" if _proven(s, host, mine) else "suspect"


def _answers(outs: list[Outcome]) -> set[str]:
    return {a for o in outs if o.status is Status.PASS for a in details.dns(o).addresses}


def _proven(s: State, host: str, mine: set[str]) -> bool:
    """The local answer reaches the real service: a handshake verified for the name, or, where no
    TLS check ran (4000/4001 only), a connect. A certificate that fails to verify is never cleared."""
    tls = [o for o in s.facts.kind(Kind.TLS) if o.check.host == host and o.check.address in mine]
    tcp = [o for o in s.facts.tcp if o.check.host == host and o.check.address in mine]
    if tls or any(o.check.port not in GATEWAY_PORTS for o in tcp):
        return s.facts.any_pass(tls) and not any(o.reason is Reason.TLS_UNTRUSTED for o in tls)
    return s.facts.any_pass(tcp)


def _evidence(s: State, host: str, connects: bool = True) -> list[Outcome]:
    """Both answers, and the connections to the local one that failed (a cleared host's failures
    are left to the rules that explain them, such as ipv6-broken)."""
    answers = [o for o in s.facts.local_dns(host) + s.facts.cross(host) if o.status is Status.PASS]
    return answers + [o for o in s.facts.tcp if connects and o.check.host == host and failed(o)]


RULES = (dns_unreachable, host_nonexistent, dns_nxdomain, dns_mismatch)
