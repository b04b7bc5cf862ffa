"""Poor-link limits over a minute: more than 1 % loss, RTT above 300 ms, jitter above 30 ms; says which."""

from __future__ import annotations

import pytest

from netcheck.watch.stats import Sample
from netcheck.watch.thresholds import Breach, judge, worst


def minute(rtts: list[float | None]) -> list[Sample]:
    return [Sample(float(t), r is not None, r) for t, r in enumerate(rtts)]


CASES = [
    ([20.0] * 60, []),
    ([20.0] * 59 + [None], ["loss"]),  # 1.7 % > 1 %
    ([20.0] * 200 + [None] * 2, []),  # exactly 1 %: not more than the limit
    ([310.0] * 12, ["rtt"]),
    ([300.0] * 12, []),
    ([20.0, 60.0] * 6, ["jitter"]),  # 40 ms mean step
    ([20.0, 50.0] * 6, []),  # 30 ms: at the limit
    ([400.0, 460.0, None, 400.0, 460.0, 400.0], ["loss", "rtt", "jitter"]),
    ([None, None], []),  # too few probes to speak of loss
]


@pytest.mark.parametrize(("rtts", "metrics"), CASES)
def test_judge_names_each_limit_exceeded(rtts: list[float | None], metrics: list[str]) -> None:
    assert [b.metric for b in judge(minute(rtts))] == metrics


def test_worst_keeps_the_highest_value_per_metric() -> None:
    seen = worst({}, (Breach("rtt", 400.0, 300.0),))
    seen = worst(seen, (Breach("rtt", 350.0, 300.0), Breach("loss", 5.0, 1.0)))
    assert {k: b.value for k, b in seen.items()} == {"rtt": 400.0, "loss": 5.0}
