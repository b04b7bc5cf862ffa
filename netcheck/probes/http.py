"""HTTP(S) reachability probe: online, captive portal (redirect or wrong content), or failure."""

from __future__ import annotations

import asyncio

from netcheck.classify import classify_http
from netcheck.model import Check, Outcome, Reason, Status
from netcheck.probes.base import ProbeContext, failed, outcome

MAX_BODY = 64 * 1024  # a portal page is small; an endless body must not fill memory
# httpx's timeout bounds each read, so a server sending one byte per second never trips it;
# the whole exchange (connect, TLS, head, capped body) gets this many timeouts at most.
TOTAL_TIMEOUTS = 2


async def probe(check: Check, ctx: ProbeContext) -> Outcome:
    started = ctx.clock()
    expect_status = int(check.params.get("expect_status", 200))
    expect_body = str(check.params.get("expect_body", ""))
    try:
        async with asyncio.timeout(ctx.timeout * TOTAL_TIMEOUTS):
            status, body, location = await _fetch(check.url, ctx)
    except TimeoutError:
        limit = f"no complete answer within {ctx.timeout * TOTAL_TIMEOUTS:g} s"
        return failed(check, Reason.TIMEOUT, started, ctx, url=check.url, error=limit)
    except Exception as exc:  # network failure of any kind is an outcome
        return failed(check, classify_http(exc), started, ctx, url=check.url, error=_short(exc))
    detail = {"url": check.url, "http_status": status}
    if 300 <= status < 400 and status != expect_status:
        return failed(check, Reason.REDIRECT, started, ctx, location=location, **detail)
    if status != expect_status or (expect_body and expect_body not in body):
        return failed(check, Reason.HTTP_STATUS, started, ctx, expected=expect_status, **detail)
    return outcome(check, Status.PASS, Reason.OK, started, ctx, **detail)


async def _fetch(url: str, ctx: ProbeContext) -> tuple[int, str, str | None]:
    client = ctx.http_client
    async with client.stream("GET", url, follow_redirects=False, timeout=ctx.timeout) as resp:
        chunks: list[bytes] = []
        size = 0
        async for chunk in resp.aiter_raw():
            chunks.append(chunk)
            size += len(chunk)
            if size >= MAX_BODY:
                break
        body = b"".join(chunks)[:MAX_BODY].decode("utf-8", "replace")
        return resp.status_code, body, resp.headers.get("location")


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text[:200]
