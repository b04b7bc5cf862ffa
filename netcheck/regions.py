"""Pure: per-region summary of the gateway connects (reachable count, median connect time)."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from typing import Any

from netcheck.model import Kind, Outcome, Status

GATEWAY_PORTS = (4000, 4001)


def region_table(outcomes: Iterable[Outcome], home_region: str = "") -> list[dict[str, Any]]:
    """One row per region: gateways tested and reachable, median TCP connect time of the
    successful connects (ms), and whether it is the account's own region."""
    rows: dict[str, dict[str, Any]] = {}
    times: dict[str, list[float]] = {}
    for o in outcomes:
        c = o.check
        if c.kind is not Kind.TCP or c.port not in GATEWAY_PORTS or not c.region or o.status is Status.SKIP:
            continue
        row = rows.setdefault(c.region, {"region": c.region, "hosts": set(), "reachable": set()})
        row["hosts"].add(c.host)
        if o.status is Status.PASS:
            row["reachable"].add(c.host)
            times.setdefault(c.region, []).append(o.duration_ms)
    return [
        {
            "region": r,
            "gateways": len(row["hosts"]),
            "reachable": len(row["reachable"]),
            "median_connect_ms": round(statistics.median(times[r]), 1) if r in times else None,
            "home": r == home_region,
        }
        for r, row in sorted(rows.items())
    ]
