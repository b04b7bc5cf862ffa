"""Done criterion through the real CLI, loopback only: under a clock inside Europe's reset window `netcheck run`
names ibkr-maintenance with the local end time; outside it, no such finding. NETCHECK_NOW is the testing clock."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAFE = ["--no-local", "--no-history", "--public-dns", "127.0.0.1", "--timeout", "0.5", "--deadline", "10"]
GATEWAY = "127.0.0.77"  # nothing listens on its 4001: "Europe's gateway" is down; an unusual loopback address


@pytest.fixture(scope="module")
def hosts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with socket.socket() as web:
        web.bind(("127.0.0.1", 0))
        web.listen(64)  # a "web host" that answers, so the network counts as working
        path = tmp_path_factory.mktemp("sched") / "lo.toml"
        path.write_text(
            f'[[host]]\nname = "{GATEWAY}"\nports = [4001]\nregion = "europe"\n\n'
            f'[[host]]\nname = "127.0.0.1"\nports = [{web.getsockname()[1]}]\n'
        )
        yield path


def run(hosts: Path, now: str, *extra: str, fmt: str = "json") -> tuple[int, str, str]:
    env = {**os.environ, "NETCHECK_NOW": now, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "netcheck", "run", "--hosts", str(hosts), "--format", fmt, *SAFE, *extra],
        capture_output=True, text=True, timeout=60, env=env, cwd=ROOT,
    )  # fmt: skip
    return proc.returncode, proc.stdout, proc.stderr


def test_inside_europes_reset_window_run_names_ibkr_maintenance_with_the_local_end(hosts: Path) -> None:
    code, out, err = run(hosts, "2026-12-01T06:40:00+01:00")
    findings = {f["id"]: f for f in json.loads(out)["findings"]}
    assert code == 0 and list(findings) == ["ibkr-maintenance"], err
    f = findings["ibkr-maintenance"]
    assert "until 07:45 UTC+01:00" in f["title"] and f["checks"] == [f"tcp:{GATEWAY}:4001@{GATEWAY}"]
    code, text, _ = run(hosts, "2026-12-01T06:40:00+01:00", "--lang", "de", fmt="terminal")
    assert "[ibkr-maintenance]" in text and "bis 07:45 UTC+01:00" in text


def test_outside_the_window_no_such_finding(hosts: Path) -> None:
    code, out, _ = run(hosts, "2026-12-01T08:40:00+01:00")
    ids = [f["id"] for f in json.loads(out)["findings"]]
    assert ids == ["ports-rejected"]  # the refused gateway is the network's again


def test_a_user_schedule_replaces_the_bundled_one_and_a_bad_one_exits_3(hosts: Path, tmp_path: Path) -> None:
    own = tmp_path / "own.toml"
    own.write_text(
        '[[window]]\nid = "moved"\nkind = "reset"\ntitle = "moved reset"\nregions = ["europe"]\n'
        'zone = "Europe/Zurich"\ndays = ["tue"]\nstart = "08:30"\nend = "09:00"\n'
        'source = "local"\nseen = "2026-12-01"\n'
    )
    code, out, _ = run(hosts, "2026-12-01T08:40:00+01:00", "--schedule", str(own))
    (f,) = json.loads(out)["findings"]
    assert f["id"] == "ibkr-maintenance" and "moved reset" in f["title"] and "moved" in f["admin"]
    own.write_text(own.read_text().replace('"08:30"', '"8h30"'))
    code, out, err = run(hosts, "2026-12-01T08:40:00+01:00", "--schedule", str(own))
    assert code == 3 and f"{own}:8: window[1].start: must be a time HH:MM" in err
    code, _, err = run(hosts, "yesterday")
    assert code == 3 and "NETCHECK_NOW" in err
