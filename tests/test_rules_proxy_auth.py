"""proxy-auth-required: a proxy answering 407 (to the reachability checks or to CONNECT) is a login, not a portal."""

from __future__ import annotations

from typing import Any

import pytest

from netcheck.diagnose import diagnose
from netcheck.model import Check, Kind, Outcome, Reason, Severity, Status
from tests.helpers import HTTP_URL, healthy, http
from tests.test_rules_web import PROXY, _all_direct_dropped, proxy_out

HTTPS_URL = "https://connectivitycheck.gstatic.com/generate_204"
ASKS = {"auth_required": True, "http_status": 407, "auth_schemes": ["Basic"]}


def http_407(url: str = HTTP_URL, **detail: Any) -> Outcome:
    check = Check(id=f"http:{url}", kind=Kind.HTTP, target=url, url=url)
    return Outcome(check, Status.FAIL, Reason.PROXY_ERROR, 5.0, {"url": url, **ASKS, **detail})


def login_tunnels() -> list[Outcome]:
    err = {**ASKS, "auth_schemes": ["Basic", "NTLM"], "error": "HTTP/1.0 407 Proxy Authentication Required"}
    return [
        proxy_out("reach"),
        proxy_out("connect", Reason.PROXY_ERROR, "www.interactivebrokers.com", 443, "web", **err),
        proxy_out("connect", Reason.PROXY_ERROR, "ndc1.ibllc.com", 4000, "gateway", **err),
        proxy_out("connect", Reason.PROXY_ERROR, "ndc1.ibllc.com", 4001, "gateway", **err),
    ]


def without_http(outs: list[Outcome]) -> list[Outcome]:
    return [o for o in outs if o.check.kind is not Kind.HTTP]


def test_proxy_only_network_whose_proxy_wants_a_login_is_one_failure() -> None:
    outs = without_http(_all_direct_dropped()) + [http_407(), http_407(HTTPS_URL, auth_schemes=[])] + login_tunnels()
    (f,) = diagnose(outs).findings
    assert (f.id, f.severity) == ("proxy-auth-required", Severity.FAIL)
    assert f.params == {"proxy": PROXY, "schemes": "Basic, NTLM"}
    assert sum(c.startswith("tcp:") for c in f.checks) == 8 and f"http:{HTTP_URL}" in f.checks


def test_direct_path_works_then_the_login_proxy_is_a_warning() -> None:
    outs = without_http(healthy()) + [http_407()] + login_tunnels()
    (f,) = diagnose(outs).findings
    assert (f.id, f.severity) == ("proxy-auth-required", Severity.WARN)
    assert not any(c.startswith("tcp:") for c in f.checks)


def test_a_407_to_the_http_checks_alone_is_never_a_captive_portal() -> None:
    outs = without_http(healthy()) + [http_407(auth_schemes=["Negotiate"])]
    (f,) = diagnose(outs).findings
    assert f.id == "proxy-auth-required" and f.params == {"proxy": "-", "schemes": "Negotiate"}


@pytest.mark.parametrize(
    ("outs", "expected"),
    [
        ([http(HTTP_URL, Reason.REDIRECT, 302, "http://portal/login")], "captive-portal"),  # a real portal
        ([http(HTTP_URL, Reason.PROXY_ERROR)], "check-failed"),  # a proxy error, but no 407
    ],
)
def test_around_the_condition(outs: list[Outcome], expected: str) -> None:
    assert [f.id for f in diagnose(without_http(healthy()) + outs).findings] == [expected]


def test_a_broken_transparent_proxy_is_not_a_portal() -> None:
    check = Check(id=f"http:{HTTP_URL}", kind=Kind.HTTP, target=HTTP_URL, url=HTTP_URL)
    empty = Outcome(check, Status.FAIL, Reason.PROXY_ERROR, 5.0, {"http_status": 200, "transparent_proxy": True})
    findings = diagnose(without_http(healthy()) + [empty]).findings
    assert [(f.id, f.severity) for f in findings] == [("transparent-proxy", Severity.WARN)]
    assert findings[0].params == {"urls": HTTP_URL}
