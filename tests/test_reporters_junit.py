"""JUnit reporter: parsed back with xml.etree, the way CI servers read it."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from netcheck.model import Reason
from netcheck.reporters import RenderOptions, junit
from tests.helpers import GATEWAYS, cross, healthy, report

BLOCKED = {f"{h}:{p}": Reason.TIMEOUT for h in GATEWAYS for p in (4000, 4001)}


def parse(rep) -> ET.Element:  # type: ignore[no-untyped-def]
    text = junit.render(rep, RenderOptions())
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode())


def test_one_testcase_per_check_with_totals() -> None:
    rep = report(healthy(**BLOCKED))
    root = parse(rep)
    assert root.tag == "testsuites" and root.get("timestamp") == "2026-11-23T12:00:00Z"
    cases = root.findall("./testsuite/testcase")
    assert sorted(c.get("name") or "" for c in cases) == sorted(o.check.id for o in rep.outcomes)
    assert (root.get("tests"), root.get("failures"), root.get("skipped"), root.get("errors")) == ("25", "6", "1", "0")
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["local", "http", "dns", "dns-cross", "tcp"]
    assert suites["tcp"].get("tests") == "8" and suites["tcp"].get("failures") == "6"
    assert sum(int(s.get("tests", "0")) for s in suites.values()) == 25
    assert float(root.get("time", "0")) == 1.234


def test_failures_carry_the_finding_and_its_remediation() -> None:
    root = parse(report(healthy(**BLOCKED)))
    case = root.find("./testsuite/testcase[@name='tcp:ndc1.ibllc.com:4001@198.51.100.10']")
    assert case is not None and case.get("classname") == "netcheck.tcp" and case.get("time") == "0.020"
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "timeout"
    assert failure.get("message") == "TCP ports 4000/4001 are blocked on this network: TWS cannot log in here"
    assert "phone hotspot" in (failure.text or "") and "For IT: Outbound TCP 4000/4001" in (failure.text or "")
    assert "ports-blocked" in (root.findtext("system-out") or "")
    ok = root.find("./testsuite/testcase[@name='tcp:www.interactivebrokers.com:443@203.0.113.40']")
    assert ok is not None and list(ok) == []


def test_skipped_and_warned_checks() -> None:
    outs = healthy()
    outs[outs.index(next(o for o in outs if o.check.kind.value == "dns-cross"))] = cross(
        "ndc1.ibllc.com", "203.0.113.153", reason=Reason.NXDOMAIN
    )
    root = parse(report(outs))
    skipped = root.find("./testsuite/testcase[@name='local:route:ipv6']/skipped")
    assert skipped is not None and "not-applicable" in (skipped.get("message") or "")
    warned = root.find("./testsuite/testcase[@name='dns-cross:ndc1.ibllc.com@203.0.113.153']")
    assert warned is not None and warned.find("failure") is None
    assert (warned.findtext("system-out") or "").startswith("WARN ")
    assert root.get("failures") == "0"


def test_control_characters_and_credentials_do_not_break_or_leak() -> None:
    rep = report(healthy(**BLOCKED))
    bad = next(o for o in rep.outcomes if o.status.value == "fail")
    evil = dataclasses.replace(bad, detail={"error": "boom\x00\x1b[31m http://bob:s3cret@proxy.example:8080 <&>"})
    no_findings = dataclasses.replace(rep.diagnosis, findings=())
    rep = dataclasses.replace(rep, outcomes=tuple(evil if o is bad else o for o in rep.outcomes), diagnosis=no_findings)
    text = junit.render(rep, RenderOptions())
    root = ET.fromstring(text.encode())  # would raise on a raw NUL or ESC
    failure = root.find(f"./testsuite/testcase[@name='{bad.check.id}']/failure")
    assert failure is not None and "<&>" in (failure.text or "")
    assert "s3cret" not in text and "bob" not in text
