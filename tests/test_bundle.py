"""Support bundle: the zip's files, redaction of proxy credentials, --from-last from the history."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from netcheck import bundle

SECRET = "hunter2-secret"
PROXY = f"http://alice:{SECRET}@127.0.0.1:9"  # loopback: nothing leaves this machine even if it is tried


@pytest.fixture
def hosts(tmp_path: Path) -> Iterator[Path]:
    with socket.create_server(("127.0.0.1", 0)) as s:
        f = tmp_path / "hosts.toml"
        f.write_text(f'[[host]]\nname = "127.0.0.1"\nports = [{s.getsockname()[1]}]\npurpose = "loopback"\n')
        yield f


def _netcheck(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netcheck", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def _files(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode() for n in z.namelist()}


def test_fresh_run_bundle(tmp_path: Path, hosts: Path) -> None:
    out, db = tmp_path / "b.zip", tmp_path / "h.sqlite3"
    args = ["bundle", "-o", str(out), "--hosts", str(hosts), "--no-local", "--public-dns", "127.0.0.1"]
    r = _netcheck(*args, "--history-db", str(db), env={"HTTPS_PROXY": PROXY, "no_proxy": "localhost"})
    assert r.returncode == 0, r.stderr
    files = _files(out)
    assert set(files) == {
        "README.txt",
        "report.json",
        "report.md",
        "report.html",
        "history.json",
        "system.json",
        "problem.json",
        "proxy.json",
        "hosts/1-hosts.toml",
    }
    assert files["report.html"].startswith("<!DOCTYPE html>") and 'id="findings"' in files["report.html"]
    assert json.loads(files["report.json"])["status"] in ("pass", "warn")  # warn: the proxy on :9 is dead
    assert files["report.md"].startswith("#")
    assert json.loads(files["proxy.json"]) == {"HTTPS_PROXY": "http://***@127.0.0.1:9", "no_proxy": "localhost"}
    system = json.loads(files["system.json"])
    assert system["python"] and system["os"] and system["created_utc"].endswith("Z")
    assert len(json.loads(files["history.json"])) == 1
    assert "loopback" in files["hosts/1-hosts.toml"]
    assert not any(SECRET in text for text in files.values())
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_from_last_uses_the_history(tmp_path: Path, hosts: Path) -> None:
    db = tmp_path / "h.sqlite3"
    base = ["--hosts", str(hosts), "--no-local", "--public-dns", "127.0.0.1", "--history-db", str(db)]
    for _ in range(2):
        assert _netcheck("bundle", "-o", str(tmp_path / "x.zip"), *base).returncode == 0
    out = tmp_path / "last.zip"
    r = _netcheck("bundle", "-o", str(out), "--from-last", "--history-db", str(db))
    assert r.returncode == 0, r.stderr
    files = _files(out)
    assert len(json.loads(files["history.json"])) == 2
    assert "last recorded run" in files["report.md"]
    assert "hosts/1-hosts.toml" in files


def test_from_last_without_history_is_a_config_error(tmp_path: Path) -> None:
    r = _netcheck("bundle", "-o", str(tmp_path / "b.zip"), "--from-last", "--history-db", str(tmp_path / "none.db"))
    assert r.returncode == 3 and "no recorded run" in r.stderr
    assert not (tmp_path / "none.db").exists() and not (tmp_path / "b.zip").exists()


def test_build_zip_redacts_every_file() -> None:
    files = {"a.txt": f"proxy {PROXY}", "b.txt": f"password={SECRET}", "c.json": bundle._dump({"password": SECRET})}
    data = bundle.build_zip(files)
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not any(SECRET in z.read(n).decode() for n in z.namelist())


def test_proxy_settings_both_spellings() -> None:
    got = bundle.proxy_settings({"http_proxy": PROXY, "NO_PROXY": ".corp", "PATH": "/bin"})
    assert got == {"http_proxy": "http://***@127.0.0.1:9", "NO_PROXY": ".corp"}


def test_history_summary_shows_the_pattern() -> None:
    runs = [
        {
            "started_at": "2026-11-23T09:30:00Z",
            "status": "fail",
            "findings": [{"id": "ports-blocked"}],
            "checks": [{"id": "tcp:a:4001", "status": "fail"}, {"id": "tcp:a:4000", "status": "pass"}],
        }
    ]
    (s,) = bundle.history_summary(runs)
    assert s["findings"] == ["ports-blocked"] and s["failed_checks"] == ["tcp:a:4001"]
