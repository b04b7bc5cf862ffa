"""The typed seam over Outcome.detail and Check.params: what probes write, rules read as typed values."""

from __future__ import annotations

from netcheck import details
from netcheck.model import Check, Kind, Outcome, Reason, Status
from tests.helpers import dns, tcp


def _out(kind: Kind, detail: dict[str, object], **params: object) -> Outcome:
    return Outcome(Check(id="x", kind=kind, target="x", params=params), Status.PASS, Reason.OK, 1.0, detail)


def test_tcp_reads_what_the_engine_merges_in() -> None:
    o = _out(Kind.TCP, {"address": "198.51.100.10", "port": 4001, "rtt_ms": 31.5, "attempts": 3, "lost": 2})
    assert details.tcp(o) == details.TcpDetail("198.51.100.10", 4001, "", 31.5, 3, 2, False)
    assert details.tcp(_out(Kind.TCP, {})) == details.TcpDetail()  # no rtt: not answered, one attempt


def test_odd_values_become_defaults_never_errors() -> None:
    o = _out(Kind.TLS, {"verify_code": "ten", "local_time": True, "issuer": None, "http_status": 200.0})
    w = details.web(o)
    assert (w.verify_code, w.local_time, w.issuer, w.http_status) == (None, None, "", 200)
    assert details.dns(_out(Kind.DNS, {"addresses": "203.0.113.1"})).addresses == ()  # not a list


def test_dns_and_explanation() -> None:
    o = dns("s3.amazonaws.com", "resolver", reason=Reason.OK, addresses=["203.0.113.41"])
    assert details.dns(o).addresses == ("203.0.113.41",)
    assert details.params(o.check).path == "resolver"
    assert details.explanation(_out(Kind.MACHINE, {"why": "none"})) == "none"
    assert details.explanation(_out(Kind.TCP, {"error": "EACCES", "why": "x"})) == "EACCES"


def test_params_of_proxy_and_tcp_checks() -> None:
    p = details.params(_out(Kind.PROXY, {}, mode="connect", role="gateway", proxy="198.51.100.5:3128").check)
    assert (p.mode, p.role, p.proxy, p.source, p.port) == ("connect", "gateway", "198.51.100.5:3128", "", None)
    t = tcp("ndc1.ibllc.com", 4001, "198.51.100.10")
    assert details.params(t.check).purpose == t.check.params.get("purpose", "")
