"""The API link from a second namespace through forwarders, as with IB Gateway in a container.

nct-c (the host)                               nct-s (the container)
socat 127.0.0.1:4002 -> 198.51.100.67:4004  -> socat 198.51.100.67:4004 -> 127.0.0.1:4002  fake TWS
netcheck api / run --local-only                fake TWS "untrusted" also straight on 198.51.100.67:4001
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import netns

pytestmark = [pytest.mark.root, pytest.mark.lab]
REPO = Path(__file__).resolve().parents[2]
FORWARDED = f"{netns.SERVER_IP}:4004"
LOCK = "/tmp/nct-netns.lock"  # the namespace names are fixed: one pair on this machine at a time


@pytest.fixture(scope="module")
def pair() -> Iterator[None]:
    netns.need_root()
    if not shutil.which("socat"):
        pytest.fail("socat is not installed (.ci/run installs it)")
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        netns.build()
        # a default route, so `run` sees a connected computer (no-network would end the diagnosis)
        netns.sh("ip", "route", "add", "default", "via", netns.SERVER_IP, ns=netns.CLIENT)
        netns.sh("ip", "-6", "route", "add", "default", "via", netns.SERVER_IP6, ns=netns.CLIENT)
        forwarders = [
            _spawn(
                netns.SERVER, "socat", f"TCP-LISTEN:4004,bind={netns.SERVER_IP},fork,reuseaddr", "TCP:127.0.0.1:4002"
            ),
            _spawn(netns.CLIENT, "socat", "TCP-LISTEN:4002,bind=127.0.0.1,fork,reuseaddr", f"TCP:{FORWARDED}"),
        ]
        try:
            yield
        finally:
            for p in forwarders:
                _stop(p)
            netns.teardown()


def _spawn(ns: str, *cmd: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        ["ip", "netns", "exec", ns, *cmd],
        cwd=REPO,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )


def _stop(p: subprocess.Popen[str]) -> None:
    p.terminate()
    try:
        p.wait(5)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()


def _fake(mode: str, host: str = "127.0.0.1", port: int = 4002) -> subprocess.Popen[str]:
    p = _spawn(
        netns.SERVER, sys.executable, "-m", "tests.fake_tws", "--mode", mode, "--host", host, "--port", str(port)
    )
    assert p.stdout is not None and "fake TWS" in p.stdout.readline()
    return p


def netcheck(*args: str) -> tuple[int, dict[str, dict[str, object]]]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NETCHECK_TWS_DIR": "/nonexistent"}
    cmd = ["ip", "netns", "exec", netns.CLIENT, sys.executable, "-m", "netcheck", *args, "--format", "json"]
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    return proc.returncode, {f["id"]: f for f in json.loads(proc.stdout)["findings"]}


@pytest.mark.parametrize(
    ("mode", "finding", "code"),
    [
        ("healthy", "api-ready", 0),
        ("silent", "api-waiting-for-accept", 1),
        ("client-id-in-use", "api-client-id-in-use", 1),
        ("too-old", "api-too-old", 1),
        ("not-api", "api-port-taken", 1),
    ],
)
def test_through_forwarders(pair: None, mode: str, finding: str, code: int) -> None:
    fake = _fake(mode)
    try:
        rc, found = netcheck("api", "--api", FORWARDED, "--api-client-id", "9071", "--timeout", "1")
        assert (rc, finding in found) == (code, True), found
        local_rc, local = netcheck("run", "--local-only", "--no-history", "--timeout", "1")
        if mode != "client-id-in-use":  # run sends no START_API
            assert finding in local and local[finding]["checks"] == ["api:127.0.0.1:4002"], local
    finally:
        _stop(fake)


def test_untrusted_from_another_address_names_that_address(pair: None) -> None:
    fake = _fake("untrusted", netns.SERVER_IP, 4001)
    try:
        rc, found = netcheck("api", "--api", f"{netns.SERVER_IP}:4001", "--timeout", "1")
    finally:
        _stop(fake)
    untrusted = found["api-untrusted"]
    assert rc == 1 and f"({netns.CLIENT_IP})" in str(untrusted["title"])  # the address TWS sees
    assert "Trusted IPs" in str(untrusted["remediation"])


def test_forwarder_that_only_accepts_is_told_from_the_port_that_answers(pair: None) -> None:
    """Gateway down behind the container's forwarder: socat accepts and closes; another port answers."""
    healthy = _fake("healthy", netns.SERVER_IP, 4001)
    time.sleep(0.1)
    try:
        rc, found = netcheck("api", "--api", FORWARDED, "--api", f"{netns.SERVER_IP}:4001", "--timeout", "1")
    finally:
        _stop(healthy)
    admin = str(found["api-untrusted"]["admin"])
    assert f"Accepted and closed with 0 bytes: {FORWARDED}" in admin
    assert f"answered on: {FORWARDED.split(':')[0]}:4001" in admin and "api-ready" in found
