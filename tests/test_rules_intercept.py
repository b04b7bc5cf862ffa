"""ports-intercepted: canary connects and held gateway connects, constructed outcomes at and around each condition."""

from __future__ import annotations

from dataclasses import replace

import pytest

from netcheck.diagnose import diagnose
from netcheck.model import Check, Kind, Outcome, Reason, Severity, Status
from tests.helpers import healthy


def canary(accepted: bool, address: str = "203.0.113.153") -> Outcome:
    check = Check(id=f"canary:4001@{address}", kind=Kind.CANARY, target=address, port=4001, address=address)
    status = Status.WARN if accepted else Status.PASS
    detail = {"accepted": accepted} if accepted else {"accepted": False, "answer": "timeout"}
    return Outcome(replace(check, required=False), status, Reason.OK, 3.0, detail)


def held(outs: list[Outcome], after: dict[int, str]) -> list[Outcome]:
    """Gateway connects on the ports in `after` held with that result; `after[port]` may be a list
    per gateway as 'a,b,c' (in host order)."""
    seen: dict[int, int] = {}
    res = []
    for o in outs:
        port = o.check.port
        if o.check.kind is Kind.TCP and port in after and o.status is Status.PASS:
            each = after[port].split(",")
            i = seen[port] = seen.get(port, -1) + 1
            o = replace(o, detail={**o.detail, "after_connect": each[min(i, len(each) - 1)], "held_ms": 2.0})
        res.append(o)
    return res


def found(outs: list[Outcome]) -> dict[str, Severity]:
    return {f.id: f.severity for f in diagnose(outs).findings}


@pytest.mark.parametrize(
    ("canaries", "after", "expected_ports"),
    [
        ([canary(False)], {4000: "open", 4001: "open"}, None),  # healthy: IBKR keeps the connection open
        ([], {}, None),  # no canary, no hold (an old probe, a fake connect): nothing to judge
        ([canary(True)], {4000: "open", 4001: "open"}, "4001"),  # the canary alone is enough
        ([canary(False), canary(True, "203.0.113.53")], {}, "4001"),  # one accepted canary of two
        ([canary(False)], {4000: "closed", 4001: "closed"}, "4000/4001"),  # every gateway closed at once
        ([canary(False)], {4001: "reset"}, "4001"),
        ([canary(False)], {4001: "data"}, "4001"),  # IBKR never speaks first
        ([canary(False)], {4001: "closed,open,open"}, None),  # one odd server is not the network
        ([canary(True)], {4000: "reset"}, "4000/4001"),
    ],
)
def test_ports_intercepted_at_and_around_each_sign(
    canaries: list[Outcome], after: dict[int, str], expected_ports: str | None
) -> None:
    d = diagnose(held(healthy(), after) + canaries)
    hits = [f for f in d.findings if f.id == "ports-intercepted"]
    if expected_ports is None:
        assert not hits and d.status is not Status.FAIL
        return
    (f,) = hits
    assert f.severity is Severity.FAIL and f.params["ports"] == expected_ports
    assert "check-failed" not in found(held(healthy(), after) + canaries)


def test_intercepted_passes_are_not_counted_as_reachable_and_nothing_louder_is_said() -> None:
    outs = held(healthy(), {4000: "closed", 4001: "closed"}) + [canary(True)]
    ids = found(outs)
    assert ids["ports-intercepted"] is Severity.FAIL
    assert [i for i, sev in ids.items() if sev is Severity.FAIL] == ["ports-intercepted"]
    f = next(f for f in diagnose(outs).findings if f.id == "ports-intercepted")
    assert "203.0.113.153:4001" in str(f.params["canaries"]) and "closed (2 ms)" in str(f.params["closed"])
    assert any(c.startswith("canary:") for c in f.checks)


def test_a_canary_that_was_not_accepted_is_a_pass_not_a_failure() -> None:
    d = diagnose([*healthy(), canary(False)])
    assert d.status is Status.PASS and not [f for f in d.findings if f.severity is not Severity.INFO]
