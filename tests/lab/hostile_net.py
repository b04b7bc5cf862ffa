"""A namespace pair of our own for the reliability tests: nch-cli (client) and nch-srv (hostile servers).

    nch-cli 198.51.100.2/24 ── veth ── nch-srv 198.51.100.1/24 + the /32s of tests/lab/hostile.py
The client's resolver is the hostile DNS server. Documentation addresses only; torn down after use.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.lab import hostile

CLIENT, SERVER = "nch-cli", "nch-srv"
CLIENT_IP = "198.51.100.2"
REPO = Path(__file__).resolve().parents[2]
LOCK = Path("/tmp/nch-hostile.lock")  # two pytest sessions on one machine must not share the pair


def require_root() -> None:
    """Skip on developer machines without root; in CI (CI=true) a missing namespace tool is a failure."""
    problem = "not root" if os.geteuid() != 0 else ""
    for tool in ("ip", "nft"):
        if not problem and shutil.which(tool) is None:
            problem = f"{tool} not found"
    if problem and os.environ.get("CI") == "true":
        pytest.fail(f"namespace test must run in CI but cannot: {problem}", pytrace=False)
    if problem:
        pytest.skip(f"needs root, ip netns and nftables: {problem}")


def sh(*argv: str, ns: str | None = None, check: bool = True, stdin: str | None = None) -> str:
    cmd = (["ip", "netns", "exec", ns] if ns else []) + list(argv)
    cp = subprocess.run(cmd, capture_output=True, text=True, input=stdin, timeout=30)
    if check and cp.returncode:
        raise RuntimeError(f"{' '.join(cmd)}: {cp.stderr.strip()}")
    return cp.stdout


def teardown() -> None:
    for ns in (CLIENT, SERVER):
        for pid in sh("ip", "netns", "pids", ns, check=False).split():
            _kill(int(pid))
        sh("ip", "netns", "del", ns, check=False)
    shutil.rmtree(f"/etc/netns/{CLIENT}", ignore_errors=True)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, 9)
    except ProcessLookupError:
        pass


def build() -> None:
    teardown()
    for ns in (CLIENT, SERVER):
        sh("ip", "netns", "add", ns)
        sh("ip", "link", "set", "lo", "up", ns=ns)
    sh("ip", "link", "add", "nch-c0", "netns", CLIENT, "type", "veth", "peer", "name", "nch-s0", "netns", SERVER)
    sh("ip", "addr", "add", f"{CLIENT_IP}/24", "dev", "nch-c0", ns=CLIENT)
    sh("ip", "addr", "add", f"{hostile.SERVER}/24", "dev", "nch-s0", ns=SERVER)
    for ip in hostile.ADDRESSES[1:]:
        sh("ip", "addr", "add", f"{ip}/32", "dev", "nch-s0", ns=SERVER)
    for ns, dev in ((CLIENT, "nch-c0"), (SERVER, "nch-s0")):
        sh("ip", "link", "set", dev, "up", ns=ns)
    sh("ip", "route", "add", "default", "via", hostile.SERVER, ns=CLIENT)
    # the server answers ARP for its /32s; other 198.51.100.x stay silent (unreachable after ARP fails)
    etc = Path(f"/etc/netns/{CLIENT}")
    etc.mkdir(parents=True, exist_ok=True)
    # glibc's defaults (5 s per try, 2 tries): a silent server holds getaddrinfo for 10 s, as in real life
    (etc / "resolv.conf").write_text(f"nameserver {hostile.DNS_IP}\n")
    (etc / "hosts").write_text("127.0.0.1 localhost\n")


def nft(ns: str, ruleset: str) -> None:
    sh("nft", "-f", "-", ns=ns, stdin=ruleset)


@contextmanager
def hostile_network(tmp: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Build the pair and run hostile.py in the server namespace; tear everything down after."""
    require_root()
    with _locked():
        build()
        with _servers(tmp) as server:
            yield server


@contextmanager
def _locked(wait: float = 300) -> Iterator[None]:
    fd = os.open(LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        end = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > end:
                    raise RuntimeError(f"another session holds {LOCK}") from None
                time.sleep(0.2)
        yield
    finally:
        os.close(fd)


@contextmanager
def _servers(tmp: Path) -> Iterator[subprocess.Popen[bytes]]:
    ready = tmp / "hostile.ready"
    log = open(tmp / "hostile.log", "wb")
    argv = ["ip", "netns", "exec", SERVER, sys.executable, str(Path(hostile.__file__)), "--ready", str(ready)]
    server = subprocess.Popen(argv, stdout=log, stderr=log, start_new_session=True, cwd=REPO)
    try:
        end = time.monotonic() + 10
        while not ready.exists():
            if server.poll() is not None or time.monotonic() > end:
                raise RuntimeError(f"hostile servers did not start: {(tmp / 'hostile.log').read_text()[-2000:]}")
            time.sleep(0.02)
        yield server
    finally:
        server.kill()
        server.wait(5)
        log.close()
        teardown()


def client_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(NO_COLOR="1", PYTHONPATH=str(REPO), **extra)
    return env


def in_client(argv: Sequence[str]) -> list[str]:
    return ["ip", "netns", "exec", CLIENT, *argv]
