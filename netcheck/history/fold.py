"""Folds for the glance: runs into stretches of one result, and a host's ports with one timeline into one row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from netcheck.history.glance import HostTimeline
from netcheck.history.queries import RunRow


@dataclass(frozen=True)
class Stretch:
    """Consecutive runs with the same status and findings."""

    first: str  # started_at of the first run (ISO UTC)
    last: str
    status: str
    findings: tuple[str, ...]
    runs: int


def stretches(runs: Sequence[RunRow]) -> list[Stretch]:
    """`runs` oldest first -> stretches, oldest first."""
    out: list[Stretch] = []
    for r in runs:
        prev = out[-1] if out else None
        if prev and (prev.status, prev.findings) == (r.status, r.findings):
            out[-1] = Stretch(prev.first, r.started_at, prev.status, prev.findings, prev.runs + 1)
        else:
            out.append(Stretch(r.started_at, r.started_at, r.status, r.findings, 1))
    return out


def ports(lines: Sequence[HostTimeline]) -> list[HostTimeline]:
    """'ndc1.ibllc.com:4000' and ':4001' with the same up/down history become 'ndc1.ibllc.com:4000+4001'."""
    groups: dict[tuple[str, tuple[tuple[int, str], ...]], list[HostTimeline]] = {}
    for line in lines:
        host = line.target.rpartition(":")[0]
        groups.setdefault((host, tuple((s.run_id, s.state) for s in line.samples)), []).append(line)
    return [_joined(host, same) for (host, _), same in groups.items()]


def _joined(host: str, same: list[HostTimeline]) -> HostTimeline:
    if len(same) == 1:
        return same[0]
    port_list = "+".join(t.target.rpartition(":")[2] for t in same)
    return HostTimeline(f"{host}:{port_list}", same[0].samples)
