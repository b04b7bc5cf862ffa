"""`netcheck history` as a person reads it: runs, one strip per server, outages in local time, changes per finding."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import Any

from netcheck.history import changed, fold, glance, queries, timeline
from netcheck.history.changed import FindingChange
from netcheck.history.fold import Stretch
from netcheck.history.glance import HostTimeline, Outage
from netcheck.history.queries import Changes
from netcheck.history.store import Store
from netcheck.messages import Translator, label, status_word

SHOWN_TARGETS, NAMES_PER_OUTAGE = 8, 2  # rows with trouble shown one by one; the always-up rest is one line


@dataclass(frozen=True)
class Glance:
    runs: list[Stretch]  # the last stretches of equal results, oldest first
    total_runs: int
    since: str  # the window as given, e.g. "24h"
    start: datetime
    now: datetime
    lines: list[HostTimeline]
    outages: list[Outage]
    changes: tuple[FindingChange, ...] = ()
    good_run_at: str = ""
    tz: tzinfo | None = field(default=None)  # None: this computer's local time


def read(store: Store, limit: int, since: str, span: tuple[datetime, datetime], ch: Changes) -> Glance:
    """Everything the glance shows for the window `span` (start, now); the last `limit` stretches of runs."""
    lines, causes = glance.read(store, span[0])
    runs = queries.runs_since(store, span[0])
    good = ch.good_run.started_at if ch.good_run else ""
    found = glance.outages(lines, causes)
    return Glance(fold.stretches(runs)[-limit:], len(runs), since, *span, lines, found, changed.read(store, ch), good)


def as_json(g: Glance) -> dict[str, Any]:
    """New fields of netcheck/history/v1: the same servers, outages and changes the text shows."""
    servers = [{"target": t.target, "runs": t.counted, "availability": t.ratio} for t in g.lines]
    changes = [{"finding": c.finding, "state": c.state, "checks": list(c.checks)} for c in g.changes]
    return {"servers": servers, "outages": [o.as_dict() for o in g.outages], "finding_changes": changes}


def render(g: Glance, tr: Translator, color: bool = False, width: int = 100) -> str:
    lines = [label("glance_runs", tr, total=g.total_runs, since=g.since)] + [_stretch(r, g, tr) for r in g.runs]
    lines += ["", *_strips(g, tr, color, width), "", *_wrapped(_outages(g, tr) + [""] + _changed(g, tr), width)]
    return "\n".join([*lines, "", label("glance_checks_hint", tr)]) + "\n"


def _stretch(r: Stretch, g: Glance, tr: Translator) -> str:
    first, last = when(_parse(r.first), g), when(_parse(r.last), g)
    span = first if r.runs == 1 else f"{first}–{last}"
    runs = label("glance_stretch_runs", tr, count=r.runs) if r.runs > 1 else ""
    cells = (f"{span:<{len(first) * 2 + 1}}", f"{status_word(r.status, tr):<4}", ", ".join(r.findings) or "-", runs)
    return ("  " + "  ".join(cells)).rstrip()


def _wrapped(lines: list[str], width: int) -> list[str]:
    """Long outage and change lines wrap between words, indented under their start."""
    out: list[str] = []
    for ln in lines:
        indent = " " * (len(ln) - len(ln.lstrip()))
        out += textwrap.wrap(
            ln, width, subsequent_indent=indent + "  ", break_long_words=False, break_on_hyphens=False
        ) or [ln]
    return out


def _strips(g: Glance, tr: Translator, color: bool, width: int) -> list[str]:
    rows = fold.ports(g.lines)
    trouble = sorted((t for t in rows if t.ratio not in (None, 1.0)), key=lambda t: (t.ratio, t.target))
    shown = trouble[:SHOWN_TARGETS]
    name_w = min(32, max((len(t.target) for t in shown), default=10))
    n = max(12, min(48, width - name_w - 12))
    head = label("glance_strips", tr, since=g.since, bucket=_duration((g.now - g.start) / n))
    out = [head]
    for t in shown:
        strip = timeline.strip(timeline.buckets(t.samples, g.start, g.now, n), color)
        out.append(f"  {t.target:<{name_w}} {_pct(t.ratio)} {strip}")
    rest = len(rows) - len(shown)
    return out + (["  " + label("glance_more_up", tr, count=rest)] if rest else [])


def _outages(g: Glance, tr: Translator) -> list[str]:
    if not g.outages:
        return [label("glance_outages", tr), "  " + label("glance_no_outage", tr)]
    return [label("glance_outages", tr)] + ["  " + outage_text(o, g, tr) for o in g.outages]


def outage_text(o: Outage, g: Glance, tr: Translator) -> str:
    hosts: dict[str, list[str]] = {}
    for t in o.targets:
        host, _, port = t.rpartition(":")
        hosts.setdefault(host, []).append(port)
    targets = [f"{h}:{'+'.join(p)}" for h, p in hosts.items()]
    names = ", ".join(targets[:NAMES_PER_OUTAGE])
    if len(targets) > NAMES_PER_OUTAGE:
        names = label("glance_and_more", tr, names=names, count=len(targets) - NAMES_PER_OUTAGE)
    causes = f", {', '.join(o.causes)}" if o.causes else ""
    start = when(o.start, g)
    if o.end is None:
        return label("glance_outage_ongoing", tr, targets=names, start=start, minutes=o.minutes, causes=causes)
    return label("glance_outage", tr, targets=names, start=start, end=when(o.end, g), minutes=o.minutes, causes=causes)


def _changed(g: Glance, tr: Translator) -> list[str]:
    if not g.good_run_at:
        return [label("history_no_good_run", tr)]
    out = [label("glance_changed", tr, when=when(_parse(g.good_run_at), g))]
    out += ["  " + _change_text(c, tr) for c in g.changes]
    return out if g.changes else [*out, "  " + label("history_no_changes", tr)]


def _change_text(c: FindingChange, tr: Translator) -> str:
    if c.state == "new" and c.checks:
        return label("glance_finding_new", tr, finding=c.finding, count=len(c.checks), example=c.checks[0])
    key = "glance_finding_new_bare" if c.state == "new" else f"glance_finding_{c.state}"
    return label(key, tr, finding=c.finding)


def when(at: datetime, g: Glance) -> str:
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
