"""Pure: per-region summary of the gateway connects (reachable count, median connect time)."""

from __future__ import annotations

import statistics
from collections.abc import Iterable

from netcheck.model import Kind, Outcome, Status
from netcheck.report_model import RegionRow

GATEWAY_PORTS = (4000, 4001)


def region_table(outcomes: Iterable[Outcome], home_region: str = "") -> tuple[RegionRow, ...]:
    """One row per region: gateways tested and reachable, median TCP connect time of the
    successful connects (ms), and whether it is the account's own region."""
    hosts: dict[str, set[str]] = {}
    reachable: dict[str, set[str]] = {}
    times: dict[str, list[float]] = {}
    for o in outcomes:
        c = o.check
        if c.kind is not Kind.TCP or c.port not in GATEWAY_PORTS or not c.region or o.status is Status.SKIP:
            continue
        if c.params.get("backup_of"):  # a backup lives in another data centre: its RTT is not this region's
            continue
        hosts.setdefault(c.region, set()).add(c.host)
        if o.status is Status.PASS:
            reachable.setdefault(c.region, set()).add(c.host)
            times.setdefault(c.region, []).append(o.duration_ms)
    return tuple(
        RegionRow(
            region=r,
            gateways=len(hosts[r]),
            reachable=len(reachable.get(r, ())),
            median_connect_ms=round(statistics.median(times[r]), 1) if r in times else None,
            home=r == home_region,
        )
        for r in sorted(hosts)
    )
