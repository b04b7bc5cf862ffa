"""Reporters: a built Report in, exact text out."""

from __future__ import annotations

import json

from netcheck.cli import FORMATS
from netcheck.model import Reason
from netcheck.reporters import REGISTRY, RenderOptions, terminal
from netcheck.reporters import json as json_reporter
from tests.helpers import GATEWAYS, healthy, report


def blocked_report():  # type: ignore[no-untyped-def]
    return report(healthy(**{f"{h}:{p}": Reason.TIMEOUT for h in GATEWAYS for p in (4000, 4001)}))


def test_format_choices_match_the_registry() -> None:
    assert set(FORMATS) == set(REGISTRY)


def test_json_has_the_documented_schema() -> None:
    doc = json.loads(json_reporter.render(blocked_report(), RenderOptions()))
    assert doc["schema"] == "netcheck/report/v1"
    assert doc["status"] == "fail" and doc["started_at"] == "2026-11-23T12:00:00Z" and doc["duration_ms"] == 1234
    (f,) = doc["findings"]
    assert set(f) >= {"id", "severity", "title", "remediation", "evidence", "checks"}
    assert f["id"] == "ports-blocked" and f["severity"] == "fail"
    assert f["title"] == "TCP ports 4000/4001 are blocked on this network: TWS cannot log in here"
    assert "phone hotspot" in f["remediation"]
    assert f["evidence"][0] == "ndc1.ibllc.com:4000 (198.51.100.10): timeout (20 ms)"
    check = next(c for c in doc["checks"] if c["id"] == "tcp:ndc1.ibllc.com:4001@198.51.100.10")
    assert check == {
        "id": "tcp:ndc1.ibllc.com:4001@198.51.100.10",
        "kind": "tcp",
        "target": "ndc1.ibllc.com:4001 (198.51.100.10)",
        "status": "fail",
        "reason": "timeout",
        "duration_ms": 20.0,
        "required": True,
        "region": "america-east",
        "detail": {},
    }
    assert {c["status"] for c in doc["checks"]} <= {"pass", "warn", "fail", "skip"}


def test_terminal_verbose_plain_text_puts_findings_first() -> None:
    text = terminal.render(blocked_report(), RenderOptions(color=False, verbose=True))
    lines = text.splitlines()
    assert lines[0] == "Not ready: TWS will likely not connect from here."
    assert lines[2] == "What is wrong and what to do"
    assert lines[4] == "  ✘ TCP ports 4000/4001 are blocked on this network: TWS cannot log in here  [ports-blocked]"
    assert "      · ndc1.ibllc.com:4000 (198.51.100.10): timeout (20 ms)" in lines
    assert "    ✘ ndc1.ibllc.com:4000 (198.51.100.10)  timeout  (20 ms)" in lines
    assert lines[-1] == "18 passed, 6 failed, 0 warnings, 1 skipped in 1.2 s"
    assert "\033[" not in text


def test_terminal_healthy_condenses_passing_lines_and_colours_on_request() -> None:
    text = terminal.render(report(healthy()), RenderOptions(color=True))
    assert text.startswith("\033[32;1mReady: TWS should connect from this network.\033[0m")
    assert "more passed (--verbose shows all)" in text
    verbose = terminal.render(report(healthy()), RenderOptions(color=False, verbose=True))
    assert "more passed" not in verbose
