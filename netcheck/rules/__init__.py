"""Diagnosis rules, one module per area. Each rule is a pure function of the run's State.

A rule reads `state.facts`, adds findings with `state.add(...)` (which marks the checks they
explain), and may set `state.final` when its finding explains the whole picture.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from netcheck.facts import Facts, evidence_line, failed
from netcheck.model import Finding, Outcome, Severity
from netcheck.report_model import HomeServer
from netcheck.schedule.model import Clock

MAX_EVIDENCE = 12


@dataclass
class State:
    facts: Facts
    user_regions: tuple[str, ...] = ()
    home: HomeServer | None = None  # the account's own server, from jts.ini
    clock: Clock | None = None  # the run's time and IBKR's schedule (the rules never read a clock themselves)
    findings: list[Finding] = field(default_factory=list)
    explained: set[str] = field(default_factory=set)
    final: bool = False

    def add(self, fid: str, severity: Severity, outs: list[Outcome], **params: object) -> None:
        outs = list({o.check.id: o for o in outs}.values())  # one line per check, first seen first
        ids = tuple(o.check.id for o in outs)
        self.explained.update(ids)
        lines = [evidence_line(o) for o in outs[:MAX_EVIDENCE]]
        if len(outs) > MAX_EVIDENCE:
            lines.append(f"... and {len(outs) - MAX_EVIDENCE} more")
        self.findings.append(Finding(fid, severity, ids, tuple(lines), params))

    def unexplained(self, outs: list[Outcome]) -> list[Outcome]:
        return [o for o in outs if failed(o) and o.check.id not in self.explained]

    def all_failed(self) -> list[Outcome]:
        return [o for o in self.facts.outcomes if failed(o)]


Rule = Callable[[State], None]
