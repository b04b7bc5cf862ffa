"""Pure classification: socket, DNS and HTTP errors -> Reason. No I/O; unit-tested with constructed errors.

Order matters: the first matching row wins, so specific rows come before general ones.
Errno meanings are platform-specific: the tables below hold Linux, macOS (BSD) and Windows
(WSA*) numbers together, taken from the `errno` module where it knows them.
"""

from __future__ import annotations

import errno
import socket
import ssl
from collections.abc import Callable

from netcheck.model import Reason

_E = errno.__dict__.get

# Windows Sockets error numbers (winerror.h); Python exposes them as OSError.winerror.
WSAEACCES, WSAECONNREFUSED, WSAETIMEDOUT = 10013, 10061, 10060
WSAENETUNREACH, WSAEHOSTUNREACH, WSAENETDOWN, WSAEHOSTDOWN = 10051, 10065, 10050, 10064

_ERRNO: tuple[tuple[frozenset[int], Reason], ...] = (
    (frozenset(filter(None, [_E("ECONNREFUSED"), WSAECONNREFUSED])), Reason.REFUSED),
    (frozenset(filter(None, [_E("ETIMEDOUT"), WSAETIMEDOUT])), Reason.TIMEOUT),
    # Linux reports ICMP admin-prohibited (type 3 code 13, ICMPv6 1/1) as EHOSTUNREACH
    # for IPv4 and EACCES for IPv6; macOS reports it as ECONNREFUSED or EHOSTUNREACH.
    # We cannot always tell a firewall's reject from a missing route by errno alone, so
    # classify_connect() below uses timing too.
    (frozenset(filter(None, [_E("EACCES"), _E("EPERM"), WSAEACCES])), Reason.PROHIBITED),
    (
        frozenset(
            filter(
                None,
                [
                    _E("EHOSTUNREACH"),
                    _E("ENETUNREACH"),
                    _E("ENETDOWN"),
                    _E("EHOSTDOWN"),
                    _E("ENONET"),
                    _E("EADDRNOTAVAIL"),
                    WSAENETUNREACH,
                    WSAEHOSTUNREACH,
                    WSAENETDOWN,
                    WSAEHOSTDOWN,
                ],
            )
        ),
        Reason.UNREACHABLE,
    ),
)

# socket.getaddrinfo() errors (gaierror.errno is an EAI_* code, not an errno).
_GAI: dict[int, Reason] = {
    code: reason
    for name, reason in (
        ("EAI_NONAME", Reason.NXDOMAIN),
        ("EAI_NODATA", Reason.NO_ANSWER),
        ("EAI_ADDRFAMILY", Reason.NO_ANSWER),
        ("EAI_AGAIN", Reason.DNS_TIMEOUT),
        ("EAI_FAIL", Reason.SERVFAIL),
    )
    if (code := getattr(socket, name, None)) is not None
}
# Windows reports unknown names as WSAHOST_NOT_FOUND (11001), temporary failure as WSATRY_AGAIN (11002).
_GAI.update({11001: Reason.NXDOMAIN, 11002: Reason.DNS_TIMEOUT, 11003: Reason.SERVFAIL, 11004: Reason.NO_ANSWER})


def classify_oserror(exc: BaseException) -> Reason:
    """Map a socket-level error to a Reason. Timeouts of our own (asyncio) count as TIMEOUT."""
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return Reason.TIMEOUT
    if isinstance(exc, ssl.SSLCertVerificationError):
        return Reason.TLS_UNTRUSTED
    if isinstance(exc, ssl.SSLError):
        return Reason.TLS_ERROR
    if isinstance(exc, ConnectionRefusedError):
        return Reason.REFUSED
    if isinstance(exc, socket.gaierror):
        return _GAI.get(exc.errno or 0, Reason.ERROR)
    if isinstance(exc, OSError):
        code = getattr(exc, "winerror", None) or exc.errno
        for codes, reason in _ERRNO:
            if code in codes:
                return reason
    return Reason.ERROR


