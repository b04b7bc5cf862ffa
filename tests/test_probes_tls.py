"""TLS probe against loopback servers: trusted, re-signed by an inspection CA, wrong name, Date header."""

from __future__ import annotations

import asyncio
import email.utils
import ssl
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
import trustme

from netcheck.model import Check, Kind, Reason, Status
from netcheck.probes.base import ProbeContext
from netcheck.probes.tls import cert_facts, issuer_label, probe

HOST = "www.interactivebrokers.com"
SERVER_TIME = 1_800_000_000.0  # the fake server's clock; the client's wall clock is pinned too


@dataclass
class Server:
    port: int
    trusted: trustme.CA


def _check(port: int, host: str = HOST) -> Check:
    return Check(id=f"tls:{host}:443@127.0.0.1", kind=Kind.TLS, target=host, host=host, port=port, address="127.0.0.1")


async def _serve(ca: trustme.CA, names: tuple[str, ...], date: bool = True) -> asyncio.Server:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*names).configure_cert(ctx)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
            stamp = f"Date: {email.utils.formatdate(SERVER_TIME, usegmt=True)}\r\n" if date else ""
            writer.write(f"HTTP/1.1 200 OK\r\n{stamp}Content-Length: 0\r\n\r\n".encode())
            await writer.drain()
        except (OSError, asyncio.IncompleteReadError, ssl.SSLError):
            pass
        finally:
            writer.close()

    return await asyncio.start_server(handle, "127.0.0.1", 0, ssl=ctx)


@pytest.fixture
def trusted() -> trustme.CA:
    return trustme.CA(organization_name="netcheck test root")


def _ctx(trusted: trustme.CA, timeout: float = 2.0) -> ProbeContext:
    client = ssl.create_default_context()
    trusted.configure_trust(client)
    return ProbeContext(timeout=timeout, ssl_context=client, wall_clock=lambda: SERVER_TIME + 3600.5)


@pytest.fixture
async def server(trusted: trustme.CA) -> AsyncIterator[Server]:
    srv = await _serve(trusted, (HOST,))
    yield Server(srv.sockets[0].getsockname()[1], trusted)
    srv.close()


async def test_trusted_server_passes_with_version_expiry_and_date(server: Server) -> None:
    out = await probe(_check(server.port), _ctx(server.trusted))
    assert out.status is Status.PASS and out.reason is Reason.OK
    d = out.detail
    assert d["tls_version"] in ("TLSv1.2", "TLSv1.3") and d["not_after"].endswith("Z")
    assert d["issuer_org"] == "netcheck test root" and d["sni"] == HOST
    assert d["server_date"] == email.utils.formatdate(SERVER_TIME, usegmt=True)
    assert d["local_time"] == SERVER_TIME + 3600.5


async def test_inspection_ca_is_untrusted_and_named(trusted: trustme.CA) -> None:
    evil = trustme.CA(organization_name="Evil Corp Inspection CA")
    srv = await _serve(evil, (HOST,))
    try:
        out = await probe(_check(srv.sockets[0].getsockname()[1]), _ctx(trusted))
    finally:
        srv.close()
    assert out.status is Status.FAIL and out.reason is Reason.TLS_UNTRUSTED
    assert "Evil Corp Inspection CA" in out.detail["issuer"]
    assert out.detail["verify_code"] == 20  # unable to get local issuer certificate
    assert "server_date" in out.detail  # the clock can still be read through the interceptor


async def test_wrong_name_is_untrusted(trusted: trustme.CA) -> None:
    srv = await _serve(trusted, ("other.example",))
    try:
        out = await probe(_check(srv.sockets[0].getsockname()[1]), _ctx(trusted))
    finally:
        srv.close()
    assert out.reason is Reason.TLS_UNTRUSTED and "mismatch" in out.detail["verify_error"].lower()


async def test_optional_host_failure_is_a_warning(trusted: trustme.CA) -> None:
    evil = trustme.CA()
    srv = await _serve(evil, (HOST,))
    try:
        check = _check(srv.sockets[0].getsockname()[1])
        from dataclasses import replace

        out = await probe(replace(check, required=False), _ctx(trusted))
    finally:
        srv.close()
    assert out.status is Status.WARN


async def test_no_date_header_still_passes(trusted: trustme.CA) -> None:
    srv = await _serve(trusted, (HOST,), date=False)
    try:
        out = await probe(_check(srv.sockets[0].getsockname()[1]), _ctx(trusted))
    finally:
        srv.close()
    assert out.status is Status.PASS and "server_date" not in out.detail


async def test_refused_port_is_refused(trusted: trustme.CA) -> None:
    srv = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    srv.close()
    await srv.wait_closed()
    out = await probe(_check(port), _ctx(trusted))
    assert out.reason is Reason.REFUSED and out.status is Status.FAIL


async def test_silent_server_times_out_within_the_bound(trusted: trustme.CA) -> None:
    async def mute(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(5)

    srv = await asyncio.start_server(mute, "127.0.0.1", 0)
    try:
        loop = asyncio.get_running_loop()
        t0 = loop.time()
        out = await probe(_check(srv.sockets[0].getsockname()[1]), _ctx(trusted, timeout=0.3))
        assert loop.time() - t0 < 1.5
    finally:
        srv.close()
    assert out.reason is Reason.TIMEOUT


def test_cert_facts_and_issuer_label() -> None:
    ca = trustme.CA(organization_name="Evil Corp")
    der = ssl.PEM_cert_to_DER_cert(ca.issue_cert(HOST).cert_chain_pems[0].bytes().decode())
    facts = cert_facts(der)
    assert facts["issuer_org"] == "Evil Corp" and facts["subject_cn"] == ""  # trustme leaves CN empty
    assert cert_facts(b"not a certificate") == {}
    assert issuer_label("Evil Corp Inspection CA", "Evil Corp") == "Evil Corp Inspection CA"
    assert issuer_label("Zscaler Intermediate Root CA", "Zscaler Inc.") == "Zscaler Intermediate Root CA (Zscaler Inc.)"
    assert issuer_label("", "") == "unknown issuer"
