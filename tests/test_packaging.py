"""packaging/: every file parses with the tool or parser its platform uses, and every netcheck command line in
them is accepted by the real CLI (so a renamed option cannot silently break a scheduled job)."""

from __future__ import annotations

import os
import plistlib
import shlex
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import click
import pytest

from netcheck.cli import main

PKG = Path(__file__).resolve().parent.parent / "packaging"
TASK_NS = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}


def accepts(argv: list[str]) -> None:
    """Parse (not run) a netcheck command line with the real click command tree."""
    assert argv and Path(argv[0]).name.removesuffix(".exe") == "netcheck", argv
    sub, rest = argv[1], list(argv[2:])  # our files put no group options before the subcommand
    with main.make_context("netcheck", [sub], resilient_parsing=True) as ctx:
        cmd = main.get_command(ctx, sub)
        assert cmd is not None, sub
        cmd.make_context(sub, rest, parent=ctx)


def test_accepts_rejects_unknown_options() -> None:
    with pytest.raises(click.UsageError):
        accepts(["netcheck", "run", "--no-such-option"])


def _systemd_exec(unit: Path) -> list[str]:
    line = next(ln for ln in unit.read_text().splitlines() if ln.startswith("ExecStart="))
    return shlex.split(line.removeprefix("ExecStart="))


@pytest.mark.parametrize("unit", ["netcheck.service", "netcheck-agent.service"])
def test_systemd_command_lines(unit: str) -> None:
    accepts(_systemd_exec(PKG / "systemd" / unit))


def test_systemd_analyze_verify(tmp_path: Path) -> None:
    tool = shutil.which("systemd-analyze")
    if not tool:
        pytest.skip("systemd-analyze not installed (apt package systemd); units checked by the parser tests only")
    fake = tmp_path / "netcheck"  # verify insists that ExecStart's program exists and is executable
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    for src in (PKG / "systemd").iterdir():
        (tmp_path / src.name).write_text(src.read_text().replace("/usr/local/bin/netcheck", str(fake)))
    units = sorted(str(p) for p in tmp_path.iterdir() if p.suffix in (".service", ".timer"))
    r = subprocess.run([tool, "verify", "--man=no", *units], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stderr.strip() == "", r.stderr  # unknown keys are only warnings: no stderr


def test_timer_pairs_with_the_service() -> None:
    timer = (PKG / "systemd" / "netcheck.timer").read_text()
    assert "OnUnitActiveSec=5min" in timer and "[Install]" in timer
    assert (PKG / "systemd" / "netcheck.service").exists()  # a timer starts the service of the same name


def test_cron_d_line() -> None:
    jobs = [
        ln
        for ln in (PKG / "cron.d" / "netcheck").read_text().splitlines()
        if ln.strip() and not ln.startswith("#") and "=" not in ln.split()[0]
    ]
    assert len(jobs) == 1
    fields = jobs[0].split(None, 6)
    assert fields[:5] == ["*/5", "*", "*", "*", "*"] and fields[5] == "nobody"
    argv = shlex.split(fields[6].split(">", 1)[0])
    accepts(argv)


def test_launchd_plist() -> None:
    with open(PKG / "launchd" / "com.github.netcheck.agent.plist", "rb") as f:
        plist = plistlib.load(f)
    assert plist["Label"] == "com.github.netcheck.agent"
    assert plist["StartInterval"] == 300
    accepts(plist["ProgramArguments"])


def test_windows_task_xml() -> None:
    root = ET.parse(PKG / "windows" / "netcheck-task.xml").getroot()
    assert root.tag == "{" + TASK_NS["t"] + "}Task"
    assert root.findtext("t:Triggers/t:LogonTrigger/t:Repetition/t:Interval", namespaces=TASK_NS) == "PT5M"
    assert root.findtext("t:Settings/t:MultipleInstancesPolicy", namespaces=TASK_NS) == "IgnoreNew"
    command = root.findtext("t:Actions/t:Exec/t:Command", namespaces=TASK_NS) or ""
    args = root.findtext("t:Actions/t:Exec/t:Arguments", namespaces=TASK_NS) or ""
    accepts([command.rsplit("\\", 1)[-1], *shlex.split(args, posix=False)])


def _prometheus_names() -> set[str]:
    from netcheck.reporters.prometheus import _HELP

    return set(_HELP) | {"netcheck_agent_runs_total", "netcheck_agent_result_fresh", "up"}


def test_prometheus_config_and_rules_parse() -> None:
    yaml = pytest.importorskip("yaml", reason="PyYAML is a test dependency")
    config = yaml.safe_load((PKG / "prometheus" / "prometheus.yml").read_text())
    assert config["rule_files"] == ["netcheck-alerts.yml"]
    job = config["scrape_configs"][0]
    assert job["job_name"] == "netcheck" and job["static_configs"][0]["targets"] == ["127.0.0.1:9466"]
    rules = yaml.safe_load((PKG / "prometheus" / "netcheck-alerts.yml").read_text())
    import re

    known = _prometheus_names()
    for rule in rules["groups"][0]["rules"]:
        assert {"alert", "expr", "labels", "annotations"} <= set(rule)
        used = set(re.findall(r"\b(netcheck_[a-z_]+|up)\b", rule["expr"]))
        assert used and used <= known, used - known


def test_pyinstaller_spec_is_python() -> None:
    compile((PKG / "pyinstaller" / "netcheck.spec").read_text(), "netcheck.spec", "exec")
    assert (PKG / "pyinstaller" / "netcheck_entry.py").exists()


@pytest.mark.skipif(
    os.environ.get("NETCHECK_TEST_PYINSTALLER") != "1" and os.environ.get("CI") != "true",
    reason="slow (~60 s): runs in CI, or locally with NETCHECK_TEST_PYINSTALLER=1",
)
def test_pyinstaller_single_file_binary(tmp_path: Path) -> None:
    pytest.importorskip("PyInstaller", reason="pip install pyinstaller")
    spec = PKG / "pyinstaller" / "netcheck.spec"
    started = time.monotonic()
    build = [sys.executable, "-m", "PyInstaller", "--clean", "--noconfirm", "--log-level", "WARN"]
    build += ["--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "build"), str(spec)]
    subprocess.run(build, check=True, capture_output=True, timeout=900, cwd=PKG.parent)
    exe = tmp_path / "dist" / "netcheck"
    r = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.startswith("netcheck, version"), r.stderr
    r = subprocess.run([str(exe), "hosts"], capture_output=True, text=True, timeout=60)
    assert "ndc1.ibllc.com" in r.stdout and "_hosts/tws.toml" in r.stdout  # the bundled list is inside
    print(f"pyinstaller build + checks: {time.monotonic() - started:.1f} s")
