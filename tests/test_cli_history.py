"""`netcheck history`: the text and JSON views on a store filled with constructed reports; a broken store is exit 3."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netcheck.cli.history import View
from netcheck.cli.history import run as history_run
from netcheck.history import open_store
from netcheck.messages import translator
from tests.test_history_queries import NOW, A, B, doc


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "h.db"
    with open_store(path) as store:
        store.record(doc(48, {A: "fail", B: "pass"}, ("ports-blocked",)))  # outside a 24h window
        store.record(doc(5, {A: "pass", B: "pass"}))  # the last good run
        store.record(doc(3, {A: "skip", B: "pass"}))
        store.record(doc(1, {A: "fail", B: "pass", "http:x": "pass"}, ("ports-blocked",)))
    return path


def test_per_check_view(db: Path) -> None:
    code, out, err = history_run(db, "24h", 10, "text", translator(), now=NOW, view=View(per_check=True))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Last 4 runs"
    assert "Availability per check since 24h (3 runs)" in lines
    assert f"   50.0%  1/2     {A}" in lines
    assert "Changes since the last good run (2026-11-23T07:00:00Z)" in lines
    assert f"  {A}: pass → fail" in lines and "  new finding: ports-blocked" in lines


def test_json_view(db: Path) -> None:
    code, out, _ = history_run(db, "24h", 2, "json", translator(), now=NOW)
    data = json.loads(out)
    assert code == 0 and data["schema"] == "netcheck/history/v1"
    assert [r["id"] for r in data["runs"]] == [4, 3]
    assert data["availability"]["runs"] == 3
    assert {"check_id": A, "kind": "tcp", "passed": 1, "counted": 2, "runs": 3, "ratio": 0.5} in data["availability"][
        "checks"
    ]
    assert data["changes"]["checks"][1] == {"id": A, "before": "pass", "after": "fail"}


def test_missing_database_is_not_created_by_asking(tmp_path: Path) -> None:
    code, out, _ = history_run(tmp_path / "none.db", "24h", 10, "text", translator())
    assert code == 0 and out == f"No runs recorded yet in {tmp_path / 'none.db'}.\n"
    code, out, _ = history_run(tmp_path / "none.db", "24h", 10, "json", translator())
    assert code == 0 and json.loads(out)["runs"] == []
    assert not (tmp_path / "none.db").exists()


def test_unreadable_database_is_exit_3(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    code, out, err = history_run(bad, "24h", 10, "text", translator())
    assert code == 3 and out == "" and err.startswith(f"netcheck: error: {bad}: ")
