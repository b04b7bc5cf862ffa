"""slow-link rule: median connect RTT of the nearest (or the user's) region, and loss over attempts."""

from __future__ import annotations

from dataclasses import replace

from netcheck.diagnose import diagnose
from netcheck.model import Outcome, Severity
from tests.helpers import tcp


def answered(host: str, region: str, rtt_ms: float, attempts: int = 1, lost: int = 0, port: int = 4001) -> Outcome:
    o = tcp(host, port, "203.0.113.10", region=region, ms=rtt_ms)
    return replace(o, detail={"rtt_ms": rtt_ms, "attempts": attempts, "lost": lost})


def ids(outs: list[Outcome], regions: tuple[str, ...] = ()) -> dict[str, object]:
    return {f.id: f for f in diagnose(outs, regions).findings}


def test_a_healthy_link_has_no_finding() -> None:
    assert "slow-link" not in ids([answered("a", "europe", 20), answered("b", "asia", 280)])


def test_a_slow_nearest_region_is_reported_with_its_figures() -> None:
    found = ids([answered("a", "europe", 300, attempts=2, lost=1), answered("b", "europe", 310)])
    f = found["slow-link"]
    assert f.severity is Severity.WARN  # type: ignore[attr-defined]
    assert f.params["median_ms"] == "305" and f.params["region"] == "europe"  # type: ignore[attr-defined]
    assert "ports-blocked" not in found and "host-unreachable" not in found


def test_the_users_own_far_region_counts() -> None:
    outs = [answered("a", "europe", 20), answered("b", "asia", 290)]
    assert "slow-link" not in ids(outs)
    assert ids(outs, ("asia",))["slow-link"].params["region"] == "asia"  # type: ignore[attr-defined]


def test_loss_alone_makes_the_link_unsteady() -> None:
    outs = [answered(f"h{i}", "europe", 30, attempts=2, lost=1) for i in range(3)] + [
        answered(f"k{i}", "europe", 30) for i in range(20)
    ]
    f = ids(outs)["slow-link"]
    assert f.params["loss_pct"] == "12" and f.params["lost"] == 3  # type: ignore[attr-defined]


def test_one_lost_attempt_is_chance() -> None:
    outs = [answered("h", "europe", 30, attempts=2, lost=1), answered("k", "europe", 30)]
    assert "slow-link" not in ids(outs)


def test_on_a_slow_link_timeouts_of_things_that_worked_another_way_are_explained() -> None:
    from netcheck.diagnose import overall
    from netcheck.model import Reason, Status
    from tests.helpers import dns, http

    outs = [
        answered("a", "europe", 300),
        dns("a", "system", reason=Reason.DNS_TIMEOUT),
        dns("a", "resolver", ["203.0.113.10"]),
        http("http://check.example/generate_204", reason=Reason.TIMEOUT),
        http("https://check.example/generate_204"),
    ]
    findings = diagnose(outs).findings
    assert [f.id for f in findings] == ["slow-link"]
    assert overall(findings, outs) is Status.WARN


def test_on_a_slow_link_a_tls_handshake_that_timed_out_is_explained_too() -> None:
    from netcheck.model import Check, Kind, Reason, Status
    from tests.helpers import http

    tls = Outcome(
        Check(
            id="tls:www.example.com@203.0.113.40",
            kind=Kind.TLS,
            target="www.example.com TLS",
            host="www.example.com",
            port=443,
            address="203.0.113.40",
        ),
        Status.FAIL,
        Reason.TIMEOUT,
        2000.0,
        {},
    )
    outs = [answered("a", "europe", 300), http("https://check.example/generate_204"), tls]
    assert [f.id for f in diagnose(outs).findings] == ["slow-link"]


def test_a_lone_timeout_on_a_lossy_link_is_a_lost_packet_not_an_unreachable_host() -> None:
    """More hosts mean more chances that all SYNs of one connect are lost: where the same address
    answered on its other port, that is the link's loss (issue 14: the host list grew)."""
    from netcheck.model import Reason

    lossy = [answered(f"h{i}", "europe", 300, attempts=3, lost=1, port=4000) for i in range(3)]
    backup = tcp("h0", 4001, "203.0.113.10", Reason.TIMEOUT, required=False)
    found = ids([*lossy, backup])
    assert "host-unreachable" not in found and backup.check.id in found["slow-link"].checks  # type: ignore[attr-defined]
    elsewhere = tcp("h9", 4001, "203.0.113.99", Reason.TIMEOUT, required=False)  # its address never answered
    assert "host-unreachable" in ids([*lossy, elsewhere])
    fast = [answered(f"h{i}", "europe", 20, port=4000) for i in range(3)]
    assert "host-unreachable" in ids([*fast, backup])  # a healthy link: the timeout is the host's own


def test_a_lone_ipv6_timeout_on_a_lossy_link_is_not_ipv6_broken() -> None:
    from netcheck.model import Reason

    v6 = "2001:db8::10"
    lossy = [answered(f"h{i}", "europe", 300, attempts=3, lost=1, port=4000) for i in range(3)]
    v4_4001 = replace(tcp("h0", 4001, "203.0.113.10", ms=300), detail={"rtt_ms": 300, "attempts": 1, "lost": 0})
    v6_ok = replace(tcp("h0", 4000, v6, ms=300), detail={"rtt_ms": 300, "attempts": 1, "lost": 0})
    v6_miss = tcp("h0", 4001, v6, Reason.TIMEOUT)
    found = ids([*lossy, v4_4001, v6_ok, v6_miss])
    assert "ipv6-broken" not in found and v6_miss.check.id in found["slow-link"].checks  # type: ignore[attr-defined]
    assert "ipv6-broken" in ids([*lossy, v4_4001, v6_miss])  # no IPv6 connect answered at all
