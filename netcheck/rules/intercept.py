"""Intercepted 4000/4001: the network answers TWS's ports itself, so a passing connect proves nothing.

Two signs: a canary connect on 4001 to an address that runs no gateway was accepted, or every
gateway connect on a port was closed, reset or talked to by the peer right after the handshake
(IBKR's gateways keep a silent connection open). Runs before the connection rules: the passes it
claims are not IBKR, so they must not count as reachable."""

from __future__ import annotations

from netcheck import details
from netcheck.facts import GATEWAY_PORTS
from netcheck.model import Kind, Outcome, Severity, Status
from netcheck.rules import State

NOT_IBKR = frozenset({"closed", "reset", "data"})  # what IBKR's silent gateways never do first


def ports_intercepted(s: State) -> None:
    passed = [o for o in s.facts.gateway_tcp if o.status is Status.PASS]
    accepted = [o for o in s.facts.kind(Kind.CANARY) if details.tcp(o).accepted]
    ports = [p for p in GATEWAY_PORTS if _intercepted(p, passed, accepted)]
    if not ports:
        return
    fooled = [o for o in passed if o.check.port in ports]
    s.add(
        "ports-intercepted",
        Severity.FAIL,
        accepted + fooled,
        ports="/".join(map(str, ports)),
        canaries=", ".join(f"{o.check.address}:{o.check.port}" for o in accepted) or "-",
        closed=_closed_text(fooled),
    )


def _intercepted(port: int, passed: list[Outcome], accepted: list[Outcome]) -> bool:
    """A canary on `port` was accepted, or every gateway connect on it that passed was not IBKR."""
    if any(o.check.port == port for o in accepted):
        return True
    on_port = [o for o in passed if o.check.port == port]
    return bool(on_port) and all(details.tcp(o).after_connect in NOT_IBKR for o in on_port)


def _closed_text(outs: list[Outcome]) -> str:
    """`host:port closed after 3 ms` for each connect the peer did not keep open."""
    shown = []
    for o in outs:
        d = details.tcp(o)
        if d.after_connect in NOT_IBKR:
            shown.append(f"{o.check.host}:{o.check.port} {d.after_connect} ({d.held_ms or 0:.0f} ms)")
    return ", ".join(shown[:6]) or "-"


RULES = (ports_intercepted,)
