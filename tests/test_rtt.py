"""RTT estimator and retry schedule: pure arithmetic, no clock, no network."""

from __future__ import annotations

import pytest

from netcheck.rtt import Policy, RttEstimator, link_stats, next_step


def test_unknown_path_uses_the_conservative_initial_timeout_within_the_ceiling() -> None:
    assert RttEstimator(Policy(ceiling=2.0)).rto(["addr:x"]) == 1.0
    assert RttEstimator(Policy(ceiling=0.5)).rto(["addr:x"]) == 0.25


def test_first_sample_follows_rfc6298_then_converges() -> None:
    est = RttEstimator(Policy(ceiling=10, floor=0.01))
    est.observe(["addr:a"], 0.3)
    assert est.rto(["addr:a"]) == pytest.approx(0.3 + 4 * 0.15)
    for _ in range(60):
        est.observe(["addr:a"], 0.3)
    # rttvar decays to ~0; the 1.5 x srtt bound keeps retries from racing a steady path
    assert est.rto(["addr:a"]) == pytest.approx(0.45, abs=0.01)


def test_rto_is_clamped_to_floor_and_ceiling() -> None:
    est = RttEstimator(Policy(ceiling=2.0, floor=0.2))
    est.observe(["addr:lan"], 0.0005)
    assert est.rto(["addr:lan"]) == 0.2
    est.observe(["addr:far"], 5.0)
    assert est.rto(["addr:far"]) == 2.0


def test_most_specific_key_wins_and_the_global_estimate_covers_unseen_hosts() -> None:
    est = RttEstimator(Policy(ceiling=10, floor=0.01))
    est.observe(["addr:a", "region:eu"], 0.1)
    est.observe(["addr:b", "region:asia"], 1.0)
    assert est.rto(["addr:a", "region:eu"]) < est.rto(["addr:c", "region:asia"])
    assert est.rto(["addr:c", "region:asia"]) == est.rto(["addr:b"])
    assert est.known(["addr:never"]) and est.rto(["addr:never"]) < 10


def test_schedule_sends_every_rto_and_gives_up_rto_after_the_last_attempt() -> None:
    p = Policy(ceiling=5.0, attempts=3)
    assert next_step(0.0, 0, 0.5, p, True).send
    step = next_step(0.1, 1, 0.5, p, True)
    assert not step.send and not step.give_up and step.wait == pytest.approx(0.4)
    assert next_step(0.5, 1, 0.5, p, True).send
    assert next_step(1.0, 2, 0.5, p, True).send
    assert not next_step(1.2, 3, 0.5, p, True).give_up
    assert next_step(1.5, 3, 0.5, p, True).give_up


def test_no_drop_verdict_before_the_kernel_retransmits_the_syn() -> None:
    p = Policy(ceiling=5.0, attempts=2)
    step = next_step(0.5, 2, 0.2, p, True)
    assert not step.give_up and step.wait == pytest.approx(0.6)
    assert next_step(1.1, 2, 0.2, p, True).give_up
    assert next_step(0.8, 2, 0.2, Policy(ceiling=0.8, attempts=2), True).give_up


def test_ceiling_bounds_the_whole_check() -> None:
    p = Policy(ceiling=1.0, attempts=10)
    assert next_step(1.0, 2, 0.5, p, True).give_up
    assert next_step(0.9, 2, 0.8, p, True).wait == pytest.approx(0.1)


def test_unknown_rtt_rechecks_soon_so_a_first_measurement_shortens_the_wait() -> None:
    p = Policy()
    assert next_step(0.01, 1, 1.0, p, known=False).wait <= 0.05
    assert next_step(0.01, 1, 1.0, p, known=True).wait == pytest.approx(0.99)


def test_link_stats_median_and_loss() -> None:
    s = link_stats([300.0, 310.0, 900.0], attempts=20, answered=18)
    assert s.median_ms == 310.0 and s.loss_pct == 10.0 and s.samples == 3
    assert link_stats([], 0, 0).median_ms == 0.0
    assert link_stats([1.0, 3.0], 2, 2).median_ms == 2.0
