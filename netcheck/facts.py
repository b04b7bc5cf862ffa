"""A read-only, indexed view of one run's outcomes, so diagnosis rules stay short and pure."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from netcheck.details import dns as dns_detail
from netcheck.details import explanation, params
from netcheck.model import Kind, Outcome, Reason, Status

GATEWAY_PORTS = (4000, 4001)
NETWORK_FAILURES = frozenset({Reason.TIMEOUT, Reason.UNREACHABLE, Reason.REFUSED, Reason.PROHIBITED})
DROPPED = frozenset({Reason.TIMEOUT})
REJECTED = frozenset({Reason.REFUSED, Reason.PROHIBITED})
DNS_DOWN = frozenset({Reason.DNS_TIMEOUT, Reason.TIMEOUT, Reason.NO_NAMESERVERS, Reason.SERVFAIL})


def failed(o: Outcome) -> bool:
    return o.status in (Status.FAIL, Status.WARN)


@dataclass(frozen=True)
class Facts:
    outcomes: tuple[Outcome, ...]

    def kind(self, kind: Kind) -> list[Outcome]:
        return [o for o in self.outcomes if o.check.kind is kind]

    @cached_property
    def local(self) -> dict[str, Outcome]:
        return {o.check.id: o for o in self.kind(Kind.LOCAL)}

    @cached_property
    def http(self) -> list[Outcome]:
        return self.kind(Kind.HTTP)

    @cached_property
    def tcp(self) -> list[Outcome]:
        return [o for o in self.kind(Kind.TCP) if o.status is not Status.SKIP]

    @cached_property
    def gateway_tcp(self) -> list[Outcome]:
        return [o for o in self.tcp if o.check.port in GATEWAY_PORTS]

    @cached_property
    def web_tcp(self) -> list[Outcome]:
        return [o for o in self.tcp if o.check.port not in GATEWAY_PORTS]

    def dns(self, host: str, path: str) -> Outcome | None:
        for o in self.kind(Kind.DNS):
            if o.check.host == host and params(o.check).path == path:
                return o
        return None

    def local_dns(self, host: str) -> list[Outcome]:
        """The host's lookups on this computer's own path (the OS resolver, the configured servers)."""
        return [o for o in (self.dns(host, "system"), self.dns(host, "resolver")) if o]

    def dns_down(self, host: str) -> list[Outcome]:
        """The host's local lookups when every one of them found the resolver dead (else none)."""
        outs = self.local_dns(host)
        return outs if outs and all(failed(o) and o.reason in DNS_DOWN for o in outs) else []

    def address_answered(self, o: Outcome) -> bool:
        """The same address answered on another port: no filter passes one port of a host and drops
        another at random, a lossy link does."""
        return any(x.status is Status.PASS and x.check.address == o.check.address and x is not o for x in self.tcp)

    def cross(self, host: str) -> list[Outcome]:
        return [o for o in self.kind(Kind.DNS_CROSS) if o.check.host == host]

    @cached_property
    def dns_hosts(self) -> list[str]:
        return list(dict.fromkeys(o.check.host for o in self.kind(Kind.DNS)))

    def any_pass(self, outs: list[Outcome]) -> bool:
        return any(o.status is Status.PASS for o in outs)

    @cached_property
    def web_works(self) -> bool:
        """Something on 443 or the web answered: the network reaches the internet."""
        return self.any_pass(self.web_tcp) or self.any_pass(self.http)

    def failed_ids(self) -> list[str]:
        return [o.check.id for o in self.outcomes if failed(o)]


def evidence_line(o: Outcome) -> str:
    """One technical line per check: the same in every language (codes, addresses, numbers)."""
    err = explanation(o)
    extra = f", {err}" if err and err != o.reason.value else ""
    if o.check.kind in (Kind.DNS, Kind.DNS_CROSS) and o.status is Status.PASS:
        extra = f" [{', '.join(dns_detail(o).addresses)}]"  # a disagreement is judged by both answers
    return f"{o.check.target}: {o.reason.value}{extra} ({o.duration_ms:.0f} ms)"
