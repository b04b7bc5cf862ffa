"""What the command line chose for this run (a --schedule file, a NETCHECK_NOW clock), handed to the runner.

The `run` command is defined elsewhere and builds its RunOptions itself; the CLI layer (netcheck.schedule.cli)
sets these per invocation through a ContextVar, so no global is mutated and nested runs (serve) stay separate.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

from netcheck.schedule.model import Schedule


@dataclass(frozen=True)
class Choice:
    schedule: Schedule | None = None
    now: datetime | None = None


CHOSEN: ContextVar[Choice | None] = ContextVar("netcheck_schedule_choice", default=None)


def resolve(schedule: Schedule | None, now: datetime | None) -> tuple[Schedule, datetime]:
    """Explicit values first, then the CLI's choice, then the bundled schedule and the real local clock."""
    chosen = CHOSEN.get() or Choice()
    sched = schedule or chosen.schedule
    if sched is None:
        from netcheck.schedule.load import load

        sched = load()
    return sched, now or chosen.now or datetime.now().astimezone()
