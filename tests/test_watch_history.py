"""Outages of a watch are recorded in the history database (schema 2, migrated from 1) and listed by history."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from netcheck.cli.history import run as history_run
from netcheck.history.store import SCHEMA_VERSION, open_store
from netcheck.messages import translator

SUMMARY = {
    "schema": "netcheck/watch/v1",
    "started_at": "2026-12-01T06:20:00+01:00",
    "ended_at": "2026-12-01T06:40:00+01:00",
    "outages": 1,
    "targets": [
        {
            "target": "zdc1.ibllc.com:4001",
            "outages": [
                {"start": "2026-12-01T06:28:00+01:00", "end": "2026-12-01T06:30:00+01:00", "duration_s": 120.0,
                 "cause": "timeout", "ibkr_window": "Europe daily reset"}
            ],
        }
    ],
}  # fmt: skip


def _version_1_file(path: Path) -> None:
    """A history file as netcheck wrote it before watch existed: runs and checks, user_version 1."""
    with open_store(path):
        pass
    db = sqlite3.connect(path)
    db.executescript("DROP TABLE outages; DROP TABLE watches; PRAGMA user_version = 1;")
    db.execute("INSERT INTO runs(started_at, status, duration_ms, interrupted, report) VALUES (?,?,?,?,?)",
               ("2026-12-01T05:00:00Z", "pass", 300.0, 0, json.dumps({"findings": []})))  # fmt: skip
    db.commit()
    db.close()


def test_a_version_1_database_gains_the_outage_tables_and_keeps_its_runs(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    _version_1_file(path)
    with open_store(path) as store:
        assert store.query("PRAGMA user_version")[0][0] == SCHEMA_VERSION == 2
        assert len(store.recent(5)) == 1
        store.record_watch(SUMMARY)
        (row,) = store.query("SELECT target, start, end, duration_s, cause, ibkr_window FROM outages")
    assert tuple(row) == ("zdc1.ibllc.com:4001", "2026-12-01T06:28:00+01:00", "2026-12-01T06:30:00+01:00", 120.0,
                          "timeout", "Europe daily reset")  # fmt: skip


def test_history_lists_the_outages(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with open_store(path) as store:
        store.record_watch(SUMMARY)
    code, out, err = history_run(path, "24h", 10, "text", translator())
    assert code == 0 and err == ""
    assert "Outages seen by netcheck watch (last 1):" in out
    assert "2026-12-01T06:28:00+01:00  zdc1.ibllc.com:4001  2 min 0 s  timeout; inside IBKR's published" in out
    code, out, _ = history_run(path, "24h", 10, "json", translator())
    assert json.loads(out)["watch_outages"][0]["ibkr_window"] == "Europe daily reset"


def test_the_final_summary_replaces_the_outages_stored_while_the_watch_ran(tmp_path: Path) -> None:
    (outage,) = SUMMARY["targets"][0]["outages"]  # type: ignore[index]
    with open_store(tmp_path / "h.sqlite3") as store:
        running = {**SUMMARY, "outages": 0, "targets": []}
        wid = store.record_watch(running)
        store.add_outage(wid, "zdc1.ibllc.com:4001", outage)
        assert store.query("SELECT COUNT(*) FROM outages")[0][0] == 1
        assert store.record_watch(SUMMARY, wid) == wid
        assert store.query("SELECT COUNT(*), MAX(watch_id) FROM outages")[0][:] == (1, wid)
        assert store.query("SELECT COUNT(*) FROM watches")[0][0] == 1
