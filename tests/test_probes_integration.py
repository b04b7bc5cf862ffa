"""Every probe kind against real servers: loopback listeners, and a namespace pair with nftables
drop / reset / ICMP-reject rules and a real dnsmasq. Runs the real CLI inside the client namespace."""

from __future__ import annotations

import http.server
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from netcheck.model import Check, Kind, Reason, Status
from netcheck.probes import ProbeContext, tcp
from tests import netns

pytestmark = pytest.mark.root

# Linux acts on an ICMPv6 admin-prohibited only when the SYN is retransmitted (about 1 s after the
# first), IPv4's ICMP at once; a timeout above 1 s lets both show as "prohibited".
TIMEOUT = 1.5

RULES = """
table inet nct {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport 4000 drop
    meta nfproto ipv4 tcp dport 4001 reject with icmp type admin-prohibited
    meta nfproto ipv6 tcp dport 4001 reject with icmpv6 type admin-prohibited
    tcp dport 4002 reject with tcp reset
  }
}
"""


# --- loopback: no namespace needed -------------------------------------------------------------


def _check(port: int, address: str = "127.0.0.1") -> Check:
    return Check(id=f"tcp:lo:{port}@{address}", kind=Kind.TCP, target="lo", host="lo", port=port, address=address)


async def test_tcp_open_and_refused_on_loopback() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        ok = await tcp.probe(_check(port), ProbeContext(timeout=1))
    assert ok.status is Status.PASS and ok.reason is Reason.OK
    refused = await tcp.probe(_check(port), ProbeContext(timeout=1))  # listener closed now
    assert refused.status is Status.FAIL and refused.reason is Reason.REFUSED
    assert refused.detail["error"] == "Connection refused"


# --- namespace pair ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    netns.need_root()
    if not shutil.which("dnsmasq"):
        pytest.fail("dnsmasq is not installed (.ci/run installs dnsmasq-base)")
    netns.build()
    netns.nft(RULES)
    tmp = tmp_path_factory.mktemp("pair")
    procs = [
        subprocess.Popen(
            [
                "ip",
                "netns",
                "exec",
                netns.SERVER,
                "dnsmasq",
                "--no-daemon",
                "--no-resolv",
                "--no-hosts",
                f"--listen-address={netns.SERVER_IP}",
                "--bind-interfaces",
                "--port=53",
                f"--pid-file={tmp}/dnsmasq.pid",
                f"--host-record=gw.example.com,{netns.SERVER_IP},{netns.SERVER_IP6}",
                "--address=/gone.example.com/",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
        subprocess.Popen(
            ["ip", "netns", "exec", netns.SERVER, sys.executable, "-c", _LISTENER],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
    ]
    time.sleep(0.7)
    hosts = tmp / "hosts.toml"
    hosts.write_text(
        '[[host]]\nname = "gw.example.com"\nports = [443, 4000, 4001, 4002, 4003]\n'
        '[[host]]\nname = "gone.example.com"\nports = [443]\nrequired = false\n'
    )
    try:
        yield hosts
    finally:
        for p in procs:
            p.kill()
            p.wait()
        netns.teardown()


_LISTENER = """
import socket, time
socks = []
for fam, addr in ((socket.AF_INET, "0.0.0.0"), (socket.AF_INET6, "::")):
    s = socket.socket(fam)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if fam == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    s.bind((addr, 443)); s.listen(64); socks.append(s)
time.sleep(600)
"""


def run_in_client(hosts: Path, *extra: str) -> tuple[int, dict, float]:  # type: ignore[type-arg]
    started = time.monotonic()
    proc = subprocess.run(
        [
            "ip",
            "netns",
            "exec",
            netns.CLIENT,
            sys.executable,
            "-m",
            "netcheck",
            "run",
            "--hosts",
            str(hosts),
            "--format",
            "json",
            "--no-local",
            "--timeout",
            str(TIMEOUT),
            "--public-dns",
            netns.SERVER_IP,
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).parent.parent,
    )
    assert proc.stderr == "" or "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout), time.monotonic() - started


def test_port_states_dns_and_dependencies_in_a_real_network(pair: Path) -> None:
    code, doc, elapsed = run_in_client(pair)
    checks = {c["id"]: c for c in doc["checks"]}
    v4, v6 = netns.SERVER_IP, netns.SERVER_IP6
    expect = {
        443: ("pass", "ok"),
        4000: ("fail", "timeout"),
        4001: ("fail", "prohibited"),
        4002: ("fail", "refused"),
        4003: ("fail", "refused"),
    }
    for port, (status, reason) in expect.items():
        for addr in (v4, v6):
            c = checks[f"tcp:gw.example.com:{port}@{addr}"]
            assert (c["status"], c["reason"]) == (status, reason), c
    # Dropped after the hedged retries (netcheck/rtt.py), never before the kernel's SYN retransmit (1 s)
    assert checks[f"tcp:gw.example.com:4000@{v4}"]["duration_ms"] >= 1000
    assert checks[f"tcp:gw.example.com:4001@{v4}"]["duration_ms"] < 500  # the ICMP reject came at once
    assert checks["dns:system:gw.example.com"]["detail"]["addresses"] == [v4, v6]
    assert checks["dns:resolver:gw.example.com"]["detail"]["addresses"] == [v4, v6]
    assert checks[f"dns-cross:gw.example.com@{v4}"]["status"] == "pass"
    assert checks["dns:resolver:gone.example.com"]["reason"] == "nxdomain"
    assert checks["tcp:gone.example.com:443"]["reason"] == "dependency"
    assert code == 1 and elapsed < TIMEOUT + 1 + 2  # timeout + one second, plus interpreter start-up


def test_captive_portal_and_online_answers_over_http(tmp_path: Path) -> None:
    """HTTP probe against real loopback servers: 204 is online, a redirect is a portal."""
    import asyncio

    import httpx

    from netcheck.probes import http as http_probe

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/generate_204":
                self.send_response(204)
            else:
                self.send_response(302)
                self.send_header("Location", "http://portal.example/login")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    async def probe(path: str):  # type: ignore[no-untyped-def]
        async with httpx.AsyncClient(trust_env=False) as client:
            check = Check(id="http", kind=Kind.HTTP, target=base + path, url=base + path, params={"expect_status": 204})
            return await http_probe.probe(check, ProbeContext(timeout=2, http_client=client))

    try:
        online, portal = asyncio.run(probe("/generate_204")), asyncio.run(probe("/other"))
    finally:
        server.shutdown()
    assert online.status is Status.PASS and online.detail["http_status"] == 204
    assert portal.reason is Reason.REDIRECT and portal.detail["location"] == "http://portal.example/login"
