"""JSON reporter: the documented, versioned machine format (schema netcheck/report/v1)."""

from __future__ import annotations

import json
from typing import Any

from netcheck import allowlist, symptoms
from netcheck.messages import finding_texts
from netcheck.messages.catalog import SYMPTOMS
from netcheck.model import Finding, Outcome, Report
from netcheck.redact import redact_value
from netcheck.reporters.base import RenderOptions


def render(report: Report, opts: RenderOptions) -> str:
    return json.dumps(to_dict(report, opts), indent=2, ensure_ascii=False) + "\n"


def to_dict(report: Report, opts: RenderOptions) -> dict[str, Any]:
    """Redacted as a whole: ids, targets and evidence quote URLs, which may carry credentials or tokens."""
    doc: dict[str, Any] = redact_value(_document(report, opts))
    return doc


def _document(report: Report, opts: RenderOptions) -> dict[str, Any]:
    return {
        "schema": report.schema,
        "status": report.status.value,
        "started_at": report.started_at,
        "duration_ms": round(report.duration_ms),
        "interrupted": report.interrupted,
        "findings": [_finding(f, opts, report) for f in report.findings],
        "checks": [_check(o) for o in report.outcomes],
        "allow_list": [e.as_dict() for e in allowlist.allow_list(report)],
        "meta": redact_value(dict(report.meta)),
    }


def _finding(f: Finding, opts: RenderOptions, report: Report) -> dict[str, Any]:
    title, remediation, admin = finding_texts(f, opts.tr)
    return {
        "id": f.id,
        "severity": f.severity.value,
        "title": title,
        "remediation": remediation,
        "admin": admin,
        "evidence": list(f.evidence),
        "checks": list(f.checks),
        "symptoms": [{"id": k, "text": opts.tr.gettext(SYMPTOMS[k])} for k in symptoms.for_finding(f, report)],
    }


def _check(o: Outcome) -> dict[str, Any]:
    c = o.check
    return {
        "id": c.id,
        "kind": c.kind.value,
        "target": c.target,
        "status": o.status.value,
        "reason": o.reason.value,
        "duration_ms": round(o.duration_ms, 1),
        "required": c.required,
        "region": c.region or None,
        "detail": redact_value(dict(o.detail)),
    }
