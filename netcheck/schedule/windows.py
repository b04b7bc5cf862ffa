"""Pure time logic: which window is open at time T for a region, and which comes next. The clock is an argument.

Times are built as wall-clock times in the window's zone (zoneinfo), so a window keeps its local time across
daylight-saving changes; comparisons between aware datetimes happen in UTC.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from netcheck.schedule.model import Occurrence, Schedule, Window

_LOOKBACK_DAYS = 2  # the longest window (weekend, Fri 23:00 - Sat 03:00) starts at most a day before it ends
_LOOKAHEAD_DAYS = 8  # every window recurs at least weekly


def occurrences(w: Window, first: date, last: date) -> Iterator[Occurrence]:
    """Every occurrence of `w` starting on a local day between first and last (inclusive)."""
    zone = ZoneInfo(w.zone)
    day = first
    while day <= last:
        if day.weekday() in w.days:
            yield _occurrence(w, day, zone)
        day += timedelta(days=1)


def _occurrence(w: Window, day: date, zone: ZoneInfo) -> Occurrence:
    start = datetime.combine(day, w.start, tzinfo=zone)
    if w.end is None:
        return Occurrence(w, start, start)
    end_day = day + timedelta(days=1) if w.end <= w.start else day
    return Occurrence(w, start, datetime.combine(end_day, w.end, tzinfo=zone))


def _around(w: Window, now: datetime) -> Iterator[Occurrence]:
    local = now.astimezone(ZoneInfo(w.zone)).date()
    return occurrences(w, local - timedelta(days=_LOOKBACK_DAYS), local + timedelta(days=_LOOKAHEAD_DAYS))


def active(schedule: Schedule, region: str, now: datetime) -> list[Occurrence]:
    """Windows open at `now` for `region` (start inclusive, end exclusive), earliest end first."""
    hits = [o for w in schedule.windows if w.applies_to(region) for o in _around(w, now) if o.contains(now)]
    return sorted(hits, key=lambda o: o.end.astimezone(UTC))


def open_at(schedule: Schedule, now: datetime) -> list[Occurrence]:
    """Windows open at `now` for any region (for labelling a watch's outages)."""
    hits = [o for w in schedule.windows for o in _around(w, now) if o.contains(now)]
    return sorted(hits, key=lambda o: o.end.astimezone(UTC))


def upcoming(schedule: Schedule, region: str, now: datetime, kinds: tuple[str, ...] = ()) -> Occurrence | None:
    """The next window for `region` that starts after `now` (optionally only of these kinds)."""
    later = [
        o
        for w in schedule.windows
        if w.applies_to(region) and (not kinds or w.kind in kinds)
        for o in _around(w, now)
        if o.starts_after(now)
    ]
    return min(later, key=lambda o: o.start.astimezone(UTC), default=None)


def local_time(t: datetime, now: datetime) -> str:
    """`t` in the user's zone (that of `now`): "07:45 CET", with the weekday when it is not today."""
    mine = t.astimezone(now.tzinfo)
    day = "" if mine.date() == now.date() else mine.strftime("%a ")
    return f"{day}{mine:%H:%M} {mine.tzname()}"
