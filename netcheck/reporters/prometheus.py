"""Prometheus text exposition for node_exporter's textfile collector: gauges describing this one run."""

from __future__ import annotations

from datetime import datetime

from netcheck.model import Status
from netcheck.redact import redact
from netcheck.report_model import Report
from netcheck.reporters.base import RenderOptions

# Gauges, not counters: each run replaces the file, so every value is "as of the last run".
_HELP = {
    "netcheck_run_timestamp_seconds": "Unix time the last netcheck run started.",
    "netcheck_run_duration_seconds": "How long the last run took.",
    "netcheck_run_success": "1 if the last run passed or only warned, else 0.",
    "netcheck_run_status": "1 for the last run's status (pass, warn, fail), 0 for the others.",
    "netcheck_run_interrupted": "1 if the last run was cut short by its deadline or a signal.",
    "netcheck_check_success": "1 if the check passed in the last run, else 0.",
    "netcheck_check_skipped": "1 if the check was skipped in the last run (dependency, deadline, not applicable).",
    "netcheck_check_duration_seconds": "How long the check took in the last run.",
    "netcheck_finding": "1 for each root-cause finding of the last run, labelled by id and severity.",
    "netcheck_findings": "Number of findings in the last run.",
}


def render(report: Report, opts: RenderOptions) -> str:
    samples: dict[str, list[str]] = {name: [] for name in _HELP}

    def add(name: str, value: float, **labels: str) -> None:
        samples[name].append(f"{name}{_labels(labels)} {_num(value)}")

    add("netcheck_run_timestamp_seconds", _epoch(report.started_at))
    add("netcheck_run_duration_seconds", report.duration_ms / 1000)
    add("netcheck_run_success", float(report.status is not Status.FAIL))
    for st in ("pass", "warn", "fail"):
        add("netcheck_run_status", float(report.status.value == st), status=st)
    add("netcheck_run_interrupted", float(report.interrupted))
    for o in report.outcomes:
        c = o.check
        ids = {"check": c.id, "kind": c.kind.value, "target": c.target, "region": c.region}
        add("netcheck_check_success", float(o.status is Status.PASS), **ids)
        add("netcheck_check_skipped", float(o.status is Status.SKIP), **ids)
        add("netcheck_check_duration_seconds", o.duration_ms / 1000, **ids)
    for f in report.findings:
        add("netcheck_finding", 1, id=f.id, severity=f.severity.value)
    add("netcheck_findings", report.diagnosis.summary.findings)
    lines: list[str] = []
    for name, rows in samples.items():
        if rows:
            lines += [f"# HELP {name} {_HELP[name]}", f"# TYPE {name} gauge", *rows]
    return "\n".join(lines) + "\n"


def _labels(labels: dict[str, str]) -> str:
    if not labels:
        return ""
    return "{" + ",".join(f'{k}="{_escape(v)}"' for k, v in labels.items()) + "}"


def _escape(value: str) -> str:
    value = redact(value)  # check ids and targets quote URLs, which may carry a token
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _num(value: float) -> str:
    return repr(float(value)) if value != int(value) else str(int(value))


def _epoch(iso: str) -> float:
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return 0.0
