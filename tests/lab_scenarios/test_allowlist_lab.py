"""End-to-end in the lab: the allow-list and the TWS symptoms name exactly what the network blocks,
and `hosts export --resolve` run in the client writes rules that nft accepts."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.lab.lab import Lab

pytestmark = pytest.mark.lab

ARGS = ("--timeout", "1", "--deadline", "8")


def _symptoms(report: dict, fid: str) -> list[str]:  # type: ignore[type-arg]
    return [s["id"] for f in report["findings"] if f["id"] == fid for s in f["symptoms"]]


def test_blocked_gateway_port_is_on_the_allow_list(healthy_lab: Lab) -> None:
    healthy_lab.block_ports([4001], how="drop")
    code, report, out, err, _ = healthy_lab.run_netcheck(*ARGS, timeout=40)
    assert report is not None, err[-2000:]
    pairs = {(e["host"], e["port"], e["protocol"]) for e in report["allow_list"]}
    assert ("ndc1.ibllc.com", 4001, "tcp") in pairs and ("zdc1.ibllc.com", 4001, "tcp") in pairs, pairs
    assert all(port == 4001 for _, port, _ in pairs), pairs
    ndc1 = next(e for e in report["allow_list"] if e["host"] == "ndc1.ibllc.com")
    assert healthy_lab.address_of("ndc1.ibllc.com").v4 in ndc1["addresses"]
    assert "tws-login" in _symptoms(report, "ports-blocked"), report["findings"]


def test_settings_host_blocked_names_the_tws_message(healthy_lab: Lab) -> None:
    healthy_lab.block_host("s3.amazonaws.com")
    code, report, out, err, _ = healthy_lab.run_netcheck(*ARGS, timeout=40)
    assert report is not None, err[-2000:]
    assert {(e["host"], e["port"]) for e in report["allow_list"]} == {("s3.amazonaws.com", 443)}, report["allow_list"]
    shown = [s for f in report["findings"] for s in f["symptoms"]]
    assert {"id": "settings-download", "text": 'TWS says "Downloading settings from server failed"'} in shown


def test_export_resolve_in_the_client_passes_nft_check(healthy_lab: Lab, tmp_path: Path) -> None:
    cmd = [
        sys.executable,
        "-m",
        "netcheck",
        "hosts",
        "export",
        "--format",
        "nft",
        "--resolve",
        "--hosts",
        str(healthy_lab.host_list_path),
    ]
    cp = healthy_lab.exec_client(cmd)
    assert cp.returncode == 0, cp.stderr
    assert healthy_lab.address_of("ndc1.ibllc.com").v4 in cp.stdout  # names resolved through the lab's DNS
    rules = tmp_path / "allow.nft"
    rules.write_text(cp.stdout)
    ns = f"h3b-nft-{uuid.uuid4().hex[:6]}"
    subprocess.run(["ip", "netns", "add", ns], check=True, timeout=30)
    try:
        r = subprocess.run(
            ["ip", "netns", "exec", ns, "nft", "-c", "-f", str(rules)], capture_output=True, text=True, timeout=30
        )
        assert r.returncode == 0, r.stderr
    finally:
        subprocess.run(["ip", "netns", "del", ns], check=False, timeout=30)
