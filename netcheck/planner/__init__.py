"""The pure planner: given the host list and the outcomes so far, the next checks and the skips.

No I/O, no clock, no asyncio (h11 / dnspython `_Resolution` style). The engine asks `start()` for the
first checks, feeds every outcome to `advance()`, which returns (new checks, skip outcomes), and asks
`leftovers()` when a run ends early. The flow per host: DNS -> addresses -> TCP -> TLS; per proxy:
reach -> tunnels; IPv6 addresses only when the local checks found an IPv6 route."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from netcheck.ipaddr import is_ip
from netcheck.model import Check, HostEntry, HostList, Outcome, Reason, Status
from netcheck.planner.checks import (
    API_PORTS,
    address_check,
    canary_checks,
    dns_checks,
    local_checks,
    machine_checks,
    reachability_checks,
    tcp_check,
    tcp_placeholder,
)
from netcheck.planner.parts import SLOW_LOOKUP_S, Gate, Lookup, Next, skip
from netcheck.planner.resolve import addresses_for_connect
from netcheck.planner.web import TLS_PORT, proxy_reach_check, proxy_tunnel_checks, tls_check, wants_tls
from netcheck.platform.proxy import Proxy


class Planner:
    """One run's plan. `local`: checks of this computer, run before any network check (they block
    the loop briefly, and the IPv6 route they find decides which addresses are tested); empty: none,
    and IPv6 is assumed to work."""

    def __init__(self, hl: HostList, local: Sequence[Check] = (), proxies: Sequence[Proxy] = ()) -> None:
        self._hl, self._local, self._proxies = hl, tuple(local), tuple(proxies)
        self._open: dict[str, Check] = {}  # issued, no outcome yet
        self._gates: dict[str, Gate] = {}  # check id -> the gate waiting for it
        self._tls: dict[str, HostEntry] = {}  # TCP 443 check id -> its host, whose TLS follows a pass
        self._covered: set[tuple[str, int]] = set()  # (host, port) with a TCP check or a skip
        self._lookups: dict[str, Lookup] = {}  # system look-up check id -> its host's look-ups
        self.has_ipv6 = not self._local

    @classmethod
    def for_run(
        cls, hl: HostList, local: bool = True, machine: Sequence[Check] = (), proxies: Sequence[Proxy] = ()
    ) -> Planner:
        return cls(hl, [*local_checks(), *machine] if local else (), proxies)

    def start(self) -> list[Check]:
        if self._local:
            return self._gate(list(self._local), self._after_local)[0]
        return self._network()[0]  # IPv6 is assumed without local checks, so nothing is skipped yet

    def advance(self, out: Outcome) -> Next:
        self._open.pop(out.check.id, None)
        gate = self._gates.pop(out.check.id, None)
        if gate is not None:
            return gate.take(out)
        host = self._tls.pop(out.check.id, None)
        if host is not None and out.status is Status.PASS:  # TLS to the address whose TCP 443 connect worked
            return self._issue([tls_check(host, out.check.address)]), []
        return [], []

    def patience(self, check: Check) -> float | None:
        """Seconds after which the engine should call `overdue(check)` if it is still running."""
        return SLOW_LOOKUP_S if check.id in self._lookups else None

    def overdue(self, check: Check) -> Next:
        lookup, gate = self._lookups.get(check.id), self._gates.get(check.id)
        if lookup is None or gate is None:  # answered meanwhile
            return [], []
        lookup.overdue = True
        return self._early(lookup, list(gate.outs.values()))

    def leftovers(self) -> list[Outcome]:
        """The run ended early: every issued check and every untested host port, skipped with the reason."""
        why = "the run ended before this check finished"
        skips = [skip(c, Reason.DEADLINE, why) for c in self._open.values()]
        for h in self._hl.hosts:
            for port in h.ports:
                if (h.name, port) not in self._covered:
                    why = "the run ended before this check started"
                    skips.append(skip(tcp_placeholder(h, port), Reason.DEADLINE, why))
        return skips

    @property
    def pending(self) -> int:
        return len(self._open)

    def _issue(self, checks: list[Check]) -> list[Check]:
        self._open.update((c.id, c) for c in checks)
        return checks

    def _gate(
        self,
        checks: list[Check],
        then: Callable[[list[Outcome]], Next],
        partial: Callable[[list[Outcome]], Next] | None = None,
    ) -> Next:
        gate = Gate(checks, then, partial)
        self._gates.update((c.id, gate) for c in checks)
        return self._issue(checks), []

    def _after_local(self, outs: list[Outcome]) -> Next:
        self.has_ipv6 = any(o.check.id == "local:route:ipv6" and o.status is Status.PASS for o in outs)
        return self._network()

    def _network(self) -> Next:
        checks, skips = self._issue(reachability_checks(self._hl)), []
        for more, skipped in [self._canaries(), *map(self._host, self._hl.hosts), *map(self._proxy, self._proxies)]:
            checks += more
            skips += skipped
        return checks, skips

    def _canaries(self) -> Next:
        """The canary connects; those to IPv6 addresses are skips on a machine without IPv6."""
        canaries = canary_checks(self._hl)
        no_v6 = [c for c in canaries if ":" in c.address and not self.has_ipv6]
        why = "this machine has no IPv6 route"
        skips = [skip(c, Reason.NOT_APPLICABLE, why) for c in no_v6]
        return self._issue([c for c in canaries if c not in no_v6]), skips

    def _host(self, h: HostEntry) -> Next:
        if is_ip(h.name):
            return self._connects(h, [h.name], "literal")
        lookup = Lookup(h)
        checks = dns_checks(h, self._hl.public_dns)
        self._lookups.update((c.id, lookup) for c in checks if c.params.get("path") == "system")
        return self._gate(checks, lambda outs: self._after_dns(lookup, outs), lambda outs: self._early(lookup, outs))

    def _early(self, lookup: Lookup, outs: list[Outcome]) -> Next:
        """The system look-up is overdue: connect to the configured resolver's answer meanwhile."""
        if not lookup.overdue or lookup.tested:
            return [], []
        found = [o for o in outs if o.check.params.get("path") == "resolver" and o.status is Status.PASS]
        if not found:
            return [], []
        return self._connects_new(lookup, list(found[0].detail.get("addresses", [])), "configured resolver")

    def _after_dns(self, lookup: Lookup, outs: list[Outcome]) -> Next:
        """The usual choice of addresses; after an early start, only those not yet connected."""
        addresses, resolved_by = addresses_for_connect(outs)
        if addresses or lookup.tested:
            return self._connects_new(lookup, addresses, resolved_by)
        h = lookup.host
        self._covered.update((h.name, port) for port in h.ports)
        why = "the name did not resolve"
        return [], [skip(tcp_placeholder(h, port), Reason.DEPENDENCY, why) for port in h.ports]

    def _connects_new(self, lookup: Lookup, addresses: list[str], resolved_by: str) -> Next:
        new = [a for a in addresses if a not in lookup.tested]
        lookup.tested.update(new)
        return self._connects(lookup.host, new, resolved_by)

    def _connects(self, h: HostEntry, addresses: list[str], resolved_by: str) -> Next:
        checks, skips = [], []
        for address in addresses:
            for port in h.ports:
                check = tcp_check(h, port, address, resolved_by)
                self._covered.add((h.name, port))
                if ":" in address and not self.has_ipv6:
                    skips.append(skip(check, Reason.NOT_APPLICABLE, "this machine has no IPv6 route"))
                    continue
                checks.append(check)
                if port == TLS_PORT and wants_tls(h):
                    self._tls[check.id] = h
        return self._issue(checks), skips

    def _proxy(self, proxy: Proxy) -> Next:
        """A configured proxy: does it answer; then which ports will it tunnel to."""
        return self._gate([proxy_reach_check(proxy)], lambda outs: self._after_proxy(proxy, outs[0]))

    def _after_proxy(self, proxy: Proxy, reach: Outcome) -> Next:
        tunnels = proxy_tunnel_checks(proxy, self._hl)
        if reach.status is Status.PASS:
            return self._issue(tunnels), []
        return [], [skip(c, Reason.DEPENDENCY, "the proxy does not answer") for c in tunnels]


__all__ = [
    "API_PORTS",
    "Next",
    "Planner",
    "address_check",
    "addresses_for_connect",
    "canary_checks",
    "dns_checks",
    "is_ip",
    "local_checks",
    "machine_checks",
    "reachability_checks",
    "skip",
    "tcp_check",
    "tcp_placeholder",
    "tls_check",
    "wants_tls",
]
