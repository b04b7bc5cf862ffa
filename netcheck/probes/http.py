"""HTTP(S) reachability probe: online, captive portal (redirect or wrong content), or failure.

Two answers look like a portal and are not (the rules must never call them one): a proxy asking for
credentials (407), and, as Android and ChromeOS judge it, a 200 with an empty or tiny body where a 204
was expected, which is a broken transparent proxy (nobody can sign in on an empty page)."""

from __future__ import annotations

import asyncio

from netcheck.classify import classify_http
from netcheck.model import Check, Outcome, Reason, Status
from netcheck.probes.base import ProbeContext, failed, outcome
from netcheck.probes.proxy import auth_schemes

MAX_BODY = 64 * 1024  # a portal page is small; an endless body must not fill memory
# httpx's timeout bounds each read, so a server sending one byte per second never trips it;
# the whole exchange (connect, TLS, head, capped body) gets this many timeouts at most.
TOTAL_TIMEOUTS = 2
TINY_BODY = 4  # bytes: ChromeOS's limit for "this 200 is really an empty answer"
PROXY_AUTH = 407


async def probe(check: Check, ctx: ProbeContext) -> Outcome:
    started = ctx.clock()
    expect_status = int(check.params.get("expect_status", 200))
    expect_body = str(check.params.get("expect_body", ""))
    try:
        async with asyncio.timeout(ctx.timeout * TOTAL_TIMEOUTS):
            status, body, location, schemes = await _fetch(check.url, ctx)
    except TimeoutError:
        limit = f"no complete answer within {ctx.timeout * TOTAL_TIMEOUTS:g} s"
        return failed(check, Reason.TIMEOUT, started, ctx, url=check.url, error=limit)
    except Exception as exc:  # network failure of any kind is an outcome
        return failed(check, classify_http(exc), started, ctx, url=check.url, error=_short(exc), **_auth(exc))
    detail = {"url": check.url, "http_status": status}
    if status == expect_status and expect_body in body:
        return outcome(check, Status.PASS, Reason.OK, started, ctx, **detail)
    reason, more = _judge(status, body, location, schemes, expect_status)
    return failed(check, reason, started, ctx, **detail, **more)


def _judge(
    status: int, body: str, location: str | None, schemes: list[str], expected: int
) -> tuple[Reason, dict[str, object]]:
    """Why an answer is not the expected one; the portal's reasons (redirect, other content) last."""
    size = len(body.encode())
    if status == PROXY_AUTH:
        why = "the proxy asks for a user name and password (407)"
        return Reason.PROXY_ERROR, {"auth_required": True, "auth_schemes": schemes, "error": why}
    if status == 200 and size <= TINY_BODY:
        why = f"200 with a {size}-byte body instead of the expected answer: a broken transparent proxy"
        return Reason.PROXY_ERROR, {"transparent_proxy": True, "error": why}
    if 300 <= status < 400:
        return Reason.REDIRECT, {"location": location}
    return Reason.HTTP_STATUS, {"expected": expected}


async def _fetch(url: str, ctx: ProbeContext) -> tuple[int, str, str | None, list[str]]:
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
        schemes = auth_schemes(resp.headers.get_list("proxy-authenticate"))
        return resp.status_code, body, resp.headers.get("location"), schemes


def _auth(exc: BaseException) -> dict[str, object]:
    """httpx reports a 407 to CONNECT (an https:// check through a proxy) as ProxyError("407 ...")."""
    if classify_http(exc) is Reason.PROXY_ERROR and str(exc).startswith(str(PROXY_AUTH)):
        return {"auth_required": True, "http_status": PROXY_AUTH}
    return {}


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text[:200]
