"""Whole-picture rules at their edges: captive portal, no internet, partial connectivity."""

from __future__ import annotations

import pytest

from netcheck.model import Outcome, Reason
from tests.helpers import GATEWAYS, HTTP_URL, cross, dns, healthy, http, local
from tests.helpers import findings as diagnose
from tests.test_rules_local import machine
from tests.test_rules_web import proxy_out

HTTPS_URL = "https://connectivitycheck.gstatic.com/generate_204"
LOCAL = [local("local:interfaces"), local("local:route:ipv4")]


def ids(outs: list[Outcome]) -> list[str]:
    return [f.id for f in diagnose(outs)]


@pytest.mark.parametrize(
    ("check", "portal"),
    [
        (http(HTTP_URL, Reason.REDIRECT, 302), True),
        (http(HTTP_URL, Reason.HTTP_STATUS, 200), True),
        (http(HTTPS_URL, Reason.REDIRECT, 302), False),  # HTTPS cannot be rewritten without a certificate error
    ],
)
def test_captive_portal_ends_the_diagnosis(check: Outcome, portal: bool) -> None:
    outs = [o for o in healthy() if o.check.kind.value != "http"] + [check]
    outs.append(machine("machine:route-interface", vpn=True, interface="wg0"))  # a later rule's finding
    found = diagnose(outs)
    if portal:
        assert [f.id for f in found] == ["captive-portal"] and found[0].params["location"] == ""
    else:
        assert "captive-portal" not in [f.id for f in found] and "vpn-default-route" in [f.id for f in found]


def _dns_down() -> list[Outcome]:
    return [dns(h, p, reason=Reason.SERVFAIL) for h in GATEWAYS for p in ("system", "resolver")]


def _dns_up() -> list[Outcome]:
    return [dns(h, p, ["198.51.100.10"]) for h in GATEWAYS for p in ("system", "resolver")]


CROSS_FAIL = [cross(h, "203.0.113.153", reason=Reason.REFUSED) for h in GATEWAYS]
CROSS_SKIP = [cross(h, "203.0.113.153", reason=Reason.DNS_TIMEOUT) for h in GATEWAYS]  # a skip, not a failure
CROSS_OK = [cross(h, "203.0.113.153", ["198.51.100.10"]) for h in GATEWAYS]


@pytest.mark.parametrize(
    ("outs", "no_internet"),
    [
        (LOCAL + _dns_down() + CROSS_FAIL, True),  # only independent resolvers were asked, and failed
        (LOCAL + _dns_down(), False),  # nothing external was asked at all
        (LOCAL + _dns_up() + CROSS_SKIP, False),  # nothing external failed, and names resolve
        (LOCAL + _dns_up() + CROSS_FAIL + [http(HTTP_URL, Reason.TIMEOUT)], True),  # names resolve, nothing answers
        (LOCAL + _dns_down() + CROSS_OK + [http(HTTP_URL, Reason.TIMEOUT)], False),  # an independent resolver answered
        (LOCAL + _dns_down() + CROSS_FAIL + [http(HTTP_URL, Reason.TIMEOUT), proxy_out("reach")], True),
        (LOCAL + _dns_down() + CROSS_FAIL + [http(HTTP_URL, Reason.TIMEOUT), proxy_out("connect")], False),
    ],
)
def test_no_internet_table(outs: list[Outcome], no_internet: bool) -> None:
    found = ids(outs)
    assert ("no-internet" in found) is no_internet
    if no_internet:
        assert found == ["no-internet"]


@pytest.mark.parametrize(
    ("plain", "secure", "partial"),
    [
        (Reason.OK, [Reason.REFUSED], True),
        (Reason.OK, [Reason.REFUSED, Reason.OK], False),  # one HTTPS check gets through
        (Reason.OK, [], False),  # no HTTPS check
        (Reason.REFUSED, [Reason.REFUSED], False),  # plain HTTP fails too: not a partial cut
        (Reason.OK, [Reason.TLS_UNTRUSTED], False),  # interception is the TLS rules' business
    ],
)
def test_partial_connectivity_table(plain: Reason, secure: list[Reason], partial: bool) -> None:
    outs = [o for o in healthy() if o.check.kind.value != "http"] + [http(HTTP_URL, plain)]
    outs += [http(f"{HTTPS_URL}?{i}", r) for i, r in enumerate(secure)]
    assert ("partial-connectivity" in ids(outs)) is partial


def test_partial_connectivity_names_every_cut_url() -> None:
    outs = healthy() + [http(f"{HTTPS_URL}?{i}", Reason.REFUSED) for i in range(2)]
    (f,) = diagnose(outs)
    assert f.params["hosts"] == f"{HTTPS_URL}?0, {HTTPS_URL}?1"
