"""What every exporter receives: the host list and, only with --resolve, the addresses found at export time."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from netcheck.model import HostEntry, HostList


@dataclass(frozen=True)
class ExportOptions:
    # host name -> addresses; None means "do not resolve" (names stay names or become empty sets)
    addresses: Mapping[str, tuple[str, ...]] | None = None
    ipv6: bool = False  # iptables only: emit ip6tables-restore rules
    sources: tuple[str, ...] = field(default_factory=tuple)


Exporter = Callable[[HostList, ExportOptions], str]


def literal(host: str) -> int:
    """4 or 6 when the host entry is an IP address itself, else 0."""
    try:
        return ipaddress.ip_address(host).version
    except ValueError:
        return 0


def addresses_of(h: HostEntry, opts: ExportOptions, family: int) -> tuple[str, ...]:
    """Addresses usable in a rule: the literal itself, or what --resolve found; never a lookup here."""
    if literal(h.name):
        return (h.name,) if literal(h.name) == family else ()
    found = (opts.addresses or {}).get(h.name, ())
    return tuple(a for a in dict.fromkeys(found) if literal(a) == family)


def port_groups(hl: HostList) -> dict[tuple[int, ...], list[HostEntry]]:
    """Hosts that need the same ports share one set and one rule."""
    groups: dict[tuple[int, ...], list[HostEntry]] = {}
    for h in hl.hosts:
        groups.setdefault(tuple(sorted(h.ports)), []).append(h)
    return groups


def clean(text: str, limit: int = 100) -> str:
    """Text from a host list made safe for a comment in any rule language: one line, no quotes."""
    text = re.sub(r"[^\w .,:;()/+@#=-]", " ", text)
    return re.sub(r"\s+", " ", text).strip()[:limit]


def header(fmt: str, hl: HostList, *lines: str, mark: str = "#") -> list[str]:
    out = [f"{mark} netcheck hosts export --format {fmt}", f"{mark} host lists: {', '.join(hl.sources) or '-'}"]
    return out + [f"{mark} {ln}" if ln else mark for ln in lines]
