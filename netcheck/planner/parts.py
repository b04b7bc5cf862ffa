"""The planner's bookkeeping: groups of checks awaited together, one host's look-ups, skip outcomes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from netcheck.model import Check, HostEntry, Outcome, Reason, Status

Next = tuple[list[Check], list[Outcome]]


@dataclass
class Gate:
    """Checks whose outcomes are needed together; `then` gets them in planned order once all are in."""

    checks: list[Check]
    then: Callable[[list[Outcome]], Next]
    partial: Callable[[list[Outcome]], Next] | None = None  # may act on some outcomes before all are in
    outs: dict[str, Outcome] = field(default_factory=dict)

    def take(self, out: Outcome) -> Next:
        self.outs[out.check.id] = out
        if len(self.outs) == len(self.checks):
            return self.then([self.outs[c.id] for c in self.checks])
        return self.partial(list(self.outs.values())) if self.partial else ([], [])


@dataclass
class Lookup:
    """One host name's look-ups: whether the system one is overdue, and the addresses connected so far."""

    host: HostEntry
    overdue: bool = False
    tested: set[str] = field(default_factory=set)


# A system look-up still unanswered after this has lost a packet (glibc asks again only after 5 s):
# its host's connects start with the configured resolver's answer meanwhile.
SLOW_LOOKUP_S = 1.0


def skip(check: Check, reason: Reason, why: str) -> Outcome:
    return Outcome(check, Status.SKIP, reason, 0.0, {"why": why})
