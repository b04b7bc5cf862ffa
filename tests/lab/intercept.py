"""Lab knobs for issue 14 items 3 and 8: a client with no IPv6, and a router that answers 4000/4001 itself.

Also `resolvers_refuse_gateway_ports`, applied by Lab.up(): the lab's fake internet listens on 4000/4001
on every address, but a real resolver (the canary's default target) runs no TWS gateway."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

from . import firewall
from .addressing import (
    CLIENT_NS,
    CLIENT_V6,
    INET_NS,
    LOCAL_DNS_V4,
    LOCAL_DNS_V6,
    PUBLIC_DNS_V4,
    PUBLIC_DNS_V6,
    ROUTER_LAN_V4,
    ROUTER_LAN_V6,
    ROUTER_NS,
)
from .lab import Lab
from .proc import run, wait_for

CLOSER, CLOSER_PORT = "closer", 8401
PORTS = "tcp dport { 4000, 4001 }"
RESOLVER_TABLE = "inet ncl-resolvers"
RESOLVER_RULESET = f"""
table {RESOLVER_TABLE} {{
  chain no_gateway {{ type filter hook input priority 0; policy accept;
    ip daddr {{ {LOCAL_DNS_V4}, {PUBLIC_DNS_V4} }} tcp dport {{ 4000, 4001 }} reject with tcp reset
    ip6 daddr {{ {LOCAL_DNS_V6}, {PUBLIC_DNS_V6} }} tcp dport {{ 4000, 4001 }} reject with tcp reset; }}
}}
"""
# Accept every connection and close it at once: a port forward to a box that is not IBKR.
CLOSER_CODE = """
import asyncio, sys
async def close(r, w):
    w.close()
async def main():
    servers = [await asyncio.start_server(close, a, int(sys.argv[3])) for a in sys.argv[1:3]]
    await asyncio.gather(*(s.serve_forever() for s in servers))
asyncio.run(main())
"""


def resolvers_refuse_gateway_ports() -> None:
    run(["nft", "-f", "-"], INET_NS, input=RESOLVER_RULESET)


@contextlib.contextmanager
def intercept_ports(lab: Lab) -> Iterator[None]:
    """The router DNATs every client connection on 4000/4001 to its own listener, which accepts and closes."""
    argv = [sys.executable, "-c", CLOSER_CODE, ROUTER_LAN_V4, ROUTER_LAN_V6, str(CLOSER_PORT)]
    lab.procs.start(CLOSER, ROUTER_NS, argv)
    try:
        wait_for(lambda: _listening(f"{ROUTER_LAN_V4}:{CLOSER_PORT}"), 10, "the intercepting listener")
        lan = firewall.LAN_IF
        lab.nft(
            [
                f'iifname "{lan}" meta nfproto ipv4 {PORTS} dnat ip to {ROUTER_LAN_V4}:{CLOSER_PORT}',
                f'iifname "{lan}" meta nfproto ipv6 {PORTS} dnat ip6 to [{ROUTER_LAN_V6}]:{CLOSER_PORT}',
            ],
            chain=firewall.NAT,
        )
        yield
    finally:
        lab.nft([], chain=firewall.NAT)
        lab.procs.stop(CLOSER)


@contextlib.contextmanager
def no_ipv6(lab: Lab, how: str = "disabled") -> Iterator[None]:
    """The client without IPv6: "disabled" (no IPv6 on eth0 at all) or "no-route" (a global address
    but no IPv6 default route). Put back as Lab built it afterwards."""
    if how == "disabled":
        _client(["sysctl", "-qw", "net.ipv6.conf.eth0.disable_ipv6=1"])
    elif how == "no-route":
        _client(["ip", "-6", "route", "del", "default"])
    else:
        raise ValueError(f"how must be 'disabled' or 'no-route', not {how!r}")
    try:
        yield
    finally:
        _client(["sysctl", "-qw", "net.ipv6.conf.eth0.disable_ipv6=0"])
        run(["ip", "-6", "addr", "replace", f"{CLIENT_V6}/64", "dev", "eth0", "nodad"], CLIENT_NS)
        run(["ip", "-6", "route", "replace", "default", "via", ROUTER_LAN_V6], CLIENT_NS)


def _client(argv: list[str]) -> None:
    run(argv, CLIENT_NS)


def _listening(endpoint: str) -> bool:
    out = run(["ss", "-Hln", "--tcp"], ROUTER_NS).stdout
    return endpoint in {line.split()[3] for line in out.splitlines() if len(line.split()) > 3}
