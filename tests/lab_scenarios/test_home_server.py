"""End-to-end: jts.ini names the account's server; the lab cuts it off; netcheck leads with that."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lab.lab import Lab

pytestmark = pytest.mark.lab

DEADLINE = 8.0


def fake_tws(tmp_path: Path, peer: str) -> Path:
    jts = tmp_path / "Jts"
    (jts / "1030").mkdir(parents=True)
    (jts / "1030" / "tws.vmoptions").write_text("-Xmx2048m\n### keep on update\n")
    (jts / "jts.ini").write_text(
        f"[Logon]\nSupportsSSL={peer}:4000,true,20261101,false\n[Communication]\nPeer={peer}:4001\n"
    )
    return jts


def test_home_server_unreachable_is_the_headline(healthy_lab: Lab, tmp_path: Path) -> None:
    healthy_lab.block_host("zdc1.ibllc.com")
    jts = fake_tws(tmp_path, "zdc1.ibllc.com")
    code, report, stdout, stderr, elapsed = healthy_lab.run_netcheck(
        "--timeout", "1", "--deadline", str(DEADLINE), "--tws-dir", str(jts), timeout=DEADLINE + 30
    )
    context = f"exit {code}, {elapsed:.2f}s\nstdout: {stdout[:3000]}\nstderr: {stderr[-2000:]}"
    assert report is not None, context
    first = report["findings"][0]
    assert first["id"] == "home-server-unreachable" and first["severity"] == "fail", context
    assert "zdc1.ibllc.com" in first["title"] and "Europe" in first["title"], context
    assert first["remediation"].strip() and str(jts / "jts.ini") in first["admin"], context
    assert code == 1, context
    assert report["meta"]["home_server"]["host"] == "zdc1.ibllc.com", context
    europe = next(r for r in report["meta"]["regions"] if r["region"] == "europe")
    assert europe["home"] is True, context
    assert elapsed < DEADLINE, context


def test_home_server_healthy_names_it_with_region_table(healthy_lab: Lab, tmp_path: Path) -> None:
    jts = fake_tws(tmp_path, "zdc1.ibllc.com")
    cp = healthy_lab.exec_client(
        healthy_lab.netcheck_argv(
            "--format", "terminal", "--timeout", "1", "--deadline", str(DEADLINE), "--tws-dir", str(jts)
        ),
        timeout=DEADLINE + 30,
    )
    assert cp.returncode == 0, cp.stdout + cp.stderr
    assert "Your account's server: zdc1.ibllc.com, Europe" in cp.stdout, cp.stdout
    assert "Europe: " in cp.stdout and "← your region" in cp.stdout, cp.stdout
