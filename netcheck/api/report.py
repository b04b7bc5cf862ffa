"""`netcheck api` without the command line: probe every API target at once, diagnose with the API rules."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence

from netcheck.api import rules as api_rules
from netcheck.api import targets
from netcheck.api.probe import probe
from netcheck.api.targets import Running
from netcheck.engine import now_iso
from netcheck.probes.base import ProbeContext
from netcheck.report import RunFacts, build
from netcheck.report_model import Report
from netcheck.rules import catchall

RULES = (*api_rules.RULES, *catchall.RULES)  # the API link alone: no network rules, no guessed outages


async def api_report(
    user: Sequence[tuple[str, int]], client_id: int | None, timeout: float, running: Sequence[Running] | None = None
) -> Report:
    """Probe every API target concurrently and diagnose them with the API rules alone."""
    started_wall, started = now_iso(), time.monotonic()
    apps = targets.discover() if running is None else running
    checks = targets.checks(apps, user, client_id, required=True)
    ctx = ProbeContext(timeout=timeout)
    outcomes = tuple(await asyncio.gather(*(probe(c, ctx) for c in checks)))
    facts = RunFacts(started_wall, (time.monotonic() - started) * 1000, timeout_s=timeout, extra={"command": "api"})
    return build(outcomes, False, None, facts, rules=RULES)
