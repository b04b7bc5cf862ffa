"""Classifier edges: unknown codes, the fast-reject threshold, SSL wording, odd exception chains."""

from __future__ import annotations

import errno
import socket
import threading

import httpx
import pytest

from netcheck.classify import FAST_ICMP_S, classify_connect, classify_dns, classify_http, classify_oserror
from netcheck.model import Reason


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (socket.gaierror(-12345, "unknown code"), Reason.ERROR),
        (socket.gaierror(None, "no code"), Reason.ERROR),
        (socket.gaierror(11001, "WSAHOST_NOT_FOUND"), Reason.NXDOMAIN),
        (socket.gaierror(11004, "WSANO_DATA"), Reason.NO_ANSWER),
    ],
)
def test_getaddrinfo_codes(exc: BaseException, reason: Reason) -> None:
    assert classify_oserror(exc) is reason


@pytest.mark.parametrize(
    ("elapsed", "reason"),
    [
        (0.0, Reason.PROHIBITED),
        (FAST_ICMP_S - 0.001, Reason.PROHIBITED),
        (FAST_ICMP_S, Reason.UNREACHABLE),  # from here a dead neighbour is as likely as a firewall
        (FAST_ICMP_S + 0.001, Reason.UNREACHABLE),
    ],
)
def test_fast_icmp_threshold(elapsed: float, reason: Reason) -> None:
    assert classify_connect(OSError(errno.EHOSTUNREACH, "no route"), elapsed) is reason


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (OSError(errno.ENETUNREACH, "net unreachable"), Reason.UNREACHABLE),  # only EHOSTUNREACH is ambiguous
        (OSError(errno.ECONNREFUSED, "refused"), Reason.REFUSED),
        (ValueError("no errno at all"), Reason.ERROR),
    ],
)
def test_fast_failures_that_are_not_host_unreachable_keep_their_reason(exc: BaseException, reason: Reason) -> None:
    assert classify_connect(exc, 0.01) is reason


def test_dns_falls_back_to_the_socket_table() -> None:
    assert classify_dns(ConnectionRefusedError(errno.ECONNREFUSED, "r")) is Reason.REFUSED
    assert classify_dns(ValueError("neither")) is Reason.ERROR


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (httpx.ConnectError("[SSL: WRONG_VERSION_NUMBER] wrong version number"), Reason.TLS_ERROR),
        (httpx.ConnectError("ssl handshake failed"), Reason.ERROR),  # the upper-case SSL is OpenSSL's tag
        (httpx.ConnectError("connection failed"), Reason.ERROR),
        (httpx.ReadError("[SSL] read failed after the handshake"), Reason.ERROR),  # not a connect error
        (TimeoutError(), Reason.TIMEOUT),  # a bare socket-level error goes through the socket table
        (ConnectionRefusedError(errno.ECONNREFUSED, "r"), Reason.REFUSED),
    ],
)
def test_http_edges(exc: BaseException, reason: Reason) -> None:
    assert classify_http(exc) is reason


def test_a_cyclic_exception_chain_ends() -> None:
    outer, inner = httpx.ConnectError("x"), OSError(errno.EINVAL, "y")
    outer.__cause__, inner.__context__ = inner, outer
    result: list[Reason] = []
    # A daemon thread, so a classifier that loops on the cycle fails this test at once instead of hanging.
    worker = threading.Thread(target=lambda: result.append(classify_http(outer)), daemon=True)
    worker.start()
    worker.join(timeout=2.0)
    assert result == [Reason.ERROR]
