"""Machine probes against real processes, real loopback listeners and fake TWS folders; and the CLI."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from netcheck.model import Check, Reason, Status
from netcheck.planner import checks as plan
from netcheck.probes import machine
from netcheck.probes.base import ProbeContext

CTX = ProbeContext()
REPO = Path(__file__).resolve().parent.parent
# A stand-in TWS: a real process whose command line carries TWS's main class and settings folder.
FAKE_TWS = (
    "import socket, time\n"
    "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n"
    "print(s.getsockname()[1], flush=True); time.sleep(60)"
)


def check(what: str, tws_dirs: tuple[str, ...] = (), **params: object) -> Check:
    return next(
        c
        for c in plan.machine_checks(tws_dirs)
        if c.params["what"] == what and all(c.params.get(k) == v for k, v in params.items())
    )


def api_check(port: int) -> Check:
    return Check(
        id=f"machine:api-port:{port}",
        kind=check("api-port").kind,
        target=str(port),
        required=False,
        params={"what": "api-port", "port": port, "expected": "tws"},
    )


@pytest.fixture
def fake_tws() -> Iterator[list[subprocess.Popen[str]]]:
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for p in procs:
        p.kill()
        p.wait()


def start_tws(procs: list[subprocess.Popen[str]], install: str) -> int:
    p = subprocess.Popen(
        [sys.executable, "-c", FAKE_TWS, "jclient.LoginFrame", install], stdout=subprocess.PIPE, text=True
    )
    procs.append(p)
    assert p.stdout is not None
    return int(p.stdout.readline())


async def test_port_held_by_another_program_is_a_conflict() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        out = await machine.probe(api_check(port), CTX)
    assert (out.status, out.reason) == (Status.WARN, Reason.CONFLICT)
    assert out.detail["holders"][0]["pid"] == psutil.Process().pid
    free = await machine.probe(api_check(port), CTX)
    assert (free.status, free.detail["listening"]) == (Status.PASS, False)


async def test_port_held_by_tws_is_fine(fake_tws: list[subprocess.Popen[str]], tmp_path: Path) -> None:
    port = start_tws(fake_tws, str(tmp_path))
    out = await machine.probe(api_check(port), CTX)
    assert out.status is Status.PASS and out.detail["holders"][0]["kind"] == "tws"


async def test_two_sessions_of_one_installation(fake_tws: list[subprocess.Popen[str]], tmp_path: Path) -> None:
    start_tws(fake_tws, str(tmp_path / "a"))
    one = await machine.probe(check("sessions"), CTX)
    assert one.status is Status.PASS and any(s["pid"] == fake_tws[0].pid for s in one.detail["sessions"])
    start_tws(fake_tws, str(tmp_path / "b"))  # another installation: still fine
    assert (await machine.probe(check("sessions"), CTX)).status is Status.PASS
    start_tws(fake_tws, str(tmp_path / "a"))
    two = await machine.probe(check("sessions"), CTX)
    assert two.reason is Reason.CONFLICT
    assert two.detail["duplicates"] == [
        {"kind": "tws", "installation": str(tmp_path / "a"), "pids": sorted([fake_tws[0].pid, fake_tws[2].pid])}
    ]


async def test_memory_and_tws_memory(tmp_path: Path) -> None:
    total = psutil.virtual_memory().total // 2**20
    (tmp_path / "1030").mkdir()
    (tmp_path / "1030" / "tws.vmoptions").write_text(f"-Xmx{total * 2}m\n")
    dirs = (str(tmp_path),)
    assert (await machine.probe(check("memory"), CTX)).detail["needed_mb"] == 1024
    over = await machine.probe(check("tws-memory", dirs), CTX)
    assert (over.status, over.reason) == (Status.WARN, Reason.MISCONFIGURED)
    assert over.detail["problems"][0]["xmx_mb"] == total * 2
    (tmp_path / "1030" / "tws.vmoptions").write_text("-Xmx1024m\n")
    assert (await machine.probe(check("tws-memory", dirs), CTX)).status is Status.PASS


async def test_no_tws_folder_is_not_applicable(tmp_path: Path) -> None:
    dirs = (str(tmp_path / "missing"),)
    for what in ("tws-install", "tws-memory", "jts-ini"):
        out = await machine.probe(check(what, dirs), CTX)
        assert (out.status, out.reason) == (Status.SKIP, Reason.NOT_APPLICABLE), what
    out = await machine.probe(check("disk", dirs, where="tws"), CTX)
    assert out.status is Status.SKIP
    temp = await machine.probe(check("disk", dirs, where="temp"), CTX)
    assert temp.status in (Status.PASS, Status.WARN) and temp.detail["free_mb"] >= 0


async def test_route_interface_names_an_interface_or_skips() -> None:
    out = await machine.probe(check("route-interface"), CTX)
    if out.status is Status.PASS:
        assert out.detail["interface"] in psutil.net_if_addrs() and isinstance(out.detail["vpn"], bool)
    else:
        assert out.reason is Reason.NOT_APPLICABLE


def run_cli(*args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    cp = subprocess.run(
        [sys.executable, "-m", "netcheck", "run", "--local-only", "--format", "json", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    return cp.returncode, json.loads(cp.stdout)


def hold(port: int) -> socket.socket | None:
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        s.close()
        return None  # something already holds it: the conflict is there anyway
    s.listen()
    return s


def test_cli_local_only_reports_tws_memory_and_api_port_conflict(tmp_path: Path) -> None:
    total = psutil.virtual_memory().total // 2**20
    (tmp_path / "Jts" / "1030").mkdir(parents=True)
    (tmp_path / "Jts" / "1030" / "tws.vmoptions").write_text(f"-Xmx{total + 4096}m\n### keep on update\n")
    sock = hold(7497)
    try:
        started = time.monotonic()
        code, report = run_cli("--tws-dir", str(tmp_path / "Jts"))
    finally:
        if sock:
            sock.close()
    found = {f["id"]: f for f in report["findings"]}
    assert {"tws-memory", "api-port-conflict"} <= set(found)
    assert all(found[i]["remediation"] and found[i]["admin"] for i in ("tws-memory", "api-port-conflict"))
    assert "7497" in found["api-port-conflict"]["title"]
    assert code == 0 and report["status"] == "warn"
    assert not [c for c in report["checks"] if c["kind"] in ("tcp", "dns", "http")]  # no network at all
    assert time.monotonic() - started < 20


def test_cli_without_tws_reports_not_applicable_and_passes(tmp_path: Path) -> None:
    code, report = run_cli("--tws-dir", str(tmp_path / "none"))
    by_id = {c["id"]: c for c in report["checks"]}
    for cid in ("machine:tws-install", "machine:tws-memory", "machine:jts-ini", "machine:disk:tws"):
        assert (by_id[cid]["status"], by_id[cid]["reason"]) == ("skip", "not-applicable")
    assert "tws-not-found" in [f["id"] for f in report["findings"]]
    assert not [f for f in report["findings"] if f["severity"] == "fail"] and code in (0,)


def test_cli_env_var_and_exclusive_flags(tmp_path: Path) -> None:
    (tmp_path / "jts.ini").write_text("[Logon]\nPeer=zdc1.ibllc.com:4001\n")
    cp = subprocess.run(
        [sys.executable, "-m", "netcheck", "run", "--local-only", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        env={**__import__("os").environ, "NETCHECK_TWS_DIR": str(tmp_path)},
    )
    meta = json.loads(cp.stdout)["meta"]
    assert meta["home_server"]["host"] == "zdc1.ibllc.com" and meta["home_server"]["region"] == "europe"
    bad = subprocess.run(
        [sys.executable, "-m", "netcheck", "run", "--local-only", "--no-local"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert bad.returncode == 2


async def test_port_forwarder_for_a_containerised_gateway_is_fine(
    fake_tws: list[subprocess.Popen[str]], tmp_path: Path
) -> None:
    socat = tmp_path / "socat"  # same name as the forwarder Gateway containers use
    socat.symlink_to(sys.executable)
    p = subprocess.Popen([str(socat), "-c", FAKE_TWS], stdout=subprocess.PIPE, text=True)
    fake_tws.append(p)
    assert p.stdout is not None
    port = int(p.stdout.readline())
    out = await machine.probe(api_check(port), CTX)
    assert out.status is Status.PASS and out.detail["holders"][0]["kind"] == "forwarder"


def test_launcher_and_its_jvm_are_one_session() -> None:
    from netcheck.probes.machine_sessions import duplicate_sessions, session_roots

    running = [
        {"pid": 10, "ppid": 1, "kind": "tws", "installation": "/bin"},  # the `tws` launcher script
        {"pid": 11, "ppid": 10, "kind": "tws", "installation": "/home/ann/Jts/1030"},  # its JVM
        {"pid": 20, "ppid": 1, "kind": "tws", "installation": "/home/ann/Jts/1030"},
        {"pid": 21, "ppid": 1, "kind": "tws", "installation": "/home/ann/Jts/1030"},
    ]
    roots = session_roots(running)
    assert [r["pid"] for r in roots] == [10, 20, 21] and "ppid" not in roots[0]
    assert roots[0]["installation"] == "/home/ann/Jts/1030"  # named by its JVM, not the shell's /bin
    other = [
        {"pid": 30, "ppid": 1, "kind": "tws", "installation": "/bin"},
        {"pid": 31, "ppid": 30, "kind": "tws", "installation": "/home/ann/Jts/1019"},
    ]
    assert duplicate_sessions(session_roots(running[:2] + other)) == []  # two installations
    assert duplicate_sessions(roots) == [{"kind": "tws", "installation": "/home/ann/Jts/1030", "pids": [10, 20, 21]}]
