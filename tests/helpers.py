"""Builders for outcomes and reports, so diagnosis and reporter tests read like the scenario they describe."""

from __future__ import annotations

from typing import Any

from netcheck.diagnose import diagnose
from netcheck.model import Check, Finding, Kind, Outcome, Reason, Status
from netcheck.report_model import Report


def tcp(
    host: str,
    port: int,
    address: str,
    reason: Reason = Reason.OK,
    region: str = "",
    required: bool = True,
    ms: float = 20.0,
) -> Outcome:
    check = Check(
        id=f"tcp:{host}:{port}@{address}",
        kind=Kind.TCP,
        target=f"{host}:{port} ({address})",
        host=host,
        port=port,
        address=address,
        region=region,
        required=required,
    )
    return _out(check, reason, ms)


def dns(
    host: str,
    path: str,
    addresses: list[str] | None = None,
    reason: Reason = Reason.OK,
    servers: list[str] | None = None,
    required: bool = True,
) -> Outcome:
    check = Check(
        id=f"dns:{path}:{host}", kind=Kind.DNS, target=host, host=host, required=required, params={"path": path}
    )
    detail: dict[str, Any] = {"addresses": addresses or []} if reason is Reason.OK else {}
    if servers:
        detail["servers"] = servers
    return _out(check, reason, 5.0, detail)


def cross(host: str, server: str, addresses: list[str] | None = None, reason: Reason = Reason.OK) -> Outcome:
    check = Check(
        id=f"dns-cross:{host}@{server}",
        kind=Kind.DNS_CROSS,
        target=f"{host} @{server}",
        host=host,
        server=server,
        required=False,
    )
    status = Status.PASS if reason is Reason.OK else (Status.SKIP if reason is Reason.DNS_TIMEOUT else Status.WARN)
    return Outcome(check, status, reason, 5.0, {"addresses": addresses or []} if reason is Reason.OK else {})


def http(url: str, reason: Reason = Reason.OK, status_code: int | None = 204, location: str | None = None) -> Outcome:
    check = Check(id=f"http:{url}", kind=Kind.HTTP, target=url, url=url)
    detail: dict[str, Any] = {"url": url}
    if status_code is not None and reason in (Reason.OK, Reason.REDIRECT, Reason.HTTP_STATUS):
        detail["http_status"] = status_code
    if location:
        detail["location"] = location
    return _out(check, reason, 30.0, detail)


def local(cid: str, reason: Reason = Reason.OK, required: bool = True) -> Outcome:
    check = Check(id=cid, kind=Kind.LOCAL, target=cid, required=required)
    if reason is Reason.NOT_APPLICABLE:
        return Outcome(check, Status.SKIP, reason, 0.0, {})
    return _out(check, reason, 0.0)


def _out(check: Check, reason: Reason, ms: float, detail: dict[str, Any] | None = None) -> Outcome:
    if reason is Reason.OK:
        status = Status.PASS
    else:
        status = Status.FAIL if check.required else Status.WARN
    return Outcome(check, status, reason, ms, detail or {})


def report(outcomes: list[Outcome], duration_ms: float = 1234.0) -> Report:
    return Report(
        started_at="2026-11-23T12:00:00Z",
        duration_ms=duration_ms,
        outcomes=tuple(outcomes),
        diagnosis=diagnose(outcomes),
        meta={"version": "test"},
    )


GATEWAYS = {
    "ndc1.ibllc.com": ("america-east", "198.51.100.10"),
    "zdc1.ibllc.com": ("europe", "198.51.100.20"),
    "hdc1.ibllc.com": ("asia", "198.51.100.30"),
}
WEB = {"www.interactivebrokers.com": "203.0.113.40", "s3.amazonaws.com": "203.0.113.41"}
HTTP_URL = "http://connectivitycheck.gstatic.com/generate_204"


def healthy(**overrides: Reason) -> list[Outcome]:
    """A healthy run; `overrides` maps 'host:port' to the reason that check should end with."""
    outs = [
        local("local:interfaces"),
        local("local:route:ipv4"),
        local("local:route:ipv6", Reason.NOT_APPLICABLE),
        http(HTTP_URL),
    ]
    for host, (region, addr) in GATEWAYS.items():
        outs += [dns(host, "system", [addr]), dns(host, "resolver", [addr]), cross(host, "203.0.113.153", [addr])]
        outs += [tcp(host, p, addr, overrides.get(f"{host}:{p}", Reason.OK), region) for p in (4000, 4001)]
    for host, addr in WEB.items():
        outs += [
            dns(host, "system", [addr]),
            dns(host, "resolver", [addr]),
            tcp(host, 443, addr, overrides.get(f"{host}:443", Reason.OK)),
        ]
    return outs


def findings(outcomes: list[Outcome], user_regions: tuple[str, ...] = (), home: Any = None) -> list[Finding]:
    """The diagnosis' findings alone, for tests that assert on the list of root causes."""
    return list(diagnose(outcomes, user_regions, home).findings)
