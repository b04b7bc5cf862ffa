"""The availability strip: one character per time bucket, its height the share of runs that connected."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from netcheck.history.glance import DOWN, UP, Sample

LEVELS = "▁▂▃▄▅▆▇█"  # 0 % … 100 %: a strip reads as a bar chart without colour, piped or under NO_COLOR
NO_DATA = "·"
_GREEN, _YELLOW, _RED = "32", "33", "31"


def buckets(samples: Sequence[Sample], start: datetime, end: datetime, n: int) -> list[float | None]:
    """The share of up runs per bucket of the window [start, end); None where no run was counted."""
    span = (end - start).total_seconds() / n
    up, counted = [0] * n, [0] * n
    for s in samples:
        i = int((s.at - start).total_seconds() // span) if span > 0 else 0
        if 0 <= i < n and s.state in (UP, DOWN):
            counted[i] += 1
            up[i] += s.state == UP
    return [u / c if c else None for u, c in zip(up, counted, strict=True)]


def strip(ratios: Sequence[float | None], color: bool) -> str:
    return "".join(_cell(r, color) for r in ratios)


def _cell(ratio: float | None, color: bool) -> str:
    if ratio is None:
        return NO_DATA
    glyph = LEVELS[round(ratio * (len(LEVELS) - 1))]
    if not color:
        return glyph
    code = _GREEN if ratio == 1 else _RED if ratio == 0 else _YELLOW
    return f"\033[{code}m{glyph}\033[0m"
