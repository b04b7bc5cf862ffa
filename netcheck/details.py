"""Typed, frozen views of `Outcome.detail` per check kind (and of `Check.params`), so mypy checks the rules.

The probes still write `detail` as a plain mapping (the engine merges TCP attempts into it and the
JSON schema prints it key for key); this module is the one seam that turns it into typed values.
A missing or ill-typed key becomes its default: a probe's odd answer is data, never a crash here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, overload

from netcheck.model import Check, Outcome


@dataclass(frozen=True)
class TcpDetail:
    address: str = ""
    port: int = 0
    error: str = ""
    rtt_ms: float | None = None  # the answered attempt's connect time (engine, on a pass)
    attempts: int = 1
    lost: int = 0
    local_error: bool = False  # this computer could not open a socket: says nothing about the path


@dataclass(frozen=True)
class DnsDetail:
    addresses: tuple[str, ...] = ()
    servers: tuple[str, ...] = ()
    error: str = ""


@dataclass(frozen=True)
class WebDetail:
    """HTTP and TLS checks (both may carry the server's Date header, for the clock rule)."""

    url: str = ""
    http_status: int | None = None
    location: str = ""  # a redirect's target (captive portals)
    error: str = ""
    issuer: str = ""
    verify_error: str = ""
    verify_code: int | None = None  # OpenSSL X509_V_ERR_*
    server_date: str = ""
    local_time: float | None = None  # our wall clock when the Date header arrived


@dataclass(frozen=True)
class ProxyDetail:
    """Proxy checks, and HTTP checks a proxy answered (auth_required, transparent_proxy)."""

    http_status: int | None = None
    proxy_server: str = ""
    auth_required: bool = False  # 407: the proxy wants credentials
    auth_schemes: tuple[str, ...] = ()  # from Proxy-Authenticate: Basic, NTLM, Negotiate ...
    transparent_proxy: bool = False  # a 200 with an empty body where a 204 was due (not a portal)
    error: str = ""


@dataclass(frozen=True)
class HandshakeDetail:
    """A TLS handshake that was reset, closed or stalled on a connected socket, and the two retries
    (netcheck/probes/tls_retry.py): a neutral server name, and the same name with a small MSS."""

    happened: str = ""  # reset | closed | stalled; empty: the handshake did not fail that way
    after_ms: int = 0
    neutral_sni: str = ""
    neutral_result: str = ""  # ok | alert | reset | closed | stalled | no-connect | error
    mss: int | None = None  # the MSS a normal socket to that address uses
    small_mss: int | None = None
    small_mss_result: str = ""  # as neutral_result, plus unsupported (no TCP_MAXSEG here)


@dataclass(frozen=True)
class CheckParams:
    """What the planner (netcheck/plan*.py) attached to a check, as the rules read it."""

    path: str = ""  # dns: "system" (the OS resolver) or "resolver" (asked directly)
    purpose: str = ""  # tcp/tls: the host's purpose from the host list
    mode: str = ""  # proxy: "reach" (does it answer) or "connect" (will it tunnel)
    role: str = ""  # proxy connect: "web" or "gateway"
    proxy: str = ""  # proxy: which one
    source: str = ""  # proxy: where this computer's setting came from
    port: int | None = None  # machine api-port: the port checked


def params(c: Check) -> CheckParams:
    p = c.params
    return CheckParams(
        path=text(p, "path"),
        purpose=text(p, "purpose"),
        mode=text(p, "mode"),
        role=text(p, "role"),
        proxy=text(p, "proxy"),
        source=text(p, "source"),
        port=integer(p, "port"),
    )


def tcp(o: Outcome) -> TcpDetail:
    d = o.detail
    return TcpDetail(
        address=text(d, "address"),
        port=integer(d, "port", 0),
        error=text(d, "error"),
        rtt_ms=number(d, "rtt_ms"),
        attempts=integer(d, "attempts", 1),
        lost=integer(d, "lost", 0),
        local_error=bool(d.get("local_error")),
    )


def dns(o: Outcome) -> DnsDetail:
    d = o.detail
    return DnsDetail(addresses=texts(d, "addresses"), servers=texts(d, "servers"), error=text(d, "error"))


def web(o: Outcome) -> WebDetail:
    d = o.detail
    return WebDetail(
        url=text(d, "url"),
        http_status=integer(d, "http_status"),
        location=text(d, "location"),
        error=text(d, "error"),
        issuer=text(d, "issuer"),
        verify_error=text(d, "verify_error"),
        verify_code=integer(d, "verify_code"),
        server_date=text(d, "server_date"),
        local_time=number(d, "local_time"),
    )


def proxy(o: Outcome) -> ProxyDetail:
    d = o.detail
    return ProxyDetail(
        http_status=integer(d, "http_status"),
        proxy_server=text(d, "proxy_server"),
        auth_required=bool(d.get("auth_required")),
        auth_schemes=texts(d, "auth_schemes"),
        transparent_proxy=bool(d.get("transparent_proxy")),
        error=text(d, "error"),
    )


def handshake(o: Outcome) -> HandshakeDetail:
    d = o.detail
    return HandshakeDetail(
        happened=text(d, "handshake"),
        after_ms=integer(d, "after_ms", 0),
        neutral_sni=text(d, "neutral_sni"),
        neutral_result=text(d, "neutral_result"),
        mss=integer(d, "mss"),
        small_mss=integer(d, "small_mss"),
        small_mss_result=text(d, "small_mss_result"),
    )


def explanation(o: Outcome) -> str:
    """The probe's own words for a problem (an error text, or why a check did not apply)."""
    return text(o.detail, "error") or text(o.detail, "why")


def text(d: Mapping[str, Any], key: str) -> str:
    v = d.get(key)
    return "" if v is None else str(v)


def texts(d: Mapping[str, Any], key: str) -> tuple[str, ...]:
    v = d.get(key)
    return tuple(str(x) for x in v) if isinstance(v, list | tuple) else ()


@overload
def integer(d: Mapping[str, Any], key: str) -> int | None: ...
@overload
def integer(d: Mapping[str, Any], key: str, default: int) -> int: ...
def integer(d: Mapping[str, Any], key: str, default: int | None = None) -> int | None:
    v = d.get(key)
    return int(v) if isinstance(v, int | float) and not isinstance(v, bool) else default


def number(d: Mapping[str, Any], key: str) -> float | None:
    v = d.get(key)
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None
