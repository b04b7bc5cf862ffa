"""Frozen value objects of the schedule: a window as published, and one concrete occurrence of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time

KINDS = ("reset", "maintenance", "reauth")  # reauth is an instant: tokens are invalidated, nothing is down
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = datetime.weekday()
ALL_REGIONS = "*"


@dataclass(frozen=True)
class Window:
    id: str
    kind: str
    title: str
    regions: tuple[str, ...]
    zone: str
    days: tuple[int, ...]  # weekdays (0 = Monday) on which the window starts, in its zone
    start: time
    end: time | None  # None: an instant (reauth); earlier than start: ends the next day
    source: str
    seen: str

    def applies_to(self, region: str) -> bool:
        return ALL_REGIONS in self.regions or region in self.regions


@dataclass(frozen=True)
class Occurrence:
    window: Window
    start: datetime  # aware, in the window's zone
    end: datetime  # equal to start for an instant

    def contains(self, t: datetime) -> bool:
        # in UTC: aware datetimes sharing one tzinfo compare by wall time, which is wrong in a repeated hour
        start, end, at = (x.astimezone(UTC) for x in (self.start, self.end, t))
        return start < end and start <= at < end

    def starts_after(self, t: datetime) -> bool:
        return self.start.astimezone(UTC) > t.astimezone(UTC)


@dataclass(frozen=True)
class Schedule:
    windows: tuple[Window, ...]
    source: str = ""


@dataclass(frozen=True)
class Clock:
    """What the schedule rules need of a run: its time (aware) and IBKR's schedule."""

    now: datetime
    schedule: Schedule
