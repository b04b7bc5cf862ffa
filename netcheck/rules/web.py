"""Web-path rules: proxy only, proxy dead or refusing TWS's ports, TLS interception, clock skew.

They run before the connection rules: on a proxy-only network the failed direct connects are
explained by the proxy, not by separate port filters. The clock thresholds: a minute off already
makes time-based login codes fail (they live 30 s); five minutes is where authentication
protocols conventionally stop accepting timestamps (Kerberos' default), so that is a failure.
"""

from __future__ import annotations

import email.utils
import statistics

from netcheck import details
from netcheck.facts import GATEWAY_PORTS, failed
from netcheck.model import Kind, Outcome, Reason, Severity, Status
from netcheck.rules import State

CLOCK_WARN_S = 60
CLOCK_FAIL_S = 300
# OpenSSL's X509_V_ERR_CERT_NOT_YET_VALID / _HAS_EXPIRED: a wrong clock, not an interceptor.
CLOCK_VERIFY_CODES = frozenset({9, 10})


def _proxy(s: State, mode: str, role: str = "") -> list[Outcome]:
    outs = [o for o in s.facts.kind(Kind.PROXY) if details.params(o.check).mode == mode]
    return [o for o in outs if not role or details.params(o.check).role == role]


def _names(outs: list[Outcome]) -> str:
    return ", ".join(sorted({details.params(o.check).proxy for o in outs}))


def _sources(outs: list[Outcome]) -> str:
    return ", ".join(sorted({details.params(o.check).source for o in outs}))


def _pairs(outs: list[Outcome]) -> str:
    return ", ".join(sorted({f"{o.check.host}:{o.check.port}" for o in outs}))


def proxy_only(s: State) -> None:
    """The web works through a proxy while no direct connection does."""
    f = s.facts
    tunnels = [o for o in _proxy(s, "connect", "web") if o.status is Status.PASS]
    alive = [o for o in _proxy(s, "reach") if o.status is Status.PASS]
    if not (tunnels or (alive and f.any_pass(f.http))):
        return
    # Without DNS no direct connect is even tried: the dead resolvers are this finding's evidence
    # (the proxy resolves names itself), not a separate DNS problem to send the user after.
    lookups = [o for h in f.dns_hosts for o in f.dns_down(h)]
    if f.any_pass(f.tcp) or not (any(failed(o) for o in f.tcp) or lookups):
        return
    direct = s.unexplained(f.tcp) + s.unexplained(f.http) + lookups
    gateways = [o for o in f.kind(Kind.TCP) if o.check.port in GATEWAY_PORTS and _not_direct(o)]
    s.add("proxy-only", Severity.FAIL, direct + tunnels, proxy=_names(tunnels or alive), pairs=_pairs(gateways))


def _not_direct(o: Outcome) -> bool:
    return failed(o) or o.reason is Reason.DEPENDENCY  # a gateway never tried because its name did not resolve


def proxy_unreachable(s: State) -> None:
    dead = [o for o in _proxy(s, "reach") if failed(o)]
    if not dead:
        return
    # The HTTP checks follow the proxy setting too (as browsers do): their failures are this.
    http = [o for o in s.unexplained(s.facts.http) if o.reason is not Reason.TLS_UNTRUSTED]
    severity = Severity.WARN if s.facts.any_pass(s.facts.tcp) else Severity.FAIL
    reason = ", ".join(sorted({o.reason.value for o in dead}))
    s.add("proxy-unreachable", severity, dead + http, proxy=_names(dead), source=_sources(dead), reason=reason)


def proxy_blocks_ports(s: State) -> None:
    gateway = _proxy(s, "connect", "gateway")
    # A 407 is not a refusal of the ports: proxy-auth-required explains it.
    refused = [
        o for o in gateway if failed(o) and o.reason is Reason.PROXY_ERROR and not details.proxy(o).auth_required
    ]
    if not refused:
        return
    direct_ok = any(o.status is Status.PASS for o in s.facts.gateway_tcp)
    answers = sorted({details.proxy(o).error or o.reason.value for o in refused})
    ports = "/".join(str(p) for p in GATEWAY_PORTS if p in {o.check.port for o in refused})
    severity = Severity.WARN if direct_ok else Severity.FAIL
    s.add(
        "proxy-blocks-ports",
        severity,
        refused,
        proxy=_names(refused),
        ports=ports,
        pairs=_pairs(refused),
        answer="; ".join(answers),
    )


def tls_intercepted(s: State) -> None:
    bad = [
        o
        for o in s.facts.kind(Kind.TLS)
        if failed(o) and o.reason is Reason.TLS_UNTRUSTED and details.web(o).verify_code not in CLOCK_VERIFY_CODES
    ]
    if not bad:
        return
    issuers = sorted({details.web(o).issuer or "unknown issuer" for o in bad})
    errors = sorted({details.web(o).verify_error for o in bad} - {""})
    https = [o for o in s.unexplained(s.facts.http) if o.reason is Reason.TLS_UNTRUSTED]
    severity = Severity.FAIL if any(o.status is Status.FAIL for o in bad) else Severity.WARN
    hosts = ", ".join(sorted({o.check.host for o in bad}))
    s.add("tls-intercepted", severity, bad + https, issuer=", ".join(issuers), hosts=hosts, error="; ".join(errors))


def clock_skew(s: State) -> None:
    samples = [(off, o) for o in s.facts.kind(Kind.TLS) + s.facts.http if (off := offset_s(o)) is not None]
    if not samples:
        return
    offset = statistics.median(off for off, _ in samples)
    if abs(offset) <= CLOCK_WARN_S:
        return
    severity = Severity.FAIL if abs(offset) > CLOCK_FAIL_S else Severity.WARN
    expired = [o for o in s.facts.kind(Kind.TLS) if failed(o) and details.web(o).verify_code in CLOCK_VERIFY_CODES]
    s.add(
        "clock-skew",
        severity,
        expired + [o for _, o in samples],
        offset=human(offset),
        seconds=round(offset),
        samples=len(samples),
        warn_s=CLOCK_WARN_S,
        fail_s=CLOCK_FAIL_S,
    )


def offset_s(o: Outcome) -> float | None:
    """Local clock minus the server's, from the Date header the probe recorded and our time then."""
    w = details.web(o)
    if not w.server_date or w.local_time is None:
        return None
    try:
        server = email.utils.parsedate_to_datetime(w.server_date).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return w.local_time - server


def human(seconds: float) -> str:
    """'+1:02:03' style (sign: + this computer is ahead); days spelt out as 'd'."""
    sign = "+" if seconds >= 0 else "-"
    total = int(round(abs(seconds)))
    days, rest = divmod(total, 86400)
    h, rest = divmod(rest, 3600)
    m, sec = divmod(rest, 60)
    return f"{sign}{days} d {h}:{m:02d}:{sec:02d}" if days else f"{sign}{h}:{m:02d}:{sec:02d}"


RULES = (proxy_only, proxy_unreachable, proxy_blocks_ports, tls_intercepted, clock_skew)
