"""ibkr-maintenance and the "window starts soon" note: pure rules fed outcomes, the home region and the run time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from netcheck.diagnose import diagnose, overall
from netcheck.model import Finding, Outcome, Reason, Severity, Status
from netcheck.report_model import HomeServer
from netcheck.schedule.load import load
from netcheck.schedule.model import Clock
from tests.helpers import healthy

SCHEDULE = load()
EUROPE_DOWN = {"zdc1.ibllc.com:4000": Reason.TIMEOUT, "zdc1.ibllc.com:4001": Reason.TIMEOUT}
HOME_EUROPE = HomeServer("zdc1.ibllc.com", 4001, "europe", "/x/jts.ini")
Ctx = tuple[Clock, HomeServer | None]


def ctx(now: str, home: HomeServer | None = None) -> Ctx:
    return Clock(datetime.fromisoformat(now), SCHEDULE), home


def run(outs: Sequence[Outcome], c: Ctx | None = None, regions: tuple[str, ...] = ()) -> tuple[Finding, ...]:
    clock, home = c if c else (None, None)
    return diagnose(outs, regions, home, clock=clock).findings


def test_inside_europes_reset_the_failures_are_the_windows_with_the_local_end_time() -> None:
    outs = healthy(**EUROPE_DOWN)
    findings = run(outs, ctx("2026-12-01T06:40:00+01:00"))
    assert [f.id for f in findings] == ["ibkr-maintenance"]
    (f,) = findings
    assert f.severity is Severity.WARN and f.params["until"] == "07:45 UTC+01:00"
    assert f.params["window_id"] == "reset-europe" and len(f.checks) == 2  # the checks it explains
    assert overall(findings, outs) is Status.WARN


def test_the_home_region_decides_even_when_nothing_failed() -> None:
    findings = run(healthy(), ctx("2026-12-01T07:00:00+01:00", HOME_EUROPE))
    assert [f.id for f in findings] == ["ibkr-maintenance"] and findings[0].checks == ()


def test_home_server_unreachable_in_the_window_is_claimed_by_the_window() -> None:
    findings = run(healthy(**EUROPE_DOWN), ctx("2026-12-01T07:00:00+01:00", HOME_EUROPE), ("europe",))
    assert [f.id for f in findings] == ["ibkr-maintenance"]


def test_outside_the_window_no_such_finding() -> None:
    for now in ("2026-12-01T07:45:00+01:00", "2026-12-01T12:00:00+01:00", "2026-12-01T06:24:59+01:00"):
        ids = [f.id for f in run(healthy(**EUROPE_DOWN), ctx(now))]
        assert "ibkr-maintenance" not in ids and "region-unreachable" in ids


def test_another_regions_window_does_not_explain_europes_failure() -> None:
    ids = [f.id for f in run(healthy(**EUROPE_DOWN), ctx("2026-12-01T00:20:00-05:00"))]
    assert ids == ["region-unreachable"]  # 00:20 New York (06:20 CET): the American reset, not yet Europe's


def test_nothing_answering_is_not_blamed_on_the_window() -> None:
    down = {
        f"{h}:{p}": Reason.TIMEOUT for h in ("ndc1.ibllc.com", "zdc1.ibllc.com", "hdc1.ibllc.com") for p in (4000, 4001)
    }
    findings = run(healthy(**down), ctx("2026-12-01T07:00:00+01:00", HOME_EUROPE))
    assert {f.id for f in findings} >= {"ibkr-maintenance", "ports-blocked"}


SOON = [
    ("2026-12-01T05:55:00+01:00", "30"),  # 30 minutes before 06:25: the edge counts
    ("2026-12-01T06:10:00+01:00", "15"),
    ("2026-12-01T05:54:00+01:00", None),  # 31 minutes before
]


def test_a_ready_run_shortly_before_the_window_says_so() -> None:
    for now, minutes in SOON:
        findings = run(healthy(), ctx(now, HOME_EUROPE))
        soon = [f for f in findings if f.id == "ibkr-maintenance-soon"]
        assert [f.params["minutes"] for f in soon] == ([minutes] if minutes else [])
        assert all(f.severity is Severity.INFO for f in soon)


def test_a_failing_run_gets_no_soon_note_and_no_clock_means_no_schedule_findings() -> None:
    findings = run(healthy(**EUROPE_DOWN), ctx("2026-12-01T06:10:00+01:00", HOME_EUROPE), ("europe",))
    assert "ibkr-maintenance-soon" not in [f.id for f in findings]
    assert "ibkr-maintenance" not in [f.id for f in run(healthy(**EUROPE_DOWN))]


def test_outside_the_window_the_home_server_headline_stays() -> None:
    findings = run(healthy(**EUROPE_DOWN), ctx("2026-12-01T12:00:00+01:00", HOME_EUROPE), ("europe",))
    assert findings[0].id == "home-server-unreachable"
