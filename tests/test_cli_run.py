"""`netcheck run` through the real CLI on loopback only: formats to --output, --quiet, nagios exit codes, history
that survives ten overlapping runs (as from cron), and Ctrl-C where the event loop has no signal handlers (Windows)."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from netcheck import cli
from netcheck.cli.run import emit

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
    assert code == 0 and out.startswith("Runs in the last 24h: 2")
    code, out, _ = run_cli("history", "--history-db", db, "--checks")
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


def test_emit_quiet_only_silences_an_all_pass_run(tmp_path: Path) -> None:
    out = io.StringIO()
    emit("report\n", None, quiet=True, all_passed=True, stdout=out)
    assert out.getvalue() == ""
    emit("report\n", None, quiet=True, all_passed=False, stdout=out)
    assert out.getvalue() == "report\n"
    emit("file\n", tmp_path / "f", quiet=False, all_passed=False, stdout=out)
    assert out.getvalue() == "report\n" and (tmp_path / "f").read_text() == "file\n"


def tarpit_list(tmp_path: Path, port: int, tarpit: int) -> Path:
    """A loopback gateway that answers, and a reachability URL whose server never answers (in flight at Ctrl-C)."""
    path = host_list(tmp_path, port)
    path.write_text(path.read_text() + f'[[reachability]]\nurl = "http://127.0.0.1:{tarpit}/"\nexpect_status = 204\n')
    return path


def test_ctrl_c_without_loop_signal_handlers_gives_the_partial_report(
    tmp_path: Path, listener: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows' event loops raise NotImplementedError for add_signal_handler; Ctrl-C must still end the run
    like SIGINT: partial report, exit 130, and the caller's own SIGINT handler back afterwards."""
    import asyncio

    def unavailable(*_a: object, **_k: object) -> None:
        raise NotImplementedError

    monkeypatch.setattr(asyncio.SelectorEventLoop, "add_signal_handler", unavailable)  # what asyncio.run builds here
    callers: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: callers.append(signum))
    timer = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT))  # Ctrl-C, delivered to the main thread
    try:
        with socket.socket() as tarpit:
            tarpit.bind(("127.0.0.1", 0))
            tarpit.listen(8)  # accepts in the kernel, never answers: the HTTP check waits for its timeout
            hosts = str(tarpit_list(tmp_path, listener, tarpit.getsockname()[1]))
            timer.start()
            args = ["--no-local", "--public-dns", "127.0.0.1", "--timeout", "20", "--deadline", "30"]
            code, out, _ = run_cli("run", "--hosts", hosts, *args, "--format", "json", "--no-history")
        handler_after = signal.getsignal(signal.SIGINT)
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    report = json.loads(out)
    assert code == 130 and report["interrupted"] and report["meta"]["stop_reason"] == "SIGINT"
    assert any(c["status"] == "pass" for c in report["checks"])  # what finished is kept
    assert callers == [] and handler_after is not previous and callable(handler_after)  # ours again, not the run's
