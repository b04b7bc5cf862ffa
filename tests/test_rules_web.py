"""Diagnosis of the web path: proxy only, dead proxy, proxy refusing 4000/4001, TLS interception, clock."""

from __future__ import annotations

import email.utils
from typing import Any

from netcheck.diagnose import diagnose, overall
from netcheck.model import Check, Kind, Outcome, Reason, Severity, Status
from netcheck.rules.web import human, offset_s
from tests.helpers import GATEWAYS, HTTP_URL, WEB, healthy, http

PROXY = "198.51.100.1:8888"
NOW = 1_800_000_000.0


def proxy_out(
    mode: str, reason: Reason = Reason.OK, host: str = "", port: int = 0, role: str = "", **detail: Any
) -> Outcome:
    cid = f"proxy:{PROXY}" if mode == "reach" else f"proxy-connect:{PROXY}>{host}:{port}"
    params = {"mode": mode, "proxy": PROXY, "source": "HTTPS_PROXY", "role": role}
    check = Check(id=cid, kind=Kind.PROXY, target=cid, host=host, port=port, required=False, params=params)
    return Outcome(check, Status.PASS if reason is Reason.OK else Status.WARN, reason, 3.0, detail)


def tunnels(gateway_reason: Reason = Reason.PROXY_ERROR) -> list[Outcome]:
    err = {"error": "HTTP/1.0 403 Access violation"} if gateway_reason is Reason.PROXY_ERROR else {}
    return [
        proxy_out("reach"),
        proxy_out("connect", host="www.interactivebrokers.com", port=443, role="web"),
        proxy_out("connect", gateway_reason, "ndc1.ibllc.com", 4000, "gateway", **err),
        proxy_out("connect", gateway_reason, "ndc1.ibllc.com", 4001, "gateway", **err),
    ]


def tls_out(host: str, reason: Reason = Reason.OK, required: bool = True, **detail: Any) -> Outcome:
    check = Check(
        id=f"tls:{host}:443@{WEB[host]}",
        kind=Kind.TLS,
        target=host,
        host=host,
        port=443,
        address=WEB[host],
        required=required,
    )
    status = Status.PASS if reason is Reason.OK else (Status.FAIL if required else Status.WARN)
    return Outcome(check, status, reason, 40.0, detail)


def dated(skew: float) -> dict[str, Any]:
    """A probe's detail when the local clock is `skew` seconds ahead of the server's."""
    return {"server_date": email.utils.formatdate(NOW, usegmt=True), "local_time": NOW + skew}


def _all_direct_dropped() -> list[Outcome]:
    every = {f"{h}:{p}": Reason.TIMEOUT for h in GATEWAYS for p in (4000, 4001)}
    every.update({f"{h}:443": Reason.TIMEOUT for h in WEB})
    return healthy(**every)


def ids(outs: list[Outcome]) -> list[str]:
    return [f.id for f in diagnose(outs).findings]


def test_proxy_only_explains_every_direct_failure() -> None:
    findings = diagnose(_all_direct_dropped() + tunnels()).findings
    assert [f.id for f in findings] == ["proxy-only", "proxy-blocks-ports"]
    only, blocks = findings
    assert only.severity is Severity.FAIL and only.params["proxy"] == PROXY
    assert "ndc1.ibllc.com:4001" in only.params["pairs"] and "s3.amazonaws.com" not in only.params["pairs"]
    assert sum(c.startswith("tcp:") for c in only.checks) == len(GATEWAYS) * 2 + len(WEB)
    assert blocks.severity is Severity.FAIL and blocks.params["ports"] == "4000/4001"


def test_proxy_only_when_the_proxy_also_carries_gateways_is_still_proxy_only() -> None:
    assert ids(_all_direct_dropped() + tunnels(Reason.OK)) == ["proxy-only"]


def test_proxy_only_without_tunnel_check_but_http_via_proxy() -> None:
    outs = _all_direct_dropped() + [proxy_out("reach")]
    assert ids(outs) == ["proxy-only"]


