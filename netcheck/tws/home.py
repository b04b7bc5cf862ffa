"""The account's own server from jts.ini (Peer=): named, mapped to its region, tested first."""

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
    return resolve(settings.ini.peer_host, settings.ini.peer_port, settings.path, hl)


def resolve(host: str, port: int, source: str, hl: HostList) -> HomeServer:
    """Pure: map the peer host to its region through the host list (case-insensitive)."""
    entry = next((h for h in hl.hosts if h.name.lower() == host.lower()), None)
    return HomeServer(host.lower(), port or 4001, entry.region if entry else "", source)


def put_first(hl: HostList, home: HomeServer | None) -> HostList:
    """Pure: the home server leads the run; added (required, both gateway ports) if the list lacks it."""
    if home is None:
        return hl
    mine = [h for h in hl.hosts if h.name.lower() == home.host]
    if not mine:
        ports = tuple(sorted({*GATEWAY_PORTS, home.port}))
        mine = [HostEntry(home.host, ports, "your account's server", home.region, True, home.source)]
    else:
        mine = [replace(h, required=True) for h in mine]  # its backups stay optional; it does not
    rest = [h for h in hl.hosts if h.name.lower() != home.host]
    return replace(hl, hosts=(*mine, *rest))


def local_only(hl: HostList) -> HostList:
    """--local-only: keep the list's identity for the report, test nothing on the network."""
    return HostList(hosts=(), reachability=(), public_dns=(), sources=hl.sources)


def regions_with_home(user_regions: tuple[str, ...], home: HomeServer | None) -> tuple[str, ...]:
    if home is None or not home.region or home.region in user_regions:
        return user_regions
    return (*user_regions, home.region)
