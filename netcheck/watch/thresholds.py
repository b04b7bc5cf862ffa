"""Pure: is the link poor over the last minute, and why. Limits from Microsoft's Teams network guidance
(loss < 1 %) and Chrome OS network diagnostics / Chrome's NQE (RTT around 300 ms is already "3G")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median

from netcheck.watch.stats import Sample

LOSS_PCT = 1.0
RTT_MS = 300.0
JITTER_MS = 30.0
MIN_SAMPLES = 5  # fewer probes than this in a minute say nothing about loss


@dataclass(frozen=True)
class Breach:
    metric: str  # loss, rtt, jitter
    value: float
    limit: float


def judge(samples: Iterable[Sample]) -> tuple[Breach, ...]:
    """Every limit the minute's samples exceed (empty: the link is fine)."""
    got = list(samples)
    rtts = [s.rtt_ms for s in got if s.ok and s.rtt_ms is not None]
    out = []
    if len(got) >= MIN_SAMPLES:
        loss = 100.0 * sum(not s.ok for s in got) / len(got)
        if loss > LOSS_PCT:
            out.append(Breach("loss", loss, LOSS_PCT))
    if rtts and median(rtts) > RTT_MS:
        out.append(Breach("rtt", median(rtts), RTT_MS))
    if len(rtts) >= 2:
        jitter = sum(abs(a - b) for a, b in zip(rtts, rtts[1:], strict=False)) / (len(rtts) - 1)
        if jitter > JITTER_MS:
            out.append(Breach("jitter", jitter, JITTER_MS))
    return tuple(out)


def worst(history: dict[str, Breach], now: tuple[Breach, ...]) -> dict[str, Breach]:
    """Keep the worst value seen per metric over the whole watch (for the summary)."""
    merged = dict(history)
    for b in now:
        if b.metric not in merged or b.value > merged[b.metric].value:
            merged[b.metric] = b
    return merged
