"""A minimal two-namespace network for probe-level integration tests (root only).

client (nct-c) 198.51.100.66 / 2001:db8:66::1  <-veth->  server (nct-s) 198.51.100.67 / 2001:db8:66::2
The server namespace holds the nftables rules and servers. Documentation addresses only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CLIENT, SERVER = "nct-c", "nct-s"
CLIENT_IP, SERVER_IP = "198.51.100.66", "198.51.100.67"
CLIENT_IP6, SERVER_IP6 = "2001:db8:66::1", "2001:db8:66::2"


def need_root() -> None:
    """Skip politely on developer machines; in CI a missing lab is a failure, not a skip."""
    problem = ""
    if os.geteuid() != 0:
        problem = "not root"
    elif not shutil.which("ip") or not shutil.which("nft"):
        problem = "ip (iproute2) or nft (nftables) not installed"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"namespace tests must run in CI but cannot: {problem}")
        pytest.skip(f"needs root, ip netns and nftables: {problem}")


def sh(*args: str, check: bool = True, ns: str | None = None) -> subprocess.CompletedProcess[str]:
    cmd = (["ip", "netns", "exec", ns] if ns else []) + list(args)
    return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=30)


def teardown() -> None:
    for ns in (CLIENT, SERVER):
        sh("ip", "netns", "del", ns, check=False)
    shutil.rmtree(f"/etc/netns/{CLIENT}", ignore_errors=True)


def build() -> None:
    teardown()
    for ns in (CLIENT, SERVER):
        sh("ip", "netns", "add", ns)
        sh("ip", "link", "set", "lo", "up", ns=ns)
        # No duplicate-address detection: a tentative link-local address delays the first IPv6 connect ~1 s.
        sh("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0", ns=ns)
    sh(
        "ip",
        "link",
        "add",
        "nct-veth-c",
        "netns",
        CLIENT,
        "type",
        "veth",
        "peer",
        "name",
        "nct-veth-s",
        "netns",
        SERVER,
    )
    for ns, dev, ip4, ip6 in (
        (CLIENT, "nct-veth-c", CLIENT_IP, CLIENT_IP6),
        (SERVER, "nct-veth-s", SERVER_IP, SERVER_IP6),
    ):
        sh("ip", "addr", "add", f"{ip4}/24", "dev", dev, ns=ns)
        sh("ip", "-6", "addr", "add", f"{ip6}/64", "dev", dev, "nodad", ns=ns)
        sh("ip", "link", "set", dev, "up", ns=ns)
    _static_neighbours()
    etc = Path(f"/etc/netns/{CLIENT}")
    etc.mkdir(parents=True, exist_ok=True)
    (etc / "resolv.conf").write_text(f"nameserver {SERVER_IP}\noptions timeout:1 attempts:1\n")
    (etc / "hosts").write_text("127.0.0.1 localhost\n")


def _mac(ns: str, dev: str) -> str:
    # /sys shows the namespace of the process that mounted it, so ask from inside.
    return sh("cat", f"/sys/class/net/{dev}/address", ns=ns).stdout.strip()


def _static_neighbours() -> None:
    """On fresh veths the first IPv6 SYN is lost to neighbour discovery (a 1 s retransmit):
    fixed entries make connect times exact, as on a network whose router already knows us."""
    macs = {CLIENT: _mac(CLIENT, "nct-veth-c"), SERVER: _mac(SERVER, "nct-veth-s")}
    for ns, dev, peer, ips in (
        (CLIENT, "nct-veth-c", SERVER, (SERVER_IP, SERVER_IP6)),
        (SERVER, "nct-veth-s", CLIENT, (CLIENT_IP, CLIENT_IP6)),
    ):
        for ip in ips:
            sh("ip", "neigh", "replace", ip, "lladdr", macs[peer], "dev", dev, "nud", "permanent", ns=ns)


def nft(ruleset: str) -> None:
    proc = subprocess.run(
        ["ip", "netns", "exec", SERVER, "nft", "-f", "-"], input=ruleset, text=True, capture_output=True, timeout=30
    )
    if proc.returncode:
        raise RuntimeError(f"nft failed: {proc.stderr}")
