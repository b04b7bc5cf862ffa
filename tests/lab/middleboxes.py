"""Lab knobs for the faults a clean lab never shows: a proxy that wants a login, a DPI box that resets
ClientHellos by server name, and a path-MTU black hole. Each knob is turned off by itself (the MTU
knob outlives Lab.reset(), so tests use the context managers here)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

from . import firewall
from .addressing import ROUTER_LAN_V4, ROUTER_LAN_V6, ROUTER_NS
from .lab import Lab
from .proc import run, wait_for

HERE = Path(__file__).resolve().parent
AUTH_PROXY, AUTH_PROXY_PORT = "auth-proxy", 3130
DPI, DPI_PORT = "dpi", 8444
BLOCKED_NAME = "interactivebrokers"
PATH_MTU = 1280  # IPv6's minimum: the router's LAN side carries no larger packet
MTU_TABLE = "inet ncl-mtu"
# The router drops its own "fragmentation needed" / "packet too big" (output) and any it forwards.
MTU_RULESET = f"""
table {MTU_TABLE} {{
  chain mtu_out {{ type filter hook output priority 0; policy accept;
    icmp type destination-unreachable icmp code frag-needed drop
    icmpv6 type packet-too-big drop; }}
  chain mtu_fwd {{ type filter hook forward priority 0; policy accept;
    icmp type destination-unreachable icmp code frag-needed drop
    icmpv6 type packet-too-big drop; }}
}}
"""


def auth_proxy_url() -> str:
    return f"http://{ROUTER_LAN_V4}:{AUTH_PROXY_PORT}"


@contextlib.contextmanager
def auth_proxy(lab: Lab) -> Iterator[str]:
    """tinyproxy on the router demanding Basic authentication; yields its URL (without credentials)."""
    conf = lab.workdir / "auth-proxy.conf"
    conf.write_text(
        "\n".join(
            [
                "User nobody",
                "Group nogroup",
                f"Port {AUTH_PROXY_PORT}",
                f"Listen {ROUTER_LAN_V4}",
                "Timeout 30",
                "MaxClients 64",
                "Allow 198.51.100.0/24",
                "BasicAuth trader secret",
                "ConnectPort 443",
                "DisableViaHeader Yes",
                "LogLevel Info",
            ]
        )
        + "\n"
    )
    lab.procs.start(AUTH_PROXY, ROUTER_NS, ["tinyproxy", "-d", "-c", str(conf)])
    try:
        wait_for(lambda: _listening(f"{ROUTER_LAN_V4}:{AUTH_PROXY_PORT}"), 10, "the login proxy")
        yield auth_proxy_url()
    finally:
        lab.procs.stop(AUTH_PROXY)


@contextlib.contextmanager
def dpi(lab: Lab, *blocked: str) -> Iterator[None]:
    """Every client connection to port 443 passes the DPI relay, which resets hellos naming `blocked`."""
    ready = lab.workdir / "dpi.ready"
    ready.unlink(missing_ok=True)
    names = [a for n in (blocked or (BLOCKED_NAME,)) for a in ("--block", n)]
    lab.procs.start(
        DPI,
        ROUTER_NS,
        [
            sys.executable,
            str(HERE / "dpi_relay.py"),
            *names,
            "--listen",
            ROUTER_LAN_V4,
            "--listen",
            ROUTER_LAN_V6,
            "--port",
            str(DPI_PORT),
            "--ready",
            str(ready),
        ],
    )
    try:
        wait_for(lambda: ready.exists() or not lab.procs.running(DPI), 10, "the DPI relay")
        lab.procs.check_alive(DPI)
        lan = firewall.LAN_IF
        lab.nft(
            [
                f'iifname "{lan}" meta nfproto ipv4 tcp dport 443 dnat ip to {ROUTER_LAN_V4}:{DPI_PORT}',
                f'iifname "{lan}" meta nfproto ipv6 tcp dport 443 dnat ip6 to [{ROUTER_LAN_V6}]:{DPI_PORT}',
            ],
            chain=firewall.NAT,
        )
        yield
    finally:
        lab.nft([], chain=firewall.NAT)
        lab.procs.stop(DPI)


@contextlib.contextmanager
def mtu_blackhole(lab: Lab, mtu: int = PATH_MTU) -> Iterator[None]:
    """The router's LAN link carries at most `mtu` bytes and its ICMP about that never leaves the router;
    the client's own link stays at 1500, so both ends announce a 1460-byte MSS."""
    run(["nft", "-f", "-"], ROUTER_NS, input=MTU_RULESET)
    run(["ip", "link", "set", firewall.LAN_IF, "mtu", str(mtu)], ROUTER_NS)
    try:
        yield
    finally:
        run(["ip", "link", "set", firewall.LAN_IF, "mtu", "1500"], ROUTER_NS)
        run(["nft", "delete", "table", *MTU_TABLE.split()], ROUTER_NS, check=False)


def _listening(endpoint: str) -> bool:
    out = run(["ss", "-Hln", "--tcp"], ROUTER_NS).stdout
    return endpoint in {line.split()[3] for line in out.splitlines() if len(line.split()) > 3}
