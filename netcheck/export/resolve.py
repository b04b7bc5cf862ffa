"""The one I/O step of `hosts export --resolve`: look up each host name once, through the system resolver."""

from __future__ import annotations

import socket
from collections.abc import Callable

from netcheck.export.base import literal
from netcheck.model import HostList

Lookup = Callable[[str], list[str]]


def system_lookup(name: str) -> list[str]:
    try:
        infos = socket.getaddrinfo(name, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []  # an unresolvable name becomes a comment in the output, not a crash
    return [str(i[4][0]) for i in infos]


def resolve(hl: HostList, lookup: Lookup = system_lookup) -> dict[str, tuple[str, ...]]:
    return {h.name: tuple(dict.fromkeys(lookup(h.name))) for h in hl.hosts if not literal(h.name)}
