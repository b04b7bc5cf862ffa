"""The attempts of one hedged connect check: when each was sent, how each ended, and the verdict."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass, field, replace
from typing import Any

from netcheck.model import Check, Outcome, Reason, Status


@dataclass
class Tries:
    pending: dict[asyncio.Task[Outcome], float] = field(default_factory=dict)  # task -> sent at
    ended: list[tuple[float, Outcome]] = field(default_factory=list)  # (sent at, outcome)

    def start(self, coro: Coroutine[Any, Any, Outcome], now: float) -> None:
        self.pending[asyncio.ensure_future(coro)] = now

    async def wait(self, seconds: float) -> Outcome | None:
        """The first definitive answer within `seconds`; None when there is none yet."""
        if not self.pending:
            await asyncio.sleep(seconds)
            return None
        done, _ = await asyncio.wait(self.pending, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        won = None
        for task in done:
            out = task.result()
            self.ended.append((self.pending.pop(task), out))
            if out.reason is not Reason.TIMEOUT and not out.detail.get("local_error") and won is None:
                won = out
        return won

    def winner(self, won: Outcome, total_s: float) -> Outcome:
        """The winning answer, timed from the first attempt; attempts that stayed silent for
        more than twice the winner's RTT count as lost packets (the link-quality rule reads it)."""
        rtt_s = won.duration_ms / 1000
        now = max((t for t, o in self.ended if o is won), default=0.0) + rtt_s
        others = [t for t, o in self.ended if o is not won] + list(self.pending.values())
        lost = sum(1 for t in others if now - t > 2 * rtt_s)
        detail = {**won.detail, "rtt_ms": won.duration_ms, "attempts": len(others) + 1, "lost": lost}
        return replace(won, duration_ms=round(total_s * 1000, 1), detail=detail)

    def verdict(self, check: Check, total_s: float) -> Outcome:
        """No answer at all: dropped. Or every attempt that ended failed locally (no socket): say so,
        even when a late retry is still in flight (it found a socket only just before the verdict,
        so its silence proves no drop)."""
        real = len(self.ended) + len(self.pending)
        local = [o for _, o in self.ended if o.detail.get("local_error")]
        status = Status.FAIL if check.required else Status.WARN
        if real == 0 or (local and len(local) == len(self.ended)):
            why = local[-1].detail if local else {"error": "no free socket for a connection attempt"}
            return Outcome(check, status, Reason.ERROR, round(total_s * 1000, 1), why)
        error = f"no answer to {real} connection attempts in {total_s:.1f} s"
        detail = {"address": check.address, "port": check.port, "error": error, "attempts": real}
        return Outcome(check, status, Reason.TIMEOUT, round(total_s * 1000, 1), detail)

    async def cancel(self) -> None:
        for task in self.pending:
            task.cancel()
        await asyncio.gather(*self.pending, return_exceptions=True)  # sockets close before we go on
