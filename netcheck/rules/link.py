"""Link quality: a slow or lossy path, measured on the connects that did answer (never a failure)."""

from __future__ import annotations

from netcheck import details
from netcheck.model import Kind, Outcome, Reason, Severity, Status
from netcheck.rtt import loss_pct, median_ms
from netcheck.rules import State

SLOW_RTT_MS = 250.0  # TWS works far beyond this, but quotes and fills visibly lag
LOSSY_PCT = 5.0  # share of connect attempts unanswered on ports that did answer
MIN_LOST = 2  # one lost SYN in a run is chance, not a lossy link
TIMEOUTS = frozenset({Reason.TIMEOUT, Reason.DNS_TIMEOUT})


def slow_link(s: State) -> None:
    answered = [o for o in s.facts.tcp if o.status is Status.PASS and details.tcp(o).rtt_ms is not None]
    if not answered:
        return
    region, near = _nearest_region(answered, s.user_regions)
    rtt = median_ms([_rtt(o) for o in near])
    attempts = sum(details.tcp(o).attempts for o in answered)
    lost = sum(details.tcp(o).lost for o in answered)
    loss = loss_pct(attempts, attempts - lost)
    if rtt >= SLOW_RTT_MS or (loss >= LOSSY_PCT and lost >= MIN_LOST):
        worst = sorted(near, key=lambda o: -_rtt(o))
        s.add(
            "slow-link",
            Severity.WARN,
            _timeouts_of_the_link(s) + worst,
            median_ms=f"{rtt:.0f}",
            loss_pct=f"{loss:.0f}",
            lost=lost,
            attempts=attempts,
            region=region or "-",
        )


def _timeouts_of_the_link(s: State) -> list[Outcome]:
    """Lookups, web, TLS and TCP checks that timed out while the same thing worked another way (the
    name resolved through another path, another web check answered, the address answered on its
    other port): on this link that is a lost packet, not a fault of its own, so it is explained here
    rather than reported as a failure."""
    f = s.facts
    web_ok = f.web_works
    out = []
    for o in s.unexplained(f.kind(Kind.DNS) + f.http + f.kind(Kind.TLS) + f.tcp):
        if o.reason not in TIMEOUTS:
            continue
        if o.check.kind in (Kind.HTTP, Kind.TLS) and web_ok:
            out.append(o)
        elif o.check.kind is Kind.TCP and f.address_answered(o):
            out.append(o)
        elif o.check.kind is Kind.DNS and any(
            x.status is Status.PASS for x in f.kind(Kind.DNS) + f.cross(o.check.host) if x.check.host == o.check.host
        ):
            out.append(o)
    return out


def _nearest_region(answered: list[Outcome], mine: tuple[str, ...]) -> tuple[str, list[Outcome]]:
    """The user's own region if named, else the fastest one: TWS logs in to one region (its farms may
    span others), so a far region's long round trip is not this network's fault."""
    by_region: dict[str, list[Outcome]] = {}
    for o in answered:
        by_region.setdefault(o.check.region, []).append(o)
    gateways = {r: outs for r, outs in by_region.items() if r}
    if not gateways:
        return "", answered
    pick = [r for r in mine if r in gateways] or sorted(
        gateways, key=lambda r: median_ms([_rtt(o) for o in gateways[r]])
    )
    return pick[0], gateways[pick[0]]


def _rtt(o: Outcome) -> float:
    return details.tcp(o).rtt_ms or 0.0  # only called on answered connects, which have one


RULES = (slow_link,)
