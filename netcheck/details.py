"""Typed, frozen views of `Outcome.detail` per check kind (and of `Check.params`), so mypy checks the rules.

The probes still write `detail` as a plain mapping (the engine merges TCP attempts into it and the
JSON schema prints it key for key); this module is the one seam that turns it into typed values.
A missing or ill-typed key becomes its default: a probe's odd answer is data, never a crash here.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar, overload

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
    after_connect: str = ""  # gateway ports: open / closed / reset / data while held (probes/tcp_hold.py)
    held_ms: float | None = None
    accepted: bool = False  # canary connects: something accepted a connect that must fail


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
    """What the planner (netcheck/planner/) attached to a check, as the rules read it."""

    path: str = ""  # dns: "system" (the OS resolver) or "resolver" (asked directly)
    purpose: str = ""  # tcp/tls: the host's purpose from the host list
    mode: str = ""  # proxy: "reach" (does it answer) or "connect" (will it tunnel)
    role: str = ""  # proxy connect: "web" or "gateway"
    proxy: str = ""  # proxy: which one
    source: str = ""  # proxy: where this computer's setting came from
    port: int | None = None  # machine api-port: the port checked


def params(c: Check) -> CheckParams:
    return view(CheckParams, c.params)


def tcp(o: Outcome) -> TcpDetail:
    return view(TcpDetail, o.detail)


def dns(o: Outcome) -> DnsDetail:
    return view(DnsDetail, o.detail)


def web(o: Outcome) -> WebDetail:
    return view(WebDetail, o.detail)


def proxy(o: Outcome) -> ProxyDetail:
    return view(ProxyDetail, o.detail)


T = TypeVar("T")


def view(cls: type[T], d: Mapping[str, Any]) -> T:
    """A frozen `cls` from a probe's mapping, field by field after the field's declared type; what is
    missing or of another type becomes the field's default. Nested dataclasses come from lists of
    mappings (tuple[Sub, ...])."""
    hints = _hints(typing.cast(Any, cls))
    values = {f.name: _value(d, f, hints[f.name]) for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in values.items() if v is not _MISSING})


_MISSING = object()


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _value(d: Mapping[str, Any], f: dataclasses.Field[Any], hint: Any) -> Any:
    key, origin, args = f.name, typing.get_origin(hint), typing.get_args(hint)
    if hint is str:
        return text(d, key)
    if hint is bool:
        return bool(d.get(key))
    if hint is int:
        return integer(d, key, f.default if isinstance(f.default, int) else 0)
    if hint == int | None:
        return integer(d, key)
    if hint == float | None:
        return number(d, key)
    if origin is tuple and args[:1] == (str,):
        return texts(d, key)
    if origin is tuple and isinstance(args[0], type) and dataclasses.is_dataclass(args[0]):
        return tuple(view(args[0], x) for x in items(d, key))
    return _MISSING  # a type this view does not know: keep the dataclass's default


def items(d: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    v = d.get(key)
    return [x for x in v if isinstance(x, Mapping)] if isinstance(v, list | tuple) else []


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
