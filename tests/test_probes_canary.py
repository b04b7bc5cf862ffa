"""The canary connect against real loopback sockets: accepted is a warning, refused or unanswered a pass."""

from __future__ import annotations

import asyncio
import socket

from netcheck.model import Check, Kind, Outcome, Reason, Status
from netcheck.probes import ProbeContext, canary


def check(port: int) -> Check:
    return Check(
        id=f"canary:{port}@127.0.0.1", kind=Kind.CANARY, target="c", port=port, address="127.0.0.1", required=False
    )


async def test_an_accepted_canary_is_a_warning_with_accepted_set() -> None:
    srv = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 0)
    try:
        out = await canary.probe(check(srv.sockets[0].getsockname()[1]), ProbeContext(timeout=1.0))
    finally:
        srv.close()
    assert out.status is Status.WARN and out.detail["accepted"] is True


async def test_a_refused_canary_passes_and_keeps_what_happened() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    out = await canary.probe(check(free), ProbeContext(timeout=1.0))
    assert out.status is Status.PASS and out.reason is Reason.OK
    assert out.detail["accepted"] is False and out.detail["answer"] == "refused" and "error" not in out.detail


async def test_an_unanswered_canary_passes_within_its_own_short_bound() -> None:
    async def silent_path(c: Check, ctx: ProbeContext, timeout: float) -> Outcome:
        assert timeout == canary.CANARY_S  # never the whole --timeout: silence is the normal case
        return Outcome(c, Status.WARN, Reason.TIMEOUT, timeout * 1000, {"error": "no answer"})

    out = await canary.probe(check(4001), ProbeContext(timeout=5.0, connect=silent_path))
    assert out.status is Status.PASS and out.detail["answer"] == "timeout"
