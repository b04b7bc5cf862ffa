"""Pure diagnosis rules about IBKR's schedule: a run inside a published window, or shortly before one.

Inputs come from the diagnosis State: `clock` (the run's aware time and the loaded Schedule, from the
runner) and `home` (jts.ini). Without a clock the rules stay silent.
"""

from __future__ import annotations

from datetime import datetime

from netcheck.facts import failed
from netcheck.model import Outcome, Severity, Status
from netcheck.rules import State
from netcheck.schedule.model import Occurrence, Schedule
from netcheck.schedule.windows import active, local_time, upcoming

SOON_MINUTES = 30
DOWN_KINDS = ("reset", "maintenance")  # windows in which IBKR's servers restart; reauth is an instant


def _inputs(s: State) -> tuple[datetime, Schedule] | None:
    if s.clock is None or s.clock.now.tzinfo is None:
        return None
    return s.clock.now, s.clock.schedule


def _home_region(s: State) -> str:
    return s.home.region if s.home else ""


def _regions(s: State) -> list[str]:
    """The account's region when jts.ini names it; otherwise every region whose gateways failed."""
    home = _home_region(s)
    if home:
        return [home]
    return sorted({o.check.region for o in s.facts.gateway_tcp if o.check.region and failed(o)})


def ibkr_maintenance(s: State) -> None:
    got = _inputs(s)
    if got is None:
        return
    now, schedule = got
    seen: set[str] = set()
    for region in _regions(s):
        for occ in active(schedule, region, now):
            if occ.window.kind in DOWN_KINDS and occ.window.id not in seen:
                seen.add(occ.window.id)
                s.add("ibkr-maintenance", Severity.WARN, _claimed(s, occ), **_params(occ, now, region))


def _claimed(s: State, occ: Occurrence) -> list[Outcome]:
    """Failed gateway connects of the window's regions, unless nothing at all answers (then the network
    itself is the likelier cause, and the other rules should say so)."""
    network_works = s.facts.web_works or any(o.status is Status.PASS for o in s.facts.gateway_tcp)
    if not network_works:
        return []
    return [o for o in s.unexplained(s.facts.gateway_tcp) if occ.window.applies_to(o.check.region)]


def ibkr_maintenance_soon(s: State) -> None:
    got = _inputs(s)
    if got is None or any(f.id == "ibkr-maintenance" for f in s.findings):
        return
    now, schedule = got
    if any(o.status is Status.FAIL for o in s.facts.outcomes):
        return  # only a run that ends "Ready" gets this note; a failing one has bigger news
    region = _home_region(s) or (s.user_regions[0] if s.user_regions else "*")
    nxt = upcoming(schedule, region, now, DOWN_KINDS)
    minutes = (nxt.start - now).total_seconds() / 60 if nxt else SOON_MINUTES + 1
    if nxt and minutes <= SOON_MINUTES:
        s.add("ibkr-maintenance-soon", Severity.INFO, [], minutes=f"{minutes:.0f}", **_params(nxt, now, region))


def _params(occ: Occurrence, now: datetime, region: str) -> dict[str, object]:
    w = occ.window
    return {
        "window": w.title,
        "window_id": w.id,
        "region": region if region != "*" else "",
        "start": local_time(occ.start, now),
        "until": local_time(occ.end, now),
        "published": f"{w.start:%H:%M}-{w.end:%H:%M} {w.zone}" if w.end else f"{w.start:%H:%M} {w.zone}",
        "source": w.source,
        "seen": w.seen,
        "now": local_time(now, now),
    }


RULES = (ibkr_maintenance, ibkr_maintenance_soon)
