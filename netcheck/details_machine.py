"""Typed, frozen view of a machine check's `Outcome.detail` (this computer: TWS, memory, sessions, ports, disk).

One class for the kind: each machine check fills the fields it measures and leaves the rest at
their defaults, so a rule reads `machine(o).free_mb` instead of a string key mypy cannot check.
"""

from __future__ import annotations

from dataclasses import dataclass

from netcheck.details import view
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
    return view(MachineDetail, o.detail)
