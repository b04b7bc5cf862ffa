"""The server TWS last used, from jts.ini (Peer=): named, mapped to its region, tested first.

Peer= is written after a successful login, and templates pre-write a default (often the retired
gdc1), while IBKR routes every login to the account's assigned server. So it is a strong hint, not a
requirement: it keeps the host list's `required`, and a server the list does not know is optional."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from netcheck.model import HostEntry, HostList
from netcheck.platform import current
from netcheck.platform.machine import tws_dirs
from netcheck.report_model import HomeServer
from netcheck.tws import discover

GATEWAY_PORTS = (4000, 4001)


def default_dirs() -> tuple[str, ...]:
    return tws_dirs(current().name, os.environ, str(Path.home()))


def find(dirs: tuple[str, ...], hl: HostList) -> HomeServer | None:
    settings = discover.settings(dirs)
    if settings is None or not settings.ini.peer_host:
        return None
    ini = settings.ini
    home = resolve(ini.peer_host, ini.peer_port, settings.path, hl)
    order = ini.order_host if ini.order_host != ini.peer_host else ""
    return replace(home, order_host=order, use_ssl=ini.use_ssl)


def resolve(host: str, port: int, source: str, hl: HostList) -> HomeServer:
    """Pure: map the peer host to its region through the host list (case-insensitive)."""
    entry = next((h for h in hl.hosts if h.name.lower() == host.lower()), None)
    return HomeServer(host.lower(), port or 4001, entry.region if entry else "", source)


def put_first(hl: HostList, home: HomeServer | None) -> HostList:
    """Pure: the last-used server, then the order-routing server, lead the run; one the list lacks is
    added (optional, both gateway ports), since a template's default must not fail the run."""
    if home is None:
        return hl
    names = [n for n in (home.host, home.order_host.lower()) if n]
    mine = [_entry(hl, n, home) for n in names]
    rest = [h for h in hl.hosts if h.name.lower() not in names]
    return replace(hl, hosts=(*mine, *rest))


def _entry(hl: HostList, name: str, home: HomeServer) -> HostEntry:
    known = next((h for h in hl.hosts if h.name.lower() == name), None)
    if known:
        return known
    purpose = "the server TWS last used" if name == home.host else "the order-routing server TWS last used"
    ports = tuple(sorted({*GATEWAY_PORTS, home.port}))
    return HostEntry(name, ports, purpose, home.region if name == home.host else "", False, home.source)


def local_only(hl: HostList) -> HostList:
    """--local-only: keep the list's identity for the report, test nothing on the network."""
    return HostList(hosts=(), reachability=(), public_dns=(), sources=hl.sources)


def regions_with_home(user_regions: tuple[str, ...], home: HomeServer | None) -> tuple[str, ...]:
    if home is None or not home.region or home.region in user_regions:
        return user_regions
    return (*user_regions, home.region)
