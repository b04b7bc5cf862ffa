"""History store: record, read back, redaction, retention, schema on a fresh file."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from netcheck.history import Retention, default_path, open_store


def doc(started: str = "2026-11-23T12:00:00Z", status: str = "pass", **check_status: str) -> dict[str, Any]:
    checks = [
        {
            "id": cid,
            "kind": cid.split(":")[0],
            "target": cid,
            "status": st,
            "reason": "ok" if st == "pass" else "timeout",
            "duration_ms": 12.5,
            "required": True,
            "region": None,
            "detail": {},
        }
        for cid, st in (check_status or {"tcp:a:4001@203.0.113.1": "pass"}).items()
    ]
    return {
        "schema": "netcheck/report/v1",
        "status": status,
        "started_at": started,
        "duration_ms": 900,
        "interrupted": False,
        "findings": [],
        "checks": checks,
        "meta": {"version": "test"},
    }


def test_record_and_recent_newest_first(tmp_path: Path) -> None:
    with open_store(tmp_path / "h.db") as store:
        first = store.record(doc("2026-11-23T10:00:00Z"))
        second = store.record(doc("2026-11-23T11:00:00Z", "fail"))
        assert second > first
        got = store.recent(10)
    assert [r["started_at"] for r in got] == ["2026-11-23T11:00:00Z", "2026-11-23T10:00:00Z"]
    assert got[0]["history_id"] == second and got[0]["status"] == "fail"
    assert got[1]["checks"][0]["id"] == "tcp:a:4001@203.0.113.1"


def test_secrets_never_reach_the_file(tmp_path: Path) -> None:
    d = doc()
    d["meta"]["proxy"] = "http://alice:hunter2@proxy.example:3128"
    with open_store(tmp_path / "h.db") as store:
        store.record(d)
    raw = (tmp_path / "h.db").read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("h.db-*"))
    assert b"hunter2" not in raw and b"alice" not in raw


def test_file_is_wal_with_per_check_rows(tmp_path: Path) -> None:
    with open_store(tmp_path / "h.db") as store:
        store.record(doc(**{"dns:system:a": "pass", "tcp:a:4001@203.0.113.1": "fail"}))
        assert store.integrity() == "ok"
    db = sqlite3.connect(tmp_path / "h.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    rows = db.execute("SELECT check_id, status, reason FROM checks ORDER BY check_id").fetchall()
    assert rows == [("dns:system:a", "pass", "ok"), ("tcp:a:4001@203.0.113.1", "fail", "timeout")]


def test_retention_drops_old_runs_and_caps_the_count(tmp_path: Path) -> None:
    with open_store(tmp_path / "h.db", Retention(days=90, max_runs=3)) as store:
        store.record(doc("2001-01-01T00:00:00Z"))  # far older than 90 days: gone with the next write
        for hour in range(10, 15):
            store.record(doc(f"2099-01-01T{hour}:00:00Z"))
        got = [r["started_at"] for r in store.recent(100)]
        assert got == ["2099-01-01T14:00:00Z", "2099-01-01T13:00:00Z", "2099-01-01T12:00:00Z"]
        assert store.query("SELECT COUNT(*) FROM checks")[0][0] == 3  # per-check rows cascade


def test_default_path_honours_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NETCHECK_HISTORY_DB", str(tmp_path / "x" / "h.db"))
    assert default_path() == tmp_path / "x" / "h.db"
    with open_store() as store:
        store.record(doc())
    assert (tmp_path / "x" / "h.db").exists()
    monkeypatch.delenv("NETCHECK_HISTORY_DB")
    assert default_path().name == "history.sqlite3" and "netcheck" in str(default_path())
