"""Pure: the exact host:port pairs (TCP) an IT admin must allow, computed once by diagnose()."""

from __future__ import annotations

from collections.abc import Sequence

from netcheck.details import params
from netcheck.model import Finding, Kind, Outcome, Reason, Status
from netcheck.report_model import AllowEntry

# When the whole network is down or caught by a portal, no firewall rule would help: list nothing.
_NOT_A_FIREWALL = frozenset({"no-network", "no-internet", "captive-portal"})
# A connect that ended for these reasons says nothing about a filter on the path.
_NOT_FILTERED = frozenset({Reason.DEPENDENCY, Reason.DEADLINE, Reason.NOT_APPLICABLE})


def allow_list(findings: Sequence[Finding], outcomes: Sequence[Outcome]) -> tuple[AllowEntry, ...]:
    """Failed TCP host:port pairs, one entry per pair with every address tried, in report order."""
    if any(f.id in _NOT_A_FIREWALL for f in findings):
        return ()
    entries: dict[tuple[str, int], AllowEntry] = {}
    for o in outcomes:
        c = o.check
        if c.kind is not Kind.TCP or o.status not in (Status.FAIL, Status.WARN) or o.reason in _NOT_FILTERED:
            continue
        key = (c.host, c.port)
        prev = entries.get(key)
        addrs = (prev.addresses if prev else ()) + ((c.address,) if c.address else ())
        entries[key] = AllowEntry(
            host=c.host,
            port=c.port,
            addresses=tuple(dict.fromkeys(addrs)),
            purpose=params(c).purpose,
            required=c.required,
            reason=prev.reason if prev else o.reason.value,
        )
    return tuple(entries.values())


def lines(entries: tuple[AllowEntry, ...]) -> list[str]:
    """One technical line per entry, the same in every language (protocol, host:port, addresses)."""
    out = []
    for e in entries:
        addrs = f"  ({', '.join(e.addresses)})" if e.addresses else ""
        purpose = f"  — {e.purpose}" if e.purpose else ""
        out.append(f"TCP {e.target}{addrs}{purpose}")
    return out
