"""History at a glance: per host:port (not per address) up/down per run, and the outages as time ranges.

A host:port is up in a run when any of its addresses connected (TWS needs one), down when none did or its
name did not resolve, and unknown when it was not tested (deadline, no IPv6 here). The reading is one
query; the rest is pure, so tests feed constructed samples.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from netcheck.history.store import Store, iso

UP, DOWN, UNKNOWN = "up", "down", "unknown"


@dataclass(frozen=True)
class Sample:
    """One run's verdict for one host:port."""

    run_id: int
    at: datetime
    state: str


@dataclass(frozen=True)
class HostTimeline:
    target: str  # host:port
    samples: tuple[Sample, ...]

    @property
    def counted(self) -> int:
        return sum(1 for s in self.samples if s.state != UNKNOWN)

    @property
    def ratio(self) -> float | None:
        up = sum(1 for s in self.samples if s.state == UP)
        return up / self.counted if self.counted else None


@dataclass(frozen=True)
class Outage:
    """Down from `start` (the first run that failed) until `end` (the next run that connected); None: still down."""

    targets: tuple[str, ...]
    start: datetime
    end: datetime | None
    last_down: datetime
    causes: tuple[str, ...]  # the fail/warn findings of the runs in the outage, most frequent first

    @property
    def minutes(self) -> int:
        return round(((self.end or self.last_down) - self.start).total_seconds() / 60)

    def as_dict(self) -> dict[str, object]:
        end = iso(self.end) if self.end else None
        return {"targets": list(self.targets), "start": iso(self.start), "end": end, "last_down": iso(self.last_down),
                "minutes": self.minutes, "ongoing": self.end is None, "causes": list(self.causes)}  # fmt: skip


def read(store: Store, since: datetime) -> tuple[list[HostTimeline], dict[int, tuple[str, ...]]]:
    """(one timeline per host:port seen in the window, the problem findings of each run)."""
    rows = store.query(
        """SELECT r.id, r.started_at, c.check_id, c.status, c.reason FROM checks c JOIN runs r ON r.id = c.run_id
           WHERE r.started_at >= ? AND c.kind = 'tcp' ORDER BY r.id""",
        (iso(since),),
    )
    runs = store.query("SELECT id, report FROM runs WHERE started_at >= ? ORDER BY id", (iso(since),))
    causes = {int(r["id"]): _problems(json.loads(r["report"])) for r in runs}
    return timelines((int(r[0]), _parse(r[1]), r[2], r[3], r[4]) for r in rows), causes


def timelines(rows: Iterable[tuple[int, datetime, str, str, str]]) -> list[HostTimeline]:
    """(run id, start, check id, status, reason) rows, in run order -> one timeline per host:port."""
    states: dict[str, dict[tuple[int, datetime], list[str]]] = {}
    for run_id, at, check_id, status, reason in rows:
        per_run = states.setdefault(target_of(check_id), {}).setdefault((run_id, at), [])
        per_run.append(_state(status, reason))
    return [
        HostTimeline(t, tuple(Sample(i, at, _merge(s)) for (i, at), s in runs.items())) for t, runs in states.items()
    ]


def outages(lines: Sequence[HostTimeline], causes: dict[int, tuple[str, ...]]) -> list[Outage]:
    """Every down stretch of every host:port; stretches with the same times become one outage of many targets."""
    found: dict[tuple[datetime, datetime | None], list[tuple[str, Outage]]] = {}
    for line in lines:
        for o in _stretches(line, causes):
            found.setdefault((o.start, o.end), []).append((line.target, o))
    merged = [_merge_outages(group) for group in found.values()]
    return sorted(merged, key=lambda o: (o.start, -len(o.targets)))


def target_of(check_id: str) -> str:
    """'tcp:ndc1.ibllc.com:4001@198.51.100.10' (or the unresolved placeholder 'tcp:ndc1.ibllc.com:4001')."""
    return check_id.removeprefix("tcp:").split("@", 1)[0]


def _stretches(line: HostTimeline, causes: dict[int, tuple[str, ...]]) -> list[Outage]:
    out: list[Outage] = []
    down: list[Sample] = []
    for s in line.samples:
        if s.state == DOWN:
            down.append(s)
        elif s.state == UP and down:
            out.append(_outage(line.target, down, s.at, causes))
            down = []
    return out + ([_outage(line.target, down, None, causes)] if down else [])


def _outage(target: str, down: list[Sample], end: datetime | None, causes: dict[int, tuple[str, ...]]) -> Outage:
    seen = Counter(c for s in down for c in causes.get(s.run_id, ()))
    return Outage((target,), down[0].at, end, down[-1].at, tuple(c for c, _ in seen.most_common()))


def _merge_outages(group: list[tuple[str, Outage]]) -> Outage:
    first = group[0][1]
    return Outage(tuple(t for t, _ in group), first.start, first.end, first.last_down, first.causes)


def _state(status: str, reason: str) -> str:
    if status == "pass":
        return UP
    if status in ("fail", "warn") or reason == "dependency":  # an unresolvable name is down for TWS too
        return DOWN
    return UNKNOWN


def _merge(states: list[str]) -> str:
    """Any address that connects is enough for TWS."""
    return UP if UP in states else DOWN if DOWN in states else UNKNOWN


def _problems(report: dict[str, object]) -> tuple[str, ...]:
    findings = report.get("findings")
    if not isinstance(findings, list):  # a report from an older or foreign writer: no findings to name
        return ()
    return tuple(str(f.get("id", "")) for f in findings if f.get("severity") in ("fail", "warn"))


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
