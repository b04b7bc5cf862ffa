"""The run's HTTP client: built once, on first use, by concurrent probes; closed only if built."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import sys
from collections.abc import AsyncIterator
from typing import Any

import pytest

from netcheck import httpclient
from netcheck.httpclient import LazyClient


class FakeClient:
    def __init__(self) -> None:
        self.closed = False

    @contextlib.asynccontextmanager
    async def stream(self, method: str, url: str, **kwargs: Any) -> AsyncIterator[str]:
        yield f"{method} {url} {sorted(kwargs)}"

    async def aclose(self) -> None:
        self.closed = True


async def test_built_once_on_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[FakeClient] = []

    def fake_build(ctx_ssl: ssl.SSLContext, timeout: float) -> FakeClient:
        built.append(FakeClient())
        return built[-1]

    monkeypatch.setattr(httpclient, "build", fake_build)
    lazy = LazyClient(ssl.create_default_context(), 1.0)
    assert built == []

    async def use(url: str) -> str:
        async with lazy.stream("GET", url, follow_redirects=False) as resp:
            return str(resp)

    answers = await asyncio.gather(*(use(f"http://198.51.100.{i}/") for i in range(5)))
    assert len(built) == 1 and answers[0] == "GET http://198.51.100.0/ ['follow_redirects']"
    await lazy.aclose()
    assert built[0].closed


async def test_close_without_use_builds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(httpclient, "build", lambda *a: pytest.fail("built"))
    await LazyClient(ssl.create_default_context(), 1.0).aclose()


def test_real_client_and_imports_restored() -> None:
    client = httpclient.build(ssl.create_default_context(), 1.0)
    assert type(client).__name__ == "AsyncClient"
    assert all(sys.modules.get(name, "absent") is not None for name in httpclient._NOT_NEEDED)
