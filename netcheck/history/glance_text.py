"""`netcheck history` as a person reads it: runs, one strip per server, outages in local time, changes per finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from netcheck.history import timeline
from netcheck.history.changed import FindingChange
from netcheck.history.glance import HostTimeline, Outage
from netcheck.history.queries import RunRow
from netcheck.messages import Translator, label, status_word

SHOWN_TARGETS, NAMES_PER_OUTAGE = 8, 2  # rows with trouble shown one by one; the always-up rest is one line


@dataclass(frozen=True)
class Glance:
    runs: list[RunRow]  # newest first
    total_runs: int
    since: str  # the window as given, e.g. "24h"
    start: datetime
    now: datetime
    lines: list[HostTimeline]
    outages: list[Outage]
    changes: tuple[FindingChange, ...] = ()
    good_run_at: str = ""
    tz: tzinfo | None = field(default=None)  # None: this computer's local time


def render(g: Glance, tr: Translator, color: bool = False, width: int = 100) -> str:
    lines = [label("glance_runs", tr, shown=len(g.runs), total=g.total_runs, since=g.since)]
    lines += [
        f"  {_when(_parse(r.started_at), g)}  {status_word(r.status, tr):<4}  {', '.join(r.findings) or '-'}"
        for r in g.runs
    ]
    lines += ["", *_strips(g, tr, color, width), "", *_outages(g, tr), "", *_changed(g, tr)]
    return "\n".join([*lines, "", label("glance_checks_hint", tr)]) + "\n"


def _strips(g: Glance, tr: Translator, color: bool, width: int) -> list[str]:
    trouble = sorted((t for t in g.lines if t.ratio not in (None, 1.0)), key=lambda t: (t.ratio, t.target))
    shown = trouble[:SHOWN_TARGETS]
    name_w = min(32, max((len(t.target) for t in shown), default=10))
    n = max(12, min(48, width - name_w - 12))
    head = label("glance_strips", tr, since=g.since, bucket=_duration((g.now - g.start) / n))
    out = [head]
    for t in shown:
        strip = timeline.strip(timeline.buckets(t.samples, g.start, g.now, n), color)
        out.append(f"  {t.target:<{name_w}} {_pct(t.ratio)} {strip}")
    rest = len(g.lines) - len(shown)
    return out + (["  " + label("glance_more_up", tr, count=rest)] if rest else [])


def _outages(g: Glance, tr: Translator) -> list[str]:
    if not g.outages:
        return [label("glance_outages", tr), "  " + label("glance_no_outage", tr)]
    return [label("glance_outages", tr)] + ["  " + outage_text(o, g, tr) for o in g.outages]


def outage_text(o: Outage, g: Glance, tr: Translator) -> str:
    names = ", ".join(o.targets[:NAMES_PER_OUTAGE])
    if len(o.targets) > NAMES_PER_OUTAGE:
        names = label("glance_and_more", tr, names=names, count=len(o.targets) - NAMES_PER_OUTAGE)
    causes = f", {', '.join(o.causes)}" if o.causes else ""
    start = _when(o.start, g)
    if o.end is None:
        return label("glance_outage_ongoing", tr, targets=names, start=start, minutes=o.minutes, causes=causes)
    return label("glance_outage", tr, targets=names, start=start, end=_when(o.end, g), minutes=o.minutes, causes=causes)


def _changed(g: Glance, tr: Translator) -> list[str]:
    if not g.good_run_at:
        return [label("history_no_good_run", tr)]
    out = [label("glance_changed", tr, when=_when(_parse(g.good_run_at), g))]
    out += ["  " + _change_text(c, tr) for c in g.changes]
    return out if g.changes else [*out, "  " + label("history_no_changes", tr)]


def _change_text(c: FindingChange, tr: Translator) -> str:
    if c.state == "new" and c.checks:
        return label("glance_finding_new", tr, finding=c.finding, count=len(c.checks), example=c.checks[0])
    key = "glance_finding_new_bare" if c.state == "new" else f"glance_finding_{c.state}"
    return label(key, tr, finding=c.finding)


def _when(at: datetime, g: Glance) -> str:
    """Local time; with the date when the window is longer than a day."""
    local = at.astimezone(g.tz)
    return local.strftime("%Y-%m-%d %H:%M" if g.now - g.start > timedelta(days=1) else "%H:%M")


def _pct(ratio: float | None) -> str:
    return "  n/a " if ratio is None else f"{ratio * 100:5.1f}%"


def _duration(d: timedelta) -> str:
    minutes = d.total_seconds() / 60
    return f"{minutes:.0f} min" if minutes < 120 else f"{minutes / 60:.0f} h"


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
