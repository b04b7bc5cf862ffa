"""Lab knobs for healthy-but-messy networks (issue 14 part A): geo-DNS / CDN answers, names that exist
nowhere, and a proxy-only network without DNS. Built on Lab's public knobs plus its DNS starter, so
lab.py, dnsd.py and servers.py stay as they are.

Each knob is a context manager: it restores what Lab.reset() does not (the "public" resolver's data,
the extra CDN addresses) when the test ends.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator

from . import dnsd, firewall
from .addressing import INET_NS, PUBLIC_DNS_V4, PUBLIC_DNS_V6, Endpoint, octet_to_v6
from .lab import Lab
from .proc import run

# Last octets of the CDN's "other edge": high in 203.0.113.0/24, away from the plan's low octets.
_CDN_FIRST_OCTET = 230


def _restart_public(lab: Lab, text: str) -> None:
    lab._start_dns("dns-public", PUBLIC_DNS_V4, PUBLIC_DNS_V6, text)  # noqa: SLF001  (the lab's own starter)


def cdn_edges(lab: Lab, names: Iterable[str]) -> dict[str, Endpoint]:
    """A second address pair per name, served by the same servers (they listen on the wildcard)."""
    used = {e.v4 for e in lab.plan.values()}
    edges = {}
    for i, name in enumerate(sorted(n.lower() for n in names)):
        octet = _CDN_FIRST_OCTET + i
        edges[name] = Endpoint(f"203.0.113.{octet}", octet_to_v6(octet))
        assert edges[name].v4 not in used, f"CDN edge {edges[name].v4} collides with the lab's plan"
    return edges


def _addresses(edges: dict[str, Endpoint], verb: str) -> str:
    lines = [f"addr {verb} {ep.v4}/32 dev eth0" for ep in edges.values()]
    lines += [f"addr {verb} {ep.v6}/128 dev eth0" + (" nodad" if verb == "add" else "") for ep in edges.values()]
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def cdn_answers(lab: Lab, names: Iterable[str]) -> Iterator[dict[str, Endpoint]]:
    """The independent resolver answers `names` with another edge than the client's resolver does;
    both edges serve a valid certificate for the names (and listen on 4000/4001), as a CDN would."""
    edges = cdn_edges(lab, names)
    run(["ip", "-batch", "-"], INET_NS, input=_addresses(edges, "add"))
    _restart_public(lab, dnsd.hosts_text({**lab.plan, **edges}))
    try:
        yield edges
    finally:
        _restart_public(lab, dnsd.hosts_text(lab.plan))
        run(["ip", "-batch", "-"], INET_NS, input=_addresses(edges, "del"))


@contextlib.contextmanager
def names_nowhere(lab: Lab, names: Iterable[str]) -> Iterator[None]:
    """Both resolvers call `names` NXDOMAIN: retired or misspelled names in the host list."""
    gone = tuple(n.lower() for n in names)
    lab.dns("nxdomain", gone)  # Lab.reset() restores the client's resolver
    _restart_public(lab, dnsd.hosts_text(lab.plan, "nxdomain", gone))
    try:
        yield
    finally:
        _restart_public(lab, dnsd.hosts_text(lab.plan))


def no_dns_proxy_only(lab: Lab) -> None:
    """Nothing from the client is forwarded beyond the router, DNS included; only the proxy on the
    router itself (input, not forward) reaches the internet. Lab.reset() undoes it."""
    lab.nft([f'iifname "{firewall.LAN_IF}" drop'])
