"""Frozen value objects shared by every layer: host lists, checks, outcomes, findings, reports."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "netcheck/report/v1"


class Status(enum.StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    SKIP = "skip"


class Severity(enum.StrEnum):
    INFO = "info"
    WARN = "warn"
    FAIL = "fail"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARN: 1, Severity.FAIL: 2}


class Reason(enum.StrEnum):
    """Why a check ended as it did; the vocabulary of classify.py and the `reason` JSON field."""

    OK = "ok"
    # TCP
    REFUSED = "refused"  # RST: nothing listens, or a firewall answers with a reset
    TIMEOUT = "timeout"  # no answer at all: silently dropped
    UNREACHABLE = "unreachable"  # ICMP host/net unreachable, no route
    PROHIBITED = "prohibited"  # ICMP administratively prohibited: a firewall rejects
    # DNS
    NXDOMAIN = "nxdomain"
    NO_ANSWER = "no-answer"
    SERVFAIL = "servfail"
    DNS_TIMEOUT = "dns-timeout"
    NO_NAMESERVERS = "no-nameservers"
    # HTTP / TLS
    TLS_ERROR = "tls-error"
    TLS_UNTRUSTED = "tls-untrusted"
    HTTP_STATUS = "http-status"  # unexpected status or body
    REDIRECT = "redirect"
    PROXY_ERROR = "proxy-error"
    # Engine
    DEPENDENCY = "dependency"  # skipped because a check it needs failed
    DEADLINE = "deadline"  # the run's deadline or Ctrl-C ended it first
    NOT_APPLICABLE = "not-applicable"
    # This computer (machine checks)
    INSUFFICIENT = "insufficient"  # too little free memory or disk
    CONFLICT = "conflict"  # a port or session is already taken
    MISCONFIGURED = "misconfigured"  # a TWS setting that cannot work on this computer
    ERROR = "error"  # anything else, with the error text in detail


class Kind(enum.StrEnum):
    LOCAL = "local"
    DNS = "dns"
    DNS_CROSS = "dns-cross"
    TCP = "tcp"
    HTTP = "http"
    MACHINE = "machine"  # this computer beyond the network: TWS install, memory, sessions, API ports
    TLS = "tls"  # TLS handshake + certificate chain on the IBKR web hosts (interception, clock)
    PROXY = "proxy"  # configured proxies: does each answer, and which ports will it CONNECT to
    API = "api"  # the TWS API socket of a local or named TWS / IB Gateway: handshake, optional START_API
    CANARY = "canary"  # a connect on 4001 to an address that must not accept it: does the router answer itself


class Role(enum.StrEnum):
    GATEWAY = "gateway"  # TWS gateways: 4000/4001, not HTTP
    WEB = "web"  # HTTPS hosts


@dataclass(frozen=True)
class HostEntry:
    name: str
    ports: tuple[int, ...]
    purpose: str
    region: str = ""
    required: bool = True
    source: str = ""
    backup_of: str = ""  # a backup gateway's primary; backups live in other data centres, so carry no region

    @property
    def role(self) -> Role:
        return Role.GATEWAY if any(p in (4000, 4001) for p in self.ports) else Role.WEB


@dataclass(frozen=True)
class Reachability:
    url: str
    expect_status: int
    expect_body: str = ""
    source: str = ""


@dataclass(frozen=True)
class HostList:
    hosts: tuple[HostEntry, ...]
    reachability: tuple[Reachability, ...] = ()
    public_dns: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    canary: tuple[str, ...] | None = None  # [intercept] canary; None: the independent resolvers

    @property
    def canaries(self) -> tuple[str, ...]:
        """Addresses that must not accept a connect on 4001 (a resolver runs no TWS gateway)."""
        return self.public_dns if self.canary is None else self.canary

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(sorted({h.region for h in self.hosts if h.region}))


@dataclass(frozen=True)
class Check:
    """One thing to test. `id` is stable across runs: history and metrics key on it."""

    id: str
    kind: Kind
    target: str
    host: str = ""
    port: int = 0
    address: str = ""
    server: str = ""  # DNS server asked, for dns-cross
    url: str = ""
    required: bool = True
    region: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def family(self) -> int:
        return 6 if ":" in self.address else 4


@dataclass(frozen=True)
class Outcome:
    check: Check
    status: Status
    reason: Reason
    duration_ms: float = 0.0
    detail: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    """A root cause. Text is rendered from `id` and `params` by netcheck.messages."""

    id: str
    severity: Severity
    checks: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)
    symptoms: tuple[str, ...] = ()  # what TWS shows because of it (netcheck.symptoms keys), set by diagnose
