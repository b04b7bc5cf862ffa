"""JUnit XML: one testcase per check, grouped in one testsuite per kind; findings explain the failures."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from netcheck.details import explanation
from netcheck.messages import finding_texts, label
from netcheck.model import Finding, Outcome, Status
from netcheck.redact import redact
from netcheck.report_model import Report, Summary
from netcheck.reporters.base import RenderOptions

# XML 1.0 forbids most control characters; error texts from sockets or servers can contain them
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(report: Report, opts: RenderOptions) -> str:
    root = ET.Element("testsuites", _totals(report.diagnosis.summary, report.duration_ms, name="netcheck"))
    root.set("timestamp", report.started_at)
    by_check = _findings_by_check(report.findings)
    for kind, outs in _by_kind(report.outcomes).items():
        n = report.diagnosis.by_kind[kind]
        suite = ET.SubElement(root, "testsuite", _totals(n, sum(o.duration_ms for o in outs), name=kind))
        suite.set("timestamp", report.started_at)
        for o in outs:
            _testcase(suite, o, by_check.get(o.check.id, []), opts)
    ET.SubElement(root, "system-out").text = _clean(_findings_text(report.findings, opts))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _testcase(suite: ET.Element, o: Outcome, findings: list[Finding], opts: RenderOptions) -> None:
    case = ET.SubElement(suite, "testcase", name=_clean(o.check.id), classname=f"netcheck.{o.check.kind.value}")
    case.set("time", f"{o.duration_ms / 1000:.3f}")
    why = _clean(_why(o))
    if o.status is Status.FAIL:
        title = finding_texts(findings[0], opts.tr)[0] if findings else why
        failure = ET.SubElement(case, "failure", message=_clean(title), type=o.reason.value)
        failure.text = _clean(_findings_text(findings, opts) or why)
    elif o.status is Status.SKIP:
        ET.SubElement(case, "skipped", message=why)
    elif o.status is Status.WARN:  # JUnit has no warnings: a passing case that says so
        ET.SubElement(case, "system-out").text = _clean(f"WARN {why}\n{_findings_text(findings, opts)}".strip())


def _why(o: Outcome) -> str:
    extra = explanation(o)
    return f"{o.check.target}: {o.reason.value}" + (f" — {extra}" if extra else "")


def _findings_text(findings: list[Finding] | tuple[Finding, ...], opts: RenderOptions) -> str:
    blocks = []
    for f in findings:
        title, remediation, admin = finding_texts(f, opts.tr)
        evidence = "".join(f"\n  · {e}" for e in f.evidence)
        blocks.append(
            f"[{f.severity.value}] {title} ({f.id})\n{remediation}\n{label('for_it', opts.tr)}: {admin}{evidence}"
        )
    return "\n\n".join(blocks)


def _findings_by_check(findings: tuple[Finding, ...]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in findings:
        for cid in f.checks:
            out.setdefault(cid, []).append(f)
    return out


def _by_kind(outcomes: tuple[Outcome, ...]) -> dict[str, list[Outcome]]:
    groups: dict[str, list[Outcome]] = {}
    for o in outcomes:
        groups.setdefault(o.check.kind.value, []).append(o)
    return groups


def _totals(n: Summary, ms: float, name: str) -> dict[str, str]:
    return {
        "name": name,
        "tests": str(n.checks),
        "failures": str(n.failed),
        "errors": "0",
        "skipped": str(n.skipped),
        "time": f"{ms / 1000:.3f}",
    }


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", redact(text))
