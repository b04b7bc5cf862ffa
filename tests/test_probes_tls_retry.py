"""TLS probe against real loopback middleboxes: a name filter (DPI) that resets or closes on IBKR's server
name, a server that resets every handshake, and a "path" that loses full-size segments (the server stalls
unless the client announced a small MSS, as a path-MTU black hole does)."""

from __future__ import annotations

import socket
import ssl
import struct
import threading
from collections.abc import Callable, Iterator

import pytest
import trustme

from netcheck.classify import classify_handshake
from netcheck.model import Check, Kind, Reason, Status
from netcheck.probes.base import ProbeContext
from netcheck.probes.tls import probe
from netcheck.probes.tls_retry import NEUTRAL_SNI, SMALL_MSS, summary

HOST = "www.interactivebrokers.com"
Behaviour = Callable[[socket.socket, ssl.SSLContext], None]


def _reset(conn: socket.socket) -> None:
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def _close(conn: socket.socket) -> None:
    conn.recv(4096)  # closing with unread data would send a reset instead of a FIN
    conn.close()


def _handshake(conn: socket.socket, tls: ssl.SSLContext) -> None:
    try:
        with tls.wrap_socket(conn, server_side=True) as s:
            s.recv(1)
    except (OSError, ssl.SSLError):
        pass


def dpi(cut: Callable[[socket.socket], None]) -> Behaviour:
    """Reads the ClientHello; cuts it when it names IBKR, else lets the handshake through."""

    def act(conn: socket.socket, tls: ssl.SSLContext) -> None:
        hello = conn.recv(4096, socket.MSG_PEEK)
        cut(conn) if b"interactivebrokers" in hello else _handshake(conn, tls)

    return act


def reset_all(conn: socket.socket, tls: ssl.SSLContext) -> None:
    conn.recv(4096)
    _reset(conn)


def mtu_hole(conn: socket.socket, tls: ssl.SSLContext) -> None:
    """Full-size segments never arrive: only a client that announced a small MSS gets an answer."""
    if conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG) <= SMALL_MSS:
        _handshake(conn, tls)
    else:
        conn.recv(4096)
        conn.recv(1)  # hangs until the client gives up


@pytest.fixture
def ca() -> trustme.CA:
    return trustme.CA()


def serve(ca: trustme.CA, behaviour: Behaviour) -> Iterator[int]:
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(HOST).configure_cert(tls)
    listener = socket.create_server(("127.0.0.1", 0))

    def loop() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=behaviour, args=(conn, tls), daemon=True).start()

    threading.Thread(target=loop, daemon=True).start()
    yield listener.getsockname()[1]
    listener.close()


def _run(port: int, ca: trustme.CA, timeout: float = 0.5) -> dict[str, object]:
    import asyncio

    client = ssl.create_default_context()
    ca.configure_trust(client)
    check = Check(id="tls:x", kind=Kind.TLS, target=HOST, host=HOST, port=port, address="127.0.0.1")
    out = asyncio.run(probe(check, ProbeContext(timeout=timeout, ssl_context=client)))
    assert out.status is Status.FAIL
    return dict(out.detail, reason=out.reason)


@pytest.mark.parametrize(("cut", "happened"), [(_reset, "reset"), (_close, "closed")])
def test_a_name_filter_cuts_ibkr_and_lets_a_neutral_name_through(ca: trustme.CA, cut, happened) -> None:
    for port in serve(ca, dpi(cut)):
        d = _run(port, ca)
        assert (d["handshake"], d["neutral_result"], d["small_mss_result"]) == (happened, "ok", happened)
        assert d["neutral_sni"] == NEUTRAL_SNI and "127.0.0.1" in str(d["error"]) and HOST in str(d["error"])


def test_a_server_resetting_every_name(ca: trustme.CA) -> None:
    for port in serve(ca, reset_all):
        d = _run(port, ca)
        assert (d["handshake"], d["neutral_result"], d["small_mss_result"]) == ("reset", "reset", "reset")


def test_a_path_losing_full_size_segments_completes_with_a_small_mss(ca: trustme.CA) -> None:
    for port in serve(ca, mtu_hole):
        d = _run(port, ca)
        assert (d["handshake"], d["neutral_result"], d["small_mss_result"]) == ("stalled", "stalled", "ok")
        assert d["reason"] is Reason.TIMEOUT and int(str(d["mss"])) > SMALL_MSS


def test_a_certificate_failure_is_not_retried(ca: trustme.CA) -> None:
    for port in serve(ca, _handshake):
        d = _run(port, ca=trustme.CA())  # the client trusts another CA
        assert d["reason"] is Reason.TLS_UNTRUSTED and "handshake" not in d


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (TimeoutError(), "stalled"),
        (ConnectionResetError(104, "Connection reset by peer"), "reset"),
        (ConnectionResetError(), "closed"),  # asyncio's "connection lost" during the handshake
        (ssl.SSLEOFError(), "closed"),
        (BrokenPipeError(), "closed"),
        (ssl.SSLError(1, "alert handshake failure"), None),
        (ssl.SSLCertVerificationError(), None),
        (ConnectionRefusedError(), None),
    ],
)
def test_classify_handshake(exc: BaseException, expected: str | None) -> None:
    assert classify_handshake(exc) == expected


def test_summary_names_address_name_what_and_when() -> None:
    d = {"handshake": "reset", "after_ms": 3, "neutral_sni": NEUTRAL_SNI, "neutral_result": "ok"}
    line = summary({**d, "small_mss": 536, "small_mss_result": "reset"}, "203.0.113.10", HOST)
    assert line == (
        f"TLS to 203.0.113.10 with server name {HOST}: reset after 3 ms; with server name {NEUTRAL_SNI}: ok; "
        "with MSS 536: reset"
    )
