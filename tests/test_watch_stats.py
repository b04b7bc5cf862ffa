"""The running aggregate: outages to the interval, loss, quantiles, jitter, and flat memory over a simulated week."""

from __future__ import annotations

import random
import tracemalloc

from netcheck.watch.histogram import Histogram
from netcheck.watch.stats import MAX_OUTAGES, TargetStats


def test_an_outage_runs_from_the_first_failed_probe_to_the_next_success() -> None:
    s = TargetStats("gw:4001")
    for t in range(10):
        s.probe(float(t), ok=t not in (3, 4, 5), rtt_ms=20.0, cause="timeout")
    (o,) = s.outages
    assert (o.start, o.end, o.cause, o.duration(99)) == (3.0, 6.0, "timeout", 3.0)
    assert s.outage_count == 1 and s.lost == 3 and round(s.loss_pct) == 30 and not s.down


def test_an_outage_still_open_at_the_end_is_reported_without_an_end() -> None:
    s = TargetStats("gw:4001")
    s.probe(0.0, True, 10.0)
    s.probe(1.0, False, cause="refused")
    (o,) = s.all_outages()
    assert o.end is None and o.duration(4.0) == 3.0 and s.down


def test_held_connection_reset_is_a_drop_but_a_clean_close_is_not() -> None:
    s = TargetStats("gw:4001")
    s.probe(0.0, True, 10.0)
    s.held_lost(0.5, "closed")
    assert not s.down
    s.held_lost(0.7, "reset")
    s.probe(1.0, True, 10.0)
    assert [(o.start, o.end, o.cause) for o in s.outages] == [(0.7, 1.0, "reset")]
    assert s.held_events == {"closed": 1, "reset": 1}


def test_quantiles_within_two_percent_and_jitter_is_the_mean_step() -> None:
    h = Histogram()
    values = [float(v) for v in range(1, 1001)]
    random.Random(1).shuffle(values)
    for v in values:
        h.add(v)
    assert abs((h.quantile(0.5) or 0) - 500) / 500 < 0.02
    assert abs((h.quantile(0.95) or 0) - 950) / 950 < 0.02
    s = TargetStats("x")
    for t, rtt in enumerate((10.0, 20.0, 10.0, 20.0)):
        s.probe(float(t), True, rtt)
    assert s.jitter_ms == 10.0
    assert Histogram().quantile(0.5) is None


def test_sparkline_shows_the_last_samples_and_marks_losses() -> None:
    s = TargetStats("x")
    for t, rtt in enumerate((1.0, 8.0, None, 4.0)):
        s.probe(float(t), rtt is not None, rtt)
    assert s.sparkline() == "▁█✕▄"


def _run(s: TargetStats, start: int, seconds: int, rng: random.Random, interval: int = 5) -> None:
    for t in range(start, start + seconds, interval):
        ok = rng.random() > 0.02
        s.probe(float(t), ok, rng.uniform(5, 80) if ok else None, "timeout")
        if rng.random() < 0.001:
            s.held_lost(t + 0.5, "reset")


def test_a_simulated_day_keeps_memory_flat() -> None:
    """A fake clock drives 24 hours of 5-second probes (17 280 samples, ~340 outages): what is allocated after
    the second hour and after the 24th is the same, apart from the outage list itself."""
    rng, s, hour = random.Random(7), TargetStats("gw:4001"), 3600
    tracemalloc.start()
    try:
        _run(s, 0, 2 * hour, rng)
        early = tracemalloc.get_traced_memory()[0]
        _run(s, 2 * hour, 22 * hour, rng)
        late = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert s.probes == 24 * hour // 5 and s.outage_count > 200
    assert late - early < 150 * s.outage_count  # ~100 bytes per outage kept; 15 000 more samples add nothing


def test_a_week_stays_within_the_fixed_bounds() -> None:
    s = TargetStats("gw:4001")
    _run(s, 0, 7 * 86_400, random.Random(3), interval=30)
    assert s.probes == 7 * 86_400 // 30 and s.hist.total == s.probes - s.lost
    assert len(s.recent) <= 3 and len(s.spark) == 60 and len(s.outages) <= MAX_OUTAGES
