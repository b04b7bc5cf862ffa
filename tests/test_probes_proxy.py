"""Proxy probe against loopback fakes: an HTTP proxy that allows 443 only, a SOCKS5 proxy, a dead port."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from netcheck.model import HostEntry, HostList, Reason, Status
from netcheck.planner.web import proxy_reach_check, proxy_tunnel_checks
from netcheck.platform.proxy import Proxy
from netcheck.probes.base import ProbeContext
from netcheck.probes.proxy import probe

HL = HostList(
    hosts=(
        HostEntry("ndc1.ibllc.com", (4000, 4001), "TWS gateway", "america-east"),
        HostEntry("www.interactivebrokers.com", (443,), "IBKR website"),
    )
)
CTX = ProbeContext(timeout=1.0)


async def _http_proxy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Like tinyproxy with `ConnectPort 443`: CONNECT to 443 only."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode()
    ok = head.startswith("CONNECT ") and head.split()[1].endswith(":443")
    writer.write(
        b"HTTP/1.0 200 Connection established\r\n\r\n"
        if ok
        else b"HTTP/1.0 403 Access violation\r\nServer: tinyproxy/1.11.1\r\n\r\n"
    )
    await writer.drain()
    writer.close()


async def _socks5(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readexactly(3)
    writer.write(b"\x05\x00")
    head = await reader.readexactly(5)
    name = await reader.readexactly(head[4] + 2)
    port = int.from_bytes(name[-2:], "big")
    writer.write(b"\x05" + (b"\x00" if port == 4001 else b"\x02") + b"\x00\x01" + bytes(6))
    await writer.drain()
    writer.close()


@pytest.fixture
async def http_proxy() -> AsyncIterator[Proxy]:
    srv = await asyncio.start_server(_http_proxy, "127.0.0.1", 0)
    yield Proxy("http", "127.0.0.1", srv.sockets[0].getsockname()[1], "HTTPS_PROXY")
    srv.close()


async def test_http_proxy_tunnels_443_but_not_gateway_ports(http_proxy: Proxy) -> None:
    reach = await probe(proxy_reach_check(http_proxy), CTX)
    assert reach.status is Status.PASS and reach.detail["proxy_address"] == "127.0.0.1"
    outs = {o.check.port: o for o in [await probe(c, CTX) for c in proxy_tunnel_checks(http_proxy, HL)]}
    assert outs[443].status is Status.PASS and outs[443].detail["http_status"] == 200
    for port in (4000, 4001):
        assert outs[port].status is Status.WARN and outs[port].reason is Reason.PROXY_ERROR
        assert outs[port].detail["http_status"] == 403 and outs[port].detail["proxy_server"].startswith("tinyproxy")


async def test_socks5_proxy() -> None:
    srv = await asyncio.start_server(_socks5, "127.0.0.1", 0)
    try:
        p = Proxy("socks5", "127.0.0.1", srv.sockets[0].getsockname()[1], "ALL_PROXY")
        outs = {o.check.port: o for o in [await probe(c, CTX) for c in proxy_tunnel_checks(p, HL)]}
    finally:
        srv.close()
    assert outs[4001].status is Status.PASS
    assert outs[4000].reason is Reason.PROXY_ERROR and "not allowed" in outs[4000].detail["error"]


async def test_dead_proxy_is_refused() -> None:
    srv = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    srv.close()
    await srv.wait_closed()
    out = await probe(proxy_reach_check(Proxy("http", "127.0.0.1", port, "HTTPS_PROXY")), CTX)
    assert out.status is Status.WARN and out.reason is Reason.REFUSED


async def test_proxy_that_says_nothing_times_out() -> None:
    async def mute(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(3)

    srv = await asyncio.start_server(mute, "127.0.0.1", 0)
    try:
        p = Proxy("http", "127.0.0.1", srv.sockets[0].getsockname()[1], "HTTPS_PROXY")
        out = await probe(proxy_tunnel_checks(p, HL)[0], ProbeContext(timeout=0.3))
    finally:
        srv.close()
    assert out.reason is Reason.TIMEOUT


async def test_a_busy_event_loop_is_not_blamed_on_the_proxy() -> None:
    """At start-up the loop is blocked for a while (the HTTP client is built, psutil runs); a proxy
    that accepted at once must not be reported as timed out. The kernel accepts for this listener."""
    import socket
    import time

    with socket.create_server(("127.0.0.1", 0)) as listener:
        p = Proxy("socks5", "127.0.0.1", listener.getsockname()[1], "ALL_PROXY")
        task = asyncio.create_task(probe(proxy_reach_check(p), ProbeContext(timeout=0.5)))
        await asyncio.sleep(0)  # the probe starts, then waits for its first answer
        time.sleep(0.8)  # noqa: ASYNC251 (the point: the loop is busy longer than the probe's timeout)
        out = await task
    assert out.status is Status.PASS, out.detail


def test_tunnel_targets_are_one_web_host_and_each_gateway_port() -> None:
    p = Proxy("http", "198.51.100.1", 8888, "HTTPS_PROXY")
    ids = [c.id for c in proxy_tunnel_checks(p, HL)]
    assert ids == [
        "proxy-connect:198.51.100.1:8888>www.interactivebrokers.com:443",
        "proxy-connect:198.51.100.1:8888>ndc1.ibllc.com:4000",
        "proxy-connect:198.51.100.1:8888>ndc1.ibllc.com:4001",
    ]


def test_cli_never_shows_proxy_credentials(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """End to end on loopback only: a dead proxy with credentials in HTTPS_PROXY and HTTP_PROXY."""
    import json
    import os
    import socket
    import subprocess
    import sys

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    server = socket.create_server(("127.0.0.1", 0))  # a direct path that works: the kernel accepts
    hosts = tmp_path / "hosts.toml"
    hosts.write_text(
        f'[[host]]\nname = "127.0.0.1"\nports = [{server.getsockname()[1]}]\npurpose = "web"\n\n'
        f'[[reachability]]\nurl = "http://127.0.0.1:{dead}/generate_204"\nexpect_status = 204\n'
    )
    secret = f"http://alice:s3cret@127.0.0.1:{dead}"
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(HTTPS_PROXY=secret, HTTP_PROXY=secret, NO_COLOR="1")
    for fmt in ("json", "terminal"):
        cp = subprocess.run(
            [
                sys.executable,
                "-m",
                "netcheck",
                "run",
                "--hosts",
                str(hosts),
                "--no-local",
                "--format",
                fmt,
                "--public-dns",
                "127.0.0.1",
                "--timeout",
                "0.5",
                "--deadline",
                "10",
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert "s3cret" not in cp.stdout + cp.stderr and "alice" not in cp.stdout + cp.stderr
        assert "proxy-unreachable" in cp.stdout, cp.stdout + cp.stderr
        if fmt == "json":
            report = json.loads(cp.stdout)
            (f,) = [f for f in report["findings"] if f["id"] == "proxy-unreachable"]
            assert f"127.0.0.1:{dead}" in f["title"] and f["remediation"] and f["severity"] == "warn"
            assert cp.returncode == 0, cp.stdout
    server.close()


async def _login_proxy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Like tinyproxy with `BasicAuth`: every CONNECT gets 407 and the offered schemes."""
    await reader.readuntil(b"\r\n\r\n")
    writer.write(
        b"HTTP/1.0 407 Proxy Authentication Required\r\nServer: tinyproxy/1.11.1\r\n"
        b'Proxy-Authenticate: Basic realm="Tinyproxy"\r\n'
        b"Proxy-Authenticate: Negotiate\r\n\r\n"
    )
    await writer.drain()
    writer.close()


async def test_a_proxy_demanding_credentials_names_its_schemes() -> None:
    srv = await asyncio.start_server(_login_proxy, "127.0.0.1", 0)
    proxy = Proxy("http", "127.0.0.1", srv.sockets[0].getsockname()[1], "HTTPS_PROXY")
    try:
        outs = [await probe(c, CTX) for c in proxy_tunnel_checks(proxy, HL)]
    finally:
        srv.close()
    assert {o.reason for o in outs} == {Reason.PROXY_ERROR}
    assert all(o.detail["auth_required"] and o.detail["auth_schemes"] == ["Basic", "Negotiate"] for o in outs)
