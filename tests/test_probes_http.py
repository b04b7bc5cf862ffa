"""HTTP probe through real loopback proxies: one that demands credentials (407 to GET and to CONNECT),
and broken transparent proxies that answer 200 with an empty or tiny body (not a captive portal)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest

from netcheck.model import Check, Kind, Reason, Status
from netcheck.probes.base import ProbeContext
from netcheck.probes.http import probe
from netcheck.probes.proxy import auth_schemes

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]
DENIED = (
    b'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\n'
    b"Proxy-Authenticate: NTLM\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
)


async def _demands_login(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readuntil(b"\r\n\r\n")
    writer.write(DENIED)
    await writer.drain()
    writer.close()


def _answers_200(body: bytes) -> Handler:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body))
        await writer.drain()
        writer.close()

    return handle


@pytest.fixture
async def serve() -> AsyncIterator[Callable[[Handler], Awaitable[str]]]:
    servers: list[asyncio.Server] = []

    async def start(handler: Handler) -> str:
        servers.append(await asyncio.start_server(handler, "127.0.0.1", 0))
        return f"http://127.0.0.1:{servers[-1].sockets[0].getsockname()[1]}"

    yield start
    for s in servers:
        s.close()


async def _get(url: str, proxy: str, expect: int = 204, body: str = "") -> tuple[Status, Reason, dict[str, object]]:
    params: dict[str, object] = {"expect_status": expect, "expect_body": body}
    async with httpx.AsyncClient(proxy=proxy, trust_env=False) as client:
        check = Check(id="http", kind=Kind.HTTP, target=url, url=url, params=params)
        out = await probe(check, ProbeContext(timeout=2, http_client=client))
    return out.status, out.reason, dict(out.detail)


@pytest.mark.parametrize("url", ["http://connectivitycheck.gstatic.com/generate_204", "https://example.com/"])
async def test_a_proxy_demanding_credentials_is_a_proxy_error_not_a_portal(serve, url: str) -> None:
    status, reason, detail = await _get(url, await serve(_demands_login))
    assert (status, reason) == (Status.FAIL, Reason.PROXY_ERROR)
    assert detail["auth_required"] is True and detail["http_status"] == 407
    if url.startswith("http://"):  # httpx hides a CONNECT answer's headers; the proxy probe reads them
        assert detail["auth_schemes"] == ["Basic", "NTLM"]


@pytest.mark.parametrize(("body", "transparent"), [(b"", True), (b"ok\r\n", True), (b"<html>", False)])
async def test_a_tiny_200_is_a_broken_transparent_proxy(serve, body: bytes, transparent: bool) -> None:
    _, reason, detail = await _get("http://connectivitycheck.gstatic.com/generate_204", await serve(_answers_200(body)))
    assert (reason is Reason.PROXY_ERROR) is transparent
    assert reason is (Reason.PROXY_ERROR if transparent else Reason.HTTP_STATUS)
    assert detail.get("transparent_proxy", False) is transparent


async def test_an_empty_200_where_a_body_was_expected_is_not_a_portal_either(serve) -> None:
    url = "http://captive.apple.com/hotspot-detect.html"
    _, reason, _ = await _get(url, await serve(_answers_200(b"")), expect=200, body="Success")
    assert reason is Reason.PROXY_ERROR


@pytest.mark.parametrize(
    ("values", "schemes"),
    [
        (['Basic realm="corp"'], ["Basic"]),
        (['Basic realm="a", NTLM', "Negotiate"], ["Basic", "NTLM", "Negotiate"]),
        (['Digest realm="x", nonce="y", qop="auth"'], ["Digest"]),
        (["Basic", "Basic"], ["Basic"]),
        ([], []),
    ],
)
def test_auth_schemes(values: list[str], schemes: list[str]) -> None:
    assert auth_schemes(values) == schemes
