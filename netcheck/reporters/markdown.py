"""Markdown for a support ticket: result, findings with remediation and IT detail, the check table, environment."""

from __future__ import annotations

from netcheck import allowlist
from netcheck.details import explanation
from netcheck.messages import finding_texts, label, status_word, summary
from netcheck.messages.catalog import SYMPTOMS
from netcheck.model import Finding, Outcome, Status
from netcheck.redact import redact
from netcheck.report_model import Report
from netcheck.reporters.base import RenderOptions

_META_KEYS = ("version", "platform", "python", "host_lists", "timeout_s", "deadline_s", "stop_reason")


def render(report: Report, opts: RenderOptions) -> str:
    tr = opts.tr
    lines = [f"# {label('md_title', tr)}", ""]
    verdict = f"{status_word(report.status.value, tr)} — {summary(report.status.value, tr)}"
    lines += [f"- **{label('md_status', tr)}:** {verdict}"]
    lines += [f"- **{label('md_started', tr)}:** {report.started_at} ({report.duration_ms / 1000:.1f} s)", ""]
    if report.interrupted:
        lines += [f"> {label('interrupted', tr, why=report.meta.get('stop_reason', 'deadline'))}", ""]
    lines += [f"## {label('findings', tr)}", ""]
    lines += [ln for f in report.findings for ln in _finding(f, opts)] or [label("md_no_findings", tr), ""]
    lines += _allow(report, opts)
    lines += [f"## {label('checks', tr)}", "", *_table(report.outcomes, opts), ""]
    lines += [f"## {label('md_environment', tr)}", "", *_meta(report)]
    return redact("\n".join(lines)) + "\n"


def _finding(f: Finding, opts: RenderOptions) -> list[str]:
    title, remediation, admin = finding_texts(f, opts.tr)
    out = [f"### {status_word(f.severity.value, opts.tr)}: {_inline(title)} (`{f.id}`)", ""]
    shows = [opts.tr.gettext(SYMPTOMS[k]) for k in f.symptoms]
    if shows:
        out += [f"**{label('tws_shows', opts.tr)}:** " + "; ".join(shows), ""]
    out += [remediation, ""]
    out += [f"**{label('for_it', opts.tr)}:** {admin}", ""]
    if f.evidence:
        out += [f"{label('md_evidence', opts.tr)}:", ""] + [f"- `{_code(e)}`" for e in f.evidence] + [""]
    return out


def _allow(report: Report, opts: RenderOptions) -> list[str]:
    entries = report.diagnosis.allow_list
    if not entries:
        return []
    head = [f"## {label('allow_heading', opts.tr)}", "", label("allow_intro", opts.tr), ""]
    return head + [f"- `{_code(ln)}`" for ln in allowlist.lines(entries)] + [""]


def _table(outcomes: tuple[Outcome, ...], opts: RenderOptions) -> list[str]:
    cols = ("md_col_check", "md_col_status", "md_col_reason", "md_col_ms", "md_col_detail")
    head = "| " + " | ".join(label(c, opts.tr) for c in cols) + " |"
    rows = [head, "|---|---|---|--:|---|"]
    # problems first: the reader of a ticket looks for them
    for o in sorted(outcomes, key=lambda o: o.status is Status.PASS):
        detail = explanation(o)
        cells = (
            f"`{_code(o.check.id)}`",
            status_word(o.status.value, opts.tr),
            o.reason.value,
            f"{o.duration_ms:.0f}",
            _cell(str(detail)),
        )
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _meta(report: Report) -> list[str]:
    return [f"- {k}: `{_code(str(report.meta[k]))}`" for k in _META_KEYS if report.meta.get(k) not in (None, "")]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _inline(text: str) -> str:
    return text.replace("\n", " ")


def _code(text: str) -> str:
    return _cell(text).replace("`", "'")
