"""The run's shared HTTP client, built on first use so DNS and TCP probes do not wait for httpx."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import sys
from collections.abc import AsyncIterator, Iterator
from typing import Any

# Imported by httpx/httpcore only if installed, never needed here: trio (httpcore checks for it;
# netcheck runs on asyncio) and httpx's command-line client (rich, pygments). In a development
# environment they cost ~60 ms of start-up; a missing module is exactly what httpx expects.
_NOT_NEEDED = ("trio", "httpx._main")


@contextlib.contextmanager
def _without_unneeded_imports() -> Iterator[None]:
    """Inside: `import trio` and `import httpx._main` raise ImportError, as if not installed (httpx
    and httpcore expect that); after: they import as usual elsewhere."""
    blocked = [name for name in _NOT_NEEDED if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in blocked:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


def build(ctx_ssl: ssl.SSLContext, timeout: float) -> Any:
    """An httpx.AsyncClient: no keep-alive (each check measures its own connection). httpx imports
    httpcore only when the client is made, so both happen inside the guard."""
    with _without_unneeded_imports():
        import httpx

        limits = httpx.Limits(max_connections=32, max_keepalive_connections=0)
        try:  # honours HTTP(S)_PROXY, ALL_PROXY and NO_PROXY like other tools
            return httpx.AsyncClient(verify=ctx_ssl, trust_env=True, timeout=timeout, limits=limits)
        except Exception:  # e.g. a socks:// proxy without socksio installed: go direct, do not crash
            return httpx.AsyncClient(verify=ctx_ssl, trust_env=False, timeout=timeout, limits=limits)


class LazyClient:
    """Stands in for the AsyncClient in ProbeContext.http_client: the first `stream()` builds it
    (once, under a lock); `aclose()` closes it only if it was built."""

    def __init__(self, ctx_ssl: ssl.SSLContext, timeout: float) -> None:
        self._ssl, self._timeout = ctx_ssl, timeout
        self._client: Any = None
        self._lock = asyncio.Lock()

    async def get(self) -> Any:
        if self._client is None:
            async with self._lock:
                if self._client is None:
                    await asyncio.sleep(0)  # let sibling probes send their first packets first
                    self._client = build(self._ssl, self._timeout)
        return self._client

    @contextlib.asynccontextmanager
    async def stream(self, method: str, url: str, **kwargs: Any) -> AsyncIterator[Any]:
        client = await self.get()
        async with client.stream(method, url, **kwargs) as resp:
            yield resp

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
