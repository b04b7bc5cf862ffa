"""History queries on a store filled with constructed reports (the views: tests/test_cli_history.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from netcheck.history import open_store
from netcheck.history.queries import availability, changes_since_good, parse_window, recent_runs

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
A, B = "tcp:ndc1.ibllc.com:4001@198.51.100.10", "dns:system:ndc1.ibllc.com"


def doc(hours_ago: float, checks: dict[str, str], findings: tuple[str, ...] = ()) -> dict[str, Any]:
    started = (NOW - timedelta(hours=hours_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")
    status = "fail" if "fail" in checks.values() else "warn" if "skip" in checks.values() else "pass"
    return {
        "schema": "netcheck/report/v1",
        "status": status,
        "started_at": started,
        "duration_ms": 1500,
        "interrupted": False,
        "meta": {},
        "findings": [{"id": f, "severity": "fail", "checks": []} for f in findings],
        "checks": [
            {"id": c, "kind": c.split(":")[0], "status": s, "reason": "ok", "duration_ms": 3} for c, s in checks.items()
        ],
    }


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "h.db"
    with open_store(path) as store:
        store.record(doc(48, {A: "fail", B: "pass"}, ("ports-blocked",)))  # outside a 24h window
        store.record(doc(5, {A: "pass", B: "pass"}))  # the last good run
        store.record(doc(3, {A: "skip", B: "pass"}))
        store.record(doc(1, {A: "fail", B: "pass", "http:x": "pass"}, ("ports-blocked",)))
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("90m", timedelta(minutes=90)),
        ("24h", timedelta(hours=24)),
        ("7d", timedelta(days=7)),
        ("2w", timedelta(weeks=2)),
        (" 1.5H ", timedelta(hours=1.5)),
    ],
)
def test_parse_window(text: str, expected: timedelta) -> None:
    assert parse_window(text) == expected


@pytest.mark.parametrize("bad", ["", "24", "h", "-1h", "1y", "1h30m"])
def test_parse_window_rejects(bad: str) -> None:
    with pytest.raises(ValueError, match="30m, 24h, 7d or 2w"):
        parse_window(bad)


def test_recent_runs_newest_first(db: Path) -> None:
    with open_store(db) as store:
        runs = recent_runs(store, 3)
    assert [r.status for r in runs] == ["fail", "warn", "pass"] and runs[0].findings == ("ports-blocked",)


def test_availability_ignores_skips_and_respects_the_window(db: Path) -> None:
    with open_store(db) as store:
        n, avail = availability(store, NOW - timedelta(hours=24))
    assert n == 3
    by_id = {a.check_id: a for a in avail}
    assert (by_id[A].passed, by_id[A].counted, by_id[A].runs, by_id[A].ratio) == (1, 2, 3, 0.5)
    assert by_id[B].ratio == 1.0 and by_id["http:x"].runs == 1
    assert avail[0].check_id == A  # worst first


def test_changes_since_the_last_good_run(db: Path) -> None:
    with open_store(db) as store:
        ch = changes_since_good(store)
    assert ch.good_run is not None and ch.latest is not None
    assert ch.good_run.started_at == "2026-11-23T07:00:00Z"
    assert ch.checks == (("http:x", "-", "pass"), (A, "pass", "fail"))
    assert ch.new_findings == ("ports-blocked",) and ch.gone_findings == ()


def test_no_good_run_and_empty_store(tmp_path: Path) -> None:
    with open_store(tmp_path / "h.db") as store:
        assert changes_since_good(store).latest is None
        store.record(doc(1, {A: "fail"}))
        ch = changes_since_good(store)
    assert ch.good_run is None and ch.latest is not None
