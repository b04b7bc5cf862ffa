"""Pure address plan of the lab: which name lives at which documentation address."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_HOST_LIST = REPO_ROOT / "hosts" / "tws.toml"

CLIENT_NS, ROUTER_NS, INET_NS = "ncl-client", "ncl-router", "ncl-inet"
NAMESPACES = (CLIENT_NS, ROUTER_NS, INET_NS)

CLIENT_V4, CLIENT_V6 = "198.51.100.2", "2001:db8:100::2"
ROUTER_LAN_V4, ROUTER_LAN_V6 = "198.51.100.1", "2001:db8:100::1"
ROUTER_WAN_V4, ROUTER_WAN_V6 = "203.0.113.1", "2001:db8:113::1"
INET_V4, INET_V6 = "203.0.113.254", "2001:db8:113::254"
LOCAL_DNS_V4, LOCAL_DNS_V6 = "203.0.113.53", "2001:db8:113::53"
PUBLIC_DNS_V4, PUBLIC_DNS_V6 = "203.0.113.153", "2001:db8:113::153"
PORTAL_V4, PORTAL_V6 = "203.0.113.80", "2001:db8:113::80"
HIJACK_V4, HIJACK_V6 = "203.0.113.250", "2001:db8:113::250"
PROXY_PORT = 8888

# Last octets the plan never hands to a host name (router, resolvers, portal, hijack target, inet).
_RESERVED = frozenset({1, 53, 66, 80, 153, 250, 254})
_FIRST_OCTET = 10


@dataclass(frozen=True)
class Endpoint:
    """The pair of addresses one name resolves to in the lab."""

    v4: str
    v6: str


@dataclass(frozen=True)
class HostList:
    """Names the lab must serve: [[host]] names and the [[reachability]] URL hosts."""

    path: Path
    host_names: tuple[str, ...]
    url_names: tuple[str, ...]

    @property
    def all_names(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.host_names) | set(self.url_names)))


def load_host_list(path: Path = DEFAULT_HOST_LIST) -> HostList:
    """Read the names out of a netcheck host-list TOML file."""
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    hosts = tuple(str(h["name"]).lower() for h in data.get("host", []))
    urls = tuple(str(urlsplit(r["url"]).hostname).lower() for r in data.get("reachability", []))
    return HostList(Path(path), hosts, tuple(dict.fromkeys(urls)))


def octet_to_v6(octet: int) -> str:
    """203.0.113.N lives beside 2001:db8:113::N (decimal digits read as hex, for legibility)."""
    return f"2001:db8:113::{octet}"


def plan_addresses(names: tuple[str, ...] | list[str]) -> dict[str, Endpoint]:
    """Give each name its own v4+v6 address in 203.0.113.0/24, in a stable sorted order."""
    free = (n for n in range(_FIRST_OCTET, 250) if n not in _RESERVED)
    plan: dict[str, Endpoint] = {}
    for name in sorted(set(names)):
        octet = next(free, None)
        if octet is None:
            raise ValueError(f"too many names for the lab's /24: {len(set(names))}")
        plan[name] = Endpoint(f"203.0.113.{octet}", octet_to_v6(octet))
    return plan
