"""The classifier table: constructed exceptions in, reasons out. No sockets."""

from __future__ import annotations

import errno
import socket
import ssl

import dns.exception
import dns.resolver
import httpx
import pytest

from netcheck.classify import classify_connect, classify_dns, classify_http, classify_oserror
from netcheck.model import Reason


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (ConnectionRefusedError(errno.ECONNREFUSED, "refused"), Reason.REFUSED),
        (OSError(errno.ECONNREFUSED, "refused"), Reason.REFUSED),
        (TimeoutError(), Reason.TIMEOUT),
        (OSError(errno.ETIMEDOUT, "timed out"), Reason.TIMEOUT),
        (OSError(errno.ENETUNREACH, "net unreachable"), Reason.UNREACHABLE),
        (OSError(errno.EHOSTUNREACH, "no route"), Reason.UNREACHABLE),
        (OSError(errno.EACCES, "permission denied"), Reason.PROHIBITED),
        (OSError(errno.EPERM, "not permitted"), Reason.PROHIBITED),
        (OSError(errno.EINVAL, "weird"), Reason.ERROR),
        (socket.gaierror(socket.EAI_NONAME, "unknown"), Reason.NXDOMAIN),
        (socket.gaierror(socket.EAI_AGAIN, "temporary"), Reason.DNS_TIMEOUT),
        (socket.gaierror(socket.EAI_FAIL, "fail"), Reason.SERVFAIL),
        (ssl.SSLCertVerificationError("bad cert"), Reason.TLS_UNTRUSTED),
        (ssl.SSLError("handshake"), Reason.TLS_ERROR),
        (ValueError("not a network error"), Reason.ERROR),
    ],
)
def test_oserror_table(exc: BaseException, reason: Reason) -> None:
    assert classify_oserror(exc) is reason


def test_windows_winerror_is_read() -> None:
    exc = OSError(None, "refused")
    exc.winerror = 10061  # type: ignore[attr-defined]
    assert classify_oserror(exc) is Reason.REFUSED


@pytest.mark.parametrize(
    ("elapsed", "reason"),
    [(0.02, Reason.PROHIBITED), (3.1, Reason.UNREACHABLE)],
)
def test_fast_host_unreachable_is_a_firewall_reject(elapsed: float, reason: Reason) -> None:
    # Linux reports ICMP admin-prohibited as EHOSTUNREACH; only a dead neighbour takes the ARP timeout.
    assert classify_connect(OSError(errno.EHOSTUNREACH, "no route"), elapsed) is reason


def test_connect_success_is_ok() -> None:
    assert classify_connect(None, 0.01) is Reason.OK


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (dns.resolver.NXDOMAIN(), Reason.NXDOMAIN),
        (dns.resolver.NoAnswer(), Reason.NO_ANSWER),
        (dns.resolver.NoNameservers(), Reason.SERVFAIL),
        (dns.resolver.LifetimeTimeout(timeout=1.0, errors=[]), Reason.DNS_TIMEOUT),
        (dns.exception.Timeout(), Reason.DNS_TIMEOUT),
        (dns.resolver.NoResolverConfiguration(), Reason.NO_NAMESERVERS),
    ],
)
def test_dns_table(exc: BaseException, reason: Reason) -> None:
    assert classify_dns(exc) is reason


def _chained(outer: BaseException, inner: BaseException) -> BaseException:
    outer.__cause__ = inner
    return outer


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (httpx.ProxyError("proxy said no"), Reason.PROXY_ERROR),
        (httpx.ConnectTimeout("slow"), Reason.TIMEOUT),
        (httpx.ReadTimeout("slow"), Reason.TIMEOUT),
        (httpx.TooManyRedirects("loop"), Reason.REDIRECT),
        (_chained(httpx.ConnectError("x"), ConnectionRefusedError(errno.ECONNREFUSED, "r")), Reason.REFUSED),
        (_chained(httpx.ConnectError("x"), socket.gaierror(socket.EAI_NONAME, "n")), Reason.NXDOMAIN),
        (httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"), Reason.TLS_UNTRUSTED),
    ],
)
def test_http_table(exc: BaseException, reason: Reason) -> None:
    assert classify_http(exc) is reason