def classify_connect(exc: BaseException | None, elapsed_s: float) -> Reason:
    """A connect's result. Linux reports ICMP admin-prohibited as EHOSTUNREACH (IPv4) or
    EACCES (IPv6), the same EHOSTUNREACH as a dead neighbour, and TCP sockets have no error
    queue to read the ICMP code from. Timing separates them: a dead neighbour fails only after
    the ARP/ND timeout (about 3 s), an ICMP reject from a firewall arrives within a round trip."""
    if exc is None:
        return Reason.OK
    reason = classify_oserror(exc)
    code = getattr(exc, "errno", None)
    if reason is Reason.UNREACHABLE and code == _E("EHOSTUNREACH") and elapsed_s < FAST_ICMP_S:
        return Reason.PROHIBITED
    return reason


FAST_ICMP_S = 1.0


def classify_dns(exc: BaseException) -> Reason:
    """Map a dnspython exception to a Reason, most specific first."""
    import dns.exception
    import dns.resolver

    table: tuple[tuple[type[BaseException], Reason], ...] = (
        (dns.resolver.NXDOMAIN, Reason.NXDOMAIN),
        (dns.resolver.NoAnswer, Reason.NO_ANSWER),
        (dns.resolver.NoNameservers, Reason.SERVFAIL),
        (dns.resolver.LifetimeTimeout, Reason.DNS_TIMEOUT),
        (dns.exception.Timeout, Reason.DNS_TIMEOUT),
        (dns.resolver.NoResolverConfiguration, Reason.NO_NAMESERVERS),
    )
    return _first_match(exc, table) or classify_oserror(exc)


def classify_http(exc: BaseException) -> Reason:
    """Map an httpx exception to a Reason, looking through to the socket error underneath."""
    import httpx

    table: tuple[tuple[type[BaseException], Reason], ...] = (
        (httpx.ProxyError, Reason.PROXY_ERROR),
        (httpx.TimeoutException, Reason.TIMEOUT),
        (httpx.TooManyRedirects, Reason.REDIRECT),
    )
    found = _first_match(exc, table)
    if found:
        return found
    cause = _root_cause(exc)
    if cause is not exc:
        reason = classify_oserror(cause)
        if reason is not Reason.ERROR:
            return reason
    if "CERTIFICATE_VERIFY_FAILED" in str(exc):
        return Reason.TLS_UNTRUSTED
    if isinstance(exc, httpx.ConnectError) and "SSL" in str(exc):
        return Reason.TLS_ERROR
    return classify_oserror(exc)


def _first_match(exc: BaseException, table: tuple[tuple[type[BaseException], Reason], ...]) -> Reason | None:
    for cls, reason in table:
        if isinstance(exc, cls):
            return reason
    return None


def _root_cause(exc: BaseException) -> BaseException:
    seen: set[int] = set()
    cur: BaseException = exc
    while id(cur) not in seen:
        seen.add(id(cur))
        nxt = cur.__cause__ or cur.__context__
        if nxt is None:
            break
        cur = nxt
    return cur


Classifier = Callable[[BaseException], Reason]


def classify_handshake(exc: BaseException) -> str | None:
    """How a TLS handshake on a connected socket ended badly, as a middlebox leaves it: "reset" (a
    TCP RST), "closed" (FIN or EOF mid-handshake; asyncio reports a ConnectionResetError without
    errno), "stalled" (nothing came back in time), or None for anything else (a certificate, an
    alert: the server did answer)."""
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return "stalled"
    if isinstance(exc, ssl.SSLEOFError | ssl.SSLZeroReturnError | ConnectionAbortedError | BrokenPipeError):
        return "closed"
    if isinstance(exc, ConnectionResetError):
        return "reset" if exc.errno else "closed"
    if isinstance(exc, OSError) and not isinstance(exc, ssl.SSLError) and exc.errno == _E("ECONNRESET"):
        return "reset"
    return None
