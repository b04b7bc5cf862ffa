"""Pure diagnosis: outcomes in, every decision a reporter shows out. No network, clock or environment here.

Rules run in the order below (see netcheck/rules/). A rule that explains the whole picture (no
network, captive portal, no internet) ends the diagnosis; narrower rules claim the checks they
explain, and whatever failed but is unexplained ends up in one catch-all finding, so no failure
is ever silent. The summary counts, allow-list, symptoms, region table and guide hint are derived
here once, so reporters only format (goss re-counts in every output; don't).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from netcheck import allowlist, symptoms, triage
from netcheck.api import rules as api_rules
from netcheck.facts import Facts
from netcheck.model import Finding, Kind, Outcome, Reason, Severity, Status
from netcheck.regions import region_table
from netcheck.report_model import Diagnosis, HomeServer, Summary
from netcheck.rules import (
    Rule,
    State,
    catchall,
    dns,
    install,
    intercept,
    link,
    local,
    network,
    proxy_auth,
    tcp,
    tls_path,
    web,
)
from netcheck.schedule import rules as schedule
from netcheck.schedule.model import Clock

_NOT_NETWORK = frozenset({Kind.LOCAL, Kind.MACHINE})  # checks of this computer, not of the network

_MOVED: tuple[Rule, ...] = (web.proxy_only, tcp.hosts_unreachable)  # run out of their module's order


def _rest(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    return tuple(r for r in rules if r not in _MOVED)


RULES: tuple[Rule, ...] = (
    *proxy_auth.RULES,  # before the portal rule: a proxy's 407 is a login prompt, not a portal
    *tls_path.RULES,  # before partial-connectivity: a cut or stalled handshake explains failed HTTPS
    *network.RULES,
    *schedule.RULES,  # before dns/tcp: failures inside IBKR's reset window are the window's, not the network's
    web.proxy_only,  # before dns: on a proxy-only network the dead resolvers are its evidence
    *dns.RULES,
    *_rest(web.RULES),  # before tcp: a proxy explains failed direct connects
    *intercept.RULES,  # before tcp: a pass the network answered itself is not IBKR reachable
    *_rest(tcp.RULES),
    *link.RULES,
    tcp.hosts_unreachable,  # after link: on a lossy link a lone connect timeout is a lost packet
    *local.RULES,
    *api_rules.RULES,
    *install.RULES,
    *catchall.RULES,  # always last
)


def diagnose(
    outcomes: Sequence[Outcome],
    user_regions: tuple[str, ...] = (),
    home: HomeServer | None = None,
    interrupted: bool = False,
    rules: Sequence[Rule] = RULES,
    clock: Clock | None = None,
) -> Diagnosis:
    """Every decision of a run, once. `rules` narrows the diagnosis for a command that checks one
    area only (`netcheck api`)."""
    outs = tuple(outcomes)
    root_causes = findings(outs, user_regions, home, rules, clock)
    found = tuple(replace(f, symptoms=symptoms.for_finding(f, outs)) for f in root_causes)
    return Diagnosis(
        findings=found,
        status=overall(found, outs),
        summary=summary(found, outs),
        by_kind=_by_kind(outs),
        allow_list=allowlist.allow_list(found, outs),
        regions=region_table(outs, home.region if home else ""),
        home=home,
        guide_hint=guide_hint(outs, interrupted),
        tally=triage.tally(found, outs),
        unexplained=triage.unexplained(found, outs),
        folded=triage.folded(found, outs),
    )


def findings(
    outcomes: tuple[Outcome, ...],
    user_regions: tuple[str, ...],
    home: HomeServer | None,
    rules: Sequence[Rule] = RULES,
    clock: Clock | None = None,
) -> list[Finding]:
    """The root causes, headline first, by running the rules in order."""
    state = State(Facts(outcomes), user_regions, home, clock)
    for rule in rules:
        rule(state)
        if state.final:
            break
    return sorted(state.findings, key=lambda f: (-f.severity.rank, f.id not in local.HEADLINE))


def overall(findings: Sequence[Finding], outcomes: Sequence[Outcome]) -> Status:
    """The one place the run's status is computed; the exit code follows from it."""
    worst = max((f.severity.rank for f in findings), default=-1)
    if worst >= Severity.FAIL.rank:
        return Status.FAIL
    if worst >= Severity.WARN.rank or any(o.status is Status.WARN for o in _unexcused(findings, outcomes)):
        return Status.WARN
    return Status.PASS


def _unexcused(findings: Sequence[Finding], outcomes: Sequence[Outcome]) -> list[Outcome]:
    """Outcomes not explained by an information-only finding: an optional name that exists nowhere
    warns in its own check, but the diagnosis says it is harmless, so the run does not warn for it."""
    info = {c for f in findings if f.severity is Severity.INFO for c in f.checks}
    louder = {c for f in findings if f.severity is not Severity.INFO for c in f.checks}
    return [o for o in outcomes if o.check.id not in info - louder]


def summary(findings: Sequence[Finding], outcomes: Sequence[Outcome]) -> Summary:
    n = Counter(o.status for o in outcomes)
    return Summary(len(outcomes), n[Status.PASS], n[Status.FAIL], n[Status.WARN], n[Status.SKIP], len(findings))


def _by_kind(outcomes: tuple[Outcome, ...]) -> dict[str, Summary]:
    groups: dict[str, list[Outcome]] = {}
    for o in outcomes:
        groups.setdefault(o.check.kind.value, []).append(o)
    return {kind: summary((), outs) for kind, outs in groups.items()}


def guide_hint(outcomes: Sequence[Outcome], interrupted: bool) -> bool:
    """End with the pointer to `netcheck guide`: every network check passed, so the network is not it."""
    net = [o for o in outcomes if o.check.kind not in _NOT_NETWORK]
    return bool(net) and not interrupted and all(_passed(o) for o in net)


def _passed(o: Outcome) -> bool:
    return o.status is Status.PASS or (o.status is Status.SKIP and o.reason is Reason.NOT_APPLICABLE)
