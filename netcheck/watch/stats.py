"""Pure running aggregate of one watched target: loss, RTT quantiles, jitter, outages, sparkline; bounded memory.

Times are wall-clock epoch seconds given by the caller (the monitor's injected clock); nothing here reads a clock.
An outage starts at the first probe that fails (or when the held connection is reset or times out) and ends at
the next probe that connects, so its start, end and duration are exact to one interval.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from netcheck.watch.histogram import Histogram

MAX_OUTAGES = 10_000  # a week at 1 s intervals flapping every other probe still fits; older ones are counted only
SPARK_SAMPLES = 60  # the last minutes at the default interval
_SPARK = "▁▂▃▄▅▆▇█"
DOWN_MARK = "✕"


@dataclass(frozen=True, slots=True)
class Outage:
    start: float
    end: float | None  # None: still down when the watch ended
    cause: str  # timeout, refused, reset, ... (the first failure's reason)

    def duration(self, now: float) -> float:
        return (self.end if self.end is not None else now) - self.start


@dataclass(frozen=True, slots=True)
class Sample:
    t: float
    ok: bool
    rtt_ms: float | None


@dataclass
class TargetStats:
    target: str
    window_s: float = 60.0  # "over a minute": the thresholds' window
    probes: int = 0
    lost: int = 0
    hist: Histogram = field(default_factory=Histogram)
    jitter_sum: float = 0.0
    jitter_n: int = 0
    last_rtt: float | None = None
    outages: deque[Outage] = field(default_factory=lambda: deque(maxlen=MAX_OUTAGES))
    outage_count: int = 0
    down_since: float | None = None
    down_cause: str = ""
    held_events: dict[str, int] = field(default_factory=dict)
    spark: deque[float | None] = field(default_factory=lambda: deque(maxlen=SPARK_SAMPLES))
    recent: deque[Sample] = field(default_factory=lambda: deque(maxlen=6000))  # last minute, even at 10 ms

    def probe(self, t: float, ok: bool, rtt_ms: float | None = None, cause: str = "") -> None:
        self.probes += 1
        self._window(Sample(t, ok, rtt_ms))
        self.spark.append(rtt_ms if ok else None)
        if not ok:
            self.lost += 1
            self._down(t, cause or "failed")
            return
        if rtt_ms is not None:
            self._rtt(rtt_ms)
        self._up(t)

    def held_lost(self, t: float, how: str) -> None:
        """The held connection ended: a reset or timeout is a drop; a clean close by the server is not."""
        self.held_events[how] = self.held_events.get(how, 0) + 1
        if how != "closed":
            self._down(t, how)

    def _rtt(self, ms: float) -> None:
        self.hist.add(ms)
        if self.last_rtt is not None:
            self.jitter_sum += abs(ms - self.last_rtt)
            self.jitter_n += 1
        self.last_rtt = ms

    def _down(self, t: float, cause: str) -> None:
        if self.down_since is None:
            self.down_since, self.down_cause = t, cause

    def _up(self, t: float) -> None:
        if self.down_since is not None:
            self.outages.append(Outage(self.down_since, t, self.down_cause))
            self.outage_count += 1
            self.down_since = None

    def _window(self, s: Sample) -> None:
        self.recent.append(s)
        while self.recent and self.recent[0].t <= s.t - self.window_s:
            self.recent.popleft()

    def all_outages(self) -> list[Outage]:
        """Finished outages plus the one still open (end None)."""
        tail = [Outage(self.down_since, None, self.down_cause)] if self.down_since is not None else []
        return [*self.outages, *tail]

    @property
    def down(self) -> bool:
        return self.down_since is not None

    @property
    def loss_pct(self) -> float:
        return 100.0 * self.lost / self.probes if self.probes else 0.0

    @property
    def jitter_ms(self) -> float | None:
        """Mean absolute difference of consecutive connect times (RFC 3550's idea, unsmoothed)."""
        return self.jitter_sum / self.jitter_n if self.jitter_n else None

    def sparkline(self) -> str:
        rtts = [r for r in self.spark if r is not None]
        top = max(rtts, default=1.0) or 1.0
        return "".join(DOWN_MARK if r is None else _SPARK[min(7, int(r / top * 7.999))] for r in self.spark)
