"""Typed, frozen view of a machine check's `Outcome.detail` (this computer: TWS, memory, sessions, ports, disk).

One class for the kind: each machine check fills the fields it measures and leaves the rest at
their defaults, so a rule reads `machine(o).free_mb` instead of a string key mypy cannot check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from netcheck.details import integer, text, texts
from netcheck.model import Outcome


@dataclass(frozen=True)
class Installation:
    vmoptions: str = ""
    prefer_ipv4: bool = False  # -Djava.net.preferIPv4Stack=true is already there
    keep_marker_line: int | None = None  # where a line would go so TWS updates keep it


@dataclass(frozen=True)
class MemoryProblem:
    vmoptions: str = ""
    xmx_mb: int | None = None
    limit_mb: int | None = None


@dataclass(frozen=True)
class Session:
    installation: str = ""
    pids: tuple[str, ...] = ()


@dataclass(frozen=True)
class PortHolder:
    pid: int | None = None
    name: str = ""


@dataclass(frozen=True)
class MachineDetail:
    why: str = ""  # why the check did not apply
    searched: tuple[str, ...] = ()
    path: str = ""
    available_mb: int | None = None
    total_mb: int | None = None
    needed_mb: int | None = None
    free_mb: int | None = None
    vpn: bool = False
    interface: str = ""
    installations: tuple[Installation, ...] = ()
    problems: tuple[MemoryProblem, ...] = ()
    duplicates: tuple[Session, ...] = ()
    holders: tuple[PortHolder, ...] = ()
    # sessions: a running TWS / IB Gateway was started by IBC on Linux or macOS, whose start script
    # drops -D lines from vmoptions (the sessions probe sets it; see netcheck.tws.ibc)
    started_by_ibc: bool = False


def machine(o: Outcome) -> MachineDetail:
    d = o.detail
    return MachineDetail(
        why=text(d, "why"),
        searched=texts(d, "searched"),
        path=text(d, "path"),
        available_mb=integer(d, "available_mb"),
        total_mb=integer(d, "total_mb"),
        needed_mb=integer(d, "needed_mb"),
        free_mb=integer(d, "free_mb"),
        vpn=bool(d.get("vpn")),
        interface=text(d, "interface"),
        installations=tuple(_installation(i) for i in _items(d, "installations")),
        problems=tuple(
            MemoryProblem(text(p, "vmoptions"), integer(p, "xmx_mb"), integer(p, "limit_mb"))
            for p in _items(d, "problems")
        ),
        duplicates=tuple(Session(text(x, "installation"), texts(x, "pids")) for x in _items(d, "duplicates")),
        holders=tuple(PortHolder(integer(h, "pid"), text(h, "name")) for h in _items(d, "holders")),
        started_by_ibc=bool(d.get("started_by_ibc")),
    )


def _installation(i: Mapping[str, Any]) -> Installation:
    return Installation(text(i, "vmoptions"), bool(i.get("prefer_ipv4")), integer(i, "keep_marker_line"))


def _items(d: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    v = d.get(key)
    return [x for x in v if isinstance(x, Mapping)] if isinstance(v, list | tuple) else []
