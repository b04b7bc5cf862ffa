"""Text and JSON views of history query results; all words come from netcheck.messages."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from netcheck.history.queries import Availability, Changes, OutageRow, RunRow
from netcheck.messages import Translator, label, status_word


def render_json(
    runs: list[RunRow],
    window: str,
    n_runs: int,
    avail: list[Availability],
    ch: Changes,
    glance: Mapping[str, Any] | None = None,  # servers and outages (netcheck.history.glance_text.as_json)
    watch_outages: Sequence[OutageRow] = (),
) -> str:
    doc: dict[str, Any] = {
        "schema": "netcheck/history/v1",
        "runs": [asdict(r) | {"findings": list(r.findings)} for r in runs],
        "availability": {
            "since": window,
            "runs": n_runs,
            "checks": [asdict(a) | {"ratio": a.ratio} for a in avail],
        },
        "changes": {
            "good_run": asdict(ch.good_run) if ch.good_run else None,
            "latest": asdict(ch.latest) if ch.latest else None,
            "checks": [{"id": c, "before": b, "after": a} for c, b, a in ch.checks],
            "new_findings": list(ch.new_findings),
            "gone_findings": list(ch.gone_findings),
        },
        "watch_outages": [asdict(o) for o in watch_outages],  # from `netcheck watch`, newest first
    }
    return json.dumps(doc | dict(glance or {}), indent=2, ensure_ascii=False) + "\n"


def render_text(
    runs: list[RunRow],
    window: str,
    n_runs: int,
    avail: list[Availability],
    ch: Changes,
    tr: Translator,
    watch_outages: Sequence[OutageRow] = (),
) -> str:
    lines = [label("history_recent", tr, count=len(runs)), ""]
    cols = ("history_col_started", "history_col_status", "history_col_seconds", "history_col_findings")
    lines.append("  " + "  ".join(f"{label(c, tr):<20}" for c in cols).rstrip())
    for r in runs:
        cells = (r.started_at, status_word(r.status, tr), f"{r.duration_ms / 1000:.1f}", ", ".join(r.findings) or "-")
        lines.append("  " + "  ".join(f"{c:<20}" for c in cells).rstrip())
    lines += ["", label("history_availability", tr, since=window, runs=n_runs), ""]
    lines += [_avail_line(a) for a in avail] or ["  -"]
    return "\n".join(lines + [""] + _changes(ch, tr) + watch_lines(watch_outages, tr)) + "\n"


def watch_lines(outages: Sequence[OutageRow], tr: Translator) -> list[str]:
    """The outages `netcheck watch` saw (empty when none were recorded)."""
    from netcheck.watch.render import outage_lines

    return outage_lines(outages, tr)


def _avail_line(a: Availability) -> str:
    pct = "  n/a " if a.ratio is None else f"{a.ratio * 100:5.1f}%"
    return f"  {pct}  {a.passed}/{a.counted:<5} {a.check_id}"


def _changes(ch: Changes, tr: Translator) -> list[str]:
    if ch.good_run is None:
        return [label("history_no_good_run", tr)]
    lines = [label("history_changes", tr, when=ch.good_run.started_at), ""]
    lines += ["  " + label("history_change_line", tr, check=c, before=b, after=a) for c, b, a in ch.checks]
    lines += ["  " + label("history_new_finding", tr, id=f) for f in ch.new_findings]
    lines += ["  " + label("history_gone_finding", tr, id=f) for f in ch.gone_findings]
    return lines if len(lines) > 2 else [*lines, "  " + label("history_no_changes", tr)]
