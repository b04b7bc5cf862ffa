"""slow-link at its thresholds (250 ms, 5 % loss, 2 lost), its defaults and its parameters."""

from __future__ import annotations

from dataclasses import replace

import pytest

from netcheck.model import Finding, Kind, Outcome, Reason, Status
from tests.helpers import cross, dns, http, tcp
from tests.helpers import findings as diagnose
from tests.test_rules_link import answered


def slow(outs: list[Outcome], regions: tuple[str, ...] = ()) -> Finding | None:
    return next((f for f in diagnose(outs, regions) if f.id == "slow-link"), None)


@pytest.mark.parametrize(("median", "reported"), [(249.9, False), (250.0, True), (250.1, True)])
def test_rtt_threshold(median: float, reported: bool) -> None:
    assert (slow([answered("a", "europe", median)]) is not None) is reported


@pytest.mark.parametrize(
    ("attempts", "lost", "reported"),
    [
        (40, 2, True),  # exactly 5 % and exactly two lost: both edges count
        (41, 2, False),  # 4.9 %
        (20, 1, False),  # 5 %, but one lost SYN is chance
        (2, 2, True),
        (3, 1, False),
    ],
)
def test_loss_thresholds(attempts: int, lost: int, reported: bool) -> None:
    assert (slow([answered("a", "europe", 30, attempts=attempts, lost=lost)]) is not None) is reported


def test_params_and_worst_first() -> None:
    outs = [answered("a", "europe", 260, attempts=3, lost=1), answered("b", "europe", 300), answered("c", "", 900)]
    f = slow(outs)
    assert f is not None
    assert dict(f.params) == {"median_ms": "280", "loss_pct": "20", "lost": 1, "attempts": 5, "region": "europe"}
    assert f.evidence[0].startswith("b:4001") and f.evidence[1].startswith("a:4001")


def test_without_regions_every_answer_counts_and_the_region_is_a_dash() -> None:
    f = slow([answered("a", "", 200), answered("b", "", 400), answered("c", "", 300)])
    assert f is not None and f.params["region"] == "-" and f.params["median_ms"] == "300"


def test_missing_attempt_counts_mean_one_attempt_none_lost() -> None:
    bare = [replace(answered(f"h{i}", "europe", 30), detail={"rtt_ms": 30.0}) for i in range(3)]
    lossy = answered("x", "europe", 30, attempts=2, lost=2)
    f = slow(bare + [lossy])
    assert f is not None and (f.params["attempts"], f.params["lost"], f.params["loss_pct"]) == (5, 2, "40")
    assert slow(bare) is None


def test_the_nearest_region_is_the_fastest_by_median() -> None:
    outs = [answered("a", "asia", 100), answered("b", "asia", 400), answered("c", "asia", 410)]
    outs += [answered("d", "europe", 260), answered("e", "europe", 270)]
    f = slow(outs)
    assert f is not None and f.params["region"] == "europe"  # asia's median is 400


def _tls_timeout(host: str) -> Outcome:
    o = tcp(host, 443, "203.0.113.40", Reason.TIMEOUT)
    return replace(o, check=replace(o.check, id=f"tls:{host}", kind=Kind.TLS))


def test_timeouts_claimed_only_when_the_same_thing_worked_another_way() -> None:
    outs = [
        answered("a", "europe", 300),
        dns("a", "system", reason=Reason.DNS_TIMEOUT),
        dns("a", "resolver", ["203.0.113.10"]),
        dns("b", "system", reason=Reason.DNS_TIMEOUT),  # nothing else resolved b
        dns("b", "resolver", reason=Reason.NXDOMAIN),
        dns("c", "system", reason=Reason.DNS_TIMEOUT),
        dns("c", "resolver", reason=Reason.NXDOMAIN),
        cross("c", "203.0.113.153", ["203.0.113.12"]),  # an independent resolver did
        http("http://check.example/generate_204", reason=Reason.ERROR),  # not a timeout: its own fault
        http("http://check.example/slow", reason=Reason.TIMEOUT),
        http("https://check.example/generate_204"),  # the web answers
        _tls_timeout("www.example.com"),
    ]
    f = slow(outs)
    assert f is not None
    assert set(f.checks) == {
        "dns:system:a",
        "dns:system:c",
        "http:http://check.example/slow",
        "tls:www.example.com",
        "tcp:a:4001@203.0.113.10",
    }


def test_web_timeouts_stay_unexplained_when_no_web_check_answered() -> None:
    outs = [answered("a", "europe", 300), _tls_timeout("www.example.com"), dns("z", "system", reason=Reason.TIMEOUT)]
    f = slow(outs)
    assert f is not None and f.checks == ("tcp:a:4001@203.0.113.10",)
    assert any(x.id != "slow-link" and "tls:www.example.com" in x.checks for x in diagnose(outs))


def test_answered_needs_a_measured_rtt() -> None:
    o = answered("a", "europe", 300)
    assert slow([replace(o, detail={"attempts": 1})]) is None
    assert slow([replace(o, status=Status.WARN)]) is None
