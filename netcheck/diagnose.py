"""Pure diagnosis: outcomes in, root-cause findings out. No network, clock or environment here.

Rules run in the order below (see netcheck/rules/). A rule that explains the whole picture (no
network, captive portal, no internet) ends the diagnosis; narrower rules claim the checks they
explain, and whatever failed but is unexplained ends up in one catch-all finding, so no failure
is ever silent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from netcheck.facts import Facts
from netcheck.model import Finding, Outcome, Severity, Status
from netcheck.rules import Rule, State, catchall, dns, link, local, network, tcp, web
from netcheck.schedule import rules as schedule

RULES: tuple[Rule, ...] = (
    *network.RULES,
    *schedule.RULES,  # before dns/tcp: failures inside IBKR's reset window are the window's, not the network's
    *dns.RULES,
    *web.RULES,  # before tcp: a proxy-only network explains the failed direct connects
    *tcp.RULES,
    *link.RULES,
    *local.RULES,
    *catchall.RULES,  # always last
)


def diagnose(
    outcomes: list[Outcome] | tuple[Outcome, ...],
    user_regions: tuple[str, ...] = (),
    context: Mapping[str, Any] | None = None,
) -> list[Finding]:
    state = State(Facts(tuple(outcomes)), user_regions, dict(context or {}))
    for rule in RULES:
        rule(state)
        if state.final:
            break
    return sorted(state.findings, key=lambda f: (-f.severity.rank, f.id not in local.HEADLINE))


def overall(findings: list[Finding], outcomes: list[Outcome] | tuple[Outcome, ...]) -> Status:
    """The one place the run's status is computed; the exit code follows from it."""
    worst = max((f.severity.rank for f in findings), default=-1)
    if worst >= Severity.FAIL.rank:
        return Status.FAIL
    if worst >= Severity.WARN.rank or any(o.status is Status.WARN for o in outcomes):
        return Status.WARN
    return Status.PASS
