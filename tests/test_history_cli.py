"""Through the real CLI on loopback only: formats to --output, --quiet, nagios exit codes, and history that
survives ten overlapping runs (as from cron) without losing a record or corrupting the file."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from netcheck import cli

# Loopback only: an IP-literal host (no DNS), no local checks, the cross-check resolver on loopback too.
SAFE = ["--no-local", "--public-dns", "127.0.0.1", "--timeout", "1", "--deadline", "10"]


@pytest.fixture(scope="module")
def listener() -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(512)  # connects complete in the kernel backlog; nobody needs to accept
        yield s.getsockname()[1]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def host_list(tmp_path: Path, *ports: int) -> Path:
    path = tmp_path / "lo.toml"
    path.write_text('[[host]]\nname = "127.0.0.1"\nports = [' + ", ".join(map(str, ports)) + "]\n")
    return path


def run_cli(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli.main, list(args))
    assert isinstance(res.exception, SystemExit | None), res.exception
    return res.exit_code, res.stdout, res.stderr


def test_quiet_pass_prints_nothing_and_records_history(tmp_path: Path, listener: int) -> None:
    db = tmp_path / "h.db"
    code, out, err = run_cli("run", "--hosts", str(host_list(tmp_path, listener)), *SAFE, "-q", "--history-db", str(db))
    assert (code, out) == (0, "")
    with sqlite3.connect(db) as con:
        (report,) = con.execute("SELECT report FROM runs").fetchone()
        assert json.loads(report)["checks"][0]["id"] == f"tcp:127.0.0.1:{listener}@127.0.0.1"
        assert con.execute("SELECT status FROM checks").fetchall() == [("pass",)]


def test_quiet_still_speaks_on_failure_and_no_history_records_nothing(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    hosts = str(host_list(tmp_path, closed_port()))
    code, out, _ = run_cli("run", "--hosts", hosts, *SAFE, "-q", "--no-history", "--history-db", str(db))
    assert code == 1 and "Not ready" in out
    assert not db.exists()


def test_every_format_to_an_output_file(tmp_path: Path, listener: int) -> None:
    from prometheus_client.parser import text_string_to_metric_families

    hosts = str(host_list(tmp_path, listener, closed_port()))
    outputs = {}
    for fmt in ("json", "junit", "prometheus", "markdown", "nagios"):
        target = tmp_path / f"report.{fmt}"
        code, out, _ = run_cli("run", "--hosts", hosts, *SAFE, "--format", fmt, "-o", str(target), "--no-history")
        assert out == "" and code == (2 if fmt == "nagios" else 1)
        outputs[fmt] = target.read_text(encoding="utf-8")
    assert json.loads(outputs["json"])["status"] == "fail"
    assert ET.fromstring(outputs["junit"]).get("failures") == "1"
    names = {f.name for f in text_string_to_metric_families(outputs["prometheus"])}
    assert "netcheck_check_success" in names
    assert outputs["markdown"].startswith("# netcheck report") and outputs["nagios"].startswith("NETCHECK CRITICAL")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp files left


def test_unwritable_output_is_exit_3(tmp_path: Path, listener: int) -> None:
    hosts = str(host_list(tmp_path, listener))
    code, out, err = run_cli("run", "--hosts", hosts, *SAFE, "-o", str(tmp_path / "no" / "dir" / "f"), "--no-history")
    assert code == 3 and out == "" and err.startswith("netcheck: error: cannot write ")


def test_broken_history_is_a_warning_not_a_failure(tmp_path: Path, listener: int) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database" * 100)
    code, out, err = run_cli("run", "--hosts", str(host_list(tmp_path, listener)), *SAFE, "--history-db", str(bad))
    assert code == 0 and "Ready" in out
    assert err.startswith(f"netcheck: warning: run not recorded in history ({bad}): ")


def test_history_command_reads_what_run_recorded(tmp_path: Path, listener: int) -> None:
    db = str(tmp_path / "h.db")
    for port in (listener, closed_port()):
        run_cli("run", "--hosts", str(host_list(tmp_path, port)), *SAFE, "-q", "--history-db", db)
    code, out, _ = run_cli("history", "--history-db", db, "--format", "json", "--since", "1h")
    data = json.loads(out)
    assert code == 0 and [r["status"] for r in data["runs"]] == ["fail", "pass"]
    assert data["availability"]["runs"] == 2
    code, out, _ = run_cli("history", "--history-db", db)
    assert code == 0 and out.startswith("Last 2 runs")
    code, _, err = run_cli("history", "--since", "yesterday")
    assert code == 2 and "30m, 24h, 7d or 2w" in err


def test_ten_overlapping_runs_lose_no_record(tmp_path: Path, listener: int) -> None:
    db = tmp_path / "fresh" / "h.db"  # fresh file: schema creation and the switch to WAL race too
    hosts = str(host_list(tmp_path, listener))
    cmd = [
        sys.executable,
        "-m",
        "netcheck",
        "run",
        "--hosts",
        hosts,
        *SAFE,
        "--format",
        "json",
        "--history-db",
        str(db),
    ]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(10)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 10, [err for _, err in results]
    assert all(err == "" for _, err in results), [err for _, err in results]
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 10
    assert con.execute("SELECT COUNT(*) FROM checks").fetchone()[0] == 10
    started = sorted(json.loads(out)["started_at"] for out, _ in results)
    assert sorted(r[0] for r in con.execute("SELECT started_at FROM runs")) == started
