"""Which checks the findings explain, and how the short checklist folds the rest (netcheck.triage via diagnose)."""

from __future__ import annotations

from netcheck.diagnose import diagnose
from netcheck.model import Check, Kind, Outcome, Reason, Status
from netcheck.model_checklist import CheckGroup, Tally
from tests.helpers import GATEWAYS, healthy

BLOCKED = {f"{h}:{p}": Reason.TIMEOUT for h in GATEWAYS for p in (4000, 4001)}


def _skip(host: str, port: int, why: str = "the name did not resolve") -> Outcome:
    check = Check(id=f"tcp:{host}:{port}", kind=Kind.TCP, target=f"{host}:{port}", host=host, port=port)
    return Outcome(check, Status.SKIP, Reason.DEPENDENCY, 0.0, {"why": why})


def test_a_failed_check_a_finding_claims_is_counted_with_that_finding() -> None:
    d = diagnose(healthy(**BLOCKED))
    assert d.tally == Tally(checks=25, passed=18, explained=6, unexplained=0, not_tested=1)
    assert d.unexplained == ()
    assert d.folded[0] == CheckGroup("explained", 6)
    assert d.folded[-1] == CheckGroup("passed", 18)


def test_skips_fold_per_kind_and_why_largest_group_first() -> None:
    outs = healthy() + [_skip("a.example", 4001), _skip("b.example", 4001), _skip("c.example", 4001, "x")]
    d = diagnose(outs)
    skipped = [g for g in d.folded if g.outcome == "skipped"]
    assert skipped[0] == CheckGroup("skipped", 2, "tcp", "dependency", "the name did not resolve")
    assert CheckGroup("skipped", 1, "tcp", "dependency", "x") in skipped
    assert d.tally.not_tested == 4  # the three above and local:route:ipv6 (not applicable)


def test_a_healthy_run_has_nothing_to_explain() -> None:
    d = diagnose(healthy())
    assert d.tally.explained == d.tally.unexplained == 0
    assert [g.outcome for g in d.folded] == ["skipped", "passed"]
