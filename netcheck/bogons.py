"""Bogons: addresses no public name should resolve to (RFC 6890 special-purpose ranges).

An answer in one of these for an IBKR host means the local DNS lies (a hijack, a filter's block page, a
captive portal) or a split-horizon name leaked. The table is explicit rather than Python's
`ipaddress.is_private`, whose meaning shifted between releases and which calls the documentation ranges
private. The documentation ranges (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32) are NOT
bogons here: the test lab's "internet" is built from them. 6to4 (2002::/16) and Teredo (2001::/32)
answers carry an IPv4 address, which is judged by the same table.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

IPV4_BOGONS: tuple[tuple[str, str], ...] = (
    ("0.0.0.0/8", "this network (RFC 791)"),
    ("10.0.0.0/8", "private (RFC 1918)"),
    ("100.64.0.0/10", "carrier-grade NAT (RFC 6598)"),
    ("127.0.0.0/8", "loopback (RFC 1122)"),
    ("169.254.0.0/16", "link-local (RFC 3927)"),
    ("172.16.0.0/12", "private (RFC 1918)"),
    ("192.0.0.0/24", "IETF protocol assignments (RFC 6890)"),
    ("192.168.0.0/16", "private (RFC 1918)"),
    ("198.18.0.0/15", "benchmarking (RFC 2544)"),
    ("224.0.0.0/4", "multicast (RFC 5771)"),
    ("240.0.0.0/4", "reserved (RFC 1112), incl. broadcast"),
)
IPV6_BOGONS: tuple[tuple[str, str], ...] = (
    ("::/128", "unspecified (RFC 4291)"),
    ("::1/128", "loopback (RFC 4291)"),
    ("::ffff:0:0/96", "IPv4-mapped (RFC 4291): judged by its IPv4 address"),
    ("64:ff9b:1::/48", "local-use IPv4/IPv6 translation (RFC 8215)"),
    ("100::/64", "discard-only (RFC 6666)"),
    ("fc00::/7", "unique local (RFC 4193)"),
    ("fe80::/10", "link-local (RFC 4291)"),
    ("fec0::/10", "site-local, deprecated (RFC 3879)"),
    ("ff00::/8", "multicast (RFC 4291)"),
)
_V4 = tuple((ipaddress.IPv4Network(n), why) for n, why in IPV4_BOGONS)
_V6 = tuple((ipaddress.IPv6Network(n), why) for n, why in IPV6_BOGONS)
_6TO4 = ipaddress.IPv6Network("2002::/16")
_TEREDO = ipaddress.IPv6Network("2001::/32")
_MAPPED = ipaddress.IPv6Network("::ffff:0:0/96")


@lru_cache(maxsize=4096)
def bogon_reason(address: str) -> str:
    """Why `address` is a bogon ("" when it is an ordinary public address; "not an IP address" for
    anything that does not parse, which no resolver should return either)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # a zone id (fe80::1%eth0) is not part of it
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv4Address):
        return _v4_reason(ip)
    return _v6_reason(ip)


def is_bogon(address: str) -> bool:
    return bool(bogon_reason(address))


def _v4_reason(ip: ipaddress.IPv4Address) -> str:
    return next((why for net, why in _V4 if ip in net), "")


def _v6_reason(ip: ipaddress.IPv6Address) -> str:
    for inner in _embedded_v4(ip):
        why = _v4_reason(inner)
        if why:
            return f"{why}, carried inside an IPv6 answer"
    if ip in _MAPPED:
        return ""  # a public IPv4 written as IPv6 is as good as the IPv4 itself
    return next((why for net, why in _V6 if ip in net), "")


def _embedded_v4(ip: ipaddress.IPv6Address) -> tuple[ipaddress.IPv4Address, ...]:
    """The IPv4 addresses an IPv4-mapped, 6to4 or Teredo (server and client) address carries."""
    if ip in _MAPPED and ip.ipv4_mapped:
        return (ip.ipv4_mapped,)
    if ip in _6TO4 and ip.sixtofour:
        return (ip.sixtofour,)
    if ip in _TEREDO and ip.teredo:
        return ip.teredo
    return ()
