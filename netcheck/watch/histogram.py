"""A fixed-size log-bucket histogram for RTT quantiles: constant memory however long the watch runs."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

_LOW_MS = 0.01  # below this every RTT counts as this (loopback is ~0.05 ms)
_RATIO = 1.02  # bucket width: quantiles are exact to within 2 %
_BUCKETS = int(math.log(600_000 / _LOW_MS, _RATIO)) + 2  # up to 10 minutes; ~900 ints


@dataclass
class Histogram:
    counts: list[int] = field(default_factory=lambda: [0] * _BUCKETS)
    total: int = 0

    def add(self, ms: float) -> None:
        i = 0 if ms <= _LOW_MS else min(_BUCKETS - 1, int(math.log(ms / _LOW_MS, _RATIO)) + 1)
        self.counts[i] += 1
        self.total += 1

    def quantile(self, q: float) -> float | None:
        """The bucket's geometric middle for the q-quantile (None before the first sample)."""
        if not self.total:
            return None
        rank, seen = q * (self.total - 1), 0
        for i, n in enumerate(self.counts):
            seen += n
            if seen > rank:
                return _LOW_MS if i == 0 else _LOW_MS * _RATIO ** (i - 0.5)
        return None  # unreachable: the counts sum to total
