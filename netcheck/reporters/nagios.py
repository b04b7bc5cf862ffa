"""Nagios / Icinga plugin output: one status line with perfdata; findings as the plugin's long text."""

from __future__ import annotations

from netcheck.messages import finding_texts, label, summary
from netcheck.model import Status
from netcheck.redact import redact
from netcheck.report_model import Report
from netcheck.reporters.base import RenderOptions

OK, WARNING, CRITICAL, UNKNOWN = 0, 1, 2, 3
_WORD = {OK: "OK", WARNING: "WARNING", CRITICAL: "CRITICAL", UNKNOWN: "UNKNOWN"}
_STATE = {Status.PASS: OK, Status.WARN: WARNING, Status.FAIL: CRITICAL}


def state(report: Report) -> int:
    """The plugin state, which is also the exit code under --format nagios (runner.exit_code asks here)."""
    if report.interrupted:
        return UNKNOWN  # a partial run proves nothing either way
    return _STATE.get(report.status, UNKNOWN)


def render(report: Report, opts: RenderOptions) -> str:
    st = state(report)
    text = summary(report.status.value, opts.tr) if report.status.value in ("pass", "warn", "fail") else ""
    if report.findings:
        text += " " + finding_texts(report.findings[0], opts.tr)[0]
    if report.interrupted:
        text = label("interrupted", opts.tr, why=report.meta.get("stop_reason", "deadline")) + " " + text
    line = f"NETCHECK {_WORD[st]} - {_safe(text)} | {_perfdata(report)}"
    long_text = [_safe(f"[{f.severity.value}] {finding_texts(f, opts.tr)[0]} ({f.id})") for f in report.findings]
    return "\n".join([line, *long_text]) + "\n"


def _perfdata(report: Report) -> str:
    n = report.diagnosis.summary
    total = n.checks
    fields = [
        f"checks={total};;;0",
        f"passed={n.passed};;;0;{total}",
        f"failed={n.failed};;1;0;{total}",
        f"warnings={n.warned};1;;0;{total}",
        f"skipped={n.skipped};;;0;{total}",
        f"findings={n.findings};;;0",
        f"duration={report.duration_ms / 1000:.3f}s;;;0",
    ]
    return " ".join(fields)


def _safe(text: str) -> str:
    """A '|' would start the perfdata early; newlines would end the status line."""
    return redact(text).replace("|", "/").replace("\n", " ").strip()
