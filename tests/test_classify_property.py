"""Property: any errno, exception type or chain given to the classifier gives a Reason; nothing escapes."""

from __future__ import annotations

import errno
import socket
import ssl

import dns.exception
import dns.resolver
import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from netcheck.classify import classify_connect, classify_dns, classify_http, classify_oserror
from netcheck.model import Reason

SETTINGS = settings(max_examples=400, deadline=None)
codes = st.one_of(st.sampled_from(sorted(errno.errorcode)), st.integers(-(2**31), 2**31), st.none())
winerrors = st.one_of(st.none(), st.sampled_from([10013, 10050, 10051, 10060, 10061, 10064, 10065]), st.integers())
texts = st.one_of(st.text(max_size=40), st.sampled_from(["CERTIFICATE_VERIFY_FAILED", "SSL: WRONG_VERSION", ""]))


def _oserror(cls: type[OSError], code: int | None, text: str, winerror: int | None) -> OSError:
    exc = cls(code, text) if code is not None else cls(text)
    if winerror is not None:
        exc.winerror = winerror  # type: ignore[attr-defined]
    return exc


os_errors = st.builds(
    _oserror,
    st.sampled_from(
        [OSError, ConnectionRefusedError, ConnectionResetError, TimeoutError, socket.gaierror, socket.herror]
        + [ssl.SSLError, ssl.SSLCertVerificationError, PermissionError, BrokenPipeError, InterruptedError]
    ),
    codes,
    texts,
    winerrors,
)
other_errors = st.builds(
    lambda cls, text: cls(text),
    st.sampled_from([ValueError, RuntimeError, KeyError, UnicodeError, EOFError, Exception, AssertionError]),
    texts,
)
dns_errors = st.one_of(
    st.sampled_from(
        [
            dns.resolver.NXDOMAIN(),
            dns.resolver.NoAnswer(),
            dns.resolver.NoNameservers(),
            dns.resolver.LifetimeTimeout(timeout=1.0, errors=[]),
            dns.exception.Timeout(),
            dns.resolver.NoResolverConfiguration(),
            dns.exception.FormError("bad"),
            dns.exception.SyntaxError("bad"),
            dns.resolver.YXDOMAIN(),
            dns.exception.TooBig(),
        ]
    ),
    os_errors,
    other_errors,
)
http_errors = st.builds(
    lambda cls, text: cls(text),
    st.sampled_from(
        [
            httpx.ConnectError,
            httpx.ReadError,
            httpx.WriteError,
            httpx.ConnectTimeout,
            httpx.ReadTimeout,
            httpx.PoolTimeout,
            httpx.ProxyError,
            httpx.RemoteProtocolError,
            httpx.LocalProtocolError,
            httpx.UnsupportedProtocol,
            httpx.DecodingError,
            httpx.TooManyRedirects,
            httpx.InvalidURL,
        ]
    ),
    texts,
)


def chained(top: BaseException, causes: list[BaseException], loop: bool) -> BaseException:
    """httpx wraps socket errors; chains may be long, and a cycle must not hang the classifier."""
    cur = top
    for c in causes:
        cur.__cause__ = c
        cur = c
    if loop and causes:
        cur.__context__ = top
    return top


any_error = st.one_of(os_errors, other_errors, dns_errors, http_errors)
chains = st.builds(chained, any_error, st.lists(any_error, max_size=4, unique_by=id), st.booleans())


@SETTINGS
@given(os_errors | other_errors)
def test_oserror_table(exc: BaseException) -> None:
    assert isinstance(classify_oserror(exc), Reason)


@SETTINGS
@given(st.one_of(st.none(), os_errors, other_errors), st.floats(allow_nan=True, allow_infinity=True))
def test_connect(exc: BaseException | None, elapsed: float) -> None:
    reason = classify_connect(exc, elapsed)
    assert isinstance(reason, Reason) and (reason is Reason.OK) == (exc is None)


@SETTINGS
@given(dns_errors)
def test_dns(exc: BaseException) -> None:
    assert isinstance(classify_dns(exc), Reason)


@SETTINGS
@given(st.one_of(http_errors, chains))
def test_http_and_chains(exc: BaseException) -> None:
    assert isinstance(classify_http(exc), Reason)


@SETTINGS
@given(st.sampled_from(sorted(errno.errorcode)))
def test_known_errnos_never_classify_as_ok(code: int) -> None:
    assert classify_oserror(OSError(code, "x")) is not Reason.OK