def test_os_proxy_only_with_http_failing_is_not_no_internet() -> None:
    outs = [o for o in _all_direct_dropped() if o.check.kind is not Kind.HTTP] + [http(HTTP_URL, Reason.TIMEOUT)]
    outs = [o for o in outs if o.check.kind is not Kind.DNS_CROSS]
    assert ids(outs + tunnels()) == ["proxy-only", "proxy-blocks-ports"]


def test_without_proxy_the_same_picture_is_not_proxy_only() -> None:
    assert "proxy-only" not in ids(_all_direct_dropped())


def test_healthy_direct_path_with_443_only_proxy_is_a_warning_only() -> None:
    outs = healthy() + tunnels()
    findings = diagnose(outs).findings
    assert [(f.id, f.severity) for f in findings] == [("proxy-blocks-ports", Severity.WARN)]
    assert overall(findings, outs) is Status.WARN


def test_dead_proxy_with_working_direct_path_claims_the_http_failures() -> None:
    outs = [o for o in healthy() if o.check.kind is not Kind.HTTP]
    outs += [http(HTTP_URL, Reason.REFUSED), proxy_out("reach", Reason.REFUSED)]
    findings = diagnose(outs).findings
    assert [(f.id, f.severity) for f in findings] == [("proxy-unreachable", Severity.WARN)]
    assert f"http:{HTTP_URL}" in findings[0].checks and findings[0].params["source"] == "HTTPS_PROXY"
    assert overall(findings, outs) is Status.WARN


def test_tls_interception_names_the_issuer_and_claims_https_checks() -> None:
    bad = {"issuer": "Evil Corp Inspection CA", "verify_code": 20, "verify_error": "unable to get local issuer"}
    https = "https://connectivitycheck.gstatic.com/generate_204"
    outs = healthy() + [tls_out(h, Reason.TLS_UNTRUSTED, **bad) for h in WEB] + [http(https, Reason.TLS_UNTRUSTED)]
    (f,) = diagnose(outs).findings
    assert f.id == "tls-intercepted" and f.severity is Severity.FAIL
    assert f.params["issuer"] == "Evil Corp Inspection CA" and f"http:{https}" in f.checks


def test_only_optional_hosts_intercepted_is_a_warning() -> None:
    outs = healthy() + [tls_out("s3.amazonaws.com", Reason.TLS_UNTRUSTED, required=False, issuer="X", verify_code=62)]
    (f,) = diagnose(outs).findings
    assert f.id == "tls-intercepted" and f.severity is Severity.WARN


def test_clock_thresholds() -> None:
    for skew, expected in ((30, None), (-90, Severity.WARN), (3600, Severity.FAIL), (-400, Severity.FAIL)):
        outs = healthy() + [tls_out(h, **dated(skew)) for h in WEB]
        findings = diagnose(outs).findings
        got = findings[0].severity if findings else None
        assert got is expected, skew
        if findings:
            assert findings[0].id == "clock-skew" and findings[0].params["seconds"] == skew


def test_clock_uses_the_median_so_one_odd_server_does_not_decide() -> None:
    hosts = list(WEB)
    outs = healthy() + [tls_out(hosts[0], **dated(7200)), tls_out(hosts[1], **dated(2))]
    outs.append(http(HTTP_URL))
    outs[-1] = Outcome(outs[-1].check, Status.PASS, Reason.OK, 1.0, dated(1))
    assert ids(outs) == []


def test_expired_certificate_with_wrong_clock_is_clock_skew_not_interception() -> None:
    bad = {"issuer": "DigiCert", "verify_code": 10, "verify_error": "certificate has expired", **dated(-400 * 86400)}
    outs = healthy() + [tls_out(h, Reason.TLS_UNTRUSTED, **bad) for h in WEB]
    (f,) = diagnose(outs).findings
    assert f.id == "clock-skew" and f.params["offset"].startswith("-400 d")


def test_offset_and_human() -> None:
    assert offset_s(tls_out("s3.amazonaws.com", **dated(12.5))) == 12.5
    assert offset_s(tls_out("s3.amazonaws.com", server_date="garbage", local_time=1.0)) is None
    assert human(3725) == "+1:02:05" and human(-59) == "-0:00:59" and human(90000) == "+1 d 1:00:00"
