"""The next window for the account's region: computed once for the report's meta, shown in the terminal header."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from netcheck.messages import fill
from netcheck.report_model import Report
from netcheck.reporters.base import RenderOptions
from netcheck.schedule.model import Schedule
from netcheck.schedule.rules import DOWN_KINDS
from netcheck.schedule.texts import HEADER
from netcheck.schedule.windows import local_time, upcoming


def next_window(schedule: Schedule, region: str, now: datetime) -> dict[str, Any] | None:
    """Pure: meta["ibkr_schedule"] for the report (None without a known home region)."""
    occ = upcoming(schedule, region, now, DOWN_KINDS) if region else None
    if occ is None:
        return None
    return {
        "region": region,
        "window": occ.window.id,
        "title": occ.window.title,
        "start": occ.start.isoformat(),
        "end": occ.end.isoformat(),
        "start_local": local_time(occ.start, now),
        "end_local": local_time(occ.end, now),
    }


def lines(report: Report, opts: RenderOptions) -> list[str]:
    nxt = report.meta.get("ibkr_schedule")
    if not isinstance(nxt, dict):
        return []
    params = {"region": nxt["region"], "window": nxt["title"], "start": nxt["start_local"], "until": nxt["end_local"]}
    return [fill(opts.tr.gettext(HEADER), params), ""]
