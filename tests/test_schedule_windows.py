"""Pure window logic with an injected clock: edges, midnight crossings and daylight-saving changes, as tables."""

from __future__ import annotations

from datetime import datetime

import pytest

from netcheck.schedule.load import load
from netcheck.schedule.windows import active, local_time, open_at, upcoming

SCHEDULE = load()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


# (region, UTC instant, expected open window id or None)
ACTIVE = [
    # Europe 06:25-07:45 Europe/Zurich: winter (CET, UTC+1) ...
    ("europe", "2026-12-01T05:24:59+00:00", None),  # one second before
    ("europe", "2026-12-01T05:25:00+00:00", "reset-europe"),  # at the start edge: inside
    ("europe", "2026-12-01T06:44:59+00:00", "reset-europe"),
    ("europe", "2026-12-01T06:45:00+00:00", None),  # at the end edge: after
    # ... and summer (CEST, UTC+2): same wall clock, one hour earlier in UTC
    ("europe", "2026-07-01T04:30:00+00:00", "reset-europe"),
    ("europe", "2026-07-01T05:45:00+00:00", None),  # 07:45 CEST
    # the Sunday Europe moves to summer time (2026-03-29, 02:00 -> 03:00): 06:25 CEST = 04:25 UTC
    ("europe", "2026-03-29T04:25:00+00:00", "reset-europe"),
    ("europe", "2026-03-29T05:25:00+00:00", "reset-europe"),
    ("europe", "2026-03-29T05:45:00+00:00", None),
    # Saturday 06:30 CET has no daily reset, but it is inside the weekend window (00:30 New York)
    ("europe", "2026-12-05T05:30:00+00:00", "weekend"),
    # North America 00:15-01:45 New York: EST and EDT
    ("america-east", "2026-12-01T05:15:00+00:00", "reset-america"),
    ("america-east", "2026-12-01T04:15:00+00:00", None),
    ("america-central", "2026-07-01T04:15:00+00:00", "reset-america"),
    # US spring forward 2026-03-08 (Sunday 02:00): the reset before it is still EST, Monday's is EDT
    ("america-east", "2026-03-08T05:15:00+00:00", "reset-america"),
    ("america-east", "2026-03-09T04:15:00+00:00", "reset-america"),
    ("america-east", "2026-03-09T05:45:00+00:00", None),
    # US fall back 2026-11-01: 00:15-01:45 EDT (the first 01:45 ends it), 04:15-05:45 UTC
    ("america-east", "2026-11-01T05:44:00+00:00", "reset-america"),
    ("america-east", "2026-11-01T05:45:00+00:00", None),
    # Asia (Hong Kong, no DST): two resets
    ("asia", "2026-12-01T21:00:00+00:00", "reset-asia-1"),  # 05:00 HKT on Wednesday
    ("china", "2026-12-01T12:30:00+00:00", "reset-asia-2"),  # 20:30 HKT
    ("asia", "2026-12-01T13:15:00+00:00", None),  # 21:15 HKT: the end edge
    # weekend: Fri 23:00 - Sat 03:00 New York, every region, across midnight
    ("europe", "2026-12-05T03:59:00+00:00", None),  # Fri 22:59 EST
    ("europe", "2026-12-05T04:00:00+00:00", "weekend"),
    ("asia", "2026-12-05T07:59:00+00:00", "weekend"),  # Sat 02:59 EST
    ("asia", "2026-12-05T08:00:00+00:00", None),
]


@pytest.mark.parametrize(("region", "utc", "expected"), ACTIVE)
def test_active_window(region: str, utc: str, expected: str | None) -> None:
    hits = active(SCHEDULE, region, at(utc))
    assert (hits[0].window.id if hits else None) == expected


def test_the_same_instant_gives_the_same_answer_in_any_zone() -> None:
    for text in ("2026-12-01T06:40:00+01:00", "2026-12-01T00:40:00-05:00", "2026-12-01T13:40:00+08:00"):
        assert [o.window.id for o in active(SCHEDULE, "europe", at(text))] == ["reset-europe"]


NEXT = [
    ("europe", "2026-12-01T06:40:00+01:00", "reset-europe", "2026-12-02T06:25:00+01:00"),
    ("europe", "2026-12-04T08:00:00+01:00", "weekend", "2026-12-05T05:00:00+01:00"),  # Friday: weekend next
    ("america-east", "2026-03-07T12:00:00+00:00", "reset-america", "2026-03-08T05:15:00+00:00"),
    ("america-east", "2026-03-08T12:00:00+00:00", "reset-america", "2026-03-09T04:15:00+00:00"),
]


@pytest.mark.parametrize(("region", "now", "window", "start"), NEXT)
def test_next_window(region: str, now: str, window: str, start: str) -> None:
    nxt = upcoming(SCHEDULE, region, at(now), ("reset", "maintenance"))
    assert nxt is not None
    assert (nxt.window.id, nxt.start) == (window, at(start))


def test_weekly_reauth_is_an_instant_on_sunday_1am_new_york() -> None:
    nxt = upcoming(SCHEDULE, "europe", at("2026-12-05T12:00:00+00:00"), ("reauth",))
    assert nxt is not None and nxt.start == at("2026-12-06T06:00:00+00:00") and nxt.start == nxt.end
    assert all(o.window.kind != "reauth" for o in open_at(SCHEDULE, nxt.start))  # nothing is "inside" an instant


def test_local_time_is_the_users_zone_with_the_weekday_when_not_today() -> None:
    now = at("2026-12-01T06:40:00+01:00")
    assert local_time(at("2026-12-01T06:45:00+00:00"), now) == "07:45 UTC+01:00"
    assert local_time(at("2026-12-02T06:45:00+00:00"), now) == "Wed 07:45 UTC+01:00"
