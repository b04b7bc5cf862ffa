"""Text of the watch: one live status line on a terminal, plain event lines otherwise, and the final summary."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any

from netcheck.messages import Translator, fill
from netcheck.watch import texts
from netcheck.watch.stats import TargetStats
from netcheck.watch.targets import Target


def live(target: Target, stats: TargetStats, tr: Translator) -> str:
    rtt = f"{stats.last_rtt:.1f} ms" if stats.last_rtt is not None and not stats.down else "-"
    state = tr.gettext(texts.DOWN if stats.down else texts.UP)
    params = {"target": target.name, "state": state, "rtt": rtt, "loss": f"{stats.loss_pct:.1f}"}
    return fill(tr.gettext(texts.LIVE), params | {"spark": stats.sparkline()})


def event(kind: str, target: Target, stats: TargetStats, t: float, tz: tzinfo | None, tr: Translator) -> str | None:
    """A plain line for a change of state (for logs and pipes); None for an ordinary probe."""
    when = _clock(t, tz)
    if kind == "down":
        return fill(tr.gettext(texts.WENT_DOWN), {"time": when, "target": target.name, "cause": stats.down_cause})
    if kind == "up" and stats.outages:
        took = duration(stats.outages[-1].duration(t))
        return fill(tr.gettext(texts.CAME_BACK), {"time": when, "target": target.name, "duration": took})
    if kind == "held":
        last = max(stats.held_events, key=lambda k: stats.held_events[k], default="closed")
        return fill(tr.gettext(texts.HELD_LOST), {"time": when, "target": target.name, "how": last})
    return None


def text(doc: dict[str, Any], tr: Translator) -> str:
    head = {"start": doc["started_at"], "end": doc["ended_at"], "duration": duration(doc["duration_s"]),
            "interval": f"{doc['interval_s']:g}"}  # fmt: skip
    lines = [fill(tr.gettext(texts.HEADER), head)]
    for t in doc["targets"]:
        lines += [""] + _target(t, tr)
    return "\n".join(lines) + "\n"


def _target(t: dict[str, Any], tr: Translator) -> list[str]:
    why = tr.gettext(texts.WHY.get(t["why"], t["why"]))
    lines = [fill(tr.gettext(texts.TARGET), {**t, "why": why, "outages": t["outage_count"]})]
    lines += ["  " + _outage(o, tr) for o in t["outages"]]
    rtt = t["rtt_ms"]
    measures = {"loss": f"{t['loss_pct']:.1f}", "median": _ms(rtt["median"]), "p95": _ms(rtt["p95"])}
    lines.append("  " + fill(tr.gettext(texts.MEASURES), measures | {"jitter": _ms(t["jitter_ms"])}))
    if t["held_connection"]:
        events = ", ".join(f"{k} {v}" for k, v in t["held_connection"].items())
        lines.append("  " + fill(tr.gettext(texts.HELD), {"events": events}))
    reasons = "; ".join(fill(tr.gettext(texts.BREACH[p["metric"]]), p) for p in t["poor"])
    lines.append("  " + (fill(tr.gettext(texts.POOR), {"reasons": reasons}) if reasons else tr.gettext(texts.GOOD)))
    return lines


def _outage(o: dict[str, Any], tr: Translator) -> str:
    params = {"start": _hms(o["start"]), "end": _hms(o["end"] or ""), "duration": duration(o["duration_s"]),
              "cause": o["cause"]}  # fmt: skip
    line = fill(tr.gettext(texts.OUTAGE if o["end"] else texts.OPEN_OUTAGE), params)
    if o["ibkr_window"]:
        line += "; " + fill(tr.gettext(texts.IN_WINDOW), {"window": o["ibkr_window"]})
    return line


def outage_lines(outages: Sequence[Any], tr: Translator) -> list[str]:
    """`netcheck history`'s section: recorded outages (rows with target, start, duration_s, cause, ibkr_window)."""
    if not outages:
        return []
    lines = ["", fill(tr.gettext(texts.HISTORY_OUTAGES), {"count": len(outages)})]
    for o in outages:
        window = "; " + fill(tr.gettext(texts.IN_WINDOW), {"window": o.ibkr_window}) if o.ibkr_window else ""
        params = {"start": o.start, "target": o.target, "duration": duration(o.duration_s), "cause": o.cause}
        lines.append("  " + fill(tr.gettext(texts.HISTORY_OUTAGE), params | {"window": window}))
    return lines


def as_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def duration(seconds: float) -> str:
    s = round(seconds)
    return f"{s} s" if s < 120 else f"{s // 60} min {s % 60} s" if s < 7200 else f"{s // 3600} h {s % 3600 // 60} min"


def _ms(v: float | None) -> str:
    return "-" if v is None else f"{v:.1f} ms"


def _hms(iso: str) -> str:
    return iso[11:19] if len(iso) >= 19 else iso


def _clock(t: float, tz: tzinfo | None) -> str:
    return datetime.fromtimestamp(t, tz).astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")
