"""Pure builders of the router's nftables text; the lab feeds them to ``nft -f -``.

Three base chains on the forward hook, so one knob never wipes another's rules:
``scenario`` (what a test installs), ``captive`` and ``knobs`` (DNS-drop). A packet must be
accepted by every base chain; ``return`` ends a chain without deciding.

Blocking rules match the egress (``oifname wan0``), not the ingress: while the delay relay
runs, a packet crosses the forward hook twice (lan0 -> tun, tun -> wan0), and matching the
second crossing means a reject comes back only after the emulated delay, as on a real path.
"""

from __future__ import annotations

from collections.abc import Iterable

from .addressing import LOCAL_DNS_V4, LOCAL_DNS_V6, PORTAL_V4, PORTAL_V6, Endpoint

LAN_IF, WAN_IF, TUN_IF = "lan0", "wan0", "ncl-tun"
TABLE = "inet lab"
SCENARIO, CAPTIVE, KNOBS, NAT = "scenario", "captive", "knobs", "prerouting"
REJECT = {
    "drop": "drop",
    "reset": "reject with tcp reset",
    "icmp-admin": "reject with icmpx type admin-prohibited",
}

BASE_RULESET = f"""
table {TABLE} {{
  chain {SCENARIO} {{ type filter hook forward priority 0; policy accept; }}
  chain {CAPTIVE} {{ type filter hook forward priority 10; policy accept; }}
  chain {KNOBS} {{ type filter hook forward priority 20; policy accept; }}
  chain {NAT} {{ type nat hook prerouting priority -100; policy accept; }}
}}
"""


def chain_script(chain: str, rules: str | Iterable[str]) -> str:
    """Atomically replace one chain's rules (blank lines and # comments ignored)."""
    lines = rules.splitlines() if isinstance(rules, str) else list(rules)
    body = [ln.strip() for ln in lines if ln.strip() and not ln.strip().startswith("#")]
    return "\n".join([f"flush chain {TABLE} {chain}"] + [f"add rule {TABLE} {chain} {r}" for r in body]) + "\n"


def _set(items: Iterable[object]) -> str:
    return "{ " + ", ".join(str(i) for i in items) + " }"


def block_ports(ports: Iterable[int], how: str = "drop") -> list[str]:
    if how not in REJECT:
        raise ValueError(f"how must be one of {sorted(REJECT)}, not {how!r}")
    return [f'oifname "{WAN_IF}" tcp dport {_set(ports)} {REJECT[how]}']


def drop_all_beyond_router() -> list[str]:
    return [f'oifname "{WAN_IF}" drop']


def block_endpoints(endpoints: Iterable[Endpoint], how: str = "drop") -> list[str]:
    eps = list(endpoints)
    return [
        f'oifname "{WAN_IF}" ip daddr {_set(e.v4 for e in eps)} {REJECT[how]}',
        f'oifname "{WAN_IF}" ip6 daddr {_set(e.v6 for e in eps)} {REJECT[how]}',
    ]


def blackhole_ipv6() -> list[str]:
    return [f'oifname "{WAN_IF}" meta nfproto ipv6 drop']


def drop_local_dns() -> list[str]:
    return [
        f'oifname "{WAN_IF}" ip daddr {LOCAL_DNS_V4} meta l4proto {{ tcp, udp }} th dport 53 drop',
        f'oifname "{WAN_IF}" ip6 daddr {LOCAL_DNS_V6} meta l4proto {{ tcp, udp }} th dport 53 drop',
    ]


def captive_filter() -> list[str]:
    """Let DNS and the (DNAT-ed) portal through; drop everything else the client sends out."""
    return [
        f'iifname "{LAN_IF}" meta l4proto {{ tcp, udp }} th dport 53 return',
        f'iifname "{LAN_IF}" ip daddr {PORTAL_V4} tcp dport 80 return',
        f'iifname "{LAN_IF}" ip6 daddr {PORTAL_V6} tcp dport 80 return',
        f'iifname "{LAN_IF}" drop',
    ]


def captive_nat() -> list[str]:
    return [
        f'iifname "{LAN_IF}" meta nfproto ipv4 tcp dport 80 dnat ip to {PORTAL_V4}',
        f'iifname "{LAN_IF}" meta nfproto ipv6 tcp dport 80 dnat ip6 to {PORTAL_V6}',
    ]
