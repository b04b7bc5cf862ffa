"""A day of simulated cron runs (every 15 minutes) with one outage, as a history database for the screen tests.

08:16 and 08:31 UTC: ports 4000/4001 blocked on every gateway (ports-blocked), back at 08:46; 14:31: one
gateway's name does not resolve for one run. Everything else passes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from netcheck.history import open_store

END = datetime(2026, 11, 23, 23, 59, tzinfo=UTC)  # "now" for the views
REGIONS = ("ndc", "zdc", "hdc", "cdc")
GATEWAYS = {f"{r}{n}.ibllc.com": f"198.51.100.{10 * i + n}" for i, r in enumerate(REGIONS) for n in (1, 2)}
WEB = {"www.interactivebrokers.com": "203.0.113.40", "s3.amazonaws.com": "203.0.113.41"}
OUTAGE = (datetime(2026, 11, 23, 8, 16, tzinfo=UTC), datetime(2026, 11, 23, 8, 31, tzinfo=UTC))
UNRESOLVED_AT, UNRESOLVED = datetime(2026, 11, 23, 14, 31, tzinfo=UTC), "hdc2.ibllc.com"


def build(path: Path) -> Path:
    with open_store(path) as store:
        at = END.replace(hour=0, minute=1) - timedelta(minutes=15)
        while at <= END:
            store.record(report_at(at))
            at += timedelta(minutes=15)
    return path


def report_at(at: datetime) -> dict[str, Any]:
    blocked = OUTAGE[0] <= at <= OUTAGE[1]
    checks = [_check("http:http://connectivitycheck.gstatic.com/generate_204", "http", "pass")]
    for host, addr in GATEWAYS.items():
        if at == UNRESOLVED_AT and host == UNRESOLVED:
            checks += [_check(f"dns:system:{host}", "dns", "fail", "nxdomain")]
            checks += [_check(f"tcp:{host}:{p}", "tcp", "skip", "dependency") for p in (4000, 4001)]
            continue
        checks += [_check(f"dns:system:{host}", "dns", "pass")]
        status, reason = ("fail", "timeout") if blocked else ("pass", "ok")
        checks += [_check(f"tcp:{host}:{p}@{addr}", "tcp", status, reason) for p in (4000, 4001)]
    checks += [_check(f"tcp:{host}:443@{addr}", "tcp", "pass") for host, addr in WEB.items()]
    findings = [_finding("ports-blocked", [c["id"] for c in checks if c["status"] == "fail"])] if blocked else []
    if at == UNRESOLVED_AT:
        findings.append(_finding("dns-nxdomain", [f"dns:system:{UNRESOLVED}"]))
    return {
        "schema": "netcheck/report/v1",
        "status": "fail" if findings else "pass",
        "started_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "duration_ms": 2100,
        "interrupted": False,
        "meta": {},
        "findings": findings,
        "checks": checks,
    }


def _check(cid: str, kind: str, status: str, reason: str = "ok") -> dict[str, Any]:
    return {"id": cid, "kind": kind, "status": status, "reason": reason, "duration_ms": 20}


def _finding(fid: str, checks: list[str]) -> dict[str, Any]:
    return {"id": fid, "severity": "fail", "title": fid, "checks": checks, "evidence": []}
