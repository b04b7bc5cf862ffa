"""Questions for the history: recent runs, per-check availability over a window, changes since the last good run."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from netcheck.history.store import Store, iso

_WINDOW = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")
_UNIT = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_window(text: str) -> timedelta:
    """'90m', '24h', '7d', '2w' -> timedelta; ValueError names the accepted forms."""
    m = _WINDOW.match(text.lower())
    if not m:
        raise ValueError(f"{text!r} is not a time span like 30m, 24h, 7d or 2w")
    return timedelta(**{_UNIT[m.group(2)]: float(m.group(1))})


@dataclass(frozen=True)
class RunRow:
    id: int
    started_at: str
    status: str
    duration_ms: float
    interrupted: bool
    findings: tuple[str, ...]


@dataclass(frozen=True)
class Availability:
    """Share of runs in which the check passed; skipped runs (deadline, dependency) do not count either way."""

    check_id: str
    kind: str
    passed: int
    counted: int
    runs: int

    @property
    def ratio(self) -> float | None:
        return self.passed / self.counted if self.counted else None


@dataclass(frozen=True)
class Changes:
    good_run: RunRow | None
    latest: RunRow | None
    checks: tuple[tuple[str, str, str], ...] = ()  # (check id, status then, status now); "-" = absent
    new_findings: tuple[str, ...] = ()
    gone_findings: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutageRow:
    """One outage seen by `netcheck watch` (times ISO 8601 with the watcher's offset; end None: still down)."""

    target: str
    start: str
    end: str | None
    duration_s: float
    cause: str
    ibkr_window: str | None


def recent_outages(store: Store, limit: int) -> list[OutageRow]:
    rows = store.query(
        "SELECT target, start, end, duration_s, cause, ibkr_window FROM outages ORDER BY rowid DESC LIMIT ?", (limit,)
    )
    return [OutageRow(*tuple(r)) for r in rows]


def recent_runs(store: Store, limit: int) -> list[RunRow]:
    rows = store.query(
        "SELECT id, started_at, status, duration_ms, interrupted, report FROM runs ORDER BY id DESC LIMIT ?", (limit,)
    )
    return [_row(r) for r in rows]


def runs_since(store: Store, since: datetime) -> list[RunRow]:
    """Every run in the window, oldest first."""
    rows = store.query(
        "SELECT id, started_at, status, duration_ms, interrupted, report FROM runs WHERE started_at >= ? ORDER BY id",
        (iso(since),),
    )
    return [_row(r) for r in rows]


def availability(store: Store, since: datetime) -> tuple[int, list[Availability]]:
    """(number of runs in the window, one entry per check seen in it, worst first)."""
    cutoff = (iso(since),)
    runs = store.query("SELECT COUNT(*) FROM runs WHERE started_at >= ?", cutoff)[0][0]
    rows = store.query(
        """SELECT c.check_id, MAX(c.kind), SUM(c.status = 'pass'), SUM(c.status != 'skip'), COUNT(*)
           FROM checks c JOIN runs r ON r.id = c.run_id WHERE r.started_at >= ?
           GROUP BY c.check_id""",
        cutoff,
    )
    out = [Availability(r[0], r[1], int(r[2]), int(r[3]), int(r[4])) for r in rows]
    return int(runs), sorted(out, key=lambda a: (a.ratio if a.ratio is not None else 2.0, a.check_id))


def changes_since_good(store: Store) -> Changes:
    """Compare the newest run with the newest passing run before it."""
    latest_rows = store.query(
        "SELECT id, started_at, status, duration_ms, interrupted, report FROM runs ORDER BY id DESC LIMIT 1"
    )
    if not latest_rows:
        return Changes(None, None)
    latest = _row(latest_rows[0])
    good_rows = store.query(
        "SELECT id, started_at, status, duration_ms, interrupted, report FROM runs "
        "WHERE status = 'pass' AND id < ? ORDER BY id DESC LIMIT 1",
        (latest.id,),
    )
    if not good_rows:
        return Changes(None, latest)
    good = _row(good_rows[0])
    return Changes(good, latest, _check_diff(store, good.id, latest.id), *_finding_diff(good, latest))


def _check_diff(store: Store, before: int, after: int) -> tuple[tuple[str, str, str], ...]:
    sql = "SELECT check_id, status FROM checks WHERE run_id = ?"
    then: dict[str, str] = {r[0]: r[1] for r in store.query(sql, (before,))}
    now: dict[str, str] = {r[0]: r[1] for r in store.query(sql, (after,))}
    ids = sorted(set(then) | set(now))
    return tuple((c, then.get(c, "-"), now.get(c, "-")) for c in ids if then.get(c) != now.get(c))


def _finding_diff(good: RunRow, latest: RunRow) -> tuple[tuple[str, ...], tuple[str, ...]]:
    new = tuple(f for f in latest.findings if f not in good.findings)
    gone = tuple(f for f in good.findings if f not in latest.findings)
    return new, gone


def _row(r: sqlite3.Row) -> RunRow:
    report = json.loads(r["report"])
    findings = tuple(f.get("id", "") for f in report.get("findings", []))
    return RunRow(r["id"], r["started_at"], r["status"], r["duration_ms"], bool(r["interrupted"]), findings)
