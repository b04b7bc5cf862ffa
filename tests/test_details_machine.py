"""Machine checks' detail as typed values: nested lists of installations, problems, sessions and port holders."""

from __future__ import annotations

from netcheck.details_machine import Installation, MachineDetail, MemoryProblem, PortHolder, Session, machine
from netcheck.model import Check, Kind, Outcome, Reason, Status


def _out(**detail: object) -> Outcome:
    return Outcome(Check(id="machine:x", kind=Kind.MACHINE, target="x"), Status.WARN, Reason.CONFLICT, 1.0, detail)


def test_nested_lists_become_typed_tuples() -> None:
    m = machine(
        _out(
            installations=[{"vmoptions": "/j/tws.vmoptions", "prefer_ipv4": True, "keep_marker_line": 14}],
            problems=[{"vmoptions": "/j/tws.vmoptions", "xmx_mb": 16384, "limit_mb": 8000}],
            duplicates=[{"kind": "tws", "installation": "/j/1030", "pids": [10, 11]}],
            holders=[{"pid": 42, "name": "NinjaTrader.exe", "kind": None}],
            total_mb=8000,
        )
    )
    assert m.installations == (Installation("/j/tws.vmoptions", True, 14),)
    assert m.problems == (MemoryProblem("/j/tws.vmoptions", 16384, 8000),)
    assert m.duplicates == (Session("/j/1030", ("10", "11")),)
    assert m.holders == (PortHolder(42, "NinjaTrader.exe"),)
    assert m.total_mb == 8000 and m.free_mb is None


def test_missing_or_malformed_entries_are_skipped() -> None:
    assert machine(_out()) == MachineDetail()
    assert machine(_out(holders=["not a mapping", {"name": "java"}], installations=None)).holders == (
        PortHolder(None, "java"),
    )
