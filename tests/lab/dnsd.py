"""Pure dnsmasq configuration for the lab resolvers (hosts file text and argv)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .addressing import HIJACK_V4, HIJACK_V6, Endpoint

MODES = ("normal", "down", "down-drop", "nxdomain", "hijack")


def hosts_text(
    plan: dict[str, Endpoint],
    mode: str = "normal",
    names: Iterable[str] = (),
    hijack: Endpoint = Endpoint(HIJACK_V4, HIJACK_V6),
) -> str:
    """addn-hosts content: ``names`` vanish (nxdomain) or point elsewhere (hijack)."""
    if mode not in MODES:
        raise ValueError(f"dns mode must be one of {MODES}, not {mode!r}")
    touched = set(names) if mode in ("nxdomain", "hijack") else set()
    lines = []
    for name, ep in sorted(plan.items()):
        if name in touched and mode == "nxdomain":
            continue
        ep = hijack if name in touched else ep
        lines += [f"{ep.v4} {name}", f"{ep.v6} {name}"]
    return "\n".join(lines) + "\n"


def dnsmasq_argv(listen: Iterable[str], hosts_file: Path) -> list[str]:
    """An authoritative-only dnsmasq: answers from the hosts file, NXDOMAIN for the rest."""
    argv = [
        "dnsmasq",
        "--keep-in-foreground",
        "--conf-file=/dev/null",
        "--no-resolv",
        "--no-hosts",
        "--bind-interfaces",
        "--pid-file=",
        "--local=/#/",
        "--local-ttl=1",
        "--log-facility=-",
        "--log-queries",
        "--user=root",
        f"--addn-hosts={hosts_file}",
    ]
    return argv + [f"--listen-address={a}" for a in listen]
