"""Pure: which checks the findings explain, and how the short checklist folds the rest (part of diagnose)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from netcheck.model import Finding, Outcome, Status
from netcheck.model_checklist import CheckGroup, Tally

_THIS_COMPUTER = frozenset({"local", "machine"})
_KIND_ORDER = ("local", "machine", "http", "dns", "dns-cross", "tcp", "tls", "proxy", "api")


def explained_ids(findings: Sequence[Finding]) -> frozenset[str]:
    """Every check a finding claims: its failure is that finding's evidence, not a problem of its own."""
    return frozenset(cid for f in findings for cid in f.checks)


def unexplained(findings: Sequence[Finding], outcomes: Sequence[Outcome]) -> tuple[str, ...]:
    claimed = explained_ids(findings)
    return tuple(o.check.id for o in outcomes if _bad(o) and o.check.id not in claimed)


def tally(findings: Sequence[Finding], outcomes: Sequence[Outcome]) -> Tally:
    claimed = explained_ids(findings)
    bad = [o for o in outcomes if _bad(o)]
    explained = sum(1 for o in bad if o.check.id in claimed)
    skipped = sum(1 for o in outcomes if o.status is Status.SKIP)
    passed = sum(1 for o in outcomes if o.status is Status.PASS)
    return Tally(len(outcomes), passed, explained, len(bad) - explained, skipped)


def folded(findings: Sequence[Finding], outcomes: Sequence[Outcome]) -> tuple[CheckGroup, ...]:
    """Explained problems, then skips per (kind, reason, why), then passes: each one line."""
    n = tally(findings, outcomes)
    skips = Counter(_skip_key(o) for o in outcomes if o.status is Status.SKIP)
    groups = [CheckGroup("explained", n.explained)] if n.explained else []
    groups += [CheckGroup("skipped", c, k, r, w) for (k, r, w), c in sorted(skips.items(), key=_skip_order)]
    return tuple(groups + ([CheckGroup("passed", n.passed)] if n.passed else []))


def _skip_key(o: Outcome) -> tuple[str, str, str]:
    """(kind, reason, why): checks of this computer form one group, each has its own why (--verbose)."""
    if o.check.kind.value in _THIS_COMPUTER:
        return ("local", o.reason.value, "")
    return (o.check.kind.value, o.reason.value, str(o.detail.get("why", "")))


def _skip_order(item: tuple[tuple[str, str, str], int]) -> tuple[int, int]:
    (kind, _, _), count = item
    return (-count, _KIND_ORDER.index(kind) if kind in _KIND_ORDER else 99)


def _bad(o: Outcome) -> bool:
    return o.status in (Status.FAIL, Status.WARN)
