"""The schedule and the clock a run uses: what the command line chose, else the bundled data and real time."""

from __future__ import annotations

from datetime import datetime

from netcheck.schedule.model import Schedule


def resolve(schedule: Schedule | None, now: datetime | None) -> tuple[Schedule, datetime]:
    """Explicit values first (the CLI's --schedule and NETCHECK_NOW), then the bundled schedule and the
    real local clock."""
    if schedule is None:
        from netcheck.schedule.load import load

        schedule = load()
    return schedule, now or datetime.now().astimezone()
