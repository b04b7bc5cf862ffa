"""The canary connect: one connect on 4001 to an address that runs no TWS gateway. It must not be accepted."""

from __future__ import annotations

from dataclasses import replace

from netcheck.model import Check, Outcome, Reason, Status
from netcheck.probes import tcp
from netcheck.probes.base import ProbeContext

# A router that answers for the whole internet does so within a LAN round trip; waiting longer
# for an address that should stay silent would only stretch a healthy run.
CANARY_S = 1.5


async def probe(check: Check, ctx: ProbeContext) -> Outcome:
    """PASS when nothing accepted the connect (dropped, refused, unreachable: as it should be);
    WARN when it was accepted: something on the path answers 4001 for any address."""
    out = await (ctx.connect or tcp.connect_once)(check, ctx, min(ctx.timeout, CANARY_S))
    if out.reason is Reason.OK:
        return replace(out, status=Status.WARN, detail={**out.detail, "accepted": True})
    if out.detail.get("local_error"):
        return out  # no socket here: says nothing about the path
    kept = {k: v for k, v in out.detail.items() if k != "error"}  # not accepting is no error here
    detail = {**kept, "accepted": False, "answer": out.reason.value}
    return replace(out, status=Status.PASS, reason=Reason.OK, detail=detail)
