"""The last rule: whatever failed and no other rule explained still gets a finding."""

from __future__ import annotations

from netcheck.model import Severity, Status
from netcheck.rules import State


def leftovers(s: State) -> None:
    bad = s.unexplained(s.all_failed())
    if bad:
        severity = Severity.FAIL if any(o.status is Status.FAIL for o in bad) else Severity.WARN
        s.add("check-failed", severity, bad)


RULES = (leftovers,)
