"""Frozen value objects of a finished run: what the diagnosis decided (Diagnosis) and the Report that
carries it with the outcomes. Reporters, history and serve read only these."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from netcheck.model import SCHEMA, Finding, Outcome, Status
from netcheck.model_checklist import CheckGroup, Tally


@dataclass(frozen=True)
class HomeServer:
    """The server TWS last used, from jts.ini (Peer=, written after a successful login; a template may
    pre-write a default), with the order-routing server and the UseSSL setting of the same file."""

    host: str
    port: int = 0
    region: str = ""  # "" when the host list does not know the host
    source: str = ""  # the jts.ini it came from
    order_host: str = ""  # [IBGateway] RemoteHostOrderRouting, when it names another server
    use_ssl: bool | None = None  # [Logon] UseSSL

    def as_dict(self) -> dict[str, Any]:
        return {
            "host": self.host,
            "port": self.port,
            "region": self.region or None,
            "jts_ini": self.source,
            "order_routing": self.order_host or None,
            "use_ssl": self.use_ssl,
        }


@dataclass(frozen=True)
class AllowEntry:
    """One host:port pair an IT admin must allow (netcheck.allowlist)."""

    host: str
    port: int
    protocol: str = "tcp"
    addresses: tuple[str, ...] = ()
    purpose: str = ""
    required: bool = True
    reason: str = ""

    @property
    def target(self) -> str:
        return f"{self.host}:{self.port}"

    def as_dict(self) -> dict[str, object]:
        return {**vars(self), "addresses": list(self.addresses)}  # field order is the JSON order


@dataclass(frozen=True)
class RegionRow:
    """Gateways of one region: tested, reachable, median connect time of the successful ones (netcheck.regions)."""

    region: str
    gateways: int
    reachable: int
    median_connect_ms: float | None = None
    home: bool = False

    def as_dict(self) -> dict[str, Any]:
        return dict(vars(self))  # field order is the JSON order


@dataclass(frozen=True)
class Summary:
    """Counts by status, computed once: every reporter shows these, none re-counts."""

    checks: int = 0
    passed: int = 0
    failed: int = 0
    warned: int = 0
    skipped: int = 0
    findings: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(vars(self))


@dataclass(frozen=True)
class Diagnosis:
    """Every decision a reporter shows, made once by netcheck.diagnose.diagnose()."""

    findings: tuple[Finding, ...]
    status: Status
    summary: Summary = Summary()
    by_kind: Mapping[str, Summary] = field(default_factory=dict)  # check kind -> its counts, in report order
    allow_list: tuple[AllowEntry, ...] = ()
    regions: tuple[RegionRow, ...] = ()
    home: HomeServer | None = None
    guide_hint: bool = False  # every network check passed: point to `netcheck guide`
    tally: Tally = Tally()
    unexplained: tuple[str, ...] = ()  # ids of failed or warned checks no finding names, in report order
    folded: tuple[CheckGroup, ...] = ()  # everything else, one line per group (the short checklist)


@dataclass(frozen=True)
class Report:
    started_at: str
    duration_ms: float
    outcomes: tuple[Outcome, ...]
    diagnosis: Diagnosis
    interrupted: bool = False
    meta: Mapping[str, Any] = field(default_factory=dict)  # run facts: version, platform, stop_reason ...
    schema: str = SCHEMA

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.diagnosis.findings

    @property
    def status(self) -> Status:
        return self.diagnosis.status
