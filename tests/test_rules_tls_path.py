"""tls-blocked, tls-handshake-failed and mtu-blackhole from constructed TLS outcomes, at and around each condition."""

from __future__ import annotations

from typing import Any

import pytest

from netcheck import details
from netcheck.diagnose import diagnose
from netcheck.model import Check, Kind, Outcome, Reason, Severity, Status
from netcheck.rules.tls_path import cause
from tests.helpers import HTTP_URL, WEB, healthy, http
from tests.test_rules_web import tls_out

HTTPS_URL = "https://connectivitycheck.gstatic.com/generate_204"


def cut(happened: str, neutral: str, small: str, mss: int = 1460) -> dict[str, Any]:
    return {
        "handshake": happened,
        "after_ms": 4,
        "neutral_sni": "www.example.com",
        "neutral_result": neutral,
        "mss": mss,
        "small_mss": 536,
        "small_mss_result": small,
    }


def https(reason: Reason) -> Outcome:
    check = Check(id=f"http:{HTTPS_URL}", kind=Kind.HTTP, target=HTTPS_URL, url=HTTPS_URL)
    return Outcome(check, Status.FAIL, reason, 1000.0, {"url": HTTPS_URL})


def run(detail: dict[str, Any], reason: Reason = Reason.ERROR, extra: list[Outcome] | None = None) -> list[Any]:
    outs = healthy() + [tls_out(h, reason, **detail) for h in WEB] + (extra or [])
    return [(f.id, f.severity, f) for f in diagnose(outs).findings]


@pytest.mark.parametrize(
    ("happened", "neutral", "small", "expected"),
    [
        ("reset", "ok", "reset", "sni"),
        ("closed", "ok", "closed", "sni"),
        ("reset", "alert", "reset", "sni"),  # the server answered the other name with an alert: it got through
        ("stalled", "ok", "stalled", "sni"),  # a filter that drops instead of resetting
        ("reset", "reset", "reset", "every-name"),
        ("stalled", "stalled", "stalled", "every-name"),
        ("stalled", "no-connect", "unsupported", "every-name"),
        (
            "stalled",
            "ok",
            "unsupported",
            "",
        ),  # Windows: a lost packet or a filter, no telling  # no TCP_MAXSEG (Windows): no MTU verdict
        ("stalled", "stalled", "ok", "mtu"),
        ("stalled", "ok", "ok", ""),  # both retries got past a stall: a lost packet proves nothing
        ("reset", "reset", "ok", "mtu"),
        ("reset", "ok", "ok", "sni"),  # a reset is no lost packet: segmenting the hello evaded the filter
    ],
)
def test_cause(happened: str, neutral: str, small: str, expected: str) -> None:
    o = tls_out("www.interactivebrokers.com", Reason.ERROR, **cut(happened, neutral, small))
    assert cause(details.handshake(o)) == expected


def test_a_name_filter_is_tls_blocked_with_the_evidence() -> None:
    ((fid, severity, f),) = run(cut("reset", "ok", "reset"))
    assert (fid, severity) == ("tls-blocked", Severity.FAIL)
    assert f.params["neutral"] == "www.example.com" and f.params["happened"] == "reset"
    assert f.params["address"] in WEB.values() and f.params["sni"] in WEB


def test_every_name_cut_says_so() -> None:
    assert [x[0] for x in run(cut("reset", "reset", "reset"))] == ["tls-handshake-failed"]


def test_mtu_blackhole_claims_the_stalled_https_check_and_names_the_sizes() -> None:
    ((fid, severity, f),) = run(cut("stalled", "stalled", "ok"), Reason.TIMEOUT, [https(Reason.TIMEOUT)])
    assert (fid, severity) == ("mtu-blackhole", Severity.FAIL)
    assert (f.params["failed_bytes"], f.params["ok_bytes"], f.params["mss"]) == (1500, 576, 1460)
    assert f"http:{HTTPS_URL}" in f.checks


def test_an_ipv6_path_counts_sixty_header_bytes() -> None:
    check = Check(id="tls:x", kind=Kind.TLS, target="x", host="x", port=443, address="2001:db8::1")
    o = Outcome(check, Status.FAIL, Reason.TIMEOUT, 1.0, cut("stalled", "stalled", "ok", mss=1440))
    (f,) = diagnose([*healthy(), o]).findings
    assert (f.id, f.params["failed_bytes"], f.params["ok_bytes"]) == ("mtu-blackhole", 1500, 596)


def test_a_reset_https_check_is_not_partial_connectivity_when_tls_is_blocked() -> None:
    ids = [x[0] for x in run(cut("reset", "ok", "reset"), extra=[https(Reason.ERROR)])]
    assert ids == ["tls-blocked"]


def test_optional_hosts_only_is_a_warning() -> None:
    o = tls_out("s3.amazonaws.com", Reason.ERROR, required=False, **cut("reset", "ok", "reset"))
    ((f),) = diagnose([*healthy(), o]).findings
    assert (f.id, f.severity) == ("tls-blocked", Severity.WARN)


def test_a_portal_wins_over_cut_handshakes() -> None:
    portal = http(HTTP_URL, Reason.REDIRECT, 302, "http://portal/login")
    outs = [o for o in healthy() if o.check.kind is not Kind.HTTP] + [portal]
    outs += [tls_out(h, Reason.ERROR, **cut("reset", "ok", "reset")) for h in WEB]
    assert [f.id for f in diagnose(outs).findings] == ["captive-portal"]


def test_a_handshake_failing_otherwise_is_left_to_other_rules() -> None:
    assert [x[0] for x in run({"error": "alert"}, Reason.TLS_ERROR)] == ["check-failed"]


def test_mtu_blackhole_names_the_tws_login_symptom() -> None:
    ((_, _, f),) = run(cut("stalled", "stalled", "ok"), Reason.TIMEOUT)
    assert "tws-login" in f.symptoms


def test_a_stall_both_retries_got_past_is_not_a_cut() -> None:
    assert "tls-blocked" not in [x[0] for x in run(cut("stalled", "ok", "ok"), Reason.TIMEOUT)]
