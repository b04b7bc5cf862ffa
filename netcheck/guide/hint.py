"""Whether a report should end with the pointer to `netcheck guide`: every network check passed."""

from __future__ import annotations

from netcheck.model import Reason, Report, Status

_NOT_NETWORK = frozenset({"local", "machine"})  # checks of this computer, not of the network


def applies(report: Report) -> bool:
    net = [o for o in report.outcomes if o.check.kind.value not in _NOT_NETWORK]
    return bool(net) and not report.interrupted and all(_passed(o.status, o.reason) for o in net)


def _passed(status: Status, reason: Reason) -> bool:
    return status is Status.PASS or (status is Status.SKIP and reason is Reason.NOT_APPLICABLE)
