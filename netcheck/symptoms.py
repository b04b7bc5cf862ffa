"""Pure mapping from a failing host or port to what the trader sees in TWS, so they recognise their problem.

Sources: 4000/4001 carry login and session (TWS's login window shows "Connecting to server..." and
"Log in progress (attempt #N)", IBKR KB1133; while running, "Attempt N: connection error", IBC issue
#267); market-data, HMDS and sec-def farms are reached through the gateways on 4000, and the farms of
the logon reply's "SSL farm list" on 4001 (message 2103 "Market data farm connection is broken");
s3.amazonaws.com holds settings stored on the server (KB3146); download/download2 serve auto-updates
(KB2816; TWS's own wording of a failed update has no public source, so none is quoted).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from netcheck.model import Finding, Kind, Outcome, Status

LOGIN = "tws-login"
MARKET_DATA = "market-data-farm"
SETTINGS = "settings-download"
UPDATE = "update-failed"
ORDER = (LOGIN, MARKET_DATA, SETTINGS, UPDATE)  # the order they are shown in

_BY_PORT: dict[int, tuple[str, ...]] = {4001: (LOGIN, MARKET_DATA), 4000: (LOGIN, MARKET_DATA)}
_BY_NAME: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"^s3\.amazonaws\.com$"), (SETTINGS,)),
    (re.compile(r"^download\d*\.interactivebrokers\.com$"), (UPDATE,)),
    (re.compile(r"(^|\.)ibllc\.com(\.cn)?$"), (LOGIN, MARKET_DATA)),  # gateways, when only the name is known
)


# Findings whose checks are web hosts but whose cause hits TWS's own connections too: 4001 is SSL,
# so a path that loses full-size packets hangs TWS's login the way it hangs the TLS checks.
_BY_FINDING: dict[str, tuple[str, ...]] = {"mtu-blackhole": (LOGIN,)}


def for_target(host: str, port: int = 0) -> tuple[str, ...]:
    """Symptom keys for one host (and port, 0 when unknown, e.g. a failed DNS lookup)."""
    if port in _BY_PORT:
        return _BY_PORT[port]
    name = host.lower().rstrip(".")
    for pattern, keys in _BY_NAME:
        if pattern.search(name):
            return keys
    return ()


def _targets(outs: Iterable[Outcome], outcomes: Sequence[Outcome]) -> list[tuple[str, int]]:
    """(host, port) pairs behind the outcomes; a DNS check stands for every port of its host."""
    ports: dict[str, set[int]] = {}
    for o in outcomes:
        if o.check.kind is Kind.TCP and o.check.host:
            ports.setdefault(o.check.host, set()).add(o.check.port)
    pairs: list[tuple[str, int]] = []
    for o in outs:
        c = o.check
        if c.kind is Kind.TCP and c.host:
            pairs.append((c.host, c.port))
        elif c.host:
            pairs += [(c.host, p) for p in sorted(ports.get(c.host, {0}))]
    return pairs


def _sorted(keys: Iterable[str]) -> tuple[str, ...]:
    return tuple(k for k in ORDER if k in set(keys))


def for_finding(finding: Finding, outcomes: Sequence[Outcome]) -> tuple[str, ...]:
    """What TWS shows because of this finding. A finding about the whole network (no internet,
    captive portal) names no host, so it takes the symptoms of every failed connection."""
    by_id = {o.check.id: o for o in outcomes}
    outs = [by_id[cid] for cid in finding.checks if cid in by_id]
    keys = [k for h, p in _targets(outs, outcomes) for k in for_target(h, p)] + list(_BY_FINDING.get(finding.id, ()))
    whole_network = outs and not any(o.check.host or o.check.kind is Kind.MACHINE for o in outs)
    if not keys and whole_network:  # a finding about this computer (memory, API ports) has none
        failed = [o for o in outcomes if o.check.kind is Kind.TCP and o.status in (Status.FAIL, Status.WARN)]
        keys = [k for h, p in _targets(failed, outcomes) for k in for_target(h, p)]
    return _sorted(keys)
