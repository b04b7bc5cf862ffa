"""Pure: the watch's summary as one versioned document (schema netcheck/watch/v1); text and JSON render it."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from netcheck.schedule.model import Schedule
from netcheck.schedule.rules import DOWN_KINDS
from netcheck.schedule.windows import active, open_at
from netcheck.watch.monitor import Watched
from netcheck.watch.stats import Outage

SCHEMA = "netcheck/watch/v1"


def build(watched: list[Watched], started: float, ended: float, interval: float, stop_reason: str,
          schedule: Schedule | None, tz: tzinfo | None) -> dict[str, Any]:  # fmt: skip
    targets = [_target(w, ended, schedule, tz) for w in watched]
    return {
        "schema": SCHEMA,
        "started_at": _iso(started, tz),
        "ended_at": _iso(ended, tz),
        "duration_s": round(ended - started, 1),
        "interval_s": interval,
        "stop_reason": stop_reason,  # duration, SIGINT or SIGTERM
        "interrupted": stop_reason in ("SIGINT", "SIGTERM"),
        "outages": sum(t["outage_count"] for t in targets),
        "targets": targets,
    }


def _target(w: Watched, now: float, schedule: Schedule | None, tz: tzinfo | None) -> dict[str, Any]:
    s = w.stats
    outages = s.all_outages()
    return {
        "target": w.target.name,
        "host": w.target.host,
        "port": w.target.port,
        "why": w.target.why,
        "probes": s.probes,
        "lost": s.lost,
        "loss_pct": round(s.loss_pct, 2),
        "rtt_ms": {"median": _ms(s.hist.quantile(0.5)), "p95": _ms(s.hist.quantile(0.95))},
        "jitter_ms": _ms(s.jitter_ms),
        "outage_count": s.outage_count + (1 if s.down else 0),
        "region": w.target.region or None,
        "outages": [outage(o, now, schedule, tz, w.target.region) for o in outages],
        "held_connection": dict(sorted(s.held_events.items())),
        "poor": [{"metric": b.metric, "value": round(b.value, 1), "limit": b.limit} for b in w.breaches.values()],
    }


def outage(o: Outage, now: float, schedule: Schedule | None, tz: tzinfo | None, region: str) -> dict[str, Any]:
    return {
        "start": _iso(o.start, tz, "milliseconds"),  # exact to the interval, which may be under a second
        "end": _iso(o.end, tz, "milliseconds") if o.end is not None else None,
        "duration_s": round(o.duration(now), 1),
        "cause": o.cause,
        "ibkr_window": _window(o.start, schedule, tz, region),
    }


def _window(t: float, schedule: Schedule | None, tz: tzinfo | None, region: str) -> str | None:
    """The IBKR window open at `t` for the target's region (any region's when the target has none)."""
    if schedule is None:
        return None
    at = datetime.fromtimestamp(t, tz)
    hits = [
        o for o in (active(schedule, region, at) if region else open_at(schedule, at)) if o.window.kind in DOWN_KINDS
    ]
    return hits[0].window.title if hits else None


def _iso(t: float, tz: tzinfo | None, timespec: str = "seconds") -> str:
    return datetime.fromtimestamp(t, tz).astimezone(tz).isoformat(timespec=timespec)


def _ms(v: float | None) -> float | None:
    return None if v is None else round(v, 2)
