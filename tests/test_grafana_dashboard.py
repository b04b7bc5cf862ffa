"""packaging/grafana: valid JSON, PromQL that promtool accepts, and only metrics a real agent exports."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "packaging" / "grafana" / "netcheck-fleet.json"
PROMQL_WORDS = {"by", "without", "unless", "or", "and", "on", "ignoring", "bool", "vector", "count", "sum", "max"}


def _exprs() -> list[str]:
    dash: dict[str, Any] = json.loads(DASHBOARD.read_text())
    return [t["expr"] for p in dash["panels"] for t in p["targets"]]


def _concrete(expr: str) -> str:
    """Grafana's template variables replaced the way an "All" selection expands them."""
    return expr.replace("$job", ".*").replace("$instance", ".*")


def _metric_names(expr: str) -> set[str]:
    no_labels = re.sub(r"\{[^}]*\}", "", expr)
    names = set(re.findall(r"\b([a-z_][a-z0-9_]*)\b(?!\s*\()", no_labels))
    return {n for n in names if n.startswith("netcheck_") or n == "up"}


def test_dashboard_is_valid_json_with_unique_panels() -> None:
    dash = json.loads(DASHBOARD.read_text())
    ids = [p["id"] for p in dash["panels"]]
    assert len(ids) == len(set(ids)) and dash["uid"] == "netcheck-fleet"
    assert all(p["targets"] and p["targets"][0]["expr"] for p in dash["panels"])
    assert {v["name"] for v in dash["templating"]["list"]} == {"datasource", "job", "instance"}


def test_promql_parses_with_promtool(tmp_path: Path) -> None:
    promtool = shutil.which("promtool")
    if not promtool:
        pytest.skip("promtool not installed (Debian package prometheus)")
    rules = {
        "groups": [
            {
                "name": "dashboard",
                "rules": [{"record": f"dashboard:panel{i}", "expr": _concrete(e)} for i, e in enumerate(_exprs())],
            }
        ]
    }
    path = tmp_path / "dashboard-rules.yml"
    path.write_text(json.dumps(rules))
    r = subprocess.run([promtool, "check", "rules", str(path)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr


def _agent_metric_names(tmp_path: Path) -> set[str]:
    with socket.create_server(("127.0.0.1", 0)) as gateway, socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))  # bound, never listening: refused, so the run has a finding too
        hosts = tmp_path / "hosts.toml"
        ports = [gateway.getsockname()[1], unused.getsockname()[1]]
        hosts.write_text(f'[[host]]\nname = "127.0.0.1"\nports = {ports}\npurpose = "gw"\nregion = "europe"\n')
        cmd = [sys.executable, "-m", "netcheck", "serve", "--hosts", str(hosts), "--listen", "127.0.0.1:0"]
        cmd += ["--no-local", "--public-dns", "127.0.0.1", "--timeout", "0.5", "--deadline", "3", "--no-history"]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            assert proc.stderr is not None
            m = re.search(r"http://(127\.0\.0\.1:\d+)", proc.stderr.readline())
            assert m
            body = ""
            for _ in range(100):
                try:
                    with urllib.request.urlopen(f"http://{m.group(1)}/metrics", timeout=5) as resp:
                        body = resp.read().decode()
                        break
                except urllib.error.HTTPError:
                    time.sleep(0.1)
        finally:
            proc.terminate()
            proc.wait(10)
    return set(re.findall(r"^([a-z_]+)[{ ]", body, re.M))


def test_dashboard_uses_only_metrics_the_agent_exports(tmp_path: Path) -> None:
    exported = _agent_metric_names(tmp_path) | {"up"}  # `up` is Prometheus' own, per target
    used = set().union(*(_metric_names(e) for e in _exprs()))
    assert used and used <= exported, used - exported
