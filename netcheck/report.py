"""Pure: assemble the Report of a finished run, and the Report's own serialization (schema netcheck/report/v1).

The runner executes; this module decides nothing new either: diagnose() makes every decision once,
and to_dict() is the one serialization the JSON reporter, history and bundles share.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from netcheck import __version__
from netcheck.diagnose import RULES, diagnose
from netcheck.messages import Translator, finding_texts, translator
from netcheck.messages.catalog import SYMPTOMS
from netcheck.model import Finding, Outcome
from netcheck.redact import redact_value
from netcheck.report_model import HomeServer, Report
from netcheck.rules import Rule
from netcheck.schedule.model import Clock
from netcheck.tws.home import regions_with_home


@dataclass(frozen=True)
class RunFacts:
    """What the runner knows about the run besides its outcomes (clock, host lists, options, platform)."""

    started_at: str
    duration_ms: float
    host_lists: tuple[str, ...] = ()
    timeout_s: float = 0.0
    deadline_s: float = 0.0
    user_regions: tuple[str, ...] = ()
    home: HomeServer | None = None
    platform: str = ""
    python: str = ""
    clock: Clock | None = None  # the run's time and IBKR's schedule, for the schedule rules
    extra: Mapping[str, Any] = field(default_factory=dict)


def build(
    outcomes: Sequence[Outcome],
    interrupted: bool,
    stop_reason: str | None,
    run: RunFacts,
    rules: Sequence[Rule] = RULES,
) -> Report:
    regions = regions_with_home(run.user_regions, run.home)
    meta = {
        "version": __version__,
        "host_lists": list(run.host_lists),
        "platform": run.platform,
        "python": run.python,
        "timeout_s": run.timeout_s,
        "deadline_s": run.deadline_s,
        "stop_reason": stop_reason,
        **run.extra,
    }
    return Report(
        started_at=run.started_at,
        duration_ms=run.duration_ms,
        outcomes=tuple(outcomes),
        diagnosis=diagnose(outcomes, regions, run.home, interrupted, rules, run.clock),
        interrupted=interrupted,
        meta=meta,
    )


def to_dict(report: Report, tr: Translator | None = None) -> dict[str, Any]:
    """Redacted as a whole: ids, targets and evidence quote URLs, which may carry credentials or tokens."""
    doc: dict[str, Any] = redact_value(_document(report, tr or translator()))
    return doc


def _document(report: Report, tr: Translator) -> dict[str, Any]:
    d = report.diagnosis
    return {
        "schema": report.schema,
        "status": report.status.value,
        "started_at": report.started_at,
        "duration_ms": round(report.duration_ms),
        "interrupted": report.interrupted,
        "findings": [_finding(f, tr) for f in report.findings],
        "checks": [_check(o) for o in report.outcomes],
        "allow_list": [e.as_dict() for e in d.allow_list],
        "meta": {
            **report.meta,
            "home_server": d.home.as_dict() if d.home else None,
            "regions": [r.as_dict() for r in d.regions],
        },
        "summary": d.summary.as_dict(),
    }


def _finding(f: Finding, tr: Translator) -> dict[str, Any]:
    title, remediation, admin = finding_texts(f, tr)
    return {
        "id": f.id,
        "severity": f.severity.value,
        "title": title,
        "remediation": remediation,
        "admin": admin,
        "evidence": list(f.evidence),
        "checks": list(f.checks),
        "symptoms": [{"id": k, "text": tr.gettext(SYMPTOMS[k])} for k in f.symptoms],
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
        "detail": dict(o.detail),
    }
