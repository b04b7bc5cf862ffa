"""The API-port checks of one run share one scan of the TCP socket table."""

from __future__ import annotations

from typing import Any

import psutil
import pytest

from netcheck.model import Check, Kind
from netcheck.planner import checks as plan
from netcheck.probes import machine
from netcheck.probes.base import ProbeContext


def _api_checks() -> list[Check]:
    return [c for c in plan.machine_checks(()) if c.kind is Kind.MACHINE and c.params["what"] == "api-port"]


@pytest.mark.parametrize(("shared", "scans"), [({}, 1), (None, len(plan.API_PORTS))])
async def test_one_scan_per_run(monkeypatch: pytest.MonkeyPatch, shared: dict[str, Any] | None, scans: int) -> None:
    calls = []
    real = psutil.net_connections

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(psutil, "net_connections", counting)
    ctx = ProbeContext(timeout=0.5, shared=shared)
    outs = [await machine.probe(c, ctx) for c in _api_checks()]
    assert len(outs) == len(plan.API_PORTS) and len(calls) == scans
