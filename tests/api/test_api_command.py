"""`netcheck api` and `netcheck run --local-only` against the fake TWS in each mode, and a real program
holding a port. Standard ports are taken out (other programs on this machine may use them); a fake
stands for a running TWS through the process discovery, as psutil would report it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner

from netcheck.api import targets
from netcheck.cli import FORMATS, main
from tests.fake_tws import ACCOUNTS, FakeTws

EXPECT = {  # mode -> (finding, exit code, the setting or fact the text must name)
    "healthy": ("api-ready", 0, "server version 176"),
    "untrusted": ("api-untrusted", 1, "Trusted IPs"),
    "silent": ("api-waiting-for-accept", 1, "Accept incoming connection"),
    "not-api": ("api-port-taken", 1, "Socket port"),
    "client-id-in-use": ("api-client-id-in-use", 1, "326"),
    "too-old": ("api-too-old", 1, "server version 150"),
}


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(targets, "STANDARD", ())
    monkeypatch.setattr(targets, "discover", lambda: ())


@pytest.fixture
def fake(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakeTws, int]]:
    """The fake runs in this process: psutil sees python hold the port, so discovery is told that this
    process is TWS (it plays TWS), as it would report a real TWS. Without that, api-port-taken is right."""
    f = FakeTws(request.param)
    port = f.start()
    monkeypatch.setattr(targets, "discover", lambda: (targets.Running("tws", os.getpid(), (("127.0.0.1", port),)),))
    yield f, port
    f.stop()


def invoke(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.output


def findings(out: str) -> dict[str, dict[str, Any]]:
    return {f["id"]: f for f in json.loads(out)["findings"]}


@pytest.mark.parametrize("fake", list(EXPECT), indirect=True)
def test_netcheck_api_names_the_finding_and_the_setting(fake: tuple[FakeTws, int]) -> None:
    f, port = fake
    fid, code, words = EXPECT[f.mode]
    rc, out = invoke("api", "--api", f"127.0.0.1:{port}", "--api-client-id", "9071", "--timeout", "1")
    assert rc == code, out
    assert f"[{fid}]" in out and words in out.replace("\n    ", " ")
    rc, out = invoke(
        "api", "--api", f"127.0.0.1:{port}", "--api-client-id", "9071", "--timeout", "1", "--format", "json"
    )
    assert fid in findings(out) and ACCOUNTS not in out


@pytest.mark.parametrize("fake", ["untrusted", "silent", "client-id-in-use", "healthy"], indirect=True)
def test_run_local_only_names_the_finding(fake: tuple[FakeTws, int], monkeypatch: pytest.MonkeyPatch) -> None:
    f, port = fake
    rc, out = invoke("run", "--local-only", "--no-history", "--timeout", "1", "--format", "json")
    found = findings(out)
    fid = EXPECT[f.mode][0] if f.mode != "client-id-in-use" else "api-ready"  # run sends no START_API
    assert fid in found and found[fid]["checks"] == [f"api:127.0.0.1:{port}"]
    assert found[fid]["severity"] == ("info" if fid == "api-ready" else "warn")  # in run, only a warning


@pytest.mark.parametrize("fake", ["healthy"], indirect=True)
def test_wrong_port_names_the_port_that_answers(fake: tuple[FakeTws, int], monkeypatch: pytest.MonkeyPatch) -> None:
    _, port = fake
    monkeypatch.setattr(targets, "discover", lambda: (targets.Running("gateway", os.getpid(), (("127.0.0.1", port),)),))
    rc, out = invoke("api", "--api", f"127.0.0.1:{_free_port()}", "--format", "json")
    assert rc == 1
    wrong = findings(out)["api-wrong-port"]
    assert f"answers on 127.0.0.1:{port} (IB Gateway)" in wrong["title"] and wrong["severity"] == "fail"


def test_api_disabled_when_tws_runs_and_nothing_listens(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(targets, "STANDARD", ((_free_port(), "tws", "paper"),))
    monkeypatch.setattr(targets, "discover", lambda: (targets.Running("tws", 4242),))
    rc, out = invoke("api", "--format", "json")
    assert "api-disabled" in findings(out) and "TWS (pid 4242)" in findings(out)["api-disabled"]["admin"]
    rc, out = invoke("api")
    assert "Enable ActiveX and Socket Clients" in out.replace("\n    ", " ")


def test_nothing_running_is_information(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(targets, "STANDARD", ((_free_port(), "tws", "paper"),))
    rc, out = invoke("api", "--format", "json")
    assert rc == 0 and list(findings(out)) == ["api-not-running"]
    rc, out = invoke("api", "--api", f"127.0.0.1:{_free_port()}", "--format", "json")
    assert rc == 1 and "api-disabled" in findings(out)  # unless the user names a port


def test_a_real_program_holding_the_port_is_named() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        port = int(re.search(r"port (\d+)", proc.stdout.readline()).group(1))  # type: ignore[union-attr]
        rc, out = invoke("api", "--api", f"127.0.0.1:{port}", "--format", "json")
    finally:
        proc.terminate()
        proc.wait(5)
    taken = findings(out)["api-port-taken"]
    assert rc == 1 and f"(pid {proc.pid})" in taken["title"] and "no reply" in taken["admin"]


def test_usage_errors_and_formats() -> None:
    assert set(FORMATS) >= {"terminal", "json"}  # one tuple, shared with `netcheck run`
    rc, out = invoke("api", "--api", "::1:7497")
    assert rc == 2 and "brackets" in out
    rc, out = invoke("api", "--api", "localhost")
    assert rc == 2


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
