"""The last finished run, as requests see it: rendered once per run, read by every request."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from netcheck.report_model import Report

STALE_AFTER_INTERVALS = 2  # a result older than 2 intervals (+ deadline) means the loop is stuck


@dataclass(frozen=True)
class Snapshot:
    """Immutable: the loop swaps in a new one; a request never sees a half-updated result."""

    report_json: str = ""
    metrics: str = ""
    finished_at: float = 0.0  # monotonic seconds; 0 = no run finished yet
    runs: int = 0
    status: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ready(self) -> bool:
        return self.runs > 0


def build(report: Report, finished_at: float, runs: int) -> Snapshot:
    from netcheck.reporters import REGISTRY, RenderOptions

    opts = RenderOptions()
    body = REGISTRY["json"](report, opts)
    json.loads(body)  # a broken render must fail here, in the loop, not in front of a scraper
    return Snapshot(
        report_json=body,
        metrics=REGISTRY["prometheus"](report, opts),
        finished_at=finished_at,
        runs=runs,
        status=report.status.value,
    )


def is_fresh(snap: Snapshot, now: float, interval: float, deadline: float) -> bool:
    return snap.ready and now - snap.finished_at <= STALE_AFTER_INTERVALS * interval + deadline
