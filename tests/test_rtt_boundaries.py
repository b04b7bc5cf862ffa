"""RTT estimator and retry schedule at their edges: exact steps, exact estimates, exact rounding."""

from __future__ import annotations

import pytest

from netcheck.rtt import LinkStats, Policy, RttEstimator, Step, link_stats, next_step

P = Policy(ceiling=5.0, attempts=3, settle=1.1)
SEND, WAIT, GIVE_UP = Step(True, False, 0.0), Step(False, False, 0.0), Step(False, True, 0.0)


@pytest.mark.parametrize(
    ("elapsed", "sent", "rto", "known", "step"),
    [
        (0.0, 0, 0.5, True, SEND),  # the first attempt goes out at once
        (0.49, 1, 0.5, True, Step(False, False, 0.01)),
        (0.5, 1, 0.5, True, SEND),  # the next one exactly one rto later
        (1.0, 2, 0.5, True, SEND),
        (1.2, 3, 0.5, True, Step(False, False, 0.3)),  # all sent: the verdict is due rto after the last
        (1.5, 3, 0.5, True, GIVE_UP),
        (0.6, 3, 0.2, True, Step(False, False, 0.5)),  # due, but not before the SYN retransmit (settle)
        (1.1, 3, 0.2, True, GIVE_UP),
        (4.99, 1, 10.0, True, Step(False, False, 0.01)),  # the ceiling caps a long rto
        (5.0, 1, 10.0, True, GIVE_UP),  # and ends the check however many are left
        (5.0, 0, 0.5, True, GIVE_UP),
        (0.01, 1, 1.0, False, Step(False, False, 0.05)),  # unknown path: decide again soon
        (0.98, 1, 1.0, False, Step(False, False, 0.02)),
    ],
)
def test_next_step(elapsed: float, sent: int, rto: float, known: bool, step: Step) -> None:
    got = next_step(elapsed, sent, rto, P, known)
    assert (got.send, got.give_up) == (step.send, step.give_up)
    assert got.wait == pytest.approx(step.wait) and isinstance(got.wait, float)


def test_settle_beyond_the_ceiling_gives_up_at_the_ceiling() -> None:
    p = Policy(ceiling=0.8, attempts=2, settle=1.1)
    assert next_step(0.8, 2, 0.2, p, True) == GIVE_UP
    assert next_step(0.7, 2, 0.2, p, True).wait == pytest.approx(0.1)


def test_second_sample_follows_rfc6298_exactly() -> None:
    est = RttEstimator(Policy(ceiling=10, floor=0.01))
    est.observe(["a"], 0.1)
    est.observe(["a"], 1.0)
    srtt, rttvar = 7 / 8 * 0.1 + 1 / 8 * 1.0, 3 / 4 * 0.05 + 1 / 4 * 0.9
    assert est.rto(["a"]) == pytest.approx(srtt + 4 * rttvar)


def test_the_run_wide_estimate_smooths_every_sample() -> None:
    est = RttEstimator(Policy(ceiling=10, floor=0.01))
    est.observe(["a"], 0.1)
    est.observe(["b"], 1.0)
    srtt, rttvar = 7 / 8 * 0.1 + 1 / 8 * 1.0, 3 / 4 * 0.05 + 1 / 4 * 0.9
    assert est.rto(["never-seen"]) == pytest.approx(srtt + 4 * rttvar)
    assert est.rto(["b"]) == pytest.approx(3.0)  # b's own single sample: 1.0 + 4 * 0.5


def test_known_only_after_a_measurement() -> None:
    est = RttEstimator()
    assert not est.known(["a"]) and not est.known([])
    est.observe(["a"], 0.1)
    assert est.known(["a"]) and est.known(["b"]) and est.known([])


@pytest.mark.parametrize(
    ("rtts", "attempts", "answered", "stats"),
    [
        ([], 0, 0, LinkStats(0.0, 0.0, 0, 0)),
        ([5.0, 1.0, 3.0, 4.0, 2.0], 5, 5, LinkStats(3.0, 0.0, 5, 5)),  # median of an odd count: the middle
        ([1.0, 2.0, 3.0, 4.0], 4, 3, LinkStats(2.5, 25.0, 4, 4)),  # of an even count: the mean of the two
        ([100.26], 3, 2, LinkStats(100.3, 33.3, 1, 3)),  # one decimal, both
        ([100.24], 3, 1, LinkStats(100.2, 66.7, 1, 3)),
    ],
)
def test_link_stats(rtts: list[float], attempts: int, answered: int, stats: LinkStats) -> None:
    assert link_stats(rtts, attempts, answered) == stats
